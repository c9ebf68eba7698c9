// Native open and save dialogs. In the desktop app they are the operating system's (Tauri's
// dialog plugin); in the end-to-end tests the test server answers with paths it controls.
import { arTauri } from './api';

async function testserver(vag: string, body: object): Promise<string | null> {
  const svar = await fetch(vag, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await svar.json()) as string | null;
}

export async function valjFilAttOppna(
  filter: { titel: string; namn: string; filandelse: string | string[] } = { titel: 'Öppna underlag', namn: 'Underlag (JSON)', filandelse: 'json' },
): Promise<string | null> {
  if (arTauri()) {
    const { open } = await import('@tauri-apps/plugin-dialog');
    const val = await open({
      title: filter.titel,
      multiple: false,
      directory: false,
      filters: [{ name: filter.namn, extensions: [filter.filandelse].flat() }],
    });
    return typeof val === 'string' ? val : null;
  }
  return testserver('/dialog/oppna', {});
}

export async function valjSparplats(forslag: string, filter: { namn: string; filandelse: string }): Promise<string | null> {
  if (arTauri()) {
    const { save } = await import('@tauri-apps/plugin-dialog');
    return save({
      title: 'Spara som',
      defaultPath: forslag,
      filters: [{ name: filter.namn, extensions: [filter.filandelse] }],
    });
  }
  return testserver('/dialog/spara', { forslag });
}

/** Shows the document's title in the window's title bar (and the browser tab in tests). */
export async function sattFonstertitel(titel: string): Promise<void> {
  document.title = titel;
  if (arTauri()) {
    const { getCurrentWindow } = await import('@tauri-apps/api/window');
    await getCurrentWindow().setTitle(titel);
  }
}
