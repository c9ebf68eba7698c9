// What every field of a form needs to know besides its own definition: the document it shows,
// whether it may be edited (a recorded version is read-only), the catalogue and the proposals
// that reference fields choose from, and the figures the core derived.
import { getContext, setContext } from 'svelte';
import type { Formular } from './typer/Formular';
import type { Harledningsvy } from './typer/Harledningsvy';
import type { Summarad } from './typer/Summarad';

export interface Formkontext {
  readonly dok: unknown;
  readonly formular: Formular;
  readonly lasning: boolean;
  readonly harledningar: Harledningsvy[];
  readonly summor: Summarad[];
  /** Laid out for paper: text as text instead of fields, every insats card at once. */
  readonly utskrift?: boolean;
}

const NYCKEL = Symbol('formkontext');

export function sattFormkontext(k: Formkontext) {
  setContext(NYCKEL, k);
}

export function formkontext(): Formkontext {
  return getContext<Formkontext>(NYCKEL);
}

export interface Val {
  id: string;
  namn: string;
}

/** The catalogue's tjänster, for fields that name one. */
export function tjanster(dok: unknown): Val[] {
  const k = (dok as { tjanstekatalog?: { id: string; namn: string }[] })?.tjanstekatalog ?? [];
  return k.map((x) => ({ id: x.id, namn: x.namn || x.id }));
}

/** What a field of type `insats` chooses from: the list the core names for the kind
 * (`Formular.insatslista`: the proposals of 2.2, a tjänsteplan's initiatives …). */
export function foreslagna(dok: unknown, lista: string | null): Val[] {
  let v: unknown = dok;
  for (const del of (lista ?? '').split('.').filter(Boolean)) {
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[del] : undefined;
  }
  const l = Array.isArray(v) ? (v as { id: string; namn?: string }[]) : [];
  return l.map((x, i) => ({ id: x.id, namn: `${i + 1}. ${x.namn || 'Namnlös insats'}` }));
}
