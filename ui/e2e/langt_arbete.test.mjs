// End to end: long work does not stop the user. While a Word export is under way (held at the
// network boundary so the test decides when it ends, not a clock), the status bar shows its
// progress, the user moves to another section, types and the edit is saved; then the export
// ends and the bar says where the file went.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { axe, kommando, oppnaExempelanalysen, paketdel, sidaForFilen } from './miljo.mjs';

const miljo = sidaForFilen();

test('man skriver och sparar i ett avsnitt medan en export pågår', async () => {
  const { page, server } = miljo;
  await oppnaExempelanalysen(miljo);

  let slapp;
  const haller = new Promise((ok) => { slapp = ok; });
  let begard;
  const exportBegard = new Promise((ok) => { begard = ok; });
  await page.route('**/api/exportera', async (route) => {
    begard();
    await haller;
    await route.continue();
  });

  const nav = page.getByRole('navigation', { name: 'Avsnitt' });
  await nav.getByRole('button', { name: 'Exportera' }).click();
  await page.getByRole('button', { name: 'Exportera Word' }).click();
  await exportBegard;
  const rad = page.locator('.arbetsrad');
  await rad.getByText('Exporterar Word-dokument …').waitFor();
  assert.equal(await rad.locator('progress').count(), 1);
  assert.deepEqual(await axe(page), []);

  // Elsewhere in the document, the user goes on writing.
  await nav.getByRole('button', { name: /^Dokumentinformation/ }).click();
  const falt = page.getByLabel('Leverantörsnämnd');
  await falt.fill('Nämnden för intraservice');
  await falt.blur();
  await page.locator('.sparstatus').filter({ hasText: 'Sparat' }).waitFor();
  assert.ok(await rad.getByText('Exporterar Word-dokument …').isVisible(), 'exporten pågår fortfarande');
  const { id } = (await kommando(server, 'dokumentlista', {}))[0];
  assert.equal((await kommando(server, 'hamta_dokument', { id })).dokument.meta.organisation, 'Nämnden för intraservice');

  slapp();
  await rad.getByText(/^Klart: Word-dokument sparat som .*\.docx\.$/).waitFor();
  assert.equal(await rad.locator('progress').count(), 0);
  const sokvag = (await rad.innerText()).match(/sparat som (.*\.docx)\.$/)?.[1];
  assert.ok(sokvag && existsSync(sokvag), sokvag);
  assert.match(paketdel(sokvag, 'word/document.xml'), /Årlig analys av digital utveckling och förvaltning/);
  await page.unroute('**/api/exportera');
});
