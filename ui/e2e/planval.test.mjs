// End to end: the city plan's prioriterade nyttor, övergripande mål and inriktningar as
// checkboxes in a digitaliseringsplan, worded as the plan words them. A choice is saved; the
// portfolio's balance between effektivitet and innovation is shown as the core computed it; a
// plan saved before the lists existed keeps its text and has the values it quotes checked, and
// a value the template year lacks stays, marked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axe, kommando, startaSida } from './miljo.mjs';

const ROT = join(import.meta.dirname, '..', '..');

/**
 * A later year's template made from the 2023 one, as a new plan for digitalisering might
 * change it: "dialog_delaktighet" reworded under a new value that replaces the old one.
 */
function mallkatalog() {
  const katalog = mkdtempSync(join(tmpdir(), 'underlag-mallar-'));
  const text = readFileSync(join(ROT, 'templates', 'digitaliseringsplan-2023.toml'), 'utf8')
    .replace('id = "digitaliseringsplan-2023"', 'id = "digitaliseringsplan-2027"')
    .replace('ar = 2023', 'ar = 2027')
    .replace('  varde = "dialog_delaktighet"\n  etikett = "Ökad möjlighet till dialog och delaktighet."',
      '  varde = "dialog_och_delaktighet"\n  etikett = "Ökad möjlighet till dialog och delaktighet för alla."\n  ersatter = ["dialog_delaktighet"]');
  assert.match(text, /ersatter = \["dialog_delaktighet"\]/);
  writeFileSync(join(katalog, 'digitaliseringsplan-2027.toml'), text);
  return katalog;
}

let server;
let page;
let stoppa;
let mallar;

before(async () => {
  mallar = mallkatalog();
  ({ server, page, stoppa } = await startaSida({ mallar }));
});

after(async () => {
  await stoppa?.();
  if (mallar) rmSync(mallar, { recursive: true, force: true });
});

const NYTTOR = 'Prioriterade nyttor som planen bidrar till';
const DIALOG = 'Ökad möjlighet till dialog och delaktighet.';

async function utanAnmarkningar(vy) {
  const fel = await axe(page);
  assert.deepEqual(fel, [], `axe hittade brister i vyn ${vy}: ${JSON.stringify(fel, null, 1)}`);
}

test('en nytta kryssas i med planens ord, sparas, och balansen visas under insatserna', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Digitaliseringsplan/ }).click();
  await page.getByRole('heading', { name: /^Digitaliseringsplan 2024–2026/ }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Avsnitt' });
  await nav.getByRole('button', { name: /^2 Koppling/ }).click();

  const nyttor = page.getByRole('group', { name: new RegExp(`^${NYTTOR}`) });
  // All six nyttor in the plan's words (seed 001), the example's two checked.
  assert.equal(await nyttor.getByRole('checkbox').count(), 6);
  assert.ok(await nyttor.getByRole('checkbox', { name: 'Höjd kvalitet i och tillgänglighet till stadens digitala service.' }).isChecked());
  const dialog = nyttor.getByRole('checkbox', { name: DIALOG });
  assert.equal(await dialog.isChecked(), false);
  await dialog.check();
  await page.getByRole('status').filter({ hasText: 'Sparat' }).waitFor();
  const lista = await kommando(server, 'dokumentlista', {});
  const vy = await kommando(server, 'hamta_dokument', { id: lista[0].id });
  assert.deepEqual(vy.dokument.koppling.valda_nyttor, ['kvalitet_tillganglighet', 'realisering_nyttor', 'dialog_delaktighet']);
  await utanAnmarkningar('2 Koppling');

  await nav.getByRole('button', { name: /^4 Insatser/ }).click();
  const balans = page.getByRole('note', { name: 'Beräknad balans ur insatserna' });
  // The example's insatser: one effektivitet, one innovation, one both (half each); costs
  // 1 700 against 1 400 tkr over 2024–2026.
  assert.match(await balans.innerText(), /effektivitet 50 %, innovation 50 % \(3 insatser\)/);
  assert.match((await balans.innerText()).replace(/\u00a0/g, ' '), /effektivitet 55 % \(1 700 tkr\), innovation 45 % \(1 400 tkr\)/);
  await utanAnmarkningar('4 Insatser');
});

test('en plan sparad före valen behåller sin text och får planens egna ord ikryssade', async () => {
  const gammal = JSON.parse(readFileSync(join(ROT, 'tests', 'fixtures', 'digitaliseringsplan-fore-planval.underlag.json'), 'utf8'));
  // One list chosen with a value from another year's list: kept and marked.
  gammal.dokument.koppling.valda_mal = ['hallbar_stad'];
  const fil = join(server.mapp, 'gammal-plan.underlag.json');
  writeFileSync(fil, JSON.stringify(gammal));
  await fetch(`${server.url}/test/oppna-fil`, { method: 'POST', body: JSON.stringify({ sokvag: fil }) });
  await page.getByRole('button', { name: 'Till startsidan' }).click();
  const fore = (await kommando(server, 'dokumentlista', {})).length;
  await page.getByRole('button', { name: 'Importera .underlag.json …' }).click();
  await page.getByRole('heading', { name: /^Digitaliseringsplan 2024–2026/ }).waitFor();
  assert.equal((await kommando(server, 'dokumentlista', {})).length, fore + 1);
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: /^2 Koppling/ }).click();

  const nyttor = page.getByRole('group', { name: new RegExp(`^${NYTTOR}`) });
  await nyttor.waitFor();
  const ikryssade = [];
  for (const ruta of await nyttor.getByRole('checkbox').all()) {
    if (await ruta.isChecked()) ikryssade.push(await ruta.evaluate((el) => el.parentElement.textContent.trim()));
  }
  assert.deepEqual(ikryssade, [
    'Höjd kvalitet i och tillgänglighet till stadens digitala service.',
    'Ökad realisering av kvalitativa och ekonomiska nyttor och effekter.',
  ]);
  assert.equal(
    await page.getByLabel('Hur planen ger nyttorna, eller annan nytta').inputValue(),
    gammal.dokument.koppling.prioriterade_nyttor,
  );
  // Quoted in another case, over a line break and without the full stop: still the plan's words.
  const inriktningar = page.getByRole('group', { name: /^Inriktningar som planen följer/ });
  assert.ok(await inriktningar.getByRole('checkbox', { name: 'Nya kompetenser utvecklas.' }).isChecked());
  assert.ok(await inriktningar.getByRole('checkbox', { name: 'Tjänster erbjuds som utgår från användarnas behov och livshändelser.' }).isChecked());
  assert.equal(await page.getByLabel('Hur planen följer inriktningarna, eller annan inriktning').inputValue(), gammal.dokument.koppling.inriktningar);

  const mal = page.getByRole('group', { name: /^Stadens övergripande mål som planen bidrar till/ });
  const okand = mal.getByRole('checkbox', { name: '"hallbar_stad" finns inte i mallen för 2023.' });
  assert.ok(await okand.isChecked());
  await page.locator('.fyndpanel button.fynd', { hasText: 'Avsnitt 2, Stadens övergripande mål som planen bidrar till: "hallbar_stad" finns inte i mallen för 2023.' }).waitFor();
  await utanAnmarkningar('2 Koppling, gammal plan');
});

test('ett val som en senare mall ersätter märks och byts mot ersättaren med en knapp', async () => {
  const plan = JSON.parse(readFileSync(join(ROT, 'examples', 'digitaliseringsplan-2024-exempel.underlag.json'), 'utf8'));
  plan.dokument.meta.mall = 'digitaliseringsplan-2027';
  plan.dokument.koppling.valda_nyttor = ['kvalitet_tillganglighet', 'dialog_delaktighet'];
  const fil = join(server.mapp, 'plan-2027.underlag.json');
  writeFileSync(fil, JSON.stringify(plan));
  await fetch(`${server.url}/test/oppna-fil`, { method: 'POST', body: JSON.stringify({ sokvag: fil }) });
  await page.getByRole('button', { name: 'Till startsidan' }).click();
  await page.getByRole('button', { name: 'Importera .underlag.json …' }).click();
  await page.getByRole('heading', { name: /^Digitaliseringsplan 2024–2026/ }).waitFor();
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: /^2 Koppling/ }).click();

  const nyttor = page.getByRole('group', { name: new RegExp(`^${NYTTOR}`) });
  const gammal = nyttor.getByRole('checkbox', { name: '"dialog_delaktighet" finns inte i mallen för 2027.' });
  assert.ok(await gammal.isChecked());
  const ny = nyttor.getByRole('checkbox', { name: 'Ökad möjlighet till dialog och delaktighet för alla.' });
  assert.equal(await ny.isChecked(), false);
  await utanAnmarkningar('2 Koppling, val ur en annan års mall');

  await nyttor.getByRole('button', { name: 'Byt till: Ökad möjlighet till dialog och delaktighet för alla.' }).click();
  await page.getByRole('status').filter({ hasText: 'Sparat' }).waitFor();
  await gammal.waitFor({ state: 'detached' });
  assert.ok(await ny.isChecked());
  const lista = await kommando(server, 'dokumentlista', {});
  const vy = await kommando(server, 'hamta_dokument', { id: lista[0].id });
  assert.deepEqual(vy.dokument.koppling.valda_nyttor, ['kvalitet_tillganglighet', 'dialog_och_delaktighet']);
  assert.equal(vy.fynd.filter((f) => f.regel === 'DP-val-utanfor-mallen').length, 0);
});
