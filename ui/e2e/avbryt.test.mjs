// End to end: a long export is cancelled midway. An analysis with 1 500 proposals takes the
// core many seconds to write as Word (the test server is a debug build); the user starts the
// export, types in another section meanwhile (the edit waits its turn behind the export), and
// presses Avbryt in the status bar. The export stops without writing a file, the status bar
// says so, and the edit is saved: nothing typed is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { axe, kommando, sidaForFilen } from './miljo.mjs';

const EXEMPEL = resolve(import.meta.dirname, '..', '..', 'examples', 'arlig-analys-2024.underlag.json');
const ANTAL = 1500;
const miljo = sidaForFilen();

/** The example with ANTAL proposals in 2.2, each a copy of the first with its own id and name. */
async function importeraStorAnalys(server) {
  const fil = JSON.parse(readFileSync(EXEMPEL, 'utf8'));
  const forsta = fil.dokument.foreslagna_insatser.insatser[0];
  fil.dokument.foreslagna_insatser.insatser = Array.from({ length: ANTAL }, (_, i) => ({
    ...structuredClone(forsta),
    id: `forslag-${i + 1}`,
    namn: `Insats ${i + 1}`,
  }));
  const sokvag = join(server.mapp, 'stor.underlag.json');
  writeFileSync(sokvag, JSON.stringify(fil));
  return kommando(server, 'importera', { sokvag });
}

test('en lång Word-export avbryts utan att någon fil skrivs, och det man skrev under tiden sparas', async () => {
  const { page, server } = miljo;
  const { id } = await importeraStorAnalys(server);
  await page.goto(`${server.url}/?oppna=${id}`);
  await page.getByRole('heading', { name: /^Årlig analys av digital utveckling och förvaltning 2024/ }).waitFor();

  const nav = page.getByRole('navigation', { name: 'Avsnitt' });
  await nav.getByRole('button', { name: 'Exportera' }).click();
  await page.getByRole('button', { name: 'Exportera Word' }).click();
  const rad = page.locator('.arbetsrad');
  await rad.getByText('Exporterar Word-dokument …').waitFor();
  const avbryt = rad.getByRole('button', { name: 'Avbryt: Exporterar Word-dokument' });
  await avbryt.waitFor();
  assert.deepEqual(await axe(page), []);

  // Meanwhile the user goes on writing elsewhere; the edit waits for the export.
  await nav.getByRole('button', { name: /^Dokumentinformation/ }).click();
  const falt = page.getByLabel('Leverantörsnämnd');
  await falt.fill('Nämnden för intraservice');
  await falt.blur();

  await avbryt.click();
  await rad.getByText('Exporten avbröts. Ingen fil skrevs.').waitFor();
  assert.equal(await rad.locator('progress').count(), 0, 'inget arbete pågår längre');
  assert.deepEqual(readdirSync(server.ut).filter((f) => f.endsWith('.docx')), [], 'ingen Word-fil skrevs');

  // The edit made during the export reaches the store once the export has stopped.
  await page.locator('.sparstatus').filter({ hasText: 'Sparat' }).waitFor();
  assert.equal(await falt.inputValue(), 'Nämnden för intraservice');
  const lagrat = await kommando(server, 'hamta_dokument', { id });
  assert.equal(lagrat.dokument.meta.organisation, 'Nämnden för intraservice');
});
