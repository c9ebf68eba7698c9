// Reordering rows the core sent, by one column, for a sortable table. Text compares as Swedish
// (å, ä, ö last; "Insats 10" after "Insats 9"); numbers by value. Empty values stay last in
// both directions, so sorting never buries the filled rows at the bottom.
export type Sorteringsvarde = string | number | null;

const svenska = new Intl.Collator('sv-SE', { numeric: true });

function tom(v: Sorteringsvarde): v is null | '' {
  return v === null || v === '';
}

export function sorterade<T>(rader: readonly T[], nyckel: (rad: T) => Sorteringsvarde, stigande: boolean): T[] {
  return [...rader].sort((a, b) => {
    const va = nyckel(a);
    const vb = nyckel(b);
    if (tom(va)) return tom(vb) ? 0 : 1;
    if (tom(vb)) return -1;
    const r = typeof va === 'number' && typeof vb === 'number' ? va - vb : svenska.compare(String(va), String(vb));
    return stigande ? r : -r;
  });
}
