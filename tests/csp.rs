//! The e2e tests run the UI under the desktop app's Content-Security-Policy: the test server
//! must send the one in src-tauri/tauri.conf.json, and that one must stay strict (the shell's
//! own test, src-tauri/src/harding.rs, checks the CSP of the built app context).

mod common;

use std::path::Path;

fn rot() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tauri_csp() -> String {
    let text =
        std::fs::read_to_string(rot().join("src-tauri/tauri.conf.json")).expect("tauri.conf.json");
    let conf: serde_json::Value = serde_json::from_str(&text).expect("giltig JSON");
    conf.pointer("/app/security/csp")
        .and_then(|v| v.as_str())
        .expect("app.security.csp finns")
        .to_string()
}

/// The test server, started as the e2e tests start it, answers a page with the CSP the desktop
/// app is built with: the header it sends, not a line of its source.
#[test]
fn the_test_server_serves_the_desktop_apps_csp() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mapp = tempfile::tempdir().expect("tempdir");
    let ui = mapp.path().join("ui");
    std::fs::create_dir_all(&ui).expect("ui");
    std::fs::write(ui.join("index.html"), "<!doctype html><title>t</title>").expect("index");
    let mut server = Command::new(env!("CARGO_BIN_EXE_underlag-provserver"))
        .arg("--db")
        .arg(mapp.path().join("t.db"))
        .arg("--ui")
        .arg(&ui)
        .arg("--ut")
        .arg(mapp.path())
        .env("UNDERLAG_DB_KEY", common::TESTNYCKEL)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("provservern startar");
    let mut adress = String::new();
    if let Some(ut) = server.stdout.take() {
        BufReader::new(ut).read_line(&mut adress).expect("adressen");
    }
    let svar = ureq::get(format!("{}/index.html", adress.trim())).call();
    let _ = server.kill();
    let _ = server.wait();
    let svar = svar.expect("sidan svarar");
    let skickad = svar
        .headers()
        .get("Content-Security-Policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        skickad,
        tauri_csp(),
        "testserverns CSP skiljer sig från appens"
    );
}

#[test]
fn the_csp_allows_no_inline_or_foreign_script() {
    let csp = tauri_csp();
    let script = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .expect("script-src är angivet");
    assert_eq!(
        script, "script-src 'self'",
        "script-src får bara tillåta appens egna filer"
    );
    // Whole source expressions, so Tauri's own http://ipc.localhost is not mistaken for http:.
    let kallor: Vec<&str> = csp.split([';', ' ']).map(str::trim).collect();
    for forbjudet in [
        "'unsafe-inline'",
        "'unsafe-eval'",
        "http:",
        "https:",
        "*",
        "blob:",
    ] {
        assert!(
            !kallor.contains(&forbjudet),
            "CSP innehåller {forbjudet}: {csp}"
        );
    }
    assert!(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"));
}
