//! Allow-lists the app's commands: each gets `allow-<command>` (underscores become hyphens),
//! granted to the main window in capabilities/default.json. The list lives in kommandon.rs; a
//! test in src/main.rs keeps it equal to `underlag::app::KOMMANDON`.

include!("kommandon.rs");

fn main() {
    // tauri-build names the files it watches, which turns off Cargo's default of watching the
    // whole package: without this line a new command's permission is missing until a clean build.
    println!("cargo:rerun-if-changed=kommandon.rs");
    if let Err(e) = tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(KOMMANDON)),
    ) {
        eprintln!("tauri-build misslyckades: {e:#}");
        std::process::exit(1);
    }
}
