// End to end: a document's status through the year. The digitaliseringsplan example (no fel,
// "Klar") is sent in and reopened with a reason; the start page shows the status; the example
// analysis, which has fel, is refused every step forward with the reason, and nothing changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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

test('status: skicka in en plan utan fel, öppna den igen med orsak, och se statusen på startsidan', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Digitaliseringsplan/ }).click();
  const panel = page.getByRole('region', { name: /^Status: / });
  await panel.getByRole('heading', { name: 'Status: Klar' }).waitFor();

  await panel.getByRole('button', { name: 'Markera som inskickad' }).click();
  await panel.getByRole('heading', { name: 'Status: Inskickad' }).waitFor();
  const historik = panel.getByRole('table', { name: 'Statushistorik' });
  await historik.getByRole('cell', { name: 'Klar', exact: true }).waitFor();

  // Reopening asks why; an empty reason is refused at the field and nothing changes.
  await panel.getByRole('button', { name: 'Öppna igen som utkast' }).click();
  const orsak = panel.getByRole('textbox', { name: /Varför öppnas dokumentet igen som utkast/ });
  await orsak.fill('   ');
  await panel.getByRole('button', { name: 'Öppna igen', exact: true }).click();
  await panel.getByRole('alert').filter({ hasText: 'Skriv varför dokumentet öppnas igen' }).waitFor();
  assert.equal(await orsak.inputValue(), '   ', 'det skrivna finns kvar');
  await panel.getByRole('heading', { name: 'Status: Inskickad' }).waitFor();

  await orsak.fill('Nämnden vill lägga till en insats');
  await panel.getByRole('button', { name: 'Öppna igen', exact: true }).click();
  await panel.getByRole('heading', { name: 'Status: Utkast' }).waitFor();
  await historik.getByRole('cell', { name: 'Nämnden vill lägga till en insats' }).waitFor();
  assert.deepEqual(await axe(page), []);

  const stored = await kommando(server, 'hamta_dokument', { id: 1 });
  assert.equal(stored.dokument.meta.status, 'utkast');
  assert.deepEqual(stored.status.historik.map((h) => [h.fran, h.till, h.orsak]), [
    ['Klar', 'Inskickad', ''],
    ['Inskickad', 'Utkast', 'Nämnden vill lägga till en insats'],
  ]);

  await page.getByRole('button', { name: 'Till startsidan' }).click();
  await page.getByRole('region', { name: 'Senaste dokument' }).getByText(/^Utkast · ändrad/).waitFor();
});

test('status: en analys med fel kan inte markeras som klar, och skälet står vid knappen', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  const panel = page.getByRole('region', { name: /^Status: / });
  await panel.getByRole('heading', { name: 'Status: Utkast' }).waitFor();
  const fore = await kommando(server, 'hamta_dokument', { id: 2 });
  await panel.getByText(/^Klar: Dokumentet har \d+ fel\./).waitFor();
  await panel.getByRole('button', { name: 'Markera som klar' }).click();
  await panel.getByRole('alert').filter({ hasText: /Dokumentet har \d+ fel\. Rätta dem först/ }).waitFor();
  const efter = await kommando(server, 'hamta_dokument', { id: 2 });
  assert.equal(efter.revision, fore.revision, 'inget sparades');
  assert.equal(efter.dokument.meta.status, 'utkast');
  assert.deepEqual(await axe(page), []);
});
