// End to end: an avsteg in 1.2 of the årlig analys needs motivering, beslut and beslutsdatum,
// as the riktlinje says. Without the date the Granskning has a fel at the date field; the date
// picked in the form clears it, and the Word export prints it under its label.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe, kommando, paketdel, startaSida } from './miljo.mjs';

let server;
let page;
let stoppa;

before(async () => {
  ({ server, page, stoppa } = await startaSida());
});

after(async () => {
  await stoppa?.();
});

const POST = 'konsolidering.rader[0].avsteg_och_avvikelser.poster[0]';

test('ett avsteg utan beslutsdatum ger fel i Granskningen tills datumet är valt', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  await page.getByRole('heading', { name: /^Årlig analys av digital utveckling och förvaltning 2024/ }).waitFor();
  // An avsteg with motivering and beslut but no date, entered through the command surface.
  await kommando(server, 'andra', {
    id: 1,
    andring: {
      typ: 'satt',
      falt: 'konsolidering.rader[0].avsteg_och_avvikelser',
      varde: { status: 'angivna', poster: [{ typ: 'avsteg', kund: 'Park- och naturnämnden', motivering: 'Verksamhetskrav', beslut_eller_atgard: 'PN § 12' }] },
    },
  });
  const vy = await kommando(server, 'hamta_dokument', { id: 1 });
  const fynd = vy.fynd.filter((f) => f.regel === 'AA-1.2-avsteg-beslut');
  assert.deepEqual(fynd.map((f) => f.sokvag), [`${POST}.beslutsdatum`]);
  assert.match(fynd[0].meddelande, /Avsteget för Park- och naturnämnden från .* saknar beslutsdatum\./);

  await page.goto(server.url);
  await page.getByRole('region', { name: 'Senaste dokument' }).getByRole('button').first().click();
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: /^1\.2/ }).click();
  const datum = page.locator(`[id="falt:${POST}.beslutsdatum"]`);
  await datum.waitFor();
  assert.equal(await page.getByLabel('Beslutsdatum (avsteg)').count(), 1);
  await datum.fill('2024-02-14');
  await datum.dispatchEvent('change');
  await page.getByRole('status').filter({ hasText: 'Sparat' }).waitFor();
  const efter = await kommando(server, 'hamta_dokument', { id: 1 });
  assert.equal(efter.fynd.filter((f) => f.regel === 'AA-1.2-avsteg-beslut').length, 0);
  assert.equal(efter.dokument.konsolidering.rader[0].avsteg_och_avvikelser.poster[0].beslutsdatum, '2024-02-14');
  assert.deepEqual(await axe(page), []);

  const fil = join(server.mapp, 'avsteg.docx');
  await kommando(server, 'exportera', { id: 1, format: 'docx', sokvag: fil, anvisningar: false, slutlig: false, bekraftat: false });
  assert.match(paketdel(fil, 'word/document.xml'), /Beslutsdatum \(avsteg\): 2024-02-14/);
});
