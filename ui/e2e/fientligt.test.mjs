// Hostile content in the app: an analysis with a 1 MB text, 10 000 proposals in 2.2, markup
// and bidi/control characters in its texts and a nämnd named like a path and a Windows device.
// The document is imported, its heavy sections opened and edited, and the export file name the
// app suggests is read off the save dialog's request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { axe, startaServer, startaWebblasare } from './miljo.mjs';

const ROT = resolve(import.meta.dirname, '..', '..');
const MARKUP = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
const ORGANISATION = '../../CON. Nämnden\u202efdp.exe\u0007 ';
const ANTAL = 10_000;

let server;
let webblasare;
let page;
const konsolfel = [];
const forslag = [];

function megabyte() {
  const mening = 'Förvaltningen åtar sig att öka tillgängligheten för invånarna i Göteborg. ';
  let s = 'MEGAMARKOR ';
  s += mening.repeat(Math.floor((1_048_576 - Buffer.byteLength(s)) / Buffer.byteLength(mening)));
  return s + 'x'.repeat(1_048_576 - Buffer.byteLength(s));
}

function fientligtDokument() {
  const fil = JSON.parse(readFileSync(join(ROT, 'examples', 'arlig-analys-2024.underlag.json'), 'utf8'));
  const d = fil.dokument;
  d.meta.organisation = ORGANISATION;
  d.langsiktig_utveckling.leverantorens_analys = megabyte();
  const forsta = d.foreslagna_insatser.insatser[0];
  d.foreslagna_insatser.insatser = Array.from({ length: ANTAL }, (_, i) => ({
    ...structuredClone(forsta),
    id: `forslag-${i + 1}`,
    namn: i === 0 ? MARKUP : `Insats ${i + 1} =1+1`,
  }));
  d.foreslagna_insatser.insatser[1].strategisk.nytta = 'faktura\u202efdp.exe \u0000\u001b[31m =HYPERLINK("http://evil","klicka")';
  return fil;
}

// Every edit of this document comes back with the whole 37 MB view, validated again: minutes
// in a debug build, so the waits are long. (The role queries of app.test.mjs walk the whole
// accessibility tree; CSS locators keep the test's own cost down.)
const LANGE = { timeout: 400_000 };

async function sparat() {
  await page.locator('[role=status]', { hasText: /Sparat/ }).waitFor(LANGE);
}

before(async () => {
  server = await startaServer();
  webblasare = await startaWebblasare();
  page = await webblasare.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => konsolfel.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') konsolfel.push(m.text()); });
  page.on('dialog', (d) => { konsolfel.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('request', (r) => {
    if (r.url().endsWith('/dialog/spara')) forslag.push(JSON.parse(r.postData() ?? '{}').forslag);
  });
});

after(async () => {
  await webblasare?.close();
  await server?.stoppa();
});

describe('ett fientligt dokument', () => {
  test('importeras, och avsnitten med 1 MB text och 10 000 insatser går att öppna och ändra', async () => {
    const fil = join(server.mapp, 'fientlig.underlag.json');
    writeFileSync(fil, JSON.stringify(fientligtDokument()));
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Nytt dokument' }).waitFor();
    await fetch(`${server.url}/test/oppna-fil`, { method: 'POST', body: JSON.stringify({ sokvag: fil }) });
    await page.getByRole('button', { name: 'Importera .underlag.json …' }).click();
    await page.getByRole('heading', { name: 'Årlig analys av digital utveckling och förvaltning 2024' }).waitFor(LANGE);

    const nav = page.getByRole('navigation', { name: 'Avsnitt' });
    await nav.getByRole('button', { name: /^2\.2/ }).click();
    const antal = page.locator('.insatser .antal');
    await antal.waitFor(LANGE);
    assert.match(await antal.innerText(), /10\s000 förändringsinsatser; visar 1–50/);
    assert.equal(await page.locator('article.kort').count(), 50);
    await page.locator('.insatser > button', { hasText: /Visa fler \(9\s950 kvar\)/ }).click();
    await page.locator('article.kort').nth(99).waitFor(LANGE);
    assert.equal(await page.locator('article.kort').count(), 100);

    // Markup in a name is shown as text and runs nothing.
    const forsta = page.locator('article.kort').first();
    assert.equal(await forsta.getByLabel('Namn').inputValue(), MARKUP);
    assert.match(await forsta.locator('h3').innerText(), /<script>window.__xss = 1<\/script>/);
    assert.equal(await page.evaluate(() => globalThis.__xss), undefined);
    assert.equal(await page.locator('img[src="x"]').count(), 0);

    // An edit in the long list is stored and acknowledged.
    const andra = page.locator('article.kort').nth(1);
    await andra.getByLabel('Namn').fill('Insats 2, ändrad');
    await andra.getByLabel('Namn').blur();
    await sparat();
    assert.equal(await page.locator('article.kort').nth(1).getByLabel('Namn').inputValue(), 'Insats 2, ändrad');
    // The hidden characters in the nämnd's name are reported, naming the field; the panel shows
    // its 30 000 findings a hundred at a time.
    await page.locator('button.fynd', { hasText: 'Fältet "Leverantörsnämnd" i dokumentets uppgifter' }).filter({ hasText: 'U+202E' }).waitFor();
    assert.equal(await page.locator('button.fynd').count(), 100);
    await page.locator('button.flerfynd', { hasText: /Visa fler fynd/ }).waitFor();

    // The section with the 1 MB text.
    await nav.getByRole('button', { name: /^4 / }).click();
    const lang = page.locator('[id="falt:langsiktig_utveckling.leverantorens_analys"]');
    await lang.waitFor(LANGE);
    const varde = await lang.inputValue();
    assert.equal(varde.length, megabyte().length);
    assert.ok(varde.startsWith('MEGAMARKOR'));
    await lang.fill(`${varde.slice(0, 1000)} Tillägg.`);
    await lang.blur();
    await sparat();
    assert.ok((await lang.inputValue()).endsWith('Tillägg.'));

    // Navigation still works both ways.
    await nav.getByRole('button', { name: /^2\.2/ }).click();
    await page.locator('.insatser .antal').waitFor(LANGE);
    await nav.getByRole('button', { name: /^4 / }).click();
    await lang.waitFor(LANGE);
    assert.deepEqual(konsolfel, []);
  });

  test('exportens filnamnsförslag är ett säkert namn, och vyerna klarar axe', async () => {
    const nav = page.getByRole('navigation', { name: 'Avsnitt' });
    await nav.getByRole('button', { name: 'Exportera' }).click();
    await page.getByRole('button', { name: 'Exportera Excel' }).click();
    await page.locator('.resultat').filter({ hasText: /Sparade .*\.xlsx/ }).waitFor(LANGE);
    await page.getByRole('button', { name: 'Exportera JSON' }).click();
    await page.locator('.resultat').filter({ hasText: /Sparade .*\.underlag\.json/ }).waitFor(LANGE);
    assert.equal(forslag.length, 2);
    for (const namn of forslag) {
      assert.ok(!/[/\\]|\.\.|[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(namn), namn);
      assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(namn), namn);
      assert.ok(!/[. ]$/.test(namn) && namn.length <= 140, namn);
      assert.match(namn, /^Årlig analys av digital utveckling och förvaltning 2024 – CON\. Nämnden fdp\.exe\.(xlsx|underlag\.json)$/);
    }
    const fel = await axe(page);
    assert.deepEqual(fel, [], `axe: ${JSON.stringify(fel, null, 1)}`);
    await nav.getByRole('button', { name: /^2\.2/ }).click();
    await page.locator('.insatser .antal').waitFor(LANGE);
    const fel22 = await axe(page);
    assert.deepEqual(fel22, [], `axe i 2.2: ${JSON.stringify(fel22, null, 1)}`);
    assert.deepEqual(konsolfel, []);
  });
});
