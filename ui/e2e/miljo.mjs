// The end-to-end environment: the loopback test server (the real core behind the same
// commands as the desktop app) and Debian's Chromium driven by playwright-core.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const UI = resolve(import.meta.dirname, '..');
const ROT = resolve(UI, '..');
const MAL = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(ROT, 'target');

/**
 * Starts the test server on a database of its own. With `disk` ('3m'), the database lies on a
 * tmpfs of that size in a mount namespace of the server's own (`unshare -rm`), so a test can
 * fill it without root and without touching the machine's disks. `mallar`: a folder of further
 * templates (the server's `--mallar`).
 */
export async function startaServer({ disk, mallar } = {}) {
  const mapp = mkdtempSync(join(tmpdir(), 'underlag-e2e-'));
  const ut = join(mapp, 'ut');
  const dbmapp = disk ? join(mapp, 'disk') : mapp;
  execFileSync('mkdir', ['-p', ut, dbmapp]);
  const binar = process.env.UNDERLAG_PROVSERVER ?? join(MAL, 'debug', 'underlag-provserver');
  const extra = mallar ? ['--mallar', mallar] : [];
  const argument = ['--db', join(dbmapp, 'db.sqlite'), '--ui', join(UI, 'dist'), '--ut', ut, ...extra];
  const [program, programargument] = disk
    ? ['unshare', ['-rm', '--propagation', 'private', 'bash', '-c',
      `mount -t tmpfs -o size=${disk} tmpfs "$0" && exec "$@"`, dbmapp, binar, ...argument]]
    : [binar, argument];
  const proc = spawn(program, programargument, {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The database key from the environment, so no test touches a keychain.
    env: { ...process.env, UNDERLAG_DB_KEY: '0123456789abcdef'.repeat(4) },
  });
  const rad = await new Promise((ok, fel) => {
    const rl = createInterface({ input: proc.stdout });
    rl.once('line', ok);
    proc.once('exit', (kod) => fel(new Error(`testservern avslutades (${kod})`)));
  });
  const slut = new Promise((ok) => proc.once('exit', ok));
  // The folder (database, backups, exports) goes with the server: a full test run leaves
  // nothing in the machine's temp directory.
  const stoppa = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill();
    await slut;
    rmSync(mapp, { recursive: true, force: true });
  };
  return { url: String(rad).trim(), mapp, ut, stoppa };
}

export async function startaWebblasare() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A test server and a page in Chromium that rethrows the page's errors; `stoppa` ends both.
 */
export async function startaSida(val = {}) {
  const server = await startaServer(val);
  const webblasare = await startaWebblasare();
  const page = await webblasare.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => { throw e; });
  return {
    server,
    page,
    stoppa: async () => {
      await webblasare.close();
      await server.stoppa();
    },
  };
}

/**
 * A test server and a page for the whole test file: started before its first test, stopped
 * after its last. The object is filled in when the tests run (`const { page, server } = s`).
 */
export function sidaForFilen(val = {}) {
  const s = {};
  before(async () => {
    Object.assign(s, await startaSida(val));
  });
  after(async () => {
    await s.stoppa?.();
  });
  return s;
}

/** Opens the bundled årlig analys from the start page and waits for its heading. */
export async function oppnaExempelanalysen({ page, server }) {
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Öppna exemplet: Årlig analys/ }).click();
  await page.getByRole('heading', { name: /^Årlig analys av digital utveckling och förvaltning 2024/ }).waitFor();
}

const AXE = readFileSync(join(UI, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and returns the violations.
 * The script is evaluated through the DevTools protocol, so the page's CSP stays as strict as
 * in the app.
 */
export async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, hjalp: v.help, noder: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

/** The text of a part of an Office package (word/document.xml, xl/sharedStrings.xml …). */
export function paketdel(fil, del) {
  return execFileSync('/usr/bin/python3', ['-c',
    'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode("utf-8"))', fil, del],
  { encoding: 'utf8' });
}

/**
 * Runs an app command through the test server's `/api/<namn>` route (the same `Program::utfor`
 * the desktop app reaches) and returns its answer; a refused command fails the test with the
 * core's message.
 */
export async function kommando(server, namn, arg) {
  const svar = await fetch(`${server.url}/api/${namn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(arg),
  });
  const data = await svar.json();
  assert.ok(svar.ok, `${namn} vägrades: ${JSON.stringify(data)}`);
  return data;
}
