//! The loopback test server (`underlag-provserver`, the app's command layer over HTTP) as the
//! crash and concurrency tests drive it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use super::TESTNYCKEL;

/// Starts a server on the database `db` (files under `mapp`); answers it and its address.
pub fn starta_server(mapp: &Path, db: &Path) -> (Child, String) {
    let mut barn = Command::new(env!("CARGO_BIN_EXE_underlag-provserver"))
        .arg("--db")
        .arg(db)
        .arg("--ui")
        .arg(mapp.join("ui"))
        .arg("--ut")
        .arg(mapp.join("ut"))
        .env("UNDERLAG_DB_KEY", TESTNYCKEL)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut rad = String::new();
    if let Some(ut) = barn.stdout.take() {
        BufReader::new(ut)
            .read_line(&mut rad)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(rad.starts_with("http://127.0.0.1:"), "adressrad: {rad:?}");
    (barn, rad.trim().to_string())
}

/// One command as the UI sends it; `Some(answer)` only for a 200, i.e. committed.
pub fn kommando(url: &str, namn: &str, arg: &Value) -> Option<Value> {
    svar(url, namn, arg).ok()
}

/// One command as the UI sends it: the answer of a 200, else what came back instead (the
/// refusal's JSON, or why there was none).
pub fn svar(url: &str, namn: &str, arg: &Value) -> Result<Value, String> {
    let mut svar = ureq::post(format!("{url}/api/{namn}"))
        .config()
        .http_status_as_error(false)
        .build()
        .header("Content-Type", "application/json")
        .send(arg.to_string())
        .map_err(|e| e.to_string())?;
    let status = svar.status();
    let text = svar
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("{status}: {text}"));
    }
    serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))
}
