// End to end: next year's analysis from the example. The preview follows the choices and a
// corrected figure, stores nothing, and "Skapa" opens the new analysis with the moves made.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, startaSida } from './miljo.mjs';

let server;
let page;
let stoppa;

before(async () => {
  ({ server, page, stoppa } = await startaSida());
});

after(async () => {
  await stoppa?.();
});

test('ny analys från föregående år flyttar insatser och belopp efter användarens val', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: 'Nästa års analys' }).click();
  await page.getByRole('heading', { name: 'Ny analys från föregående år' }).waitFor();
  const flyttar = page.locator('ul.flyttar');
  await flyttar.waitFor();

  await page.getByRole('checkbox', { name: 'Tillståndsguider för företagare' }).check();
  await flyttar.getByText(/"Tillståndsguider för företagare" är godkänd/).waitFor();
  await page.getByRole('checkbox', { name: 'Införande av digital demokratiplattform' }).check();
  await flyttar.getByText(/"Införande av digital demokratiplattform" är avslutad/).waitFor();

  // The first figure: Budget 2023 becomes Utfall 2023; the user corrects it.
  const cell = page.getByRole('textbox', { name: /^Utfall 2023, / }).first();
  assert.equal((await cell.inputValue()).replace(/\s/g, ' '), '23 588');
  await cell.fill('23 100');
  await cell.press('Tab');
  // A figure that is no amount is refused with the field, and "Skapa" waits.
  const andra = page.getByRole('textbox', { name: /^Budget 2024, / }).first();
  await andra.fill('ungefär lika');
  await andra.press('Tab');
  await page.getByRole('alert').filter({ hasText: 'kostnader.forvaltning.rader[0].kostnad.budget' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Skapa analysen för 2025' }).isDisabled(), true);
  await andra.fill('25 003');
  await andra.press('Tab');
  await page.getByRole('alert').waitFor({ state: 'detached' });
  assert.deepEqual(await axe(page), []);

  await page.getByRole('button', { name: 'Skapa analysen för 2025' }).click();
  await page.getByRole('heading', { name: 'Årlig analys av digital utveckling och förvaltning 2025' }).waitFor();
  await page.getByRole('button', { name: 'Till startsidan' }).click();
  const lista = page.getByRole('region', { name: 'Senaste dokument' }).locator('.dokumentknapp');
  await lista.first().waitFor();
  assert.equal(await lista.count(), 2, 'förra årets analys finns kvar bredvid den nya');

  // The stored document: corrected figure, the approved proposal ongoing, the finished one in 1.1.
  const svar = await page.evaluate(async () => {
    const r = await fetch('/api/hamta_dokument', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 2 }) });
    return r.json();
  });
  const d = svar.dokument;
  assert.equal(d.meta.analysar, 2025);
  assert.equal(d.kostnader.forvaltning.rader[0].kostnad.utfall, 23_100_000);
  assert.equal(d.kostnader.forvaltning.rader[0].kostnad.budget, 25_003_000);
  assert.ok(d.pagaende_insatser.insatser.some((i) => i.id === 'forslag-2'));
  assert.ok(!d.pagaende_insatser.insatser.some((i) => i.id === 'pagaende-8'));
  assert.deepEqual(d.effekthemtagning.rader.map((r) => r.tjanst), ['demokrati-verktyg']);
});
