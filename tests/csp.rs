//! The e2e tests run the UI under the desktop app's Content-Security-Policy: the test server's
//! copy must be the one in src-tauri/tauri.conf.json, and that one must stay strict.

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

#[test]
fn the_test_server_serves_the_desktop_apps_csp() {
    let server =
        std::fs::read_to_string(rot().join("src/bin/underlag-provserver.rs")).expect("källan");
    let csp = tauri_csp();
    assert!(
        server.contains(&format!("const CSP: &str = \"{csp}\";")),
        "testserverns CSP skiljer sig från tauri.conf.json: {csp}"
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
