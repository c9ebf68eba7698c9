// End to end: 3.1 cells derived from 2.2 (issue 19, item 2). In the example, "Prognos budget
// 2024" for Extern service follows 2.2 and is not typed; the author keeps it apart from 2.2
// only with a written reason (an empty reason is refused at the field with the amount kept),
// the reason shows in the Granskning, and "Följ 2.2 igen" brings the cell back. A change in 2.2
// then reaches 3.1 without retyping. An imported analysis whose cell disagrees keeps its figure,
// its finding leads to the cell, and "Använd 2.2:s belopp" mends it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe, kommando, startaSida } from './miljo.mjs';

const PROGNOS = 'kostnader.utveckling.rader[0].kostnad.prognos';

let server;
let page;
let stoppa;

before(async () => {
  ({ server, page, stoppa } = await startaSida());
});

after(async () => {
  await stoppa?.();
});

async function sparat() {
  await page.getByRole('status').filter({ hasText: 'Sparat' }).waitFor();
}

const utanNbsp = (s) => s.replace(/\u00a0/g, ' ');

test('härledda celler i 3.1: följer 2.2, avvikelse kräver skäl, följ 2.2 igen', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  const nav = page.getByRole('navigation', { name: 'Avsnitt' });
  await nav.getByRole('button', { name: /^3\.1/ }).click();

  const falt = page.locator(`[data-sokvag="${PROGNOS}"]`);
  const cell = page.locator(`[id="falt:${PROGNOS}"]`);
  assert.equal(utanNbsp(await cell.inputValue()), '4 250 tkr');
  assert.equal(await cell.getAttribute('readonly'), '', 'en cell som följer 2.2 skrivs inte');
  assert.match(await falt.locator('.harlett').innerText(), /Fylls i av Underlag/);
  assert.deepEqual(await axe(page), []);

  // Avvik från 2.2 without a reason: refused at the field, the form and the amount stay.
  await falt.getByRole('button', { name: /^Avvik från 2\.2:/ }).click();
  const belopp = falt.getByLabel('Belopp (tkr)');
  await belopp.fill('4 000');
  await falt.getByRole('button', { name: 'Spara avvikelsen' }).click();
  const fel = falt.locator('.faltfel');
  await fel.waitFor();
  assert.match(await fel.innerText(), /Skriv skälet till att prognos budget 2024 för "Extern service och kommunikation" avviker från avsnitt 2\.2/);
  assert.equal(await belopp.inputValue(), '4 000');
  const lagrat = await kommando(server, 'hamta_dokument', { id: 1 });
  assert.equal(lagrat.dokument.kostnader.utveckling.rader[0].kostnad.prognos, 4_250_000);
  assert.deepEqual(await axe(page), []);

  const skal = 'Nämnden beslutade 2023-10-12 att skjuta upp 250 tkr av sökfunktionen till 2025.';
  await falt.getByLabel('Skäl till avvikelsen (krävs)').fill(skal);
  await falt.getByRole('button', { name: 'Spara avvikelsen' }).click();
  await falt.getByText(`Skäl: ${skal}`).waitFor();
  assert.equal(utanNbsp(await cell.inputValue()), '4 000 tkr');
  assert.equal(await cell.getAttribute('readonly'), null, 'en avvikande cell går att skriva i');
  assert.equal(await fel.count(), 0);
  const granskning = page.getByRole('complementary', { name: 'Granskning' });
  await granskning.getByRole('button', { name: new RegExp(`Skäl: ${skal.replace(/\./g, '\\.')}`) }).waitFor();
  const efter = await kommando(server, 'hamta_dokument', { id: 1 });
  assert.equal(efter.dokument.kostnader.utveckling.rader[0].kostnad.prognos, 4_000_000);
  assert.deepEqual(efter.dokument.kostnader.utveckling.rader[0].overstyrningar, [{ falt: 'kostnad.prognos', motivering: skal }]);
  assert.deepEqual(await axe(page), []);

  // Följ 2.2 igen.
  await falt.getByRole('button', { name: /^Följ 2\.2 igen:/ }).click();
  await falt.getByText('Fylls i av Underlag').waitFor();
  assert.equal(utanNbsp(await cell.inputValue()), '4 250 tkr');
  assert.equal(await cell.getAttribute('readonly'), '');

  // A change in 2.2 reaches 3.1 without retyping.
  await nav.getByRole('button', { name: /^2\.2/ }).click();
  const kort = page.locator('article.kort').nth(1);
  const ar2024 = kort.getByLabel('2024').first();
  await ar2024.fill('500 000');
  await ar2024.blur();
  await nav.getByRole('button', { name: /^3\.1/ }).click();
  await falt.locator('.harlett').filter({ hasText: '4 450 tkr' }).waitFor();
  assert.equal(utanNbsp(await cell.inputValue()), '4 450 tkr');
  const total = page.locator('[data-summa="kostnader.utveckling.rader.kostnad.prognos"]');
  assert.equal(utanNbsp(await total.innerText()), '5 390 tkr');
});

test('ett importerat underlag där 3.1 avviker behåller beloppet tills 2.2:s belopp väljs', async () => {
  const exempel = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'arlig-analys-2024.underlag.json'), 'utf8'));
  exempel.dokument.kostnader.utveckling.rader[0].kostnad.prognos = 5_000_000;
  const fil = join(server.mapp, 'avvikande.underlag.json');
  writeFileSync(fil, JSON.stringify(exempel));
  await fetch(`${server.url}/test/oppna-fil`, { method: 'POST', body: JSON.stringify({ sokvag: fil }) });
  await page.getByRole('button', { name: 'Till startsidan' }).click();
  await page.getByRole('button', { name: 'Importera .underlag.json …' }).click();
  await page.getByRole('heading', { name: /^Årlig analys av digital utveckling och förvaltning 2024/ }).waitFor();

  const fynd = page.locator('.fyndpanel button.fynd', { hasText: 'Prognos budget 2024 för "Extern service och kommunikation" är 5 000 tkr' });
  await fynd.waitFor();
  assert.match(await fynd.innerText(), /Avvik från 2\.2/);
  // Where it is, as the template prints it: section number and the column's label for 2024.
  assert.equal(await fynd.locator('.fyndplats').innerText(), '3.1 · Prognos budget 2024');
  await fynd.click();
  const cell = page.locator(`[id="falt:${PROGNOS}"]`);
  await assert.doesNotReject(cell.evaluate((el) => { if (document.activeElement !== el) throw new Error('inte fokus'); }));
  assert.equal(utanNbsp(await cell.inputValue()), '5 000 tkr');
  assert.equal(await cell.getAttribute('readonly'), null);
  const falt = page.locator(`[data-sokvag="${PROGNOS}"]`);
  assert.match(await falt.locator('.harlett').innerText(), /saknar skäl/);
  assert.deepEqual(await axe(page), []);

  await falt.getByRole('button', { name: /^Använd 2\.2:s belopp:/ }).click();
  await fynd.waitFor({ state: 'detached' });
  assert.equal(utanNbsp(await cell.inputValue()), '4 250 tkr');
  assert.equal(await cell.getAttribute('readonly'), '');
});
