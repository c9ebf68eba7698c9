//! Crash safety of the app path: the same commands the desktop app sends (`andra` through
//! `Program::utfor`, here over the loopback test server that the end-to-end tests use) while
//! the server is killed with SIGKILL at a random moment, many times. After each kill the
//! database passes integrity_check and holds every edit the app had acknowledged; the edit in
//! flight is either wholly there or wholly absent.
//!
//! The kill moments come from a fixed seed (printed; override with `UNDERLAG_KRASCH_FRO`).

#![cfg(unix)]

mod common;
use common::TESTNYCKEL;
use common::provserver::{kommando, starta_server};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use underlag::store::Store;
use underlag::store::nyckel::Nyckel;

const FRO: u64 = 20_261_123;
const TIDSBUDGET: Duration = Duration::from_secs(15);
const MINSTA_ANTAL_RUNDOR: usize = 8;
const FALT: &str = "konsolidering.rader[0].konsolideringsplan_nya_kunder";

fn varde(store: &Store) -> (Value, i64) {
    let (dokument, revision) = store.hamta(1).unwrap_or_else(|e| panic!("{e}"));
    let json = dokument.to_value();
    (
        json["konsolidering"]["rader"][0]["konsolideringsplan_nya_kunder"].clone(),
        revision,
    )
}

#[test]
fn a_killed_app_keeps_every_acknowledged_edit_and_an_intact_database() {
    let fro = common::krasch_fro(FRO);
    let mut rng = fastrand::Rng::with_seed(fro);
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mapp = katalog.path();
    let db = mapp.join("underlag.db");
    let nyckel = Nyckel::fran_hex(TESTNYCKEL, "test").unwrap_or_else(|e| panic!("{e}"));

    {
        let (mut server, url) = starta_server(mapp, &db);
        let vy = kommando(&url, "oppna_exempel", &json!({})).unwrap_or_else(|| panic!("exemplet"));
        assert_eq!(vy["id"], json!(1));
        let _ = server.kill();
        let _ = server.wait();
    }

    let start = Instant::now();
    let mut rundor = 0;
    let mut kvitton = 0;
    let mut i_flykt_sparade = 0;
    let mut i_flykt_forlorade = 0;
    let mut nasta_markering = 0_u64;
    while rundor < MINSTA_ANTAL_RUNDOR || start.elapsed() < TIDSBUDGET {
        let sammanhang = format!("frö {fro}, runda {rundor}");
        let (fore_varde, fore_revision) = {
            let store = Store::open(&db, &nyckel).unwrap_or_else(|e| panic!("{sammanhang}: {e}"));
            varde(&store)
        };
        let (mut server, url) = starta_server(mapp, &db);
        let pid = server.id();
        // At least one edit is acknowledged before the kill can land, so every round kills a
        // server that has committed through the commands.
        let forsta = format!("markering {nasta_markering}");
        nasta_markering += 1;
        let andring = |markering: &str| json!({"id": 1, "andring": {"typ": "satt", "falt": FALT, "varde": markering}});
        let vy = kommando(&url, "andra", &andring(&forsta))
            .unwrap_or_else(|| panic!("{sammanhang}: första ändringen"));
        assert_eq!(vy["revision"], json!(fore_revision + 1), "{sammanhang}");
        let mut kvitterade = vec![forsta];
        let fordrojning = Duration::from_micros(rng.u64(0..300_000));
        let morder = std::thread::spawn(move || {
            std::thread::sleep(fordrojning);
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        });
        let i_flykt = loop {
            let markering = format!("markering {nasta_markering}");
            nasta_markering += 1;
            match kommando(&url, "andra", &andring(&markering)) {
                Some(_) => kvitterade.push(markering),
                None => break markering,
            }
        };
        let _ = morder.join();
        let _ = server.wait();

        let store = Store::open(&db, &nyckel).unwrap_or_else(|e| panic!("{sammanhang}: {e}"));
        store
            .kontrollera_integritet()
            .unwrap_or_else(|e| panic!("{sammanhang}: {e}"));
        let (efter_varde, efter_revision) = varde(&store);
        let kvitterad_revision = fore_revision + i64::try_from(kvitterade.len()).unwrap_or(0);
        let senaste = kvitterade.last().map(|m| json!(m)).unwrap_or(fore_varde);
        if efter_revision == kvitterad_revision {
            assert_eq!(
                efter_varde, senaste,
                "{sammanhang}: senaste kvitterade ändringen"
            );
            i_flykt_forlorade += 1;
        } else {
            assert_eq!(
                efter_revision,
                kvitterad_revision + 1,
                "{sammanhang}: bara ändringen i flykt får ha kommit till"
            );
            assert_eq!(
                efter_varde,
                json!(i_flykt),
                "{sammanhang}: ändringen i flykt, hel"
            );
            i_flykt_sparade += 1;
        }
        let journal = store
            .journal(1)
            .unwrap_or_else(|e| panic!("{sammanhang}: {e}"));
        assert_eq!(
            journal.last().map(|p| p.revision),
            Some(efter_revision),
            "{sammanhang}: journalen följer dokumentet"
        );
        kvitton += kvitterade.len();
        rundor += 1;
    }
    println!(
        "{rundor} rundor på {:.1} s: {kvitton} kvitterade ändringar genom appens kommando, ändringen i flykt sparad {i_flykt_sparade} gånger och inte sparad {i_flykt_forlorade} gånger",
        start.elapsed().as_secs_f64()
    );
    assert!(rundor >= MINSTA_ANTAL_RUNDOR);
    assert!(
        kvitton > rundor,
        "fler ändringar än den första per runda ska ha kvitterats"
    );
}
