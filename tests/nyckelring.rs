//! The key's way through the real binary: into the operating system's keychain (gnome-keyring's
//! Secret Service, in a D-Bus session of the test's own through scripts/med-nyckelring) and back
//! in a later session; a clear refusal where no keychain answers; the key file as the explicit
//! alternative; and `underlag backup` on the command line.

#![cfg(target_os = "linux")]

mod common;
use common::TESTNYCKEL;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Miljo {
    _katalog: tempfile::TempDir,
    mapp: PathBuf,
    db: PathBuf,
}

impl Miljo {
    fn ny() -> Miljo {
        let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mapp = katalog.path().to_path_buf();
        let exempel = Command::new(env!("CARGO_BIN_EXE_underlag"))
            .args(["example", "-o", "a.underlag.json"])
            .current_dir(&mapp)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(exempel.status.success());
        Miljo {
            db: mapp.join("data").join("underlag.db"),
            mapp,
            _katalog: katalog,
        }
    }

    /// The binary with this environment's database, no key in the environment, and its own
    /// HOME and XDG directories so that the keyring is the test's.
    fn underlag(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(&self.mapp)
            .env("UNDERLAG_DB", &self.db)
            .env_remove("UNDERLAG_DB_KEY")
            .env_remove("UNDERLAG_DB_KEYFILE")
            .env_remove("UNDERLAG_MALLAR")
            .env("HOME", self.mapp.join("hem"))
            .env("XDG_DATA_HOME", self.mapp.join("xdg"))
            .env("UNDERLAG_NYCKELRING_LOSEN", "testlösen");
        c
    }

    /// In a D-Bus session with an unlocked gnome-keyring.
    fn med_nyckelring(&self, argument: &[&str]) -> Output {
        let skript = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/med-nyckelring");
        self.underlag("bash")
            .arg(skript)
            .arg(env!("CARGO_BIN_EXE_underlag"))
            .args(argument)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// With no D-Bus session at all, as on a headless server.
    fn utan_nyckelring(&self, argument: &[&str]) -> Output {
        self.underlag(env!("CARGO_BIN_EXE_underlag"))
            .args(argument)
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    }
}

fn text(ut: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&ut.stdout).into_owned(),
        String::from_utf8_lossy(&ut.stderr).into_owned(),
    )
}

fn lyckas(ut: Output) -> String {
    let (stdout, stderr) = text(&ut);
    assert!(ut.status.success(), "{stdout}\n{stderr}");
    stdout
}

#[test]
fn the_key_goes_to_the_keychain_and_opens_the_database_in_a_later_session() {
    let m = Miljo::ny();
    lyckas(m.med_nyckelring(&["import", "a.underlag.json"]));
    assert!(m.db.exists());
    let disk = std::fs::read(&m.db).unwrap_or_default();
    assert!(
        !disk.windows(15).any(|f| f == b"SQLite format 3"),
        "krypterad"
    );

    // Another session (a new login): the keyring on disk still holds the key.
    let lista = lyckas(m.med_nyckelring(&["list"]));
    assert!(lista.contains("medborgarservice"), "{lista}");
    let status = lyckas(m.med_nyckelring(&["key", "status"]));
    assert!(status.contains("operativsystemets nyckelring"), "{status}");

    // The entry is the database's, a 256-bit key in hex.
    let skript = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/med-nyckelring");
    let db = m.db.to_string_lossy().into_owned();
    let uppslag = lyckas(
        m.underlag("bash")
            .arg(skript)
            .args(["secret-tool", "lookup", "service", "se.goteborg.underlag"])
            .args(["username", &db])
            .output()
            .unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(uppslag.trim().len(), 64, "{uppslag}");
    assert!(uppslag.trim().bytes().all(|b| b.is_ascii_hexdigit()));

    // The same key from the environment opens it too; another does not.
    let med_nyckel = |nyckel: &str| {
        m.underlag(env!("CARGO_BIN_EXE_underlag"))
            .arg("list")
            .env("UNDERLAG_DB_KEY", nyckel)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    lyckas(med_nyckel(uppslag.trim()));
    let fel = med_nyckel(TESTNYCKEL);
    assert_eq!(fel.status.code(), Some(2));
    assert!(
        text(&fel).1.contains("Nyckeln passar inte databasen"),
        "{}",
        text(&fel).1
    );
}

#[test]
fn without_a_keychain_nothing_is_written_until_the_user_chooses_a_key_file() {
    let m = Miljo::ny();
    let ut = m.utan_nyckelring(&["import", "a.underlag.json"]);
    assert_eq!(ut.status.code(), Some(2));
    let (_, fel) = text(&ut);
    assert!(fel.contains("Ingen nyckelring svarar"), "{fel}");
    assert!(
        fel.contains("underlag key create-file") && fel.contains("UNDERLAG_DB_KEY"),
        "{fel}"
    );
    assert!(!m.db.exists(), "ingen databas, och aldrig en okrypterad");

    let skapad = lyckas(m.utan_nyckelring(&["key", "create-file"]));
    assert!(skapad.contains("kan bara läsas av dig"), "{skapad}");
    let fil = m.mapp.join("data").join("underlag.db.nyckel");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let lage = std::fs::metadata(&fil)
            .unwrap_or_else(|e| panic!("{e}"))
            .permissions()
            .mode();
        assert_eq!(lage & 0o777, 0o600);
    }
    lyckas(m.utan_nyckelring(&["import", "a.underlag.json"]));
    let status = lyckas(m.utan_nyckelring(&["key", "status"]));
    assert!(status.contains("nyckelfilen"), "{status}");
    let igen = m.utan_nyckelring(&["key", "create-file"]);
    assert_eq!(igen.status.code(), Some(2));
    assert!(text(&igen).1.contains("finns redan"), "{}", text(&igen).1);

    // A key file others can read is refused, and the database is left as it was.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let fore = std::fs::read(&m.db).unwrap_or_default();
        std::fs::set_permissions(&fil, std::fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
        let ut = m.utan_nyckelring(&["list"]);
        assert_eq!(ut.status.code(), Some(2));
        assert!(
            text(&ut).1.contains("kan läsas av andra"),
            "{}",
            text(&ut).1
        );
        assert_eq!(std::fs::read(&m.db).unwrap_or_default(), fore);
    }
}

#[test]
fn backups_are_listed_made_and_restored_on_the_command_line() {
    let m = Miljo::ny();
    let kor = |argument: &[&str]| {
        m.underlag(env!("CARGO_BIN_EXE_underlag"))
            .args(argument)
            .env("UNDERLAG_DB_KEY", TESTNYCKEL)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    lyckas(kor(&["import", "a.underlag.json"]));
    let lista = lyckas(kor(&["backup", "list"]));
    assert!(
        lista.contains("-schemalagd.db") && lista.contains("automatisk"),
        "{lista}"
    );
    let gjord = lyckas(kor(&["backup", "create"]));
    let namn = gjord
        .split_whitespace()
        .find(|o| o.ends_with("-manuell.db"))
        .unwrap_or_else(|| panic!("{gjord}"))
        .to_string();
    lyckas(kor(&["import", "a.underlag.json"]));
    assert_eq!(lyckas(kor(&["list"])).lines().count(), 2);

    let aterstalld = lyckas(kor(&["backup", "restore", &namn]));
    assert!(aterstalld.contains("fore-aterstallning"), "{aterstalld}");
    assert_eq!(lyckas(kor(&["list"])).lines().count(), 1, "läget i kopian");

    let okand = kor(&["backup", "restore", "../underlag.db"]);
    assert_eq!(okand.status.code(), Some(2));
    assert!(
        text(&okand).1.contains("ingen säkerhetskopia som heter"),
        "{}",
        text(&okand).1
    );

    let installt = lyckas(kor(&[
        "backup",
        "settings",
        "--dagar",
        "14",
        "--intervall-timmar",
        "2",
    ]));
    assert!(
        installt.contains("var 2 timme") && installt.contains("i 14 dagar"),
        "{installt}"
    );
    let noll = kor(&["backup", "settings", "--dagar", "0"]);
    assert_eq!(noll.status.code(), Some(2));
    assert!(
        text(&noll).1.contains("Behåll säkerhetskopior (dagar)"),
        "{}",
        text(&noll).1
    );
}
