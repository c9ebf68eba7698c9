//! Concurrent writers on one database (issue 22, item 4): two test servers (the app's command
//! layer, as the desktop app calls it) and two `underlag apply` processes (the CLI) each send
//! 250 edits to the same document at the same time. Every write transaction takes the write
//! lock up front, so a writer waits its turn within the busy timeout instead of failing with
//! "database is locked": every edit is acknowledged, every acknowledged edit is stored, and the
//! database passes integrity_check.

#![cfg(unix)]

mod common;
use common::TESTNYCKEL;
use common::provserver::{starta_server, svar};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use underlag::app::{ExempelArg, Program};
use underlag::edit::Andring;
use underlag::store::Store;
use underlag::store::nyckel::{Nyckel, Nyckelval};

const PER_SKRIVARE: usize = 250;

/// Each writer's own text field, so the document keeps its size while 1 000 edits go in.
const SKRIVARE: [(&str, &str); 4] = [
    ("app-a", "portfoljanalys.leverantorens_analys"),
    ("app-b", "fordelningsnycklar.leverantorens_analys"),
    ("cli-a", "konsolidering.leverantorens_analys"),
    ("cli-b", "langsiktig_utveckling.leverantorens_analys"),
];

fn falt(skrivare: &str) -> &'static str {
    SKRIVARE
        .iter()
        .find(|(s, _)| *s == skrivare)
        .map_or_else(|| panic!("okänd skrivare {skrivare}"), |(_, f)| *f)
}

/// Edit `i` of writer `skrivare`: its field set to a marker unique in the run.
fn andring(skrivare: &str, i: usize) -> Value {
    json!({ "typ": "satt", "falt": falt(skrivare), "varde": format!("{skrivare} {i}") })
}

/// A server that is stopped however its writer ends, a failed assertion included.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends the edits through a test server; answers the markers it acknowledged.
fn genom_appen(mapp: &Path, db: &Path, skrivare: &str) -> Vec<String> {
    let (server, url) = starta_server(mapp, db);
    let _server = Server(server);
    let mut kvitterade = Vec::new();
    for i in 0..PER_SKRIVARE {
        let arg = json!({ "id": 1, "andring": andring(skrivare, i) });
        match svar(&url, "andra", &arg) {
            Ok(vy) if vy.get("id") == Some(&json!(1)) => {
                kvitterade.push(format!("{skrivare} {i}"));
            }
            annat => panic!("{skrivare}: ändring {i} vägrades: {annat:?}"),
        }
    }
    kvitterade
}

/// Sends the edits to `underlag apply`, one line each; answers the markers it acknowledged.
fn genom_cli(db: &Path, skrivare: &str) -> Vec<String> {
    let mut barn = Command::new(env!("CARGO_BIN_EXE_underlag"))
        .arg("--db")
        .arg(db)
        .args(["apply", "1"])
        .env_remove("UNDERLAG_DB")
        .env("UNDERLAG_DB_KEY", TESTNYCKEL)
        .env_remove("UNDERLAG_MALLAR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let (Some(mut stdin), Some(stdout)) = (barn.stdin.take(), barn.stdout.take()) else {
        panic!("{skrivare}: barnprocessen saknar stdin eller stdout");
    };
    let mut stdout = BufReader::new(stdout);
    let mut kvitterade = Vec::new();
    for i in 0..PER_SKRIVARE {
        writeln!(stdin, "{}", andring(skrivare, i)).unwrap_or_else(|e| panic!("{e}"));
        stdin.flush().unwrap_or_else(|e| panic!("{e}"));
        let mut rad = String::new();
        stdout.read_line(&mut rad).unwrap_or_else(|e| panic!("{e}"));
        if !rad.starts_with("sparad ") {
            drop(stdin);
            let ut = barn.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            panic!(
                "{skrivare}: ändring {i} kvitterades inte ({rad:?}): {}",
                String::from_utf8_lossy(&ut.stderr)
            );
        }
        kvitterade.push(format!("{skrivare} {i}"));
    }
    drop(stdin);
    let ut = barn.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ut.status.success(),
        "{skrivare}: {}",
        String::from_utf8_lossy(&ut.stderr)
    );
    kvitterade
}

#[test]
fn four_writers_at_once_wait_their_turn_and_every_acknowledged_edit_is_stored() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mapp = katalog.path();
    let db = mapp.join("underlag.db");
    let revision_fore = {
        let mut p = Program::oppna(&db, &Nyckelval::med_nyckel(TESTNYCKEL, &db))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let vy = p
            .oppna_exempel(ExempelArg::default())
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(vy.id, 1);
        vy.revision
    };

    let kvitterade: Vec<String> = std::thread::scope(|s| {
        let tradar = [
            s.spawn(|| genom_appen(mapp, &db, "app-a")),
            s.spawn(|| genom_appen(mapp, &db, "app-b")),
            s.spawn(|| genom_cli(&db, "cli-a")),
            s.spawn(|| genom_cli(&db, "cli-b")),
        ];
        tradar
            .into_iter()
            .flat_map(|t| t.join().unwrap_or_else(|_| panic!("en skrivare föll")))
            .collect()
    });
    assert_eq!(kvitterade.len(), 4 * PER_SKRIVARE);

    let nyckel = Nyckel::fran_hex(TESTNYCKEL, "test").unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(&db, &nyckel).unwrap_or_else(|e| panic!("{e}"));
    store
        .kontrollera_integritet()
        .unwrap_or_else(|e| panic!("{e}"));
    let (dokument, revision) = store.hamta(1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(revision, revision_fore + 4 * PER_SKRIVARE as i64);
    // Every acknowledged edit is in the journal, each writer's in the order it sent them, and
    // each field holds its writer's last edit.
    let journal = store.journal(1).unwrap_or_else(|e| panic!("{e}"));
    let json = dokument.to_value();
    for (skrivare, falt) in SKRIVARE {
        let ordning: Vec<String> = journal
            .iter()
            .filter_map(|p| match &p.andring {
                Andring::Satt { falt: f, varde } if f == falt => varde.as_str().map(str::to_string),
                _ => None,
            })
            .collect();
        let egna: Vec<&String> = kvitterade
            .iter()
            .filter(|m| m.starts_with(&format!("{skrivare} ")))
            .collect();
        assert_eq!(ordning.iter().collect::<Vec<_>>(), egna, "{skrivare}");
        assert_eq!(
            common::vid(&json, falt).as_str(),
            Some(format!("{skrivare} {}", PER_SKRIVARE - 1).as_str()),
            "{skrivare}"
        );
    }
}
