import { describe, expect, it } from 'vitest';
import { sorterade } from './sortering';

describe('sorterade', () => {
  const namn = (s: string) => s;

  it('orders Swedish text as Swedish, with numbers in names by value', () => {
    expect(sorterade(['Östra', 'Ärende', 'Insats 10', 'Arkiv', 'Insats 9', 'Zon', 'Åtgärd'], namn, true)).toEqual([
      'Arkiv', 'Insats 9', 'Insats 10', 'Zon', 'Åtgärd', 'Ärende', 'Östra',
    ]);
  });

  it('orders amounts by value and keeps empty ones last in both directions', () => {
    const rader = [{ k: 3_000_000 }, { k: null }, { k: 450_000 }, { k: 100_000 }];
    expect(sorterade(rader, (r) => r.k, true).map((r) => r.k)).toEqual([100_000, 450_000, 3_000_000, null]);
    expect(sorterade(rader, (r) => r.k, false).map((r) => r.k)).toEqual([3_000_000, 450_000, 100_000, null]);
    expect(sorterade(['b', '', 'a'], namn, false)).toEqual(['b', 'a', '']);
  });

  it('leaves the rows it was given as they were', () => {
    const rader = ['b', 'a'];
    sorterade(rader, namn, true);
    expect(rader).toEqual(['b', 'a']);
  });
});
