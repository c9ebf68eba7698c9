// Field paths as the core writes them (`foreslagna_insatser.insatser[2].strategisk.nytta`):
// joining them, reading a value at one, and finding the form element a finding points at.

type Json = unknown;

/** `bas` + `nyckel`, either of which may be empty. */
export function barn(bas: string, nyckel: string): string {
  if (!bas) return nyckel;
  if (!nyckel) return bas;
  return `${bas}.${nyckel}`;
}

export function index(bas: string, i: number): string {
  return `${bas}[${i}]`;
}

/** The steps of a path: names and list indexes. */
export function steg(sokvag: string): (string | number)[] {
  const ut: (string | number)[] = [];
  for (const del of sokvag.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(del);
    if (!m) return [];
    if (m[1]) ut.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) ut.push(Number(i[1]));
  }
  return ut;
}

/** The value at `sokvag`, or undefined. */
export function hamta(varde: Json, sokvag: string): Json {
  let v: Json = varde;
  for (const s of steg(sokvag)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, Json>)[s];
  }
  return v;
}

/** The id of the form element for `sokvag`. */
export function faltId(sokvag: string): string {
  return `falt:${sokvag}`;
}

/**
 * The path itself, or the nearest enclosing path, for which `finns` says an element exists:
 * a finding about a whole row or insats focuses the first field inside it.
 */
export function narmaste(sokvag: string, finns: (sokvag: string) => boolean): string | null {
  let s = sokvag;
  while (s) {
    if (finns(s)) return s;
    const punkt = s.lastIndexOf('.');
    const hak = s.lastIndexOf('[');
    const klipp = Math.max(punkt, hak);
    if (klipp <= 0) break;
    s = s.slice(0, klipp);
  }
  return null;
}
