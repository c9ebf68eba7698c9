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

/** What a field of type `insats` chooses from: the proposals of 2.2 in an årlig analys, the
 * initiatives in a tjänsteplan. */
export function foreslagna(dok: unknown): Val[] {
  const d = dok as {
    foreslagna_insatser?: { insatser?: { id: string; namn: string }[] };
    kostnadsuppskattning?: { initiativ?: { id: string; namn: string }[] };
  };
  const l = d?.foreslagna_insatser?.insatser ?? d?.kostnadsuppskattning?.initiativ ?? [];
  return l.map((x, i) => ({ id: x.id, namn: `${i + 1}. ${x.namn || 'Namnlös insats'}` }));
}
