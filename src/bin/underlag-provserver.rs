//! The loopback test server for the end-to-end tests: serves the built UI and answers the same
//! commands as the Tauri shell by calling the same `underlag::app::Program` functions, so the
//! tests in Chromium drive the real core. Binds 127.0.0.1 only and prints its address first.
//!
//!   underlag-provserver --db DB --ui ui/dist --ut EXPORTMAPP
//!
//! The native dialogs of the desktop app become two routes: a save dialog answers with a path
//! in EXPORTMAPP, an open dialog with the file the test named last through /test/oppna-fil.
//! Each request gets a thread of its own, so a cancel is answered while an export runs.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use anyhow::{Context, Result, anyhow};
use clap::Parser;
use serde_json::{Value, json};
use tiny_http::{Header, Method, Request, Response, Server};
use underlag::app::{Arbeten, Program};

/// The desktop app's configuration, whose Content-Security-Policy the UI is served under, so
/// the tests run it under exactly the app's restrictions (no copy to drift).
const TAURI_KONFIGURATION: &str = include_str!("../../src-tauri/tauri.conf.json");

fn csp() -> Result<String> {
    let konf: Value = serde_json::from_str(TAURI_KONFIGURATION).context("tauri.conf.json")?;
    konf.pointer("/app/security/csp")
        .and_then(Value::as_str)
        .map(str::to_string)
        .context("tauri.conf.json saknar app.security.csp")
}

#[derive(Parser)]
#[command(about = "Testserver för Underlags gränssnitt (endast 127.0.0.1)")]
struct Cli {
    #[arg(long, value_name = "FIL")]
    db: PathBuf,
    #[arg(long, value_name = "MAPP")]
    ui: PathBuf,
    #[arg(long, value_name = "MAPP")]
    ut: PathBuf,
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// More templates, as the command line's `--mallar`: a test can give the app a later
    /// year's template (a value it replaces, one it dropped) without a build of its own.
    #[arg(long, value_name = "MAPP")]
    mallar: Option<PathBuf>,
}

fn main() -> ExitCode {
    match kor(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("underlag-provserver: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn kor(cli: Cli) -> Result<()> {
    let csp = csp()?;
    let val = underlag::store::nyckel::Nyckelval::standard(&cli.db);
    let program = match &cli.mallar {
        Some(katalog) => {
            let mallar = underlag::template::Mallbibliotek::med_katalog(katalog)?;
            Program::oppna_med(&cli.db, &val, mallar)
        }
        None => Program::oppna(&cli.db, &val),
    }
    .map_err(|e| anyhow!("{e}"))?;
    let server = Server::http(("127.0.0.1", cli.port)).map_err(|e| anyhow!("{e}"))?;
    let adress = server
        .server_addr()
        .to_ip()
        .context("servern har ingen IP-adress")?;
    println!("http://{adress}");
    let tjanst = Arc::new(Tjanst {
        arbeten: program.arbeten(),
        program: Mutex::new(program),
        nasta_fil: Mutex::new(None),
        csp,
        cli,
    });
    // One thread per request, as the Tauri shell runs each command on a worker: a long export
    // holds the program's lock, and the UI's other requests (its cancel above all) must still
    // be read and answered meanwhile.
    for req in server.incoming_requests() {
        let tjanst = Arc::clone(&tjanst);
        std::thread::spawn(move || tjanst.svara(req));
    }
    Ok(())
}

/// What the requests share: the program behind its lock, as in the Tauri shell.
struct Tjanst {
    program: Mutex<Program>,
    arbeten: Arbeten,
    /// The file the open dialog answers with next (`/test/oppna-fil`).
    nasta_fil: Mutex<Option<String>>,
    csp: String,
    cli: Cli,
}

impl Tjanst {
    fn svara(&self, mut req: Request) {
        let url = req.url().split('?').next().unwrap_or("/").to_string();
        let svar = match (req.method().clone(), url.as_str()) {
            (Method::Post, "/test/oppna-fil") => {
                let body = las_json(&mut req);
                *las(&self.nasta_fil) = body
                    .get("sokvag")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                json_svar(200, &json!(null))
            }
            (Method::Post, "/dialog/oppna") => json_svar(200, &json!(las(&self.nasta_fil).take())),
            (Method::Post, "/dialog/spara") => {
                let body = las_json(&mut req);
                let forslag = body
                    .get("forslag")
                    .and_then(Value::as_str)
                    .unwrap_or("export");
                let namn = Path::new(forslag)
                    .file_name()
                    .map_or("export".into(), |n| n.to_string_lossy().into_owned());
                json_svar(200, &json!(self.cli.ut.join(namn).to_string_lossy()))
            }
            (Method::Post, sokvag) if sokvag.starts_with("/api/") => {
                let namn = &sokvag["/api/".len()..];
                let body = las_json(&mut req);
                let svar = match self.arbeten.utfor(namn, body.clone()) {
                    Some(svar) => svar,
                    None => las(&self.program).utfor(namn, body),
                };
                match svar {
                    Ok(v) => json_svar(200, &v),
                    Err(e) => json_svar(400, &json!(e)),
                }
            }
            (Method::Get, sokvag) => statisk(&self.cli.ui, sokvag, &self.csp),
            _ => Response::from_string("").with_status_code(405).boxed(),
        };
        // A test that closed its page early is not the server's failure.
        let _ = req.respond(svar);
    }
}

/// A lock whose holder panicked: the test server carries on, and the test that caused the
/// panic fails on its own answer.
fn las<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn las_json(req: &mut Request) -> Value {
    let mut text = String::new();
    if req.as_reader().read_to_string(&mut text).is_err() || text.trim().is_empty() {
        return json!({});
    }
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn header(namn: &str, varde: &str) -> Header {
    // Both are ASCII constants or a mime type.
    Header::from_bytes(namn.as_bytes(), varde.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Ogiltig"[..], &b"1"[..]).expect("ascii"))
}

fn json_svar(status: u16, v: &Value) -> tiny_http::ResponseBox {
    Response::from_string(v.to_string())
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json; charset=utf-8"))
        .boxed()
}

fn statisk(rot: &Path, url: &str, csp: &str) -> tiny_http::ResponseBox {
    let relativ = url.trim_start_matches('/');
    let relativ = if relativ.is_empty() {
        "index.html"
    } else {
        relativ
    };
    // Only plain names below the UI folder: no `..`, no absolute paths.
    let sakert = Path::new(relativ)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let fil = rot.join(relativ);
    match std::fs::read(&fil) {
        Ok(bytes) if sakert => {
            let mime = mime_guess::from_path(&fil).first_or_octet_stream();
            Response::from_data(bytes)
                .with_header(header("Content-Type", mime.as_ref()))
                .with_header(header("Content-Security-Policy", csp))
                .boxed()
        }
        _ => Response::from_string("finns inte")
            .with_status_code(404)
            .boxed(),
    }
}
