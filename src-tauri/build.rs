//! Allow-lists the app's commands: each gets `allow-<command>` (underscores become hyphens),
//! granted to the main window in capabilities/default.json. The list lives in kommandon.rs; a
//! test in src/main.rs keeps it equal to `underlag::app::KOMMANDON`.

include!("kommandon.rs");

fn main() {
    if let Err(e) = tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(KOMMANDON)),
    ) {
        eprintln!("tauri-build misslyckades: {e:#}");
        std::process::exit(1);
    }
}
