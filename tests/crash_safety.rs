//! Crash safety through the real binary: a child `underlag apply` applies a stream of edits and
//! is killed with SIGKILL at random points, many times. After each kill the database passes
//! integrity_check and holds every edit that was acknowledged (`sparad N`) before the kill; the
//! document is exactly the acknowledged edits plus, possibly, a prefix of the edits that were
//! still in flight, and nothing else.
//!
//! The random choices come from a fixed seed (printed; override with `UNDERLAG_KRASCH_FRO`), so
//! a failing round can be replayed. When a kill lands is up to the scheduler, which is why every
//! assertion accepts each outcome a correct store may produce and no other.

#![cfg(unix)]

mod common;
use common::TESTNYCKEL;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use underlag::edit::Andring;
use underlag::model::Dokument;
use underlag::store::nyckel::Nyckel;
use underlag::store::{DokumentId, Store};

const FRO: u64 = 20_240_328;
/// No new round starts after this; a round takes well under a second in a debug build.
const TIDSBUDGET: Duration = Duration::from_secs(20);
const MINSTA_ANTAL_RUNDOR: usize = 10;
const ID: DokumentId = 1;
const FALT: &str = "konsolidering.rader[0].konsolideringsplan_nya_kunder";
const FALT_PEKARE: &str = "/konsolidering/rader/0/konsolideringsplan_nya_kunder";
const LISTA: &str = "fordelningsnycklar.rader";
const LISTA_PEKARE: &str = "/fordelningsnycklar/rader";

/// Where in the stream the kill lands. The rounds cycle through all four, so every kind is
/// exercised whatever the seed.
#[derive(Debug, Clone, Copy)]
enum Dodning {
    /// Edits one at a time; killed after at least one acknowledgement, with nothing in flight.
    EfterKvitto,
    /// Edits one at a time; the next edit is written and the child killed at once.
    MedAndringIFlykt,
    /// A burst of edits is written; killed right after reading some of the acknowledgements,
    /// while the child is busy with the rest.
    MittISkur,
    /// As `MittISkur`, with a random pause of up to a few edits' time before the kill, to spread
    /// the kill over every point of a transaction. The pause decides nothing in the assertions.
    EfterPaus,
}

const DODNINGAR: [Dodning; 4] = [
    Dodning::EfterKvitto,
    Dodning::MedAndringIFlykt,
    Dodning::MittISkur,
    Dodning::EfterPaus,
];

#[test]
fn killed_apply_keeps_every_acknowledged_edit_and_an_intact_database() {
    let fro = common::krasch_fro(FRO);
    let mut rng = fastrand::Rng::with_seed(fro);

    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = katalog.path().join("underlag.db");
    forbered(katalog.path(), &db);
    let mut facit = {
        let store = oppna(&db, "före första rundan");
        let (dokument, revision) = store.hamta(ID).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(revision, 0);
        Facit {
            dokument,
            sparade: Vec::new(),
        }
    };

    let start = Instant::now();
    let mut statistik = Statistik::default();
    let mut runda = 0;
    while runda < MINSTA_ANTAL_RUNDOR || start.elapsed() < TIDSBUDGET {
        let dodning = DODNINGAR[runda % DODNINGAR.len()];
        let sammanhang = format!("frö {fro}, runda {runda} ({dodning:?})");
        let (kvitterade, i_flykt) = kor_runda(&db, &facit, dodning, runda, &mut rng, &sammanhang);
        let hann_sparas =
            kontrollera_efter_dodning(&db, &mut facit, &kvitterade, &i_flykt, &sammanhang);

        statistik.rundor += 1;
        statistik.kvitton += kvitterade.len();
        statistik.dodade_efter_kvitto += usize::from(!kvitterade.is_empty());
        statistik.dodade_med_andring_i_flykt += usize::from(!i_flykt.is_empty());
        statistik.sparade_i_flykt += hann_sparas;
        statistik.forlorade_i_flykt += i_flykt.len() - hann_sparas;
        runda += 1;
    }

    println!(
        "{} rundor (alla dödade med SIGKILL) på {:.1} s: {} kvitterade ändringar, {} dödningar efter minst ett kvitto, {} med ändringar i flykt ({} av dem hann sparas, {} inte); journalen har {} poster",
        statistik.rundor,
        start.elapsed().as_secs_f64(),
        statistik.kvitton,
        statistik.dodade_efter_kvitto,
        statistik.dodade_med_andring_i_flykt,
        statistik.sparade_i_flykt,
        statistik.forlorade_i_flykt,
        facit.sparade.len(),
    );
    assert!(statistik.rundor >= MINSTA_ANTAL_RUNDOR);
    // Guaranteed by the cycle of kill kinds, whatever the timing: the kills did test something.
    assert!(
        statistik.dodade_efter_kvitto >= MINSTA_ANTAL_RUNDOR / 4,
        "{statistik:?}"
    );
    assert!(
        statistik.dodade_med_andring_i_flykt >= MINSTA_ANTAL_RUNDOR / 4,
        "{statistik:?}"
    );
}

/// What the test knows is in the database: the document after every edit known to be committed,
/// and those edits in order (`sparade[i]` is revision `i + 1`).
struct Facit {
    dokument: Dokument,
    sparade: Vec<Andring>,
}

impl Facit {
    fn revision(&self) -> i64 {
        revision(self.sparade.len())
    }
}

#[derive(Debug, Default)]
struct Statistik {
    rundor: usize,
    kvitton: usize,
    dodade_efter_kvitto: usize,
    dodade_med_andring_i_flykt: usize,
    sparade_i_flykt: usize,
    forlorade_i_flykt: usize,
}

fn revision(antal: usize) -> i64 {
    i64::try_from(antal).unwrap_or_else(|e| panic!("{e}"))
}

/// Writes the bundled example and imports it as document 1, through the binary.
fn forbered(mapp: &Path, db: &Path) {
    let kor = |argument: &[&str]| -> Output {
        let ut = Command::new(env!("CARGO_BIN_EXE_underlag"))
            .arg("--db")
            .arg(db)
            .args(argument)
            .env_remove("UNDERLAG_DB")
            .env("UNDERLAG_DB_KEY", TESTNYCKEL)
            .env_remove("UNDERLAG_MALLAR")
            .current_dir(mapp)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            ut.status.success(),
            "{argument:?}: {}",
            String::from_utf8_lossy(&ut.stderr)
        );
        ut
    };
    kor(&["example", "-o", "ex.json"]);
    let ut = kor(&["import", "ex.json"]);
    let text = String::from_utf8_lossy(&ut.stdout);
    assert!(text.contains("som dokument 1"), "{text}");
}

/// Runs one child, kills it, and returns the edits it acknowledged and those written but not
/// acknowledged when it died, in the order they were sent.
fn kor_runda(
    db: &Path,
    facit: &Facit,
    dodning: Dodning,
    runda: usize,
    rng: &mut fastrand::Rng,
    sammanhang: &str,
) -> (Vec<Andring>, Vec<Andring>) {
    let mut langd = lista(&facit.dokument).len();
    let mut nr = 0;
    let mut nasta = |rng: &mut fastrand::Rng| {
        nr += 1;
        ny_andring(rng, &format!("runda {runda} ändring {nr}"), &mut langd)
    };
    let mut barn = Barn::starta(db, sammanhang);
    let mut kvitterade = Vec::new();
    let mut i_flykt = Vec::new();
    match dodning {
        Dodning::EfterKvitto | Dodning::MedAndringIFlykt => {
            let antal = match dodning {
                Dodning::EfterKvitto => rng.usize(1..=10),
                _ => rng.usize(0..=10),
            };
            for _ in 0..antal {
                let andring = nasta(rng);
                barn.skicka(&andring);
                barn.las_kvitto(facit.revision() + revision(kvitterade.len() + 1));
                kvitterade.push(andring);
            }
            if let Dodning::MedAndringIFlykt = dodning {
                let andring = nasta(rng);
                barn.skicka(&andring);
                i_flykt.push(andring);
            }
        }
        Dodning::MittISkur | Dodning::EfterPaus => {
            let skur: Vec<Andring> = (0..rng.usize(2..=20)).map(|_| nasta(rng)).collect();
            for andring in &skur {
                barn.skicka(andring);
            }
            let antal = rng.usize(0..skur.len());
            for andring in &skur[..antal] {
                barn.las_kvitto(facit.revision() + revision(kvitterade.len() + 1));
                kvitterade.push(andring.clone());
            }
            i_flykt.extend_from_slice(&skur[antal..]);
            if let Dodning::EfterPaus = dodning {
                std::thread::sleep(Duration::from_micros(rng.u64(0..=30_000)));
            }
        }
    }
    barn.doda();
    (kvitterade, i_flykt)
}

/// An edit that is valid on the document as the previous edits of the round leave it:
/// mostly setting the text field, sometimes adding, removing or moving a fördelningsnyckel row.
/// Every value carries `markering`, unique in the run.
fn ny_andring(rng: &mut fastrand::Rng, markering: &str, langd: &mut usize) -> Andring {
    match rng.u8(0..10) {
        6 | 7 if *langd < 12 => {
            let index = rng.bool().then(|| rng.usize(0..=*langd));
            *langd += 1;
            Andring::LaggTill {
                lista: LISTA.into(),
                index,
                // The key the example's tjänstekatalog states, so that the row is complete
                // as sent and the edit has no consequence (`harledning`): one edit, one
                // revision, as the receipts count them.
                varde: json!({
                    "tjanst": "oppna-data",
                    "nuvarande": "Administrativa datorer",
                    "forslag_justering": markering
                }),
            }
        }
        8 if *langd > 2 => {
            let index = rng.usize(0..*langd);
            *langd -= 1;
            Andring::TaBort {
                lista: LISTA.into(),
                index,
            }
        }
        9 if *langd > 1 => Andring::Flytta {
            lista: LISTA.into(),
            fran: rng.usize(0..*langd),
            till: rng.usize(0..*langd),
        },
        _ => Andring::Satt {
            falt: FALT.into(),
            varde: json!(markering),
        },
    }
}

/// Opens the database as the app would after a crash; `Store::open` runs integrity_check.
fn oppna(db: &Path, sammanhang: &str) -> Store {
    let nyckel = Nyckel::fran_hex(TESTNYCKEL, "test").unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(db, &nyckel).unwrap_or_else(|e| panic!("{sammanhang}: {e}"));
    if let Err(e) = store.kontrollera_integritet() {
        panic!("{sammanhang}: {e}");
    }
    store
}

/// Checks the database after a kill and brings `facit` up to date. Returns how many of the
/// in-flight edits were committed.
fn kontrollera_efter_dodning(
    db: &Path,
    facit: &mut Facit,
    kvitterade: &[Andring],
    i_flykt: &[Andring],
    sammanhang: &str,
) -> usize {
    let store = oppna(db, sammanhang);
    let (dokument, revision_nu) = store
        .hamta(ID)
        .unwrap_or_else(|e| panic!("{sammanhang}: {e}"));
    let journal = store
        .journal(ID)
        .unwrap_or_else(|e| panic!("{sammanhang}: {e}"));
    drop(store);

    // (a) The revision covers every acknowledged edit, and at most the ones in flight beyond.
    let kvitterad_revision = facit.revision() + revision(kvitterade.len());
    assert!(
        revision_nu >= kvitterad_revision,
        "{sammanhang}: revision {revision_nu}, men revision {kvitterad_revision} var kvitterad"
    );
    let hann_sparas =
        usize::try_from(revision_nu - kvitterad_revision).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        hann_sparas <= i_flykt.len(),
        "{sammanhang}: revision {revision_nu}, men bara {} ändringar var skickade efter revision {kvitterad_revision}",
        i_flykt.len()
    );

    // (c) The journal holds each committed edit under its revision, exactly as it was sent:
    // every edit acknowledged in this and earlier rounds, then the in-flight ones that made it.
    let vantade: Vec<&Andring> = facit
        .sparade
        .iter()
        .chain(kvitterade)
        .chain(&i_flykt[..hann_sparas])
        .collect();
    assert_eq!(
        journal.len(),
        vantade.len(),
        "{sammanhang}: journalen har fel antal poster"
    );
    for (i, (post, andring)) in journal.iter().zip(&vantade).enumerate() {
        assert_eq!(post.revision, revision(i + 1), "{sammanhang}");
        assert_eq!(&post.andring, *andring, "{sammanhang}: revision {}", i + 1);
    }

    // (b) The field holds the last acknowledged value or a value that was in flight, nothing
    // else; and the whole document is the acknowledged edits plus the in-flight prefix.
    let mut kvitterat_dokument = facit.dokument.clone();
    for andring in kvitterade {
        kvitterat_dokument = tillampa(&kvitterat_dokument, andring, sammanhang);
    }
    let mut godtagbara = vec![falt(&kvitterat_dokument, FALT_PEKARE)];
    godtagbara.extend(i_flykt.iter().filter_map(|a| match a {
        Andring::Satt { varde, .. } => Some(varde.clone()),
        _ => None,
    }));
    let varde = falt(&dokument, FALT_PEKARE);
    assert!(
        godtagbara.contains(&varde),
        "{sammanhang}: {FALT} är {varde}, godtagbart är bara {godtagbara:?}"
    );
    let mut vantat = kvitterat_dokument;
    for andring in &i_flykt[..hann_sparas] {
        vantat = tillampa(&vantat, andring, sammanhang);
    }
    assert!(
        dokument == vantat,
        "{sammanhang}: dokumentet är inte de sparade ändringarna tillämpade på föregående läge"
    );

    facit.dokument = vantat;
    facit.sparade = vantade.into_iter().cloned().collect();
    hann_sparas
}

fn tillampa(dokument: &Dokument, andring: &Andring, sammanhang: &str) -> Dokument {
    andring
        .tillampa(dokument)
        .unwrap_or_else(|e| panic!("{sammanhang}: testets ändring {andring:?} är ogiltig: {e}"))
}

fn falt(dokument: &Dokument, pekare: &str) -> Value {
    dokument
        .to_value()
        .pointer(pekare)
        .cloned()
        .unwrap_or_default()
}

fn lista(dokument: &Dokument) -> Vec<Value> {
    match dokument.to_value().pointer(LISTA_PEKARE) {
        Some(Value::Array(a)) => a.clone(),
        annat => panic!("{LISTA} är ingen lista: {annat:?}"),
    }
}

/// A running `underlag --db DB apply 1`.
struct Barn {
    process: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    sammanhang: String,
}

impl Barn {
    fn starta(db: &Path, sammanhang: &str) -> Barn {
        let mut process = Command::new(env!("CARGO_BIN_EXE_underlag"))
            .arg("--db")
            .arg(db)
            .args(["apply", &ID.to_string()])
            .env_remove("UNDERLAG_DB")
            .env("UNDERLAG_DB_KEY", TESTNYCKEL)
            .env_remove("UNDERLAG_MALLAR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{sammanhang}: {e}"));
        let (Some(stdin), Some(stdout)) = (process.stdin.take(), process.stdout.take()) else {
            panic!("{sammanhang}: barnprocessen saknar stdin eller stdout");
        };
        Barn {
            process,
            stdin,
            stdout: BufReader::new(stdout),
            sammanhang: sammanhang.to_string(),
        }
    }

    fn skicka(&mut self, andring: &Andring) {
        let rad = serde_json::to_string(andring).unwrap_or_else(|e| panic!("{e}"));
        let skrivet = writeln!(self.stdin, "{rad}").and_then(|()| self.stdin.flush());
        if let Err(e) = skrivet {
            self.dog_ovantat(&format!("kunde inte skicka {rad}: {e}"));
        }
    }

    /// Reads the next acknowledgement, which must name revision `vantad`.
    fn las_kvitto(&mut self, vantad: i64) {
        let mut rad = String::new();
        match self.stdout.read_line(&mut rad) {
            Ok(0) => self.dog_ovantat("stdout stängdes före kvittot"),
            Ok(_) => {}
            Err(e) => self.dog_ovantat(&format!("kunde inte läsa kvittot: {e}")),
        }
        assert_eq!(
            rad,
            format!("sparad {vantad}\n"),
            "{}: fel kvitto",
            self.sammanhang
        );
    }

    /// SIGKILL (what `Child::kill` sends on Unix); the child must die of it, not have exited.
    fn doda(mut self) {
        self.process
            .kill()
            .unwrap_or_else(|e| panic!("{}: {e}", self.sammanhang));
        let status = self
            .process
            .wait()
            .unwrap_or_else(|e| panic!("{}: {e}", self.sammanhang));
        if status.signal() != Some(9) {
            let fel = self.stderr();
            panic!(
                "{}: barnet dog inte av SIGKILL utan {status}: {fel}",
                self.sammanhang
            );
        }
    }

    fn dog_ovantat(&mut self, vad: &str) -> ! {
        let _ = self.process.kill();
        let status = self.process.wait();
        let fel = self.stderr();
        panic!(
            "{}: {vad}; barnet avslutades {status:?}: {fel}",
            self.sammanhang
        );
    }

    fn stderr(&mut self) -> String {
        let mut text = String::new();
        if let Some(mut fel) = self.process.stderr.take() {
            let _ = fel.read_to_string(&mut text);
        }
        text
    }
}
