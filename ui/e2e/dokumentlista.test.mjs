// End to end: the start page's documents as a list the user manages. Rename, duplicate,
// archive and restore, search and filter, the Papperskorg (restore, empty after a question),
// a new document's template for its year with the organisation remembered, and a second page
// still editing a document the first put in the Papperskorg: refused in Swedish, text kept.
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

const lista = () => page.getByRole('region', { name: 'Senaste dokument' });
const atgarder = (namn) => lista().getByRole('group', { name: `Åtgärder för ${namn}` });
const dokumentknappar = () => lista().locator('.dokumentknapp');
const ny = () => page.getByRole('region', { name: 'Nytt dokument' });

async function tillStart(p = page) {
  await p.getByRole('button', { name: 'Till startsidan' }).click();
  await p.getByRole('heading', { name: 'Nytt dokument' }).waitFor();
}

test('nytt dokument: mallen för året sägs, och nämnden minns per dokumenttyp', async () => {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  await page.getByRole('button', { name: 'Till startsidan' }).waitFor();
  await tillStart();

  await ny().getByLabel('Dokumenttyp').selectOption({ label: 'Tjänsteplan' });
  await ny().getByLabel('Planens första år').fill('2026');
  await page.getByText('Det finns ingen mall för 2026; mallen för 2023 används.').waitFor();
  await ny().getByLabel('Nämnd').fill('Intraservice');
  await page.getByRole('button', { name: 'Skapa' }).click();
  await page.getByRole('heading', { name: /^Tjänsteplan 2026/ }).waitFor();
  await tillStart();

  await ny().getByLabel('Dokumenttyp').selectOption({ label: 'Tjänsteplan' });
  await ny().getByLabel('Planens första år').fill('2023');
  await ny().locator('#ny-mall').filter({ hasText: /Mall: .*\(2023\)\.$/ }).waitFor();
  assert.equal(await ny().getByLabel('Nämnd').inputValue(), 'Intraservice', 'nämnden från förra tjänsteplanen');
  await ny().getByLabel('Dokumenttyp').selectOption({ label: 'Årlig analys av digital utveckling och förvaltning' });
  await ny().getByLabel('Analysår').waitFor();
  assert.deepEqual(await axe(page), []);
});

test('byt namn, duplicera, sök och filtrera, arkivera och återställ', async () => {
  await atgarder('Årlig analys 2024').getByRole('button', { name: 'Byt namn' }).click();
  const namn = lista().getByLabel('Nytt namn för Årlig analys 2024');
  await namn.fill('Intraservice slutlig');
  await lista().getByRole('button', { name: 'Spara namnet' }).click();
  const omdopt = lista().getByRole('button', { name: /^Intraservice slutlig/ });
  await omdopt.waitFor();
  assert.equal(await omdopt.evaluate((e) => e === document.activeElement), true, 'fokus på dokumentet');

  await atgarder('Intraservice slutlig').getByRole('button', { name: 'Duplicera' }).click();
  await page.getByRole('heading', { name: 'Årlig analys av digital utveckling och förvaltning 2024' }).waitFor();
  await tillStart();
  await lista().getByRole('button', { name: /^Kopia av Intraservice slutlig/ }).waitFor();
  assert.equal(await dokumentknappar().count(), 3);

  await lista().getByLabel('Sök', { exact: true }).fill('kopia');
  await dokumentknappar().nth(1).waitFor({ state: 'detached' });
  assert.equal(await dokumentknappar().count(), 1);
  await lista().getByRole('button', { name: 'Rensa sökningen' }).click();
  await lista().getByLabel('Dokumenttyp').selectOption({ label: 'Tjänsteplan' });
  await dokumentknappar().nth(1).waitFor({ state: 'detached' });
  assert.match(await dokumentknappar().first().innerText(), /Tjänsteplan 2026/);
  await lista().getByLabel('Dokumenttyp').selectOption({ label: 'Alla' });
  await lista().getByLabel('Status').selectOption({ label: 'Utkast' });
  await lista().getByLabel('År').selectOption('2024');
  assert.equal(await dokumentknappar().count(), 2);
  await lista().getByRole('button', { name: 'Rensa sökningen' }).click();
  assert.equal(await dokumentknappar().count(), 3);

  await atgarder('Kopia av Intraservice slutlig').getByRole('button', { name: 'Arkivera' }).click();
  await lista().getByText('Kopia av Intraservice slutlig är arkiverat.').waitFor();
  assert.equal(await dokumentknappar().count(), 2);
  await lista().getByRole('checkbox', { name: /^Visa arkiverade/ }).check();
  await lista().getByRole('button', { name: /^Kopia av Intraservice slutlig.*arkiverad/ }).click();
  // An archived document opens marked, and a change is refused with the words kept.
  await page.getByText('Dokumentet är arkiverat och kan inte ändras.').waitFor();
  const falt = page.getByLabel('Leverantörsnämnd');
  await falt.fill('Annan nämnd');
  await falt.blur();
  await page.getByText('Inte sparat: Dokumentet är arkiverat. Återställ det från startsidan för att ändra det.').waitFor();
  assert.equal(await falt.inputValue(), 'Annan nämnd');
  assert.deepEqual(await axe(page), []);
  await tillStart();
  await lista().getByRole('checkbox', { name: /^Visa arkiverade/ }).check();
  await atgarder('Kopia av Intraservice slutlig').getByRole('button', { name: 'Återställ' }).click();
  await lista().getByText('Kopia av Intraservice slutlig är återställt från arkivet.').waitFor();
  assert.deepEqual(await axe(page), []);
});

test('papperskorgen: ta bort, återställ, en annan sida som skriver får besked, och töm', async () => {
  const korg = page.getByRole('region', { name: 'Papperskorg' });
  await atgarder('Tjänsteplan 2026').getByRole('button', { name: 'Ta bort' }).click();
  await korg.getByText('Tjänsteplan 2026').waitFor();
  assert.equal(await dokumentknappar().count(), 2);
  await korg.getByRole('button', { name: 'Återställ' }).click();
  await korg.getByText('Papperskorgen är tom.').waitFor();
  assert.equal(await dokumentknappar().count(), 3);

  // A second page has the renamed analysis open while this one puts it in the Papperskorg.
  const annan = await page.context().browser().newPage();
  annan.on('pageerror', (e) => { throw e; });
  await annan.goto(server.url);
  await annan.getByRole('region', { name: 'Senaste dokument' }).getByRole('button', { name: /^Intraservice slutlig/ }).click();
  const falt = annan.getByLabel('Leverantörsnämnd');
  await falt.waitFor();
  await atgarder('Intraservice slutlig').getByRole('button', { name: 'Ta bort' }).click();
  await korg.getByText('Intraservice slutlig').waitFor();
  // The pause after typing sends the text while the field still has focus; leaving the field
  // after the refusal must not bring the stored value back. The user types in the window in
  // front: Chromium holds back a background tab's timers, the pause's among them.
  await annan.bringToFront();
  await falt.fill('Skrivet i det andra fönstret');
  const status = annan.locator('.sparstatus');
  await annan.locator('.sparstatus.fel, .sparstatus.sparat').waitFor();
  assert.match(await status.innerText(), /^Inte sparat: Dokumentet ligger i papperskorgen/);
  await falt.blur();
  assert.equal(await falt.inputValue(), 'Skrivet i det andra fönstret', 'det skrivna finns kvar');
  await annan.close();
  await page.bringToFront();

  assert.deepEqual(await axe(page), []);
  await korg.getByRole('button', { name: 'Töm papperskorgen …' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tömma papperskorgen?' });
  await dialog.getByText('Ett dokument tas bort för alltid').waitFor();
  assert.deepEqual(await axe(page), []);
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  await korg.getByText('Intraservice slutlig').waitFor();
  await korg.getByRole('button', { name: 'Töm papperskorgen …' }).click();
  await dialog.getByRole('button', { name: 'Töm papperskorgen' }).click();
  await korg.getByText('Ett dokument är borttaget för alltid.').waitFor();
  await korg.getByText('Papperskorgen är tom.').waitFor();
  assert.equal(await dokumentknappar().count(), 2);
});
