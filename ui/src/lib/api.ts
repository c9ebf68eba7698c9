// The UI's only way to the core: `api` has one typed function per command, generated from the
// Rust declaration (src/app/kommandon.rs) into ./typer/kommandon.ts; `anrop` carries the call.
export { api } from './typer/kommandon';
export { arTauri, Fel } from './anrop';
