//! A database on a full disk or on media that turns read-only: the edit is refused in Swedish,
//! every acknowledged edit is kept, and the file stays sound. Each case runs the real CLI on a
//! small tmpfs mounted in a mount namespace of its own (`unshare -rm`), so it needs no root and
//! touches no disk of the machine's.

mod common;
use common::TESTNYCKEL;

use std::path::{Path, PathBuf};
use std::process::Command;

use underlag::store::Store;
use underlag::store::nyckel::Nyckel;

const FALT: &str = "portfoljanalys.leverantorens_analys";

struct Fall {
    _katalog: tempfile::TempDir,
    mapp: PathBuf,
}

impl Fall {
    fn nytt() -> Fall {
        let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mapp = katalog.path().to_path_buf();
        std::fs::create_dir_all(mapp.join("disk")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(mapp.join("ut")).unwrap_or_else(|e| panic!("{e}"));
        Fall {
            _katalog: katalog,
            mapp,
        }
    }

    fn fil(&self, namn: &str) -> PathBuf {
        self.mapp.join(namn)
    }

    fn las(&self, namn: &str) -> String {
        std::fs::read_to_string(self.fil(namn)).unwrap_or_default()
    }

    /// Runs `skript` (bash) in a mount namespace where `$DISK` is a tmpfs of `storlek`, with
    /// `$U` the CLI on the database `$DISK/db.sqlite`. The database files are copied to `ut/`
    /// at the end, since the tmpfs goes with the namespace.
    fn kor(&self, storlek: &str, skript: &str) {
        let helt = format!(
            "set -u\nmount -t tmpfs -o size={storlek} tmpfs \"$DISK\" || exit 90\n{skript}\n\
             cp \"$DISK\"/db.sqlite* \"$UT\"/\n"
        );
        let ut = Command::new("unshare")
            .args(["-rm", "--propagation", "private", "bash", "-c", &helt])
            .env("DISK", self.fil("disk"))
            .env("UT", self.fil("ut"))
            .env("U", env!("CARGO_BIN_EXE_underlag"))
            .env(
                "EXEMPEL",
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("examples/arlig-analys-2024.underlag.json"),
            )
            .env("RADER", self.fil("rader.jsonl"))
            .env("UNDERLAG_DB_KEY", TESTNYCKEL)
            .env_remove("UNDERLAG_DB")
            .current_dir(&self.mapp)
            .output()
            .unwrap_or_else(|e| panic!("unshare: {e}"));
        assert!(
            ut.status.success(),
            "skriptet misslyckades ({:?}): {}{}",
            ut.status.code(),
            String::from_utf8_lossy(&ut.stdout),
            String::from_utf8_lossy(&ut.stderr)
        );
    }

    /// The stored document (the copy taken out of the namespace), after `PRAGMA
    /// integrity_check`.
    fn lagrat(&self) -> serde_json::Value {
        let nyckel = Nyckel::fran_hex(TESTNYCKEL, "test").unwrap_or_else(|e| panic!("{e}"));
        let store =
            Store::open(&self.fil("ut/db.sqlite"), &nyckel).unwrap_or_else(|e| panic!("{e}"));
        store
            .kontrollera_integritet()
            .unwrap_or_else(|e| panic!("{e}"));
        let (dokument, _) = store.hamta(1).unwrap_or_else(|e| panic!("{e}"));
        dokument.to_value()
    }
}

/// Each line sets the field to a text of its own of about `storlek` bytes, so every stored edit
/// takes room and the last one stored can be told from the others.
fn rader(antal: usize, storlek: usize) -> (String, Vec<String>) {
    let texter: Vec<String> = (1..=antal)
        .map(|i| {
            format!(
                "Ändring {i}: {}",
                "Leverantörens analys. ".repeat(storlek / 22)
            )
        })
        .collect();
    let rader = texter
        .iter()
        .map(|t| serde_json::json!({"typ": "satt", "falt": FALT, "varde": t}).to_string() + "\n")
        .collect();
    (rader, texter)
}

/// SQLite's own words never reach the user.
fn ar_svensk_utan_sqlite(text: &str) {
    for engelska in [
        "database or disk is full",
        "disk I/O error",
        "readonly database",
        "database is locked",
        "unable to open",
        "SQLITE_",
        "os error",
        "Databasfel",
    ] {
        assert!(
            !text.contains(engelska),
            "SQLites text \"{engelska}\" i: {text}"
        );
    }
}

#[test]
fn a_full_disk_refuses_the_edit_in_swedish_and_keeps_every_acknowledged_one() {
    let fall = Fall::nytt();
    let (indata, texter) = rader(400, 20_000);
    std::fs::write(fall.fil("rader.jsonl"), indata).unwrap_or_else(|e| panic!("{e}"));
    fall.kor(
        "3m",
        "\"$U\" --db \"$DISK/db.sqlite\" import \"$EXEMPEL\" > \"$UT/import.txt\" || exit 91\n\
         \"$U\" --db \"$DISK/db.sqlite\" apply 1 < \"$RADER\" > \"$UT/kvitton.txt\" 2> \"$UT/fel.txt\"\n\
         echo $? > \"$UT/kod.txt\"",
    );
    assert_ne!(
        fall.las("ut/kod.txt").trim(),
        "0",
        "disken blev aldrig full"
    );
    let kvitton: Vec<String> = fall
        .las("ut/kvitton.txt")
        .lines()
        .map(String::from)
        .collect();
    assert!(!kvitton.is_empty(), "inte en enda ändring sparades");
    assert!(kvitton.len() < texter.len());
    for (i, k) in kvitton.iter().enumerate() {
        assert_eq!(k, &format!("sparad {}", i + 1));
    }
    let fel = fall.las("ut/fel.txt");
    assert!(fel.contains("Disken är full"), "{fel}");
    assert!(fel.contains("Ingenting är ändrat"), "{fel}");
    ar_svensk_utan_sqlite(&fel);

    // The last acknowledged edit is the one stored, and the file is sound.
    let dokument = fall.lagrat();
    assert_eq!(
        dokument["portfoljanalys"]["leverantorens_analys"],
        texter[kvitton.len() - 1]
    );
}

#[test]
fn media_that_turns_read_only_refuses_the_edit_in_swedish_and_keeps_the_document() {
    let fall = Fall::nytt();
    let (indata, texter) = rader(2, 100);
    std::fs::write(fall.fil("rader.jsonl"), indata).unwrap_or_else(|e| panic!("{e}"));
    let (forsta, andra) = indata_delar(&fall);
    std::fs::write(fall.fil("forsta.jsonl"), forsta).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(fall.fil("andra.jsonl"), andra).unwrap_or_else(|e| panic!("{e}"));
    fall.kor(
        "16m",
        "\"$U\" --db \"$DISK/db.sqlite\" import \"$EXEMPEL\" > /dev/null || exit 91\n\
         \"$U\" --db \"$DISK/db.sqlite\" apply 1 < forsta.jsonl > \"$UT/kvitto1.txt\" || exit 92\n\
         mount -o remount,ro \"$DISK\" || exit 93\n\
         \"$U\" --db \"$DISK/db.sqlite\" apply 1 < andra.jsonl > \"$UT/kvitto2.txt\" 2> \"$UT/fel.txt\"\n\
         echo $? > \"$UT/kod.txt\"\n\
         \"$U\" --db \"$DISK/db.sqlite\" export-json 1 -o \"$UT/efter.underlag.json\" 2> \"$UT/lasfel.txt\"\n\
         echo $? > \"$UT/laskod.txt\"",
    );
    assert_eq!(fall.las("ut/kvitto1.txt"), "sparad 1\n");
    assert_ne!(fall.las("ut/kod.txt").trim(), "0");
    assert_eq!(fall.las("ut/kvitto2.txt"), "", "ingen ändring kvitteras");
    let fel = fall.las("ut/fel.txt");
    assert!(fel.contains("skrivskyddad disk"), "{fel}");
    assert!(fel.contains("Ingenting är ändrat"), "{fel}");
    ar_svensk_utan_sqlite(&fel);
    // A database in WAL mode cannot even be read without writing beside it: the same refusal,
    // not a half-read document.
    assert_ne!(fall.las("ut/laskod.txt").trim(), "0");
    assert!(fall.las("ut/lasfel.txt").contains("skrivskyddad disk"));
    let dokument = fall.lagrat();
    assert_eq!(
        dokument["portfoljanalys"]["leverantorens_analys"],
        texter[0]
    );
}

/// The two lines of `rader.jsonl`, one file each.
fn indata_delar(fall: &Fall) -> (String, String) {
    let text = fall.las("rader.jsonl");
    let mut rader = text.lines();
    (
        format!("{}\n", rader.next().unwrap_or_default()),
        format!("{}\n", rader.next().unwrap_or_default()),
    )
}
