// How a command reaches the core. In the desktop app the call goes through Tauri's invoke; in
// the end-to-end tests through the loopback test server, which calls the same Rust functions.
// The typed functions per command are generated (./typer/kommandon.ts).
import type { Kommandofel } from './typer/Kommandofel';

/** A command's refusal, with the core's Swedish message. */
export class Fel extends Error {
  constructor(readonly fel: Kommandofel) {
    super(fel.meddelande);
  }
  get kod() {
    return this.fel.kod;
  }
  get falt() {
    return this.fel.falt;
  }
}

export function arTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

function somKommandofel(e: unknown): Kommandofel {
  if (e && typeof e === 'object' && 'kod' in e && 'meddelande' in e) return e as Kommandofel;
  return { kod: 'databas', meddelande: `Oväntat fel: ${String(e)}`, falt: null };
}

export async function anropa<T>(kommando: string, arg: object): Promise<T> {
  if (arTauri()) {
    const { invoke } = await import('@tauri-apps/api/core');
    try {
      return await invoke<T>(kommando, { arg });
    } catch (e) {
      throw new Fel(somKommandofel(e));
    }
  }
  let svar: Response;
  try {
    svar = await fetch(`/api/${kommando}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(arg),
    });
  } catch (e) {
    throw new Fel(somKommandofel(e));
  }
  const data = await svar.json();
  if (!svar.ok) throw new Fel(somKommandofel(data));
  return data as T;
}
