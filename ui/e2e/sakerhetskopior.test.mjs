// End to end: the backup section of the start page lists the encrypted backups the core makes,
// makes one by hand, asks before a restore, and restores the document list to the backup's.
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

const rader = () => page.getByRole('table', { name: 'Säkerhetskopior, nyaste först' }).locator('tbody tr');

test('en säkerhetskopia görs, återställs efter en fråga, och återställningen kan ångras', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Säkerhetskopior' }).waitFor();
  // Opening the database made the first scheduled backup.
  await rader().first().waitFor();
  assert.equal(await rader().count(), 1);
  assert.match(await rader().first().innerText(), /automatisk/);
  assert.deepEqual(await axe(page), []);

  await page.getByRole('button', { name: 'Gör en säkerhetskopia nu' }).click();
  await page.getByRole('status').filter({ hasText: 'Säkerhetskopian är gjord.' }).waitFor();
  assert.equal(await rader().count(), 2);
  assert.match(await rader().first().innerText(), /gjord för hand/);

  // A document made after the backup.
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  await page.getByRole('button', { name: 'Till startsidan' }).click();
  const lista = page.getByRole('region', { name: 'Senaste dokument' }).getByRole('button', { name: /Årlig analys 2024/ });
  await lista.waitFor();

  // Asked first; "Avbryt" changes nothing.
  await rader().first().getByRole('button', { name: /^Återställ säkerhetskopian/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Återställa säkerhetskopian?' });
  await dialog.waitFor();
  assert.deepEqual(await axe(page), []);
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  assert.equal(await rader().count(), 2);
  assert.equal(await lista.count(), 1);

  await rader().first().getByRole('button', { name: /^Återställ säkerhetskopian/ }).click();
  await dialog.getByRole('button', { name: 'Återställ' }).click();
  await page.getByRole('status').filter({ hasText: /Databasen är återställd/ }).waitFor();
  await page.getByText('Inga dokument ännu.').waitFor();
  assert.equal(await lista.count(), 0, 'dokumentet gjordes efter kopian');
  assert.equal(await rader().count(), 3);
  assert.match(await rader().first().innerText(), /före återställning/);

  // The copy made before the restore brings the document back.
  await rader().first().getByRole('button', { name: /^Återställ säkerhetskopian/ }).click();
  await dialog.getByRole('button', { name: 'Återställ' }).click();
  await lista.waitFor();
  assert.equal(await lista.count(), 1);
});

test('inställningarna sparas, och 0 dagar nekas med fältets namn', async () => {
  await page.getByLabel('Behåll säkerhetskopior (dagar)').fill('14');
  await page.getByLabel('Säkerhetskopiera var (timmar)').fill('2');
  await page.getByRole('button', { name: 'Spara inställningar' }).click();
  await page.getByRole('status').filter({ hasText: 'Inställningarna är sparade.' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Säkerhetskopior' }).waitFor();
  await rader().first().waitFor();
  assert.equal(await page.getByLabel('Behåll säkerhetskopior (dagar)').inputValue(), '14');
  assert.equal(await page.getByLabel('Säkerhetskopiera var (timmar)').inputValue(), '2');
  // The browser's min=1 would stop 0 in a form; the core's refusal is what counts.
  await page.getByLabel('Behåll säkerhetskopior (dagar)').evaluate((e) => e.removeAttribute('min'));
  await page.getByLabel('Behåll säkerhetskopior (dagar)').fill('0');
  await page.getByRole('button', { name: 'Spara inställningar' }).click();
  await page.getByRole('alert').filter({ hasText: 'Behåll säkerhetskopior (dagar)' }).waitFor();
});
