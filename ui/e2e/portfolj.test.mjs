// End to end: three årliga analyser (the bundled example, a copy from another leverantör and
// a copy for the next year) opened as one portfolio through the real core. The table, the
// totals, the filters, the charts with their tables, axe, and both exports read back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { axe, paketdel, kommando, startaSida } from './miljo.mjs';

const EXEMPEL = resolve(import.meta.dirname, '..', '..', 'examples', 'arlig-analys-2024.underlag.json');
const DEMOKRATI = 'Nämnden för demokrati och medborgarservice';
const INTRASERVICE = 'Intraservice';
const SARSKILD = 'Gemensam plattform för e-arkiv';
// Markup in a name a user wrote: shown as text in the table, escaped by the core in the SVG.
const MARKUP = '<img src=x onerror="globalThis.intrang=1"><svg onload="globalThis.intrang=2"></svg> Intrång & "citat"';

let server;
let page;
let stoppa;

const api = (namn, arg) => kommando(server, namn, arg);

/** The example with another leverantör or year, written as an exchange file and imported. */
async function importeraKopia(filnamn, andra) {
  const fil = JSON.parse(readFileSync(EXEMPEL, 'utf8'));
  andra(fil.dokument);
  const sokvag = join(server.mapp, filnamn);
  writeFileSync(sokvag, JSON.stringify(fil));
  return api('importera', { sokvag });
}

/** Names of the parts in an Office package. */
function paketdelar(fil) {
  return execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', fil], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

/** How many föreslagna and pågående insatser a stored analysis has, read from the document. */
function antalInsatser(vy) {
  return vy.dokument.foreslagna_insatser.insatser.length + vy.dokument.pagaende_insatser.insatser.length;
}

/** Proposals with money planned for the analysis year, the one budget column the example fills. */
function budgeteradeForslagI(vy) {
  return vy.dokument.foreslagna_insatser.insatser.filter((i) => i.ekonomisk.projektbudget.ar !== null).length;
}

let pagaende;
let budgeteradeForslag;

const insatstabell = () => page.getByRole('table', { name: /^Föreslagna och pågående insatser/ });
const insatsrader = () => insatstabell().locator('tbody tr');

async function visar(antal) {
  await page.getByRole('status').filter({ hasText: antal === 1 ? 'Visar 1 insats.' : `Visar ${antal} insatser.` }).waitFor();
}

/** The text of one column of the insats table, by its header. */
async function kolumn(rubrik) {
  const rubriker = (await insatstabell().locator('thead th').allInnerTexts()).map((s) => s.replace(/[▲▼]/g, '').trim());
  const i = rubriker.indexOf(rubrik);
  assert.ok(i >= 0, `kolumnen ${rubrik} finns inte bland ${rubriker}`);
  return insatsrader().locator(`:scope > :nth-child(${i + 1})`).allInnerTexts();
}

/** A totals table as { etikett: [antal, belopp] }. */
async function summatabell(namn) {
  const rader = page.getByRole('table', { name: namn }).locator('tbody tr');
  const ut = {};
  for (const rad of await rader.all()) {
    const celler = await rad.locator('th, td').allInnerTexts();
    ut[celler[0]] = [Number(celler[1]), celler[2]];
  }
  return ut;
}

let antal;
/** What the page's CSP refused (the charts' SVG must need no inline style or script). */
const vagrat = [];

before(async () => {
  ({ server, page, stoppa } = await startaSida());
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) vagrat.push(m.text());
  });
  const exempel = await api('oppna_exempel', { namn: null });
  const intraservice = await importeraKopia('intraservice.underlag.json', (d) => {
    d.meta.organisation = INTRASERVICE;
    d.foreslagna_insatser.insatser[0].namn = SARSKILD;
    d.foreslagna_insatser.insatser[1].namn = MARKUP;
  });
  const nastaAr = await importeraKopia('demokrati-2025.underlag.json', (d) => {
    d.meta.analysar = 2025;
  });
  antal = { exempel: antalInsatser(exempel), intraservice: antalInsatser(intraservice), nastaAr: antalInsatser(nastaAr) };
  pagaende = { exempel: exempel.dokument.pagaende_insatser.insatser.length, intraservice: intraservice.dokument.pagaende_insatser.insatser.length, nastaAr: nastaAr.dokument.pagaende_insatser.insatser.length };
  budgeteradeForslag = { exempel: budgeteradeForslagI(exempel), intraservice: budgeteradeForslagI(intraservice), nastaAr: budgeteradeForslagI(nastaAr) };
  assert.ok(antal.exempel > 1, 'exemplet har insatser att visa');
  const senare = exempel.dokument.foreslagna_insatser.insatser.filter((i) => ['ar_plus_1', 'ar_plus_2', 'senare'].some((k) => i.ekonomisk.projektbudget[k] !== null));
  assert.deepEqual(senare, [], 'exemplets projektbudget ligger bara på analysåret (summorna per budgetår nedan räknar med det)');
});

after(async () => {
  await stoppa?.();
});

test('startsidan öppnar flera årliga analyser som en portfölj', async () => {
  await page.goto(server.url);
  const val = page.getByRole('region', { name: 'Portfölj' });
  await val.getByRole('group', { name: 'Analyser i portföljen' }).waitFor();
  assert.equal(await val.getByRole('checkbox').count(), 3);
  await val.getByRole('button', { name: 'Alla leverantörer 2024' }).click();
  await val.getByRole('button', { name: 'Öppna som portfölj (2 analyser)' }).waitFor();
  await val.getByRole('checkbox', { name: `${DEMOKRATI} 2025` }).check();
  await val.getByRole('button', { name: 'Öppna som portfölj (3 analyser)' }).click();

  await page.getByRole('heading', { level: 1, name: 'Portfölj' }).waitFor();
  const totalt = antal.exempel + antal.intraservice + antal.nastaAr;
  await visar(totalt);
  assert.equal(await insatsrader().count(), totalt);
  assert.equal(await page.title(), 'Underlag – Portfölj');

  const analyser = page.getByRole('table', { name: /^Analyser i portföljen/ }).locator('tbody tr');
  assert.equal(await analyser.count(), 3);
  const rader = await Promise.all((await analyser.all()).map((r) => r.locator('th, td').allInnerTexts()));
  assert.deepEqual(rader.map((r) => `${r[0]} ${r[1]}`).sort(), [`${DEMOKRATI} 2024`, `${DEMOKRATI} 2025`, `${INTRASERVICE} 2024`].sort());
  for (const r of rader) {
    assert.match(r[2], /^\d+$/, 'antalet fel visas');
    assert.match(r[3], /^\d+$/, 'antalet varningar visas');
  }
});

test('summorna per leverantör och budgetår räknas av kärnan över alla analyser', async () => {
  const totalt = antal.exempel + antal.intraservice + antal.nastaAr;
  const summa = page.getByRole('region', { name: 'Summor' });
  await summa.getByText(new RegExp(`^Totalt: \\d.*kr i projektbudget för ${totalt} insatser\\.$`)).waitFor();

  const perLeverantor = await summatabell('Per leverantör');
  assert.deepEqual(Object.keys(perLeverantor).sort(), [INTRASERVICE, DEMOKRATI].sort());
  assert.equal(perLeverantor[INTRASERVICE][0], antal.intraservice);
  assert.equal(perLeverantor[DEMOKRATI][0], antal.exempel + antal.nastaAr);
  assert.match(perLeverantor[INTRASERVICE][1], /\d.*kr$/);

  // The example plans its proposals' money for the analysis year only: the copy for 2025
  // moves it to 2025, and that total is the Intraservice copy's, whose figures are the same.
  const perAr = await summatabell('Per budgetår');
  assert.equal(perAr['2024'][0], budgeteradeForslag.exempel + budgeteradeForslag.intraservice);
  assert.equal(perAr['2025'][0], budgeteradeForslag.nastaAr);
  assert.equal(perAr['2025'][1], perLeverantor[INTRASERVICE][1]);

  for (const namn of ['Per bastjänst', 'Per kundgrupp']) {
    const tabell = await summatabell(namn);
    assert.ok(Object.keys(tabell).length > 0, `${namn} har rader`);
  }
});

test('filtren frågar kärnan igen och tabellen följer svaret', async () => {
  const filter = page.getByRole('region', { name: 'Filter' });
  await filter.getByRole('group', { name: 'Leverantör' }).getByRole('checkbox', { name: INTRASERVICE }).check();
  await visar(antal.intraservice);
  assert.deepEqual([...new Set(await kolumn('Leverantör'))], [INTRASERVICE]);
  const perLeverantor = await summatabell('Per leverantör');
  assert.deepEqual(Object.keys(perLeverantor), [INTRASERVICE], 'summorna följer filtret');

  await filter.getByRole('searchbox', { name: 'Sök på namn, leverantör, bastjänst eller kundgrupp' }).fill(SARSKILD);
  await visar(1);
  assert.deepEqual(await kolumn('Insats'), [SARSKILD]);

  await filter.getByRole('button', { name: 'Rensa filter' }).click();
  await visar(antal.exempel + antal.intraservice + antal.nastaAr);
  assert.equal(await filter.getByRole('searchbox').inputValue(), '');

  await filter.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'Pågående (1.4)' }).check();
  await visar(pagaende.exempel + pagaende.intraservice + pagaende.nastaAr);
  assert.deepEqual([...new Set(await kolumn('Status'))], ['Pågående']);
  await filter.getByRole('group', { name: 'Analysår' }).getByRole('checkbox', { name: '2025' }).check();
  await visar(pagaende.nastaAr);
  assert.deepEqual([...new Set(await kolumn('Analysår'))], ['2025']);
  await filter.getByRole('button', { name: 'Rensa filter' }).click();
  await visar(antal.exempel + antal.intraservice + antal.nastaAr);
});

test('tabellen sorteras efter kolumn med aria-sort', async () => {
  const rubrik = insatstabell().getByRole('columnheader', { name: 'Insats', exact: true });
  await rubrik.getByRole('button').click();
  assert.equal(await rubrik.getAttribute('aria-sort'), 'ascending');
  const namn = await kolumn('Insats');
  assert.deepEqual(namn, [...namn].sort(new Intl.Collator('sv-SE', { numeric: true }).compare));
  // The keyboard does the same: the header is a button.
  await rubrik.getByRole('button').focus();
  await page.keyboard.press('Enter');
  assert.equal(await rubrik.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await kolumn('Insats'), [...namn].reverse());
});

test('varje diagram är en bild med alternativtext, en synlig rubrik och en datatabell', async () => {
  const diagram = page.getByRole('region', { name: 'Diagram' });
  const figurer = diagram.getByRole('figure');
  const ids = await figurer.evaluateAll((f) => f.map((x) => x.getAttribute('data-diagram')));
  assert.deepEqual(ids.sort(), ['kostnadsutveckling', 'per-bastjanst', 'per-leverantor', 'pios-matris']);
  for (const figur of await figurer.all()) {
    const bild = figur.getByRole('img');
    assert.equal(await bild.count(), 1);
    const alt = await bild.getAttribute('aria-label');
    assert.ok(alt && alt.trim().length > 10, `alternativtexten är ifylld: ${alt}`);
    assert.equal(await bild.locator('svg').count(), 1, 'kärnans SVG visas');
    const rubrik = (await figur.locator('figcaption').innerText()).trim();
    assert.ok(rubrik.length > 0);
    await figur.locator('summary').focus();
    await page.keyboard.press('Enter');
    const tabell = figur.getByRole('table', { name: rubrik });
    await tabell.waitFor();
    assert.ok((await tabell.locator('thead th').count()) >= 2, 'tabellen har kolumnrubriker');
    assert.ok((await tabell.locator('tbody tr').count()) >= 1, 'tabellen har rader');
  }
  const fel = await axe(page);
  assert.deepEqual(fel, [], `axe hittade brister i portföljen: ${JSON.stringify(fel, null, 1)}`);
  assert.deepEqual(vagrat, [], 'sidans CSP har inte behövt vägra något');

  // The name with markup is text everywhere: in the table, the charts' tables and the SVG.
  await insatstabell().getByRole('rowheader', { name: MARKUP, exact: true }).waitFor();
  assert.ok((await page.getByRole('cell', { name: MARKUP, exact: true }).count()) >= 1, 'namnet står som text i diagrammets tabell');
  assert.equal(await page.locator('img').count(), 0, 'ingen <img> kom in från en text');
  assert.equal(await page.locator('svg svg').count(), 0, 'ingen <svg> kom in i ett diagram från en text');
  assert.equal(await page.evaluate(() => globalThis.intrang), undefined);
});

test('portföljen exporteras till Word och Excel genom spara-dialogen', async () => {
  const exportdel = page.getByRole('region', { name: 'Exportera portföljen' });
  await exportdel.getByRole('button', { name: 'Exportera Word' }).click();
  await exportdel.getByText(/^Sparade .*portfolj\.docx/).waitFor();
  const docx = join(server.ut, 'portfolj.docx');
  const dokumentxml = paketdel(docx, 'word/document.xml');
  assert.ok(dokumentxml.includes(INTRASERVICE) && dokumentxml.includes(DEMOKRATI), 'Word-dokumentet nämner båda leverantörerna');
  assert.ok(dokumentxml.includes(SARSKILD), 'Word-dokumentet har insatserna');
  assert.match(dokumentxml, /<wp:docPr [^>]*descr="[^"]+"/, 'diagrammen är bilder med alternativtext');
  assert.ok(paketdelar(docx).some((d) => d.startsWith('word/media/')), 'diagrambilderna finns i paketet');

  await exportdel.getByRole('button', { name: 'Exportera Excel' }).click();
  await exportdel.getByText(/^Sparade .*portfolj\.xlsx/).waitFor();
  const xlsx = join(server.ut, 'portfolj.xlsx');
  assert.ok(paketdelar(xlsx).some((d) => /^xl\/charts\/chart\d+\.xml$/.test(d)), 'arbetsboken har inbyggda diagram');
  const strangar = paketdel(xlsx, 'xl/sharedStrings.xml');
  assert.ok(strangar.includes(INTRASERVICE) && strangar.includes(SARSKILD), 'arbetsboken har portföljens insatser');
});

test('Till startsidan lämnar portföljen', async () => {
  await page.getByRole('button', { name: 'Till startsidan' }).click();
  await page.getByRole('heading', { name: 'Nytt dokument' }).waitFor();
});
