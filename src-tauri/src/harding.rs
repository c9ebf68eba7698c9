//! The app's hardening, checked on the configuration as it is compiled into the binary
//! (`tauri::generate_context!`: tauri.conf.json and the capabilities resolved by tauri-build),
//! not on the source files alone: a capability file that grants too much, a CSP loosened in the
//! config, or a plugin added to the build fails here.

use tauri::ipc::Origin;
use tauri::utils::config::{Csp, DisabledCspModificationKind};

use crate::HUVUDFONSTER;

fn kontext() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

fn tillats(
    kontext: &mut tauri::Context<tauri::Wry>,
    kommando: &str,
    fonster: &str,
    ursprung: &Origin,
) -> bool {
    kontext
        .runtime_authority_mut()
        .resolve_access(kommando, fonster, fonster, ursprung)
        .is_some()
}

fn fjarr() -> Origin {
    Origin::Remote {
        url: "https://angripare.example/".parse().expect("en giltig URL"),
    }
}

#[test]
fn every_app_command_is_allowed_in_the_main_window_only_and_only_from_the_app() {
    let mut k = kontext();
    for kommando in underlag::app::KOMMANDON {
        assert!(
            tillats(&mut k, kommando, HUVUDFONSTER, &Origin::Local),
            "{kommando} ska vara tillåtet i huvudfönstret"
        );
        assert!(
            !tillats(&mut k, kommando, "annat-fonster", &Origin::Local),
            "{kommando} får inte nås från ett annat fönster"
        );
        assert!(
            !tillats(&mut k, kommando, HUVUDFONSTER, &fjarr()),
            "{kommando} får inte nås från en fjärrsida"
        );
    }
    assert!(
        !tillats(&mut k, "inte_ett_kommando", HUVUDFONSTER, &Origin::Local),
        "bara listade kommandon"
    );
}

#[test]
fn no_shell_file_system_or_network_plugin_is_reachable() {
    let mut k = kontext();
    for kommando in [
        "plugin:shell|execute",
        "plugin:shell|spawn",
        "plugin:shell|open",
        "plugin:fs|read_file",
        "plugin:fs|write_file",
        "plugin:fs|read_dir",
        "plugin:http|fetch",
        "plugin:opener|open_url",
        "plugin:opener|open_path",
        "plugin:process|restart",
    ] {
        assert!(
            !tillats(&mut k, kommando, HUVUDFONSTER, &Origin::Local),
            "{kommando} får inte vara tillåtet"
        );
    }
    // The granted dialog commands reach only the main window.
    assert!(tillats(
        &mut k,
        "plugin:dialog|save",
        HUVUDFONSTER,
        &Origin::Local
    ));
    assert!(!tillats(
        &mut k,
        "plugin:dialog|save",
        "annat-fonster",
        &Origin::Local
    ));
    // Nor does the app depend on them. (tauri-plugin-dialog builds tauri-plugin-fs for its file
    // scopes, but never registers its commands; the checks above cover what is reachable.)
    let manifest: toml::Table = include_str!("../Cargo.toml").parse().expect("Cargo.toml");
    let beroenden = manifest
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .expect("[dependencies]");
    for paket in [
        "tauri-plugin-shell",
        "tauri-plugin-fs",
        "tauri-plugin-http",
        "tauri-plugin-opener",
        "tauri-plugin-process",
    ] {
        assert!(!beroenden.contains_key(paket), "{paket} ska inte byggas in");
    }
}

#[test]
fn the_built_csp_allows_only_the_apps_own_scripts() {
    let k = kontext();
    let sakerhet = &k.config().app.security;
    let csp = match &sakerhet.csp {
        Some(Csp::Policy(p)) => p.clone(),
        Some(annan) => annan.to_string(),
        None => panic!("appen måste ha en CSP"),
    };
    let direktiv = |namn: &str| -> Vec<String> {
        csp.split(';')
            .map(str::trim)
            .find(|d| d.split_whitespace().next() == Some(namn))
            .map(|d| d.split_whitespace().skip(1).map(str::to_string).collect())
            .unwrap_or_default()
    };
    assert_eq!(direktiv("script-src"), ["'self'"], "{csp}");
    assert_eq!(direktiv("object-src"), ["'none'"], "{csp}");
    assert_eq!(direktiv("default-src"), ["'self'"], "{csp}");
    for kalla in csp.split([';', ' ']).map(str::trim) {
        assert!(
            ![
                "'unsafe-inline'",
                "'unsafe-eval'",
                "blob:",
                "*",
                "http:",
                "https:"
            ]
            .contains(&kalla),
            "{kalla} i {csp}"
        );
    }
    assert!(!direktiv("script-src").iter().any(|k| k == "data:"));
    // Tauri keeps adding its hashes and nonces: the CSP is not handed over unchanged.
    assert_eq!(
        sakerhet.dangerous_disable_asset_csp_modification,
        DisabledCspModificationKind::Flag(false)
    );
    assert!(
        !k.config().app.with_global_tauri,
        "ingen global __TAURI__ för sidans skript"
    );
    // One window, created by the shell (not by the config) only after the database opened.
    let fonster = &k.config().app.windows;
    assert_eq!(fonster.len(), 1);
    assert_eq!(fonster[0].label, HUVUDFONSTER);
    assert!(!fonster[0].create);
}
