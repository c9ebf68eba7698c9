// End to end: "Sammanfoga del" on the example. A colleague's part (the example with a new
// insats, a filled-in field and a conflicting text) is chosen through the open dialog; the view
// lists the items side by side, nothing is taken until chosen, a stale preview is refused with
// the core's message, and the merge lands in the document and in the versions view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { axe, kommando, startaSida } from './miljo.mjs';

const EXEMPEL = resolve(import.meta.dirname, '..', '..', 'examples', 'arlig-analys-2024.underlag.json');

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

function skrivDel(namn) {
  const fil = JSON.parse(readFileSync(EXEMPEL, 'utf8'));
  const insatser = fil.dokument.foreslagna_insatser.insatser;
  insatser[0].strategisk.koppling_till_beslutade_mal = 'Kommunfullmäktiges budget 2024';
  insatser[0].strategisk.nytta = 'En webbplats som besökarna hittar rätt på';
  insatser.push({ ...structuredClone(insatser[1]), id: 'forslag-9', namn: 'E-arkiv för hela staden' });
  const sokvag = join(server.mapp, namn);
  writeFileSync(sokvag, JSON.stringify(fil, null, 2));
  return sokvag;
}

async function valjDel(sokvag) {
  await fetch(`${server.url}/test/oppna-fil`, { method: 'POST', body: JSON.stringify({ sokvag }) });
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: 'Sammanfoga del …' }).click();
  await page.getByRole('heading', { name: 'Sammanfoga del' }).waitFor();
  await page.getByRole('alert').waitFor({ state: 'detached' });
  await page.getByText(/nya · .* ändrade · .* i konflikt/).waitFor();
}

test('en kollegas del visas sida vid sida och bara det valda tas in', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  await page.getByRole('heading', { name: /^Årlig analys av digital utveckling och förvaltning/ }).waitFor();
  const del = skrivDel('kollegans-del.underlag.json');
  await valjDel(del);

  await page.getByText('1 nya · 1 ändrade · 1 i konflikt').waitFor();
  const avsnitt = page.getByRole('region', { name: '2.2 Förslag på nya förändringsinsatser' });
  await avsnitt.getByRole('heading', { name: 'Föreslagen förändringsinsats 1: Utvecklad funktionalitet på goteborg.se' }).waitFor();
  const konflikt = avsnitt.getByRole('row', { name: /Konflikt Nytta/ });
  await konflikt.getByRole('cell', { name: 'En modern och effektiv webbplats' }).waitFor();
  await konflikt.getByRole('cell', { name: 'En webbplats som besökarna hittar rätt på' }).waitFor();
  // Every item starts as "keep".
  const behall = page.getByRole('radio', { name: 'Behåll nuvarande' });
  assert.equal(await behall.count(), 3);
  for (let i = 0; i < 3; i++) assert.equal(await behall.nth(i).isChecked(), true);
  assert.deepEqual(await axe(page), []);

  // A stale preview: the document changes behind the view; the merge is refused in Swedish.
  await api('andra', { id: 1, andring: { typ: 'satt', falt: 'effekthemtagning.leverantorens_analys', varde: 'Ändrad under tiden' } });
  await konflikt.getByRole('radio', { name: 'Ta in delens' }).check();
  await page.getByRole('textbox', { name: /Sammanfogas av/ }).fill('Kim Samordnare');
  await page.getByRole('button', { name: 'Sammanfoga', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Dokumentet har ändrats sedan förhandsgranskningen' }).waitFor();

  // Again: take the conflict's incoming text and all new; the filled-in field is kept.
  await valjDel(del);
  await page.getByRole('region', { name: '2.2 Förslag på nya förändringsinsatser' })
    .getByRole('row', { name: /Konflikt Nytta/ }).getByRole('radio', { name: 'Ta in delens' }).check();
  await page.getByRole('checkbox', { name: /Ta in alla nya/ }).check();
  await page.getByRole('textbox', { name: /Sammanfogas av/ }).fill('Kim Samordnare');
  await page.getByRole('button', { name: 'Sammanfoga', exact: true }).click();
  await page.getByRole('heading', { name: 'Versioner' }).waitFor();
  const historik = page.getByRole('table', { name: 'Sammanfogade delar' });
  await historik.getByRole('cell', { name: 'Kim Samordnare' }).waitFor();
  await historik.getByText(/kollegans-del\.underlag\.json/).waitFor();
  assert.deepEqual(await axe(page), []);

  const d = (await api('hamta_dokument', { id: 1 })).dokument;
  const insatser = d.foreslagna_insatser.insatser;
  assert.equal(insatser.length, 9);
  assert.equal(insatser[8].namn, 'E-arkiv för hela staden');
  assert.equal(insatser[0].strategisk.nytta, 'En webbplats som besökarna hittar rätt på');
  assert.equal(insatser[0].strategisk.koppling_till_beslutade_mal, '');
  const [s] = await api('sammanfogningar', { id: 1 });
  assert.equal(s.av, 'Kim Samordnare');
  assert.equal(s.tagna.length, 2);
  // Kept: the filled-in field, and 1.1's analysis, which now differs from the part's since the
  // edit made behind the first preview.
  assert.deepEqual(s.behallna.map((p) => p.etikett).sort(), [
    'Dokumenterad koppling till beslutade mål (KF budget, program, planer, Agenda2030)',
    'Leverantörens analys',
  ]);

  // One undo takes the whole merge back.
  await page.getByRole('button', { name: 'Ångra' }).click();
  await page.getByRole('status').filter({ hasText: 'Sparat' }).waitFor();
  const efter = (await api('hamta_dokument', { id: 1 })).dokument;
  assert.equal(efter.foreslagna_insatser.insatser.length, 8);
});

test('en del av en annan dokumenttyp avvisas med kärnans meddelande', async () => {
  const plan = join(server.mapp, 'plan.underlag.json');
  writeFileSync(plan, JSON.stringify({
    format_version: 1, dokumenttyp: 'tjansteplan',
    dokument: (await api('skapa_dokument', { mall: 'tjansteplan-2023', organisation: 'Intraservice', ar: 2024 })).dokument,
  }));
  // The example's analysis is still open from the first test.
  await fetch(`${server.url}/test/oppna-fil`, { method: 'POST', body: JSON.stringify({ sokvag: plan }) });
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: 'Sammanfoga del …' }).click();
  await page.getByRole('alert').filter({ hasText: 'Bara delar av samma slags dokument kan sammanfogas' }).waitFor();
  assert.deepEqual(await axe(page), []);
});

test('en del som lämnats ut ur appen jämförs mot versionen den lämnades ut från', async () => {
  // The example's analysis is still open; hand it out as a part.
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: 'Exportera' }).click();
  await page.getByRole('button', { name: 'Lämna ut som del' }).click();
  await page.getByText(/^Sparade delen /).waitFor();
  const text = await page.locator('.resultat').textContent();
  const sokvag = text.replace(/^Sparade delen /, '').replace(/ \(\d+ kB\)\.$/, '');
  const fil = JSON.parse(readFileSync(sokvag, 'utf8'));
  assert.equal(fil.format_version, 2);
  assert.equal(fil.ursprung.dokument, 1);
  // The coordinator edits one text, the colleague another and the same one.
  await api('andra', { id: 1, andring: { typ: 'satt', falt: 'foreslagna_insatser.insatser[2].strategisk.nytta', varde: 'Samordnarens nytta' } });
  fil.dokument.foreslagna_insatser.insatser[2].strategisk.nytta = 'Kollegans nytta';
  fil.dokument.foreslagna_insatser.insatser[3].strategisk.nytta = 'Bara kollegan';
  writeFileSync(sokvag, JSON.stringify(fil, null, 2));
  await valjDel(sokvag);
  await page.getByText('och med versionen som lämnades ut', { exact: false }).waitFor();
  await page.getByText('0 nya · 1 ändrade · 1 i konflikt').waitFor();
  const konflikt = page.getByRole('row', { name: /Konflikt Nytta/ });
  await konflikt.getByRole('cell', { name: /^Samordnarens nytta/ }).waitFor();
  await konflikt.getByText('Vid utlämningen: Demokrati och medborgarservice säkerställer att de lagkrav som påverkar tjänsten Extern service och kommunikation efterföljs.').waitFor();
  await page.getByRole('row', { name: /Ändrad Nytta/ }).getByRole('cell', { name: 'Bara kollegan' }).waitFor();
  assert.deepEqual(await axe(page), []);
});
