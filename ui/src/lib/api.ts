// The UI's only way to the core: one typed function per command. In the desktop app the call
// goes through Tauri's invoke; in the end-to-end tests through the loopback test server, which
// calls the same Rust functions. Types come from ./typer (generated from Rust by ts-rs).
import type { AndraArg } from './typer/AndraArg';
import type { Dokumentpost } from './typer/Dokumentpost';
import type { Dokumentvy } from './typer/Dokumentvy';
import type { ExempelArg } from './typer/ExempelArg';
import type { Exempelval } from './typer/Exempelval';
import type { ExportArg } from './typer/ExportArg';
import type { Exportresultat } from './typer/Exportresultat';
import type { IdArg } from './typer/IdArg';
import type { Kommandofel } from './typer/Kommandofel';
import type { ListaArg } from './typer/ListaArg';
import type { Mallval } from './typer/Mallval';
import type { NyttDokumentArg } from './typer/NyttDokumentArg';
import type { PostArg } from './typer/PostArg';
import type { RegistreradVersion } from './typer/RegistreradVersion';
import type { SokvagArg } from './typer/SokvagArg';
import type { AterstallArg } from './typer/AterstallArg';
import type { Arsskiftesvy } from './typer/Arsskiftesvy';
import type { PortfoljArg } from './typer/PortfoljArg';
import type { PortfoljExportArg } from './typer/PortfoljExportArg';
import type { Portfoljvy } from './typer/Portfoljvy';
import type { NastaArArg } from './typer/NastaArArg';
import type { Importrapport } from './typer/Importrapport';
import type { OrdimportArg } from './typer/OrdimportArg';
import type { Ordimportresultat } from './typer/Ordimportresultat';
import type { Installningar } from './typer/Installningar';
import type { Sakerhetskopior } from './typer/Sakerhetskopior';
import type { SparaVersionArg } from './typer/SparaVersionArg';
import type { VersionArg } from './typer/VersionArg';
import type { DelArg } from './typer/DelArg';
import type { SammanfogaArg } from './typer/SammanfogaArg';
import type { Sammanfogning } from './typer/Sammanfogning';
import type { Sammanfogningsvy } from './typer/Sammanfogningsvy';
import type { Versionsvy } from './typer/Versionsvy';

/** A command's refusal, with the core's Swedish message. */
export class Fel extends Error {
  constructor(readonly fel: Kommandofel) {
    super(fel.meddelande);
  }
  get kod() {
    return this.fel.kod;
  }
  get falt() {
    return this.fel.falt;
  }
}

export function arTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

function somKommandofel(e: unknown): Kommandofel {
  if (e && typeof e === 'object' && 'kod' in e && 'meddelande' in e) return e as Kommandofel;
  return { kod: 'databas', meddelande: `Oväntat fel: ${String(e)}`, falt: null };
}

async function anropa<T>(kommando: string, arg: object): Promise<T> {
  if (arTauri()) {
    const { invoke } = await import('@tauri-apps/api/core');
    try {
      return await invoke<T>(kommando, { arg });
    } catch (e) {
      throw new Fel(somKommandofel(e));
    }
  }
  let svar: Response;
  try {
    svar = await fetch(`/api/${kommando}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(arg),
    });
  } catch (e) {
    throw new Fel(somKommandofel(e));
  }
  const data = await svar.json();
  if (!svar.ok) throw new Fel(somKommandofel(data));
  return data as T;
}

export const api = {
  mallar: () => anropa<Mallval[]>('mallar', {}),
  dokumentlista: () => anropa<Dokumentpost[]>('dokumentlista', {}),
  skapaDokument: (arg: NyttDokumentArg) => anropa<Dokumentvy>('skapa_dokument', arg),
  exempel: () => anropa<Exempelval[]>('exempel', {}),
  oppnaExempel: (arg: ExempelArg = { namn: null }) => anropa<Dokumentvy>('oppna_exempel', arg),
  importera: (arg: SokvagArg) => anropa<Dokumentvy>('importera', arg),
  hamtaDokument: (arg: IdArg) => anropa<Dokumentvy>('hamta_dokument', arg),
  andra: (arg: AndraArg) => anropa<Dokumentvy>('andra', arg),
  laggTillPost: (arg: ListaArg) => anropa<Dokumentvy>('lagg_till_post', arg),
  dupliceraPost: (arg: PostArg) => anropa<Dokumentvy>('duplicera_post', arg),
  angra: (arg: IdArg) => anropa<Dokumentvy>('angra', arg),
  gorOm: (arg: IdArg) => anropa<Dokumentvy>('gor_om', arg),
  sparaVersion: (arg: SparaVersionArg) => anropa<Dokumentvy>('spara_version', arg),
  versioner: (arg: IdArg) => anropa<RegistreradVersion[]>('versioner', arg),
  visaVersion: (arg: VersionArg) => anropa<Versionsvy>('visa_version', arg),
  exportera: (arg: ExportArg) => anropa<Exportresultat>('exportera', arg),
  sakerhetskopior: () => anropa<Sakerhetskopior>('sakerhetskopior', {}),
  sakerhetskopiera: () => anropa<Sakerhetskopior>('sakerhetskopiera', {}),
  aterstallSakerhetskopia: (arg: AterstallArg) => anropa<Sakerhetskopior>('aterstall_sakerhetskopia', arg),
  sparaInstallningar: (arg: Installningar) => anropa<Sakerhetskopior>('spara_installningar', arg),
  forhandsgranskaNastaAr: (arg: NastaArArg) => anropa<Arsskiftesvy>('forhandsgranska_nasta_ar', arg),
  skapaNastaAr: (arg: NastaArArg) => anropa<Dokumentvy>('skapa_nasta_ar', arg),
  forhandsgranskaWord: (arg: OrdimportArg) => anropa<Importrapport>('forhandsgranska_word', arg),
  importeraWord: (arg: OrdimportArg) => anropa<Ordimportresultat>('importera_word', arg),
  forhandsgranskaSammanfogning: (arg: DelArg) => anropa<Sammanfogningsvy>('forhandsgranska_sammanfogning', arg),
  sammanfoga: (arg: SammanfogaArg) => anropa<Dokumentvy>('sammanfoga', arg),
  sammanfogningar: (arg: IdArg) => anropa<Sammanfogning[]>('sammanfogningar', arg),
  lamnaUtDel: (arg: DelArg) => anropa<Exportresultat>('lamna_ut_del', arg),
  oppnaPortfolj: (arg: PortfoljArg) => anropa<Portfoljvy>('oppna_portfolj', arg),
  exporteraPortfolj: (arg: PortfoljExportArg) => anropa<Exportresultat>('exportera_portfolj', arg),
};
