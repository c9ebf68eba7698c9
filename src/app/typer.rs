//! The UI's TypeScript types, generated from the Rust types of every command and of the
//! document, so the two cannot drift, and the typed API over the commands (`kommandon.ts`).
//! `underlag ts-typer ui/src/lib/typer --tauri src-tauri` writes them and the shell's command
//! list; a test fails when the committed files are stale.

use std::path::Path;

use ts_rs::{Config, TS};

use super::*;
use crate::model::{ArligAnalys, Digitaliseringsplan, Tjansteplan};

/// Writes one `.ts` file per type into `mapp` (types they use included).
pub fn skriv_typer(mapp: &Path) -> Result<(), ts_rs::ExportError> {
    // Kronor are i64, but never near 2^53: plain numbers are exact for every municipal budget.
    let cfg = Config::new().with_large_int("number").with_out_dir(mapp);
    Dokumentvy::export_all(&cfg)?;
    Mallval::export_all(&cfg)?;
    Dokumentpost::export_all(&cfg)?;
    RegistreradVersion::export_all(&cfg)?;
    Versionsvy::export_all(&cfg)?;
    Exportresultat::export_all(&cfg)?;
    Kommandofel::export_all(&cfg)?;
    IngaArg::export_all(&cfg)?;
    IdArg::export_all(&cfg)?;
    ArbeteArg::export_all(&cfg)?;
    ExempelArg::export_all(&cfg)?;
    Exempelval::export_all(&cfg)?;
    Tjansteplan::export_all(&cfg)?;
    Digitaliseringsplan::export_all(&cfg)?;
    NyttDokumentArg::export_all(&cfg)?;
    SokvagArg::export_all(&cfg)?;
    AndraArg::export_all(&cfg)?;
    ListaArg::export_all(&cfg)?;
    PostArg::export_all(&cfg)?;
    SparaVersionArg::export_all(&cfg)?;
    StatusArg::export_all(&cfg)?;
    VersionArg::export_all(&cfg)?;
    ExportArg::export_all(&cfg)?;
    Sakerhetskopior::export_all(&cfg)?;
    AterstallArg::export_all(&cfg)?;
    NastaArArg::export_all(&cfg)?;
    Arsskiftesvy::export_all(&cfg)?;
    OrdimportArg::export_all(&cfg)?;
    Ordimportresultat::export_all(&cfg)?;
    ArligAnalys::export_all(&cfg)?;
    DelArg::export_all(&cfg)?;
    SammanfogaArg::export_all(&cfg)?;
    Sammanfogningsvy::export_all(&cfg)?;
    crate::store::Sammanfogning::export_all(&cfg)?;
    PortfoljArg::export_all(&cfg)?;
    PortfoljExportArg::export_all(&cfg)?;
    Portfoljvy::export_all(&cfg)?;
    SammanstallningArg::export_all(&cfg)?;
    SammanstallningExportArg::export_all(&cfg)?;
    Sammanstallningsval::export_all(&cfg)?;
    Sammanstallningsvy::export_all(&cfg)?;
    NamnArg::export_all(&cfg)?;
    ArkiveraArg::export_all(&cfg)?;
    MallForArArg::export_all(&cfg)?;
    Startlistor::export_all(&cfg)?;
    Mallforslag::export_all(&cfg)?;
    FigurArg::export_all(&cfg)?;
    BytFigurArg::export_all(&cfg)?;
    OverstyrArg::export_all(&cfg)?;
    FoljArg::export_all(&cfg)?;
    HjalpsidaArg::export_all(&cfg)?;
    HjalpsokArg::export_all(&cfg)?;
    HjalpplatsArg::export_all(&cfg)?;
    crate::hjalp::Hjalpsida::export_all(&cfg)?;
    crate::hjalp::VisadHjalpsida::export_all(&cfg)?;
    crate::hjalp::Hjalpsok::export_all(&cfg)?;
    crate::hjalp::Hjalpplats::export_all(&cfg)?;
    std::fs::write(mapp.join("kommandon.ts"), super::typescript())?;
    Ok(())
}

/// Writes the Tauri shell's generated files into `mapp` (`src-tauri`): the command list its
/// build script allow-lists and the permission set that grants them to the main window.
pub fn skriv_tauri(mapp: &Path) -> std::io::Result<()> {
    std::fs::write(mapp.join("kommandon.rs"), super::tauri_kommandolista())?;
    std::fs::create_dir_all(mapp.join("permissions"))?;
    std::fs::write(
        mapp.join("permissions").join("kommandon.toml"),
        super::tauri_behorigheter(),
    )
}
