//! The UI's TypeScript types are generated from the Rust types; this fails when the committed
//! ones in ui/src/lib/typer differ from what the current Rust types generate. Regenerate with
//! `cargo run -- ts-typer ui/src/lib/typer --tauri src-tauri`.

use std::collections::BTreeMap;
use std::path::Path;

fn filer(rot: &Path) -> BTreeMap<String, String> {
    let mut ut = BTreeMap::new();
    let mut kvar = vec![rot.to_path_buf()];
    while let Some(mapp) = kvar.pop() {
        for post in std::fs::read_dir(&mapp).expect("mappen kan läsas") {
            let sokvag = post.expect("posten kan läsas").path();
            if sokvag.is_dir() {
                kvar.push(sokvag);
            } else {
                let namn = sokvag
                    .strip_prefix(rot)
                    .expect("under roten")
                    .to_string_lossy()
                    .replace('\\', "/");
                ut.insert(namn, std::fs::read_to_string(&sokvag).expect("text"));
            }
        }
    }
    ut
}

#[test]
fn committed_typescript_types_match_the_rust_types() {
    let tmp = tempfile::tempdir().expect("tempdir");
    underlag::app::typer::skriv_typer(tmp.path()).expect("typerna kan skrivas");
    let genererade = filer(tmp.path());
    let incheckade = filer(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/typer"));
    assert!(
        genererade.contains_key("Dokumentvy.ts") && genererade.contains_key("ArligAnalys.ts"),
        "generatorn skrev inte de väntade typerna: {:?}",
        genererade.keys()
    );
    let saknas: Vec<_> = genererade
        .iter()
        .filter(|(k, v)| incheckade.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    let overflodiga: Vec<_> = incheckade
        .keys()
        .filter(|k| !genererade.contains_key(*k))
        .cloned()
        .collect();
    assert!(
        saknas.is_empty() && overflodiga.is_empty(),
        "ui/src/lib/typer är inaktuella (ändrade eller saknade: {saknas:?}; överflödiga: {overflodiga:?}). Kör `cargo run -- ts-typer ui/src/lib/typer --tauri src-tauri`."
    );
}

/// The shell's command list and permission set are generated from the same declaration as
/// the UI's API (`src/app/kommandon.rs`): a command missing from either fails here.
#[test]
fn the_shells_command_list_and_permissions_are_current() {
    let tmp = tempfile::tempdir().expect("tempdir");
    underlag::app::typer::skriv_tauri(tmp.path()).expect("filerna kan skrivas");
    let rot = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    for fil in ["kommandon.rs", "permissions/kommandon.toml"] {
        let genererad = std::fs::read_to_string(tmp.path().join(fil)).expect("genererad");
        let incheckad = std::fs::read_to_string(rot.join(fil)).unwrap_or_default();
        assert_eq!(
            incheckad, genererad,
            "src-tauri/{fil} är inaktuell. Kör `cargo run -- ts-typer ui/src/lib/typer --tauri src-tauri`."
        );
    }
    let kommandon = underlag::app::kommandon();
    assert_eq!(kommandon.len(), underlag::app::KOMMANDON.len());
    let api = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/typer/kommandon.ts"),
    )
    .unwrap_or_default();
    for k in &kommandon {
        assert!(
            api.contains(&format!("('{}', ", k.namn)),
            "{} saknas i kommandon.ts",
            k.namn
        );
    }
}

/// Every command is used by the UI: some component calls `api.<name>` (or passes it on). A command no screen
/// calls is dead, or a screen lost its call.
#[test]
fn every_command_is_called_from_the_ui() {
    fn filer(mapp: &Path, ut: &mut String) {
        for post in std::fs::read_dir(mapp).into_iter().flatten().flatten() {
            let p = post.path();
            if p.is_dir() && !p.ends_with("typer") {
                filer(&p, ut);
            } else if p.extension().is_some_and(|e| e == "svelte" || e == "ts") {
                ut.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    let mut kalla = String::new();
    filer(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src"),
        &mut kalla,
    );
    for namn in underlag::app::KOMMANDON {
        let mut ts = String::new();
        let mut stor = false;
        for c in namn.chars() {
            if c == '_' {
                stor = true;
            } else if stor {
                ts.extend(c.to_uppercase());
                stor = false;
            } else {
                ts.push(c);
            }
        }
        let anrop = format!("api.{ts}");
        let anvands = kalla.match_indices(&anrop).any(|(i, _)| {
            !kalla[i + anrop.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        });
        assert!(
            anvands,
            "kommandot {namn} anropas inte från gränssnittet (api.{ts})"
        );
    }
}
