//! Every command the UI can call, declared once: its name, its argument and answer types, and
//! the `Program` method of the same name that carries it out. Everything else follows from
//! this list: `Program::utfor` (the loopback test server's dispatch), `KOMMANDON`, the Tauri
//! shell's command handlers (`underlag::for_varje_kommando!` in `src-tauri/src/main.rs`), and
//! the generated files `ui/src/lib/typer/kommandon.ts` (the UI's typed API),
//! `src-tauri/kommandon.rs` (the build script's allow-list) and
//! `src-tauri/permissions/kommandon.toml` (the main window's permission set), which
//! `underlag ts-typer` writes and a test keeps current.
//!
//! Adding a command: a `Program` method, then one line here. The few commands under `arbeten`
//! are methods of [`super::Arbeten`] instead: they must answer while a long command holds the
//! program's lock (the user's "Avbryt"), so the shells call them without taking it.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{Arbeten, Felkod, Kommandofel, Program, Svar};

/// Calls `$m!` with the lists of commands, `namn(Argument) -> Svar;` each, the types as paths
/// from this crate's root, so the Tauri shell can expand its handlers from the same lists:
/// `program { … }` are `Program` methods, `arbeten { … }` methods of `Arbeten`.
#[macro_export]
macro_rules! for_varje_kommando {
    ($m:ident) => {
        $m! {
            program {
            mallar($crate::app::IngaArg) -> Vec<$crate::app::Mallval>;
            dokumentlista($crate::app::IngaArg) -> Vec<$crate::store::Dokumentpost>;
            skapa_dokument($crate::app::NyttDokumentArg) -> $crate::app::Dokumentvy;
            exempel($crate::app::IngaArg) -> Vec<$crate::app::Exempelval>;
            oppna_exempel($crate::app::ExempelArg) -> $crate::app::Dokumentvy;
            importera($crate::app::SokvagArg) -> $crate::app::Dokumentvy;
            hamta_dokument($crate::app::IdArg) -> $crate::app::Dokumentvy;
            andra($crate::app::AndraArg) -> $crate::app::Dokumentvy;
            overstyr_harledning($crate::app::OverstyrArg) -> $crate::app::Dokumentvy;
            folj_harledning($crate::app::FoljArg) -> $crate::app::Dokumentvy;
            lagg_till_post($crate::app::ListaArg) -> $crate::app::Dokumentvy;
            duplicera_post($crate::app::PostArg) -> $crate::app::Dokumentvy;
            lagg_till_figur($crate::app::FigurArg) -> $crate::app::Dokumentvy;
            byt_figur($crate::app::BytFigurArg) -> $crate::app::Dokumentvy;
            angra($crate::app::IdArg) -> $crate::app::Dokumentvy;
            gor_om($crate::app::IdArg) -> $crate::app::Dokumentvy;
            spara_version($crate::app::SparaVersionArg) -> $crate::app::Dokumentvy;
            byt_status($crate::app::StatusArg) -> $crate::app::Dokumentvy;
            versioner($crate::app::IdArg) -> Vec<$crate::store::RegistreradVersion>;
            visa_version($crate::app::VersionArg) -> $crate::app::Versionsvy;
            exportera($crate::app::ExportArg) -> $crate::app::Exportresultat;
            sakerhetskopior($crate::app::IngaArg) -> $crate::app::Sakerhetskopior;
            sakerhetskopiera($crate::app::IngaArg) -> $crate::app::Sakerhetskopior;
            aterstall_sakerhetskopia($crate::app::AterstallArg) -> $crate::app::Sakerhetskopior;
            spara_installningar($crate::store::sakerhetskopia::Installningar)
                -> $crate::app::Sakerhetskopior;
            forhandsgranska_nasta_ar($crate::app::NastaArArg) -> $crate::app::Arsskiftesvy;
            skapa_nasta_ar($crate::app::NastaArArg) -> $crate::app::Dokumentvy;
            forhandsgranska_word($crate::app::OrdimportArg) -> $crate::ordimport::Importrapport;
            importera_word($crate::app::OrdimportArg) -> $crate::app::Ordimportresultat;
            forhandsgranska_sammanfogning($crate::app::DelArg) -> $crate::app::Sammanfogningsvy;
            sammanfoga($crate::app::SammanfogaArg) -> $crate::app::Dokumentvy;
            sammanfogningar($crate::app::IdArg) -> Vec<$crate::store::Sammanfogning>;
            lamna_ut_del($crate::app::DelArg) -> $crate::app::Exportresultat;
            oppna_portfolj($crate::app::PortfoljArg) -> $crate::app::Portfoljvy;
            exportera_portfolj($crate::app::PortfoljExportArg) -> $crate::app::Exportresultat;
            sammanstallningsval($crate::app::IngaArg) -> Vec<$crate::app::Sammanstallningsval>;
            oppna_sammanstallning($crate::app::SammanstallningArg) -> $crate::app::Sammanstallningsvy;
            exportera_sammanstallning($crate::app::SammanstallningExportArg)
                -> $crate::app::Exportresultat;
            byt_namn($crate::app::NamnArg) -> $crate::app::Startlistor;
            duplicera_dokument($crate::app::IdArg) -> $crate::app::Dokumentvy;
            arkivera($crate::app::ArkiveraArg) -> $crate::app::Startlistor;
            ta_bort_dokument($crate::app::IdArg) -> $crate::app::Startlistor;
            papperskorg($crate::app::IngaArg) -> Vec<$crate::store::Dokumentpost>;
            aterstall_dokument($crate::app::IdArg) -> $crate::app::Startlistor;
            tom_papperskorg($crate::app::IngaArg) -> $crate::app::Startlistor;
            mall_for_ar($crate::app::MallForArArg) -> $crate::app::Mallforslag;
            hjalpsidor($crate::app::IngaArg) -> Vec<$crate::hjalp::Hjalpsida>;
            hjalpsida($crate::app::HjalpsidaArg) -> $crate::hjalp::VisadHjalpsida;
            sok_hjalp($crate::app::HjalpsokArg) -> $crate::hjalp::Hjalpsok;
            hjalp_for($crate::app::HjalpplatsArg) -> $crate::hjalp::Hjalpplats;
            }
            arbeten {
            avbryt_arbete($crate::app::ArbeteArg) -> ();
            }
        }
    };
}

/// One command as the generators see it.
pub struct Kommando {
    pub namn: &'static str,
    /// The argument's TypeScript type (`IdArg`).
    pub arg: String,
    /// The answer's TypeScript type (`Array<Dokumentpost>`).
    pub svar: String,
    /// The argument carries nothing (`IngaArg`): the UI calls it without one.
    pub utan_arg: bool,
}

macro_rules! definiera {
    (
        program { $( $namn:ident ( $arg:ty ) -> $svar:ty ; )* }
        arbeten { $( $anamn:ident ( $aarg:ty ) -> $asvar:ty ; )* }
    ) => {
        /// The names of every command, as the Tauri shell registers and allow-lists them.
        pub const KOMMANDON: &[&str] = &[$(stringify!($namn),)* $(stringify!($anamn)),*];

        /// Every command with its TypeScript types, for the generated files.
        pub fn kommandon() -> Vec<Kommando> {
            vec![$(Kommando {
                namn: stringify!($namn),
                arg: <$arg as TS>::name(&ts_rs::Config::new()),
                svar: <$svar as TS>::name(&ts_rs::Config::new()),
                utan_arg: std::any::TypeId::of::<$arg>() == std::any::TypeId::of::<super::IngaArg>(),
            },)* $(Kommando {
                namn: stringify!($anamn),
                arg: <$aarg as TS>::name(&ts_rs::Config::new()),
                svar: <$asvar as TS>::name(&ts_rs::Config::new()),
                utan_arg: false,
            }),*]
        }

        impl Arbeten {
            /// Runs `namn` if it is one of the commands answered outside the program's lock.
            pub fn utfor(&self, namn: &str, arg: Value) -> Option<Svar<Value>> {
                match namn {
                    $(stringify!($anamn) => Some(arg_av(namn, arg).and_then(|a| json(self.$anamn(a)))),)*
                    _ => None,
                }
            }
        }

        impl Program {
            /// Runs the command `namn` with its JSON argument: how `underlag call` and the
            /// loopback test server reach the same functions the Tauri commands call. The
            /// `arbeten` commands run too (the test server asks `Arbeten::utfor` first, outside
            /// the lock).
            pub fn utfor(&mut self, namn: &str, arg: Value) -> Svar<Value> {
                match namn {
                    $(stringify!($namn) => json(self.$namn(arg_av(namn, arg)?)),)*
                    _ => self.arbeten.utfor(namn, arg).unwrap_or_else(|| {
                        Err(Kommandofel::ny(
                            Felkod::Saknas,
                            format!("Det finns inget kommando som heter {namn}."),
                        ))
                    }),
                }
            }
        }
    };
}

crate::for_varje_kommando!(definiera);

fn json<T: Serialize>(svar: Svar<T>) -> Svar<Value> {
    svar.and_then(|v| {
        serde_json::to_value(v).map_err(|e| Kommandofel::ny(Felkod::Databas, e.to_string()))
    })
}

/// The argument as the command's type. A mismatch is the UI's mistake, not the user's; the
/// message names the field, not serde's English.
fn arg_av<T: for<'de> Deserialize<'de>>(namn: &str, arg: Value) -> Svar<T> {
    serde_path_to_error::deserialize(arg).map_err(|e| {
        let falt = e.path().to_string();
        Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: format!(
                "Kommandot {namn} fick ett argument som inte går att läsa (vid \"{falt}\")."
            ),
            falt: Some(falt),
        }
    })
}

/// `skapa_dokument` → `skapaDokument`, the UI's name for it.
fn ts_namn(namn: &str) -> String {
    let mut ut = String::new();
    let mut stor = false;
    for c in namn.chars() {
        if c == '_' {
            stor = true;
        } else if stor {
            ut.extend(c.to_uppercase());
            stor = false;
        } else {
            ut.push(c);
        }
    }
    ut
}

/// The type names a TypeScript type expression uses (`Array<Dokumentpost>` → `Dokumentpost`).
fn typnamn(uttryck: &str) -> impl Iterator<Item = &str> {
    uttryck
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|n| n.chars().next().is_some_and(char::is_uppercase) && *n != "Array")
}

/// `ui/src/lib/typer/kommandon.ts`: one typed function per command.
pub fn typescript() -> String {
    let kommandon = kommandon();
    let mut typer: Vec<&str> = kommandon
        .iter()
        .flat_map(|k| {
            let arg = if k.utan_arg { "" } else { k.arg.as_str() };
            typnamn(arg).chain(typnamn(&k.svar))
        })
        .collect();
    typer.sort_unstable();
    typer.dedup();
    let mut ut = String::from(
        "// Generated by `underlag ts-typer` from src/app/kommandon.rs; do not edit.\n\
         // The UI's only way to the core: one typed function per command.\n\n\
         import { anropa } from '../anrop';\n",
    );
    for t in &typer {
        ut.push_str(&format!("import type {{ {t} }} from './{t}';\n"));
    }
    ut.push_str("\nexport const api = {\n");
    for k in &kommandon {
        let (param, arg) = if k.utan_arg {
            (String::new(), "{}")
        } else {
            (format!("arg: {}", k.arg), "arg")
        };
        ut.push_str(&format!(
            "  {}: ({param}) => anropa<{}>('{}', {arg}),\n",
            ts_namn(k.namn),
            k.svar,
            k.namn
        ));
    }
    ut.push_str("};\n");
    ut
}

/// `src-tauri/kommandon.rs`: the list the shell's build script allow-lists (a build script
/// cannot link the core, so it gets the names as a file).
pub fn tauri_kommandolista() -> String {
    let mut ut = String::from(
        "// Generated by `underlag ts-typer` from src/app/kommandon.rs; do not edit.\n\
         // The app commands, for build.rs (allow-list).\n\
         const KOMMANDON: &[&str] = &[\n",
    );
    for namn in KOMMANDON {
        ut.push_str(&format!("    \"{namn}\",\n"));
    }
    ut.push_str("];\n");
    ut
}

/// `src-tauri/permissions/kommandon.toml`: the permission set that grants the main window
/// every command (`allow-<name>`, as the build script generates them).
pub fn tauri_behorigheter() -> String {
    let mut ut = String::from(
        "# Generated by `underlag ts-typer` from src/app/kommandon.rs; do not edit.\n\
         [[set]]\n\
         identifier = \"kommandon\"\n\
         description = \"Underlags egna kommandon.\"\n\
         permissions = [\n",
    );
    for namn in KOMMANDON {
        ut.push_str(&format!("  \"allow-{}\",\n", namn.replace('_', "-")));
    }
    ut.push_str("]\n");
    ut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ts_names_are_camel_case() {
        assert_eq!(
            ts_namn("forhandsgranska_nasta_ar"),
            "forhandsgranskaNastaAr"
        );
        assert_eq!(ts_namn("mallar"), "mallar");
        assert_eq!(
            typnamn("Array<Dokumentpost>").collect::<Vec<_>>(),
            ["Dokumentpost"]
        );
    }
}
