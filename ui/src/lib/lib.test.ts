import { describe, expect, it } from 'vitest';
import { barn, hamta, narmaste, steg } from './sokvag';
import { raknareText, visaBelopp } from './format';

describe('sokvag', () => {
  it('reads names and indexes as the core writes them', () => {
    expect(steg('foreslagna_insatser.insatser[2].strategisk.nytta')).toEqual([
      'foreslagna_insatser', 'insatser', 2, 'strategisk', 'nytta',
    ]);
    const d = { a: { rader: [{ x: 1 }, { x: 2, y: { z: 'djup' } }] } };
    expect(hamta(d, 'a.rader[1].y.z')).toBe('djup');
    expect(hamta(d, 'a.rader[5].x')).toBeUndefined();
    expect(hamta(d, 'a.saknas.x')).toBeUndefined();
  });

  it('joins paths without stray dots', () => {
    expect(barn('', 'meta')).toBe('meta');
    expect(barn('kostnader', 'forvaltning.rader')).toBe('kostnader.forvaltning.rader');
    expect(barn('x', '')).toBe('x');
  });

  it('falls back to the nearest enclosing field that exists', () => {
    const finns = new Set(['foreslagna_insatser.insatser[2]', 'meta.organisation']);
    const har = (s: string) => finns.has(s);
    expect(narmaste('foreslagna_insatser.insatser[2].strategisk.effektmal', har)).toBe(
      'foreslagna_insatser.insatser[2]',
    );
    expect(narmaste('meta.organisation', har)).toBe('meta.organisation');
    expect(narmaste('okand.sak', har)).toBeNull();
  });
});

describe('format', () => {
  // The Word export prints these amounts as "77 587 tkr" (see tests/docx.rs); the UI groups
  // digits with Intl's Swedish locale, which uses a no-break space.
  it('shows kronor as tkr with Swedish digit grouping', () => {
    expect(visaBelopp(77_587_000, 'tkr').replace(/\u00a0/g, ' ')).toBe('77 587 tkr');
    expect(visaBelopp(500, 'tkr')).toBe('0,5 tkr');
    expect(visaBelopp(300_000, 'kronor').replace(/\u00a0/g, ' ')).toBe('300 000 kr');
    expect(visaBelopp(null, 'tkr')).toBe('');
  });

  it('names counts in words, never by colour alone', () => {
    expect(raknareText(1, 2)).toBe('1 fel, 2 varningar');
    expect(raknareText(0, 1)).toBe('1 varning');
    expect(raknareText(0, 0)).toBe('inga anmärkningar');
  });
});
