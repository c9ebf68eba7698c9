// End to end: "Importera från Word" on the start page. Our own Word export of the example is
// chosen in the (stand-in) open dialog; the preview shows what is read per section and the
// texts that found no place, stores nothing, and "Importera" opens the new analysis. A file
// that is no Word file is refused in Swedish.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe, kommando, startaSida } from './miljo.mjs';

let server;
let page;
let stoppa;

before(async () => {
  ({ server, page, stoppa } = await startaSida());
});

after(async () => {
  await stoppa?.();
});

const api = (namn, arg) => kommando(server, namn, arg);

async function valjFil(sokvag) {
  await fetch(`${server.url}/test/oppna-fil`, { method: 'POST', body: JSON.stringify({ sokvag }) });
}

test('en Word-fil förhandsgranskas per avsnitt och importeras som ett nytt dokument', async () => {
  const vy = await api('oppna_exempel', { namn: null });
  const docx = join(server.ut, 'analys.docx');
  await api('exportera', { id: vy.id, format: 'docx', sokvag: docx, anvisningar: true, slutlig: false, bekraftat: false });

  await page.goto(server.url);
  await page.locator('.dokumentknapp').first().waitFor();
  assert.equal(await page.locator('.dokumentknapp').count(), 1);
  await valjFil(docx);
  await page.getByRole('button', { name: 'Importera från Word…' }).click();
  await page.getByRole('heading', { name: 'Importera från Word' }).waitFor();

  const tabell = page.getByRole('table', { name: 'Inläst per avsnitt' });
  await tabell.waitFor();
  const rad = tabell.getByRole('row', { name: /^1\.2 Status konsolidering/ });
  assert.deepEqual(await rad.getByRole('cell').allTextContents(), ['3', '0', '1', '']);
  const forslag = tabell.getByRole('row', { name: /^2\.2 Förslag på nya förändringsinsatser/ });
  assert.equal(await forslag.getByRole('cell').nth(1).textContent(), '8');
  await tabell.getByRole('row', { name: /^1\.1 Genomförd effekthemtagning/ }).getByText('Ej tillämpligt').waitFor();
  // Underlag's own export reads back whole: the title page's date and version are its own.
  await page.getByRole('heading', { name: 'Kunde inte mappas (0)' }).waitFor();
  await page.getByText('Allt innehåll kunde läsas in.').waitFor();
  await page.getByText(/Nämnden för demokrati och medborgarservice/).first().waitFor();
  assert.deepEqual(await axe(page), []);
  // The preview stored nothing.
  assert.equal((await api('dokumentlista', {})).length, 1);

  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.getByRole('heading', { name: 'Årlig analys av digital utveckling och förvaltning 2024' }).waitFor();
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: /^2\.2/ }).click();
  await page.locator('article.kort', { hasText: 'Tillståndsguider för företagare' }).first().waitFor();
  assert.deepEqual(await axe(page), []);
  await page.getByRole('button', { name: 'Till startsidan' }).click();
  await page.locator('.dokumentknapp').nth(1).waitFor();
  assert.equal(await page.locator('.dokumentknapp').count(), 2);
});

test('en fil som inte är en Word-fil avvisas på svenska och ingenting sparas', async () => {
  await valjFil(join(server.mapp, 'db.sqlite'));
  await page.getByRole('button', { name: 'Importera från Word…' }).click();
  await page.getByRole('alert').filter({ hasText: 'inte ett zip-paket' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Importera', exact: true }).isDisabled(), true);
  assert.deepEqual(await axe(page), []);
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await page.locator('.dokumentknapp').nth(1).waitFor();
  assert.equal((await api('dokumentlista', {})).length, 2);
});
