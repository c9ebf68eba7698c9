// End to end: help where the user is. The first start asks what the user is here to do and
// leads to a first step; F1 opens the guide at the section shown; the guide is searchable and
// says so when nothing matches; the accessibility statement is a page; komplexitet levels are
// explained in the form; "Skriv ut" lays the document or the section out for A4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { axe, kommando, oppnaExempelanalysen, sidaForFilen } from './miljo.mjs';

const miljo = sidaForFilen();

const HJALPMAPP = resolve(import.meta.dirname, '..', '..', 'docs', 'hjalp');

/** Empties the store through the commands, so the next page load is a first start. */
async function tomDatabasen() {
  const { server } = miljo;
  for (const d of await kommando(server, 'dokumentlista', {})) await kommando(server, 'ta_bort_dokument', { id: d.id });
  await kommando(server, 'tom_papperskorg', {});
}

const fokuserad = () => miljo.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

const oppnaExemplet = () => oppnaExempelanalysen(miljo);

async function valjAvsnitt(nummer) {
  const { page } = miljo;
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: new RegExp(`^${nummer.replace('.', '\\.')} `) }).click();
  await page.locator('#vyrubrik').filter({ hasText: new RegExp(`^${nummer.replace('.', '\\.')} `) }).waitFor();
}

test('första start: en verksamhet som ska skriva en digitaliseringsplan leds till sitt första steg', async () => {
  const { page, server } = miljo;
  await page.goto(server.url);
  const valkommen = page.getByRole('region', { name: 'Välkommen! Vad vill du göra?' });
  await valkommen.waitFor();
  // The start page speaks to all three users, not only the leverantörsnämnder.
  const ingress = await page.locator('.ingress').innerText();
  for (const vem of ['tjänsteägare', 'förvaltningar och bolag', 'tjänsteområden', 'controllers']) assert.ok(ingress.includes(vem), ingress);
  assert.deepEqual(await axe(page), []);

  await valkommen.getByRole('button', { name: 'Skriva en digitaliseringsplan' }).click();
  assert.equal(await valkommen.getByRole('button', { name: 'Skriva en digitaliseringsplan' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#ny-typ').inputValue(), 'digitaliseringsplan');
  await page.getByRole('region', { name: 'Första steget' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'ny-organisation');
  assert.deepEqual(await axe(page), []);

  await page.locator('#ny-organisation').fill('Kulturnämnden');
  await page.getByRole('button', { name: 'Skapa' }).click();
  const steg = page.getByRole('note', { name: 'Första steget' });
  await steg.waitFor();
  assert.match(await steg.innerText(), /F1 öppnar hjälpen/);
  assert.deepEqual(await axe(page), []);
  await steg.getByRole('button', { name: 'Jag förstår' }).click();
  assert.equal(await steg.count(), 0);

  // With a document stored the start page no longer asks.
  await page.getByRole('button', { name: 'Till startsidan' }).click();
  await page.getByRole('region', { name: 'Senaste dokument' }).getByRole('button', { name: /Kulturnämnden/ }).first().waitFor();
  assert.equal(await page.getByRole('region', { name: 'Välkommen! Vad vill du göra?' }).count(), 0);
});

test('första start: en controller samlar dokumenten och kan prova med exemplen', async () => {
  const { page, server } = miljo;
  await tomDatabasen();
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Granska och sammanställa' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'forsta-steg-granska');
  const steg = page.getByRole('region', { name: 'Första steget: samla dokumenten' });
  assert.equal(await steg.getByRole('button', { name: 'Importera .underlag.json …' }).count(), 1);
  assert.deepEqual(await axe(page), []);
  await steg.getByRole('button', { name: 'Prova med exemplen' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'portfolj-rubrik');
  const exempel = await kommando(server, 'exempel', {});
  assert.equal((await kommando(server, 'dokumentlista', {})).length, exempel.length);
  assert.equal(await page.getByRole('region', { name: 'Välkommen! Vad vill du göra?' }).count(), 0);
});

test('F1 öppnar hjälpen vid avsnittet man står i, och Esc stänger den', async () => {
  const { page, server } = miljo;
  await oppnaExemplet();
  await valjAvsnitt('2.2');
  await page.keyboard.press('F1');
  const hjalp = page.getByRole('dialog', { name: 'Hjälp' });
  await hjalp.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'hjalp-avsnitt-2-2');
  assert.equal(await fokuserad(), '2.2 Förslag på nya förändringsinsatser');
  assert.ok(await hjalp.getByRole('heading', { name: 'Årlig analys', level: 1 }).isVisible());
  assert.deepEqual(await axe(page), []);
  await page.keyboard.press('Escape');
  await hjalp.waitFor({ state: 'detached' });
  assert.match(await page.locator('#vyrubrik').innerText(), /^2\.2 /);

  // In a view that is not a section, F1 opens that view's page.
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: 'Versioner' }).click();
  await page.keyboard.press('F1');
  await hjalp.getByRole('heading', { name: 'Versioner', level: 1 }).waitFor();
  await hjalp.getByRole('button', { name: 'Stäng hjälpen' }).click();
  await hjalp.waitFor({ state: 'detached' });
});

test('sökningen i hjälpen hittar avsnittet, och säger till när inget finns', async () => {
  const { page, server } = miljo;
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Hjälp' }).click();
  const hjalp = page.getByRole('dialog', { name: 'Hjälp' });
  await hjalp.getByRole('heading', { name: 'Kom igång', level: 1 }).waitFor();
  const sok = hjalp.getByRole('searchbox', { name: 'Sök i hjälpen' });
  await sok.fill('beslutsdatum avsteg');
  await sok.press('Enter');
  const traff = hjalp.getByRole('button', { name: 'Årlig analys: 1.2 Status konsolidering' });
  await traff.waitFor();
  await traff.click();
  await page.waitForFunction(() => document.activeElement?.id === 'hjalp-avsnitt-1-2');
  assert.deepEqual(await axe(page), []);

  await sok.fill('zxqv');
  await sok.press('Enter');
  await hjalp.getByRole('status').filter({ hasText: 'Inga träffar för "zxqv"' }).waitFor();
  assert.equal(await sok.inputValue(), 'zxqv', 'det sökta står kvar');
  // The pages are still there to browse.
  await hjalp.getByRole('navigation', { name: 'Hjälpens sidor' }).getByRole('button', { name: 'Kortkommandon' }).click();
  await hjalp.getByRole('cell', { name: 'F1', exact: true }).waitFor();
  assert.deepEqual(await axe(page), []);
  await page.keyboard.press('Escape');
});

test('tillgänglighetsredogörelsen är en sida i appen med filens text', async () => {
  const { page, server } = miljo;
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Tillgänglighetsredogörelse' }).click();
  const hjalp = page.getByRole('dialog', { name: 'Hjälp' });
  await hjalp.getByRole('heading', { name: 'Tillgänglighetsredogörelse', level: 1 }).waitFor();
  const fil = readFileSync(join(HJALPMAPP, 'tillganglighet.md'), 'utf8');
  const forstaStycket = fil.split('\n\n')[1].replace(/\s+/g, ' ').trim();
  const visat = (await hjalp.locator('article').innerText()).replace(/\s+/g, ' ');
  assert.ok(visat.includes(forstaStycket), `${forstaStycket}\n---\n${visat}`);
  for (const rubrik of ['Vad vi har testat', 'Det som inte är tillgängligt', 'Rapportera brister']) {
    assert.ok(await hjalp.getByRole('heading', { name: rubrik, level: 2 }).isVisible(), rubrik);
  }
  assert.deepEqual(await axe(page), []);
  await page.keyboard.press('Escape');
});

test('komplexitetens nivåer förklaras i formuläret, inte bara när musen vilar på dem', async () => {
  const { page, server } = miljo;
  await oppnaExemplet();
  await valjAvsnitt('2.2');
  const text = 'Stor påverkan på verksamhetens arbetssätt. Detta kräver aktiv och medveten förändringsledning';
  const forklaring = page.getByText(text).first();
  assert.ok(await forklaring.isVisible());
  const id = await forklaring.getAttribute('id');
  // The radio button is described by it, so a screen reader reads it with the choice.
  assert.ok(await page.locator(`input[type=radio][aria-describedby="${id}"]`).count() === 1, id);
  assert.deepEqual(await axe(page), []);
});

test('skriv ut: avsnittet eller hela dokumentet, på A4 och utan appens knappar', async () => {
  const { page, server } = miljo;
  await oppnaExemplet();
  await valjAvsnitt('2.2');
  await page.getByRole('button', { name: 'Skriv ut …' }).click();
  await page.getByRole('heading', { name: 'Skriv ut', level: 2 }).waitFor();
  const forhand = page.getByRole('article', { name: 'Förhandsvisning av utskriften' });
  assert.ok(await page.getByRole('radio', { name: /^Bara avsnittet 2\.2 / }).isChecked());
  await forhand.getByRole('heading', { name: /^2\.2 Förslag på nya förändringsinsatser/ }).waitFor();
  assert.equal(await forhand.getByRole('heading', { name: /^1\.1 / }).count(), 0);
  assert.deepEqual(await axe(page), []);

  await page.getByRole('radio', { name: 'Hela dokumentet' }).check();
  await forhand.getByRole('heading', { name: /^1\.1 Genomförd effekthemtagning/ }).waitFor();
  await forhand.getByRole('heading', { name: /^3\.1 Kostnader förvaltning och utveckling/ }).waitFor();
  // On paper a text is printed whole, not cut at the edge of a field.
  const dok = (await kommando(server, 'hamta_dokument', { id: 1 })).dokument;
  const behov = dok.foreslagna_insatser.insatser[0].strategisk.behovsbeskrivning;
  assert.ok(behov.length > 200, 'exemplets behovsbeskrivning är lång');
  assert.equal(await forhand.locator('textarea, input[type=text]').count(), 0);

  // "Skriv ut …" hands over to the system's print dialog.
  await page.evaluate(() => { globalThis.utskrifter = 0; window.print = () => { globalThis.utskrifter += 1; }; });
  await page.getByRole('button', { name: 'Skriv ut …' }).click();
  assert.equal(await page.evaluate(() => globalThis.utskrifter), 1);

  // What the print dialog gets: A4, the section numbers, the whole text, none of the buttons.
  await page.emulateMedia({ media: 'print' });
  const pdf = join(server.mapp, 'utkast.pdf');
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+59[45]\.\d* x 841\.\d* pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const rubrik of ['1.1 Genomförd effekthemtagning', '2.2 Förslag på nya förändringsinsatser', '3.2 Förslag justering av fördelningsnycklar']) {
    assert.ok(text.includes(rubrik), rubrik);
  }
  const slutet = behov.replace(/\s+/g, ' ').trim().split(' ').slice(-6).join(' ');
  assert.ok(text.includes(slutet), `behovsbeskrivningens slut "${slutet}" saknas i utskriften`);
  for (const knapp of ['Stäng förhandsvisningen', 'Till startsidan', 'Granskning', 'Vad ska skrivas ut?']) {
    assert.ok(!text.includes(knapp), `${knapp} ska inte skrivas ut`);
  }

  await page.getByRole('button', { name: 'Stäng förhandsvisningen' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'skriv-ut');
  assert.match(await page.locator('#vyrubrik').innerText(), /^2\.2 /);
});
