// End to end: the PIOS figures of 1.3. A PNG chosen in the open dialog is added and the
// Granskning asks for its alt text until it is written; a second image pasted from the
// clipboard is added, the two change places, one is removed, and a file that is no image is
// refused in Swedish at the field with nothing lost.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe, kommando, startaSida } from './miljo.mjs';

// A 1 × 1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let server;
let page;
let stoppa;

before(async () => {
  ({ server, page, stoppa } = await startaSida());
});

after(async () => {
  await stoppa?.();
});

async function svaraIDialogen(fil) {
  await fetch(`${server.url}/test/oppna-fil`, { method: 'POST', body: JSON.stringify({ sokvag: fil }) });
}

test('figurer: lägg till, alternativtext, klistra in, flytta, ta bort och en fil som inte är en bild', async () => {
  const bildfil = join(server.mapp, 'pios-portfolj.png');
  writeFileSync(bildfil, Buffer.from(PNG, 'base64'));
  const textfil = join(server.mapp, 'inte-en-bild.png');
  writeFileSync(textfil, 'Det här är ingen bild.');

  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  await page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('button', { name: /^1\.3/ }).click();
  const figurer = page.locator('fieldset.figurer');
  await figurer.getByText('Inga figurer.').waitFor();

  await svaraIDialogen(bildfil);
  await figurer.getByRole('button', { name: 'Lägg till bild …' }).click();
  await figurer.getByText('Figur 1: pios-portfolj.png').waitFor();
  const granskning = page.getByRole('complementary', { name: 'Granskning' });
  const altfel = granskning.getByRole('button', { name: /Figur 1 i avsnitt 1\.3 saknar alternativtext/ });
  await altfel.waitFor();

  const alt = figurer.getByRole('textbox', { name: /^Alternativtext/ });
  assert.equal(await alt.getAttribute('aria-invalid'), 'true');
  await alt.fill('Portföljen i PIOS');
  await alt.blur();
  await altfel.waitFor({ state: 'detached' });
  assert.equal(await alt.getAttribute('aria-invalid'), null);

  // A PNG pasted from the clipboard onto the figure area.
  await figurer.getByRole('button', { name: 'Lägg till bild …' }).focus();
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'bild.png', { type: 'image/png' }));
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, PNG);
  await figurer.getByText('Figur 2: urklipp-2.png').waitFor();
  assert.deepEqual(await axe(page), []);

  await figurer.getByRole('button', { name: 'Flytta figur 2 upp' }).click();
  await figurer.getByText('Figur 1: urklipp-2.png').waitFor();
  let lagrat = await kommando(server, 'hamta_dokument', { id: 1 });
  assert.deepEqual(lagrat.dokument.portfoljanalys.figurer.map((f) => [f.filnamn, f.alt_text]), [
    ['urklipp-2.png', ''],
    ['pios-portfolj.png', 'Portföljen i PIOS'],
  ]);

  await figurer.getByRole('button', { name: 'Ta bort figur 1' }).click();
  await figurer.getByText('Figur 1: pios-portfolj.png').waitFor();

  // Named .png, but text: refused in Swedish at the field, and the figure stays.
  await svaraIDialogen(textfil);
  await figurer.getByRole('button', { name: 'Lägg till bild …' }).click();
  await figurer.getByRole('alert').filter({ hasText: 'Filen är inte en PNG- eller JPEG-bild' }).waitFor();
  lagrat = await kommando(server, 'hamta_dokument', { id: 1 });
  assert.deepEqual(lagrat.dokument.portfoljanalys.figurer.map((f) => f.filnamn), ['pios-portfolj.png']);
  assert.deepEqual(await axe(page), []);
});
