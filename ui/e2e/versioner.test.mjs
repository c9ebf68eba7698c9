// End to end: a version of a bundled tjänsteplan recorded as the template's versionshantering
// records it, with händelse and forum. A missing händelse is refused by the core, naming the
// field; the decision clears TP-version; a later amount edit reads in the version's change list
// as the template prints it.
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

async function utanAnmarkningar(vy) {
  const fel = await axe(page);
  assert.deepEqual(fel, [], `axe hittade brister i vyn ${vy}: ${JSON.stringify(fel, null, 1)}`);
}

const regler = async (id) => (await kommando(server, 'hamta_dokument', { id })).fynd.map((f) => f.regel);

test('en tjänsteplan versioneras med händelse och forum och ändringarna läses som i mallen', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Tjänsteplan 2023–2025, Ekonomi/ }).click();
  await page.getByRole('heading', { name: 'Tjänsteplan 2023–2025, Ekonomi' }).waitFor();
  // The example states version 2.0 while its latest decision is 3.0.
  const tpVersion = page.locator('.fyndpanel button.fynd', { hasText: 'senast beslutade versionen' });
  await tpVersion.waitFor();
  assert.ok((await regler(1)).includes('TP-version'));

  const nav = page.getByRole('navigation', { name: 'Avsnitt' });
  await nav.getByRole('button', { name: 'Versioner' }).click();
  const form = page.locator('form.versionsform');
  await form.getByLabel('Beskrivning').fill('Beslutad i prioriteringsforum');
  await form.getByLabel('Ändrat av').fill('Jenny');
  // The choices are the template's, with its labels.
  const handelse = form.getByLabel('Händelse');
  const forum = form.getByLabel('Forum');
  assert.ok((await handelse.locator('option').allInnerTexts()).includes('Remissad'));
  assert.ok((await forum.locator('option').allInnerTexts()).includes('Tjänsteforum'));

  // Without händelse the core refuses, naming the field, and the cursor goes there.
  await page.getByRole('button', { name: 'Spara version' }).click();
  await form.getByRole('alert').filter({ hasText: 'händelse' }).waitFor();
  assert.equal(await handelse.evaluate((el) => el === document.activeElement), true);
  assert.equal(await handelse.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await kommando(server, 'versioner', { id: 1 }), []);
  await utanAnmarkningar('Versioner med fel');

  await handelse.selectOption({ label: 'Beslutad' });
  await forum.selectOption({ label: 'Prioriteringsforum' });
  await page.getByRole('button', { name: 'Spara version' }).click();
  await page.getByRole('status').filter({ hasText: 'Versionen är sparad.' }).waitFor();
  const rad = page.locator('table.versionstabell tbody tr', { hasText: 'Beslutad i prioriteringsforum' });
  await rad.waitFor();
  assert.match(await rad.innerText(), /4\.0[\s\S]*Jenny[\s\S]*Beslutad[\s\S]*Prioriteringsforum/);
  // The decision is the plan's version now: no TP-version finding.
  await tpVersion.waitFor({ state: 'detached' });
  const fynd = await regler(1);
  assert.ok(!fynd.includes('TP-version'), fynd.join(', '));
  assert.ok(!fynd.includes('TP-versionshandelse'), fynd.join(', '));
  await utanAnmarkningar('Versioner');

  // An amount edited after the version.
  await nav.getByRole('button', { name: /^3 Kostnadsuppskattning/ }).click();
  const cell = page.locator('[id="falt:kostnadsuppskattning.initiativ[1].utveckling.ar"]');
  await cell.fill('2 500');
  await cell.blur();
  await page.getByRole('status').filter({ hasText: 'Sparat' }).waitFor();

  await nav.getByRole('button', { name: 'Versioner' }).click();
  await page.getByRole('button', { name: 'Visa version 4.0' }).click();
  await page.getByRole('heading', { name: /^Version 4\.0 .*skrivskyddad/ }).waitFor();
  const andringar = page.locator('ul.skillnader li');
  await andringar.first().waitFor();
  assert.deepEqual(
    (await andringar.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ')),
    ['3 Kostnadsuppskattning, Utveckla område ekonomi, Utvecklingsinitiativ 2023: 2 000 → 2 500 tkr'],
  );
  await utanAnmarkningar('Version (skrivskyddad)');
});
