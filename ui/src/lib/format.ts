// How amounts read in the UI: `77 587 tkr`, `300 000 kr`. The core stores whole kronor and
// formats exports the same way; Intl's Swedish locale does the digit grouping here.
import type { Enhet } from './typer/Enhet';
import type { Dokumentpost } from './typer/Dokumentpost';

const heltal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 3 });

export function visaBelopp(kronor: number | null | undefined, enhet: Enhet | null): string {
  if (kronor === null || kronor === undefined) return '';
  switch (enhet) {
    case 'tkr':
      return `${heltal.format(kronor / 1000)} tkr`;
    case 'mnkr':
      return `${heltal.format(kronor / 1_000_000)} mnkr`;
    default:
      return `${heltal.format(kronor)} kr`;
  }
}

export function visaTal(tal: number | null | undefined): string {
  if (tal === null || tal === undefined) return '';
  return heltal.format(tal);
}

/** "1 fel, 2 varningar" for a badge's accessible name. */
export function raknareText(fel: number, varningar: number): string {
  const delar: string[] = [];
  if (fel) delar.push(`${fel} fel`);
  if (varningar) delar.push(`${varningar} ${varningar === 1 ? 'varning' : 'varningar'}`);
  return delar.length ? delar.join(', ') : 'inga anmärkningar';
}

/** What a list shows for a document: the user's own name, or its kind and year. */
export function dokumenttitel(d: Dokumentpost): string {
  return d.namn || `${d.benamning} ${d.ar}`;
}
