// End to end: the database's disk is full. The edit is refused at the field in Swedish, what
// the user typed stays in the field, and every edit saved before is still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, kommando, oppnaExempelanalysen, sidaForFilen } from './miljo.mjs';

const miljo = sidaForFilen({ disk: '3m' });

/** An edit through the command surface; the core's refusal comes back instead of failing. */
async function andra(id, falt, varde) {
  const svar = await fetch(`${miljo.server.url}/api/andra`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, andring: { typ: 'satt', falt, varde } }),
  });
  return { ok: svar.ok, data: await svar.json() };
}

test('en full disk vägrar ändringen vid fältet på svenska, och det skrivna står kvar', async () => {
  const { page, server } = miljo;
  await oppnaExempelanalysen(miljo);
  const { id } = (await kommando(server, 'dokumentlista', {}))[0];

  // Another window fills the disk with long analyses until the core refuses.
  let sista = null;
  let vagran = null;
  for (let i = 1; i <= 400 && !vagran; i += 1) {
    const text = `Analys ${i}: ${'Leverantörens analys. '.repeat(900)}`;
    const svar = await andra(id, 'portfoljanalys.leverantorens_analys', text);
    if (svar.ok) sista = text;
    else vagran = svar.data;
  }
  assert.ok(sista, 'ingen ändring sparades före den fulla disken');
  assert.ok(vagran, 'disken blev aldrig full');
  assert.match(vagran.meddelande, /^Disken är full, så ändringen kunde inte sparas\. Ingenting är ändrat/);

  // The user types in Dokumentinformation and leaves the field.
  const falt = page.getByLabel('Leverantörsnämnd');
  await falt.waitFor();
  await falt.fill('Nämnden för intraservice');
  await falt.blur();
  await page.locator('.sparstatus.fel').waitFor();
  assert.match(await page.locator('.sparstatus').innerText(), /^Inte sparat: Disken är full/);
  assert.equal(await falt.inputValue(), 'Nämnden för intraservice', 'det skrivna står kvar');
  // At the field too, and the field says it is the one refused.
  const id2 = await falt.getAttribute('id');
  const vidFaltet = page.locator(`[id="${id2}:fel"]`);
  assert.match(await vidFaltet.innerText(), /^Disken är full/);
  assert.equal(await falt.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axe(page), []);

  // Every acknowledged edit is stored; the refused ones are not.
  const dok = (await kommando(server, 'hamta_dokument', { id })).dokument;
  assert.equal(dok.portfoljanalys.leverantorens_analys, sista);
  assert.equal(dok.meta.organisation, 'Nämnden för demokrati och medborgarservice');
});
