//! The database key: where it comes from and how a new one is made.
//!
//! The database is always encrypted (SQLCipher). Its 256-bit key lives, in this order of
//! precedence, in `UNDERLAG_DB_KEY` (the user's explicit choice, never stored by Underlag), in a
//! key file readable only by the user (the explicit choice where no keychain answers), or in the
//! operating system's keychain (Windows Credential Manager, macOS Keychain, Secret Service on
//! Linux), where a new key is put on first run. There is no plaintext fallback: when no source
//! answers, opening fails with a message that names the two choices.

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;
use zeroize::Zeroizing;

/// The environment variable that holds a key or a passphrase.
pub const NYCKEL_MILJO: &str = "UNDERLAG_DB_KEY";
/// The environment variable that names a key file other than the default beside the database.
pub const NYCKELFIL_MILJO: &str = "UNDERLAG_DB_KEYFILE";
/// The keychain service under which keys are stored, one entry per database path.
pub const NYCKELRING_TJANST: &str = "se.goteborg.underlag";

const NYCKEL_BYTE: usize = 32;
/// A passphrase shorter than this is refused: SQLCipher's key derivation slows guessing, it
/// does not make a short phrase strong.
const MINSTA_LOSENFRAS: usize = 16;

#[derive(Debug, Error)]
pub enum NyckelFel {
    #[error(
        "Ingen nyckelring svarar ({orsak}), så Underlag kan inte förvara databasens nyckel där. Databasen sparas aldrig okrypterad; välj själv var nyckeln ska finnas: kör `underlag key create-file` (eller välj \"Skapa nyckelfil\" i programmet) för en nyckelfil som bara du kan läsa, {fil}, eller sätt miljövariabeln UNDERLAG_DB_KEY till 64 hexadecimala tecken eller en lösenfras på minst 16 tecken."
    )]
    IngenNyckelring { orsak: String, fil: PathBuf },
    #[error(
        "Databasen {db} är krypterad, men dess nyckel finns varken i nyckelringen, i nyckelfilen {fil} eller i UNDERLAG_DB_KEY. Databasen har inte ändrats. Sätt UNDERLAG_DB_KEY till nyckeln, lägg tillbaka nyckelfilen eller återställ en säkerhetskopia som hör till en nyckel du har."
    )]
    Saknas { db: PathBuf, fil: PathBuf },
    #[error(
        "Nyckelringen är låst ({orsak}), så Underlag kan varken hämta eller spara databasens nyckel. Lås upp nyckelringen (logga in på datorn på nytt, eller lås upp inloggningsnyckelringen i Lösenord och nycklar) och försök igen. Databasen har inte ändrats."
    )]
    Last { orsak: String },
    #[error("Nyckelringen svarade med ett fel: {0}")]
    Nyckelring(String),
    #[error(
        "Nyckelfilen {fil} kan läsas av andra än du (rättigheter {lage:o}). Gör den läsbar bara för dig, till exempel med `chmod 600 {fil}`, och försök igen."
    )]
    Oskyddad { fil: PathBuf, lage: u32 },
    #[error("Nyckelfilen {fil} kunde inte läsas: {orsak}")]
    LasFil { fil: PathBuf, orsak: String },
    #[error("Nyckelfilen {fil} kunde inte skapas: {orsak}")]
    SkrivFil { fil: PathBuf, orsak: String },
    #[error(
        "Nyckelfilen {fil} finns redan. Underlag skriver inte över en nyckel; ta bort filen själv om den inte behövs."
    )]
    FilFinns { fil: PathBuf },
    #[error(
        "Databasen {db} är redan krypterad med en annan nyckel; en ny nyckelfil skulle inte öppna den. Lägg tillbaka den nyckel databasen skapades med."
    )]
    RedanKrypterad { db: PathBuf },
    #[error("{kalla}: {orsak}")]
    Ogiltig { kalla: String, orsak: String },
    #[error("Ingen slumpkälla för en ny nyckel: {0}")]
    Slump(String),
}

/// A database key, kept as the text SQLCipher's `PRAGMA key` takes and wiped from memory when
/// dropped. `Debug` never shows it.
#[derive(Clone)]
pub struct Nyckel {
    pragma: Zeroizing<String>,
    /// The raw key in hex, for a key Underlag may store; `None` for a passphrase.
    hex: Option<Zeroizing<String>>,
}

impl std::fmt::Debug for Nyckel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Nyckel(…)")
    }
}

impl Nyckel {
    /// A new random 256-bit key from the operating system.
    pub fn slumpa() -> Result<Nyckel, NyckelFel> {
        let mut byte = Zeroizing::new([0u8; NYCKEL_BYTE]);
        getrandom::fill(byte.as_mut()).map_err(|e| NyckelFel::Slump(e.to_string()))?;
        Ok(Nyckel::fran_byte(byte.as_ref()))
    }

    fn fran_byte(byte: &[u8]) -> Nyckel {
        let hex = Zeroizing::new(hex::encode(byte));
        Nyckel {
            pragma: Zeroizing::new(format!("x'{}'", hex.as_str())),
            hex: Some(hex),
        }
    }

    /// A raw key written as 64 hexadecimal characters (what the keychain and key files hold).
    pub fn fran_hex(text: &str, kalla: &str) -> Result<Nyckel, NyckelFel> {
        let byte = Zeroizing::new(hex::decode(text.trim()).map_err(|e| NyckelFel::Ogiltig {
            kalla: kalla.into(),
            orsak: format!("nyckeln ska vara 64 hexadecimala tecken ({e})"),
        })?);
        if byte.len() != NYCKEL_BYTE {
            return Err(NyckelFel::Ogiltig {
                kalla: kalla.into(),
                orsak: format!(
                    "nyckeln ska vara 64 hexadecimala tecken, inte {}",
                    text.trim().len()
                ),
            });
        }
        Ok(Nyckel::fran_byte(&byte))
    }

    /// What a person sets in `UNDERLAG_DB_KEY`: a raw key in hex, or a passphrase that
    /// SQLCipher derives the key from.
    pub fn fran_text(text: &str, kalla: &str) -> Result<Nyckel, NyckelFel> {
        let trimmad = text.trim();
        if trimmad.len() == 2 * NYCKEL_BYTE && trimmad.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Nyckel::fran_hex(trimmad, kalla);
        }
        if text.chars().count() < MINSTA_LOSENFRAS {
            return Err(NyckelFel::Ogiltig {
                kalla: kalla.into(),
                orsak: format!(
                    "ange 64 hexadecimala tecken eller en lösenfras på minst {MINSTA_LOSENFRAS} tecken"
                ),
            });
        }
        Ok(Nyckel {
            pragma: Zeroizing::new(text.to_string()),
            hex: None,
        })
    }

    pub(crate) fn pragma(&self) -> &str {
        &self.pragma
    }
}

/// Where the key of an open database came from; shown by `underlag nyckel status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nyckelkalla {
    Miljo,
    Fil(PathBuf),
    Nyckelring,
}

impl std::fmt::Display for Nyckelkalla {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Nyckelkalla::Miljo => write!(f, "miljövariabeln {NYCKEL_MILJO}"),
            Nyckelkalla::Fil(fil) => write!(f, "nyckelfilen {}", fil.display()),
            Nyckelkalla::Nyckelring => f.write_str("operativsystemets nyckelring"),
        }
    }
}

/// Where to look for a database's key. `standard` reads the environment; tests build one by
/// hand so that they never touch the user's keychain by accident.
#[derive(Debug, Clone)]
pub struct Nyckelval {
    pub miljo: Option<Zeroizing<String>>,
    pub fil: PathBuf,
    /// The keychain service; `None` keeps the keychain out of it.
    pub nyckelring: Option<String>,
}

impl Nyckelval {
    pub fn standard(db: &Path) -> Nyckelval {
        Nyckelval {
            miljo: std::env::var(NYCKEL_MILJO)
                .ok()
                .filter(|v| !v.is_empty())
                .map(Zeroizing::new),
            fil: std::env::var_os(NYCKELFIL_MILJO)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| standard_nyckelfil(db)),
            nyckelring: Some(NYCKELRING_TJANST.into()),
        }
    }
}

impl Nyckelval {
    /// Only the given key (hex or passphrase), as if set in `UNDERLAG_DB_KEY`: no key file, no
    /// keychain. For tests and tools that must never touch the user's keychain.
    pub fn med_nyckel(text: &str, db: &Path) -> Nyckelval {
        Nyckelval {
            miljo: Some(Zeroizing::new(text.to_string())),
            fil: standard_nyckelfil(db),
            nyckelring: None,
        }
    }
}

/// `underlag.db` → `underlag.db.nyckel`, beside the database it opens.
pub fn standard_nyckelfil(db: &Path) -> PathBuf {
    let mut namn = db.file_name().unwrap_or_default().to_os_string();
    namn.push(".nyckel");
    db.with_file_name(namn)
}

/// What is on disk at the database's path, read from the file header without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Databastillstand {
    Saknas,
    /// A plain SQLite file, as earlier versions of Underlag wrote.
    Okrypterad,
    /// Anything else: SQLCipher's header is indistinguishable from random bytes.
    Krypterad,
}

const SQLITE_HUVUD: &[u8; 16] = b"SQLite format 3\0";

pub fn databastillstand(db: &Path) -> std::io::Result<Databastillstand> {
    use std::io::Read;
    let mut fil = match std::fs::File::open(db) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Databastillstand::Saknas),
        Err(e) => return Err(e),
    };
    let mut huvud = [0u8; 16];
    let mut last = 0;
    while last < huvud.len() {
        match fil.read(&mut huvud[last..])? {
            0 => break,
            n => last += n,
        }
    }
    Ok(match last {
        0 => Databastillstand::Saknas,
        16 if &huvud == SQLITE_HUVUD => Databastillstand::Okrypterad,
        _ => Databastillstand::Krypterad,
    })
}

/// Finds the key for the database at `db`, or makes one in the keychain when the database is
/// new or still plaintext (it is about to be encrypted).
pub fn hamta_nyckel(db: &Path, val: &Nyckelval) -> Result<(Nyckel, Nyckelkalla), NyckelFel> {
    if let Some(text) = &val.miljo {
        return Ok((Nyckel::fran_text(text, NYCKEL_MILJO)?, Nyckelkalla::Miljo));
    }
    if val.fil.exists() {
        return Ok((las_nyckelfil(&val.fil)?, Nyckelkalla::Fil(val.fil.clone())));
    }
    let ingen_nyckelring = |orsak: String| NyckelFel::IngenNyckelring {
        orsak,
        fil: val.fil.clone(),
    };
    let Some(tjanst) = &val.nyckelring else {
        return Err(ingen_nyckelring("ingen nyckelring är vald".into()));
    };
    let konto = nyckelring_konto(db);
    let post =
        || keyring::Entry::new(tjanst, &konto).map_err(|e| nyckelringsfel(e, &ingen_nyckelring));
    match post()?.get_password() {
        Ok(hex) => Ok((
            Nyckel::fran_hex(&hex, "nyckeln i nyckelringen")?,
            Nyckelkalla::Nyckelring,
        )),
        Err(keyring::Error::NoEntry) => {
            let tillstand = databastillstand(db).map_err(|e| NyckelFel::LasFil {
                fil: db.to_path_buf(),
                orsak: e.to_string(),
            })?;
            if tillstand == Databastillstand::Krypterad {
                return Err(NyckelFel::Saknas {
                    db: db.to_path_buf(),
                    fil: val.fil.clone(),
                });
            }
            let nyckel = Nyckel::slumpa()?;
            let hex = nyckel
                .hex
                .as_deref()
                .map(String::as_str)
                .unwrap_or_default();
            post()?
                .set_password(hex)
                .map_err(|e| nyckelringsfel(e, &ingen_nyckelring))?;
            // A keychain that accepts a key and cannot give it back (keyring's mock store, a
            // misconfigured daemon) would lose the database at the next start: read it back
            // through a fresh entry before anything is encrypted with it.
            match post()?.get_password() {
                Ok(tillbaka) if tillbaka == hex => Ok((nyckel, Nyckelkalla::Nyckelring)),
                Ok(_) | Err(keyring::Error::NoEntry) => Err(ingen_nyckelring(
                    "nyckelringen behöll inte nyckeln som sparades".into(),
                )),
                Err(e) => Err(nyckelringsfel(e, &ingen_nyckelring)),
            }
        }
        Err(e) => Err(nyckelringsfel(e, &ingen_nyckelring)),
    }
}

/// Removes the keychain entry of the database at `db` (the self-test's throwaway database, so
/// that IT's check leaves nothing behind in the user's keychain). An entry already gone is fine.
pub fn glom_nyckelringspost(db: &Path, tjanst: &str) -> Result<(), NyckelFel> {
    let ingen = |orsak: String| NyckelFel::IngenNyckelring {
        orsak,
        fil: standard_nyckelfil(db),
    };
    let post = keyring::Entry::new(tjanst, &nyckelring_konto(db))
        .map_err(|e| nyckelringsfel(e, &ingen))?;
    match post.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(nyckelringsfel(e, &ingen)),
    }
}

fn nyckelringsfel(e: keyring::Error, ingen: &dyn Fn(String) -> NyckelFel) -> NyckelFel {
    match e {
        // A locked keychain is there but will not answer until the user unlocks it: a key
        // file would be the wrong way out (the database may already be encrypted with the
        // keychain's key), so it gets its own message.
        keyring::Error::PlatformFailure(orsak) | keyring::Error::NoStorageAccess(orsak)
            if orsak.to_string().to_lowercase().contains("locked") =>
        {
            NyckelFel::Last {
                orsak: orsak.to_string(),
            }
        }
        keyring::Error::PlatformFailure(orsak) | keyring::Error::NoStorageAccess(orsak) => {
            ingen(orsak.to_string())
        }
        annat => NyckelFel::Nyckelring(annat.to_string()),
    }
}

/// The keychain account of a database: its absolute path, so that two databases never share
/// an entry.
fn nyckelring_konto(db: &Path) -> String {
    let absolut = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let kanonisk = match (absolut.parent(), absolut.file_name()) {
        (Some(mapp), Some(namn)) => std::fs::canonicalize(mapp)
            .map(|m| m.join(namn))
            .unwrap_or(absolut.clone()),
        _ => absolut,
    };
    kanonisk.to_string_lossy().into_owned()
}

fn las_nyckelfil(fil: &Path) -> Result<Nyckel, NyckelFel> {
    let lasfel = |orsak: String| NyckelFel::LasFil {
        fil: fil.to_path_buf(),
        orsak,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let lage = std::fs::metadata(fil)
            .map_err(|e| lasfel(e.to_string()))?
            .permissions()
            .mode();
        if lage & 0o077 != 0 {
            return Err(NyckelFel::Oskyddad {
                fil: fil.to_path_buf(),
                lage: lage & 0o777,
            });
        }
    }
    let text = Zeroizing::new(std::fs::read_to_string(fil).map_err(|e| lasfel(e.to_string()))?);
    Nyckel::fran_hex(&text, &format!("nyckelfilen {}", fil.display()))
}

/// The explicit choice where no keychain answers: a new random key in a file only the user can
/// read (mode 0600 on Unix; on Windows the user's profile directory is private by default).
/// Refuses to overwrite a key, and refuses when the database is already encrypted, since a new
/// key could not open it.
pub fn skapa_nyckelfil(db: &Path, fil: &Path) -> Result<Nyckel, NyckelFel> {
    let skrivfel = |orsak: String| NyckelFel::SkrivFil {
        fil: fil.to_path_buf(),
        orsak,
    };
    if fil.exists() {
        return Err(NyckelFel::FilFinns {
            fil: fil.to_path_buf(),
        });
    }
    if databastillstand(db).map_err(|e| skrivfel(e.to_string()))? == Databastillstand::Krypterad {
        return Err(NyckelFel::RedanKrypterad {
            db: db.to_path_buf(),
        });
    }
    if let Some(mapp) = fil.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(mapp).map_err(|e| skrivfel(e.to_string()))?;
    }
    let nyckel = Nyckel::slumpa()?;
    let mut alternativ = std::fs::OpenOptions::new();
    alternativ.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        alternativ.mode(0o600);
    }
    let mut utfil = alternativ.open(fil).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            NyckelFel::FilFinns {
                fil: fil.to_path_buf(),
            }
        } else {
            skrivfel(e.to_string())
        }
    })?;
    let hex = nyckel
        .hex
        .as_deref()
        .map(String::as_str)
        .unwrap_or_default();
    utfil
        .write_all(format!("{hex}\n").as_bytes())
        .and_then(|()| utfil.sync_all())
        .map_err(|e| {
            // A half-written key file would lock the user out later; remove it now.
            let _ = std::fs::remove_file(fil);
            skrivfel(e.to_string())
        })?;
    Ok(nyckel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_the_environment_is_a_hex_key_or_a_long_passphrase() {
        let hex = "ab".repeat(32);
        let nyckel = Nyckel::fran_text(&hex, NYCKEL_MILJO).expect("hex");
        assert_eq!(nyckel.pragma(), format!("x'{hex}'"));
        let fras =
            Nyckel::fran_text("korrekt häst batteri häftklammer", NYCKEL_MILJO).expect("lösenfras");
        assert_eq!(fras.pragma(), "korrekt häst batteri häftklammer");
        let kort = Nyckel::fran_text("kort", NYCKEL_MILJO).expect_err("för kort");
        assert!(kort.to_string().contains("minst 16 tecken"), "{kort}");
        assert!(Nyckel::fran_hex("zz", "nyckelfilen").is_err());
        assert_eq!(format!("{nyckel:?}"), "Nyckel(…)");
    }

    #[test]
    fn random_keys_differ_and_are_256_bits() {
        let a = Nyckel::slumpa().expect("slump");
        let b = Nyckel::slumpa().expect("slump");
        assert_ne!(a.pragma(), b.pragma());
        assert_eq!(a.hex.as_ref().map(|h| h.len()), Some(64));
    }
}
