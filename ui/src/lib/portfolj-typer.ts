// The portfolio commands' types as agreed with the core (brief portfolj-granssnitt.md), until
// ts-rs generates them into ./typer from the core's branch; then this file goes.
import type { Exportformat } from './typer/Exportformat';

export type Insatsstatus = 'foreslagen' | 'pagaende';

export type Portfoljfilter = {
  leverantorer: string[];
  ar: number[];
  tjanster: string[];
  kundgrupper: string[];
  status: Insatsstatus[];
  fritext: string;
};

export type PortfoljArg = { dokument: number[]; filter: Portfoljfilter };

export type PortfoljExportArg = { dokument: number[]; filter: Portfoljfilter; format: Exportformat; sokvag: string };

export type Beloppsvisning = { kronor: number | null; visning: string };

export type Portfoljdokument = { id: number; organisation: string; analysar: number; fel: number; varningar: number };

export type Filterval = { leverantorer: string[]; ar: number[]; tjanster: string[]; kundgrupper: string[] };

export type Portfoljinsats = {
  dokument_id: number;
  insats_id: string;
  leverantor: string;
  analysar: number;
  status: Insatsstatus;
  namn: string;
  tjanster: string[];
  kundgrupp: string;
  intern_extern: string | null;
  effektivitet_innovation: string | null;
  projektbudget: Beloppsvisning;
};

export type Summapost = { etikett: string; belopp: Beloppsvisning; antal: number };

export type Portfoljsummor = { per_bastjanst: Summapost[]; per_leverantor: Summapost[]; per_kundgrupp: Summapost[]; per_ar: Summapost[]; totalt: Summapost };

export type Datatabell = { kolumner: string[]; rader: string[][] };

export type Diagramvy = { id: string; titel: string; alt_text: string; svg: string; tabell: Datatabell };

export type Portfoljvy = {
  dokument: Portfoljdokument[];
  filterval: Filterval;
  insatser: Portfoljinsats[];
  summor: Portfoljsummor;
  diagram: Diagramvy[];
};
