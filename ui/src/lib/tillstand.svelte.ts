// The open document and what the user is doing with it. Every change goes to the core; the
// answer (a whole Dokumentvy) replaces what is shown, so totals and findings are always the
// core's. "Sparat" is shown only after the core has committed the edit.
import { api, Fel } from './api';
import type { Andring } from './typer/Andring';
import type { Bildkalla } from './typer/Bildkalla';
import type { Dokumentvy } from './typer/Dokumentvy';
import type { Sammanstallningsvy } from './typer/Sammanstallningsvy';

export type Sparstatus = 'inget' | 'sparar' | 'sparat' | 'fel';

/** Long work under way: what it is doing, and the number a cancel names it by. */
export interface Pagaende {
  text: string;
  nummer: number;
  avbrytbart: boolean;
  /** The user has cancelled; the core stops at its next step. */
  avbryts: boolean;
}

/**
 * Numbers for long work, unique within the running core: a reloaded page starts elsewhere, so a
 * cancel from before the reload cannot hit new work.
 */
let nastaArbete = Math.floor(Math.random() * 2 ** 30);

class Tillstand {
  vy = $state<Dokumentvy | null>(null);
  sparstatus = $state<Sparstatus>('inget');
  meddelande = $state('');
  /** Refusals per field path, shown beside the field until it is edited again. */
  faltfel = $state<Record<string, string>>({});
  /** The section or view shown: a section number, or 'meta', 'katalog', 'versioner', 'export', 'nasta-ar'. */
  valt = $state('meta');
  /** A field to focus once the chosen view has rendered. */
  fokus = $state<string | null>(null);
  /** Deleted element kept for "Ångra borttagning" (an undo of the last edit). */
  senastBorttagen = $state<string | null>(null);
  /** The analyses opened together as a portfolio (shown when no document is open). */
  portfolj = $state<number[] | null>(null);
  /** The tjänsteplaner opened as the ekonomisk sammanställning, and the core's table over them. */
  sammanstallning = $state<{ dokument: number[]; vy: Sammanstallningsvy } | null>(null);
  /** Long work running beside the edits (an export, a Word import). */
  pagaende = $state<Pagaende[]>([]);
  /** What the last long work ended with, shown until the next one starts. */
  arbetsbesked = $state('');
  /** A document made from the first start's choice: its first step is shown in it once. */
  forstaSteg = $state(false);
  /** The user guide shown over everything else: a page and the heading to open it at. */
  hjalp = $state<{ sida: string; ankare: string | null } | null>(null);
  private ko: Promise<unknown> = Promise.resolve();

  oppna(vy: Dokumentvy) {
    this.vy = vy;
    this.sparstatus = 'inget';
    this.meddelande = '';
    this.faltfel = {};
    this.valt = 'meta';
  }

  stang() {
    this.vy = null;
    this.forstaSteg = false;
  }

  /** Shows a stored document by id (a file the operating system opened with Underlag). */
  async visaDokument(id: number) {
    try {
      this.portfolj = null;
      this.sammanstallning = null;
      this.oppna(await api.hamtaDokument({ id }));
    } catch (e) {
      this.sparstatus = 'fel';
      this.meddelande = e instanceof Fel ? e.message : String(e);
    }
  }

  /**
   * Opens the guide: at `sida` when given, otherwise where the core says the user is (the open
   * document's kind and the section or view shown, or the start page).
   */
  async visaHjalp(sida?: string) {
    if (this.hjalp) return;
    if (sida) {
      this.hjalp = { sida, ankare: null };
      return;
    }
    const vy = this.vy;
    this.hjalp = await api.hjalpFor({ dokumenttyp: vy?.formular.dokumenttyp ?? null, vy: vy ? this.valt : '' });
  }

  stangHjalp() {
    this.hjalp = null;
  }

  /**
   * Runs long work (an export, an import) beside the edit queue, shown with a progress
   * indicator in the status bar wherever the user goes meanwhile; typing goes on, and each
   * edit is saved in turn. `klart` words the result for the status bar. Work that takes a
   * number (`arbete(nummer)` sends it with its command) gets an "Avbryt" button.
   */
  async langt<T>(
    text: string,
    arbete: (nummer: number) => Promise<T>,
    klart: (svar: T) => string,
    avbrytbart = false,
  ): Promise<T> {
    const nummer = nastaArbete++;
    this.pagaende = [...this.pagaende, { text, nummer, avbrytbart, avbryts: false }];
    this.arbetsbesked = '';
    try {
      const svar = await arbete(nummer);
      this.arbetsbesked = klart(svar);
      return svar;
    } catch (e) {
      this.arbetsbesked =
        e instanceof Fel && e.kod === 'avbrutet'
          ? e.message
          : `${text.replace(/ …$/, '')} blev inte klart: ${e instanceof Error ? e.message : String(e)}`;
      throw e;
    } finally {
      this.pagaende = this.pagaende.filter((p) => p.nummer !== nummer);
    }
  }

  /** The user's "Avbryt": the core stops the work at its next step, and it writes nothing. */
  async avbryt(p: Pagaende) {
    if (!p.avbrytbart || p.avbryts) return;
    this.pagaende = this.pagaende.map((q) => (q.nummer === p.nummer ? { ...q, avbryts: true } : q));
    try {
      await api.avbrytArbete({ arbete: p.nummer });
    } catch (e) {
      this.arbetsbesked = `Det gick inte att avbryta: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  oppnaPortfolj(dokument: number[]) {
    this.portfolj = dokument;
  }

  stangPortfolj() {
    this.portfolj = null;
  }

  oppnaSammanstallning(dokument: number[], vy: Sammanstallningsvy) {
    this.sammanstallning = { dokument, vy };
  }

  stangSammanstallning() {
    this.sammanstallning = null;
  }

  /**
   * Runs one command that answers with a new Dokumentvy. Edits are queued so they reach the
   * core in the order the user made them.
   */
  kor(kommando: () => Promise<Dokumentvy>, falt: string | null = null): Promise<boolean> {
    const steg = this.ko.then(async () => {
      this.sparstatus = 'sparar';
      try {
        this.vy = await kommando();
        if (falt) {
          const { [falt]: _, ...kvar } = this.faltfel;
          this.faltfel = kvar;
        }
        this.sparstatus = 'sparat';
        this.meddelande = 'Sparat';
        return true;
      } catch (e) {
        const fel = e instanceof Fel ? e : null;
        this.sparstatus = 'fel';
        this.meddelande = fel ? fel.message : String(e);
        const mal = fel?.falt ?? falt;
        if (mal) this.faltfel = { ...this.faltfel, [mal]: this.meddelande };
        return false;
      }
    });
    this.ko = steg;
    return steg;
  }

  andra(andring: Andring, falt: string | null = null) {
    const id = this.vy?.id;
    if (id === undefined) return Promise.resolve(false);
    return this.kor(() => api.andra({ id, andring }), falt);
  }

  /** Keeps the derived 3.1 cell `sokvag` at the amount typed (tkr), for the reason given. */
  overstyr(sokvag: string, text: string, motivering: string) {
    const id = this.vy?.id;
    if (id === undefined) return Promise.resolve(false);
    return this.kor(() => api.overstyrHarledning({ id, sokvag, text, motivering }), sokvag);
  }

  /** Sets the derived 3.1 cell `sokvag` to what 2.2 gives and drops its override. */
  folj(sokvag: string) {
    const id = this.vy?.id;
    if (id === undefined) return Promise.resolve(false);
    return this.kor(() => api.foljHarledning({ id, sokvag }), sokvag);
  }

  laggTill(lista: string) {
    const id = this.vy?.id;
    if (id === undefined) return Promise.resolve(false);
    return this.kor(() => api.laggTillPost({ id, lista }), lista);
  }

  duplicera(lista: string, index: number) {
    const id = this.vy?.id;
    if (id === undefined) return Promise.resolve(false);
    return this.kor(() => api.dupliceraPost({ id, lista, index }), lista);
  }

  /** Adds a figure (an image file's path or pasted bytes) at the end of the list `lista`. */
  laggTillFigur(lista: string, bild: Bildkalla) {
    const id = this.vy?.id;
    if (id === undefined) return Promise.resolve(false);
    return this.kor(() => api.laggTillFigur({ id, falt: lista, bild }), lista);
  }

  /** Replaces the image of figure `index`; its alt text and caption stay. */
  bytFigur(lista: string, index: number, bild: Bildkalla) {
    const id = this.vy?.id;
    if (id === undefined) return Promise.resolve(false);
    return this.kor(() => api.bytFigur({ id, falt: lista, index, bild }), `${lista}[${index}]`);
  }

  async taBort(lista: string, index: number, beskrivning: string) {
    const ok = await this.andra({ typ: 'ta_bort', lista, index }, lista);
    if (ok) {
      this.senastBorttagen = beskrivning;
      this.meddelande = `Sparat. ${beskrivning} togs bort; ångra med Ctrl+Z eller knappen Ångra.`;
    }
    return ok;
  }

  flytta(lista: string, fran: number, till: number) {
    return this.andra({ typ: 'flytta', lista, fran, till }, lista);
  }

  angra() {
    const id = this.vy?.id;
    if (id === undefined || !this.vy?.kan_angra) return Promise.resolve(false);
    this.senastBorttagen = null;
    return this.kor(() => api.angra({ id }));
  }

  gorOm() {
    const id = this.vy?.id;
    if (id === undefined || !this.vy?.kan_gora_om) return Promise.resolve(false);
    return this.kor(() => api.gorOm({ id }));
  }
}

export const t = new Tillstand();
