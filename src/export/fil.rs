//! Writing an export to the user's chosen path: through a temporary file in the same directory,
//! renamed into place, so a crash or a full disk never leaves a half-written file under the
//! user's name. A path that cannot be written gets a Swedish reason naming it; the temporary
//! file is removed then.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
#[error("Filen {sokvag} kunde inte skrivas: {orsak}")]
pub struct Skrivfel {
    pub sokvag: PathBuf,
    pub orsak: String,
}

/// Why writing failed, in Swedish; the system's own (English) text only for what is rare.
fn orsak(e: &std::io::Error, mapp: &Path) -> String {
    match e.kind() {
        ErrorKind::NotFound => format!("mappen {} finns inte", mapp.display()),
        ErrorKind::NotADirectory => format!("{} är inte en mapp", mapp.display()),
        ErrorKind::IsADirectory => "det är en mapp; ange ett filnamn".to_string(),
        ErrorKind::PermissionDenied => "behörighet saknas att skriva där".to_string(),
        ErrorKind::ReadOnlyFilesystem => "platsen går bara att läsa".to_string(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "disken är full".to_string(),
        ErrorKind::InvalidFilename => {
            "namnet är för långt eller innehåller tecken som filsystemet inte tillåter".to_string()
        }
        _ => format!("{e}"),
    }
}

pub fn skriv_atomiskt(sokvag: &Path, innehall: &[u8]) -> Result<(), Skrivfel> {
    let mapp = match sokvag.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fel = |e: std::io::Error| Skrivfel {
        sokvag: sokvag.to_path_buf(),
        orsak: orsak(&e, mapp),
    };
    if sokvag.is_dir() || sokvag.file_name().is_none() {
        return Err(Skrivfel {
            sokvag: sokvag.to_path_buf(),
            orsak: "det är en mapp; ange ett filnamn".to_string(),
        });
    }
    let mut tmp = tempfile::NamedTempFile::new_in(mapp).map_err(fel)?;
    tmp.write_all(innehall).map_err(fel)?;
    tmp.as_file().sync_all().map_err(fel)?;
    // A temporary file is private (0600); the document the user asked for reads like any file
    // they save themselves.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(fel)?;
    }
    // On failure the temporary file is dropped with the error, which removes it.
    tmp.persist(sokvag).map_err(|e| fel(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_directory_a_directory_and_a_long_name_are_told_in_swedish() {
        let k = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let fel = |p: &Path| {
            skriv_atomiskt(p, b"x")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        let saknas = k.path().join("saknas").join("a.docx");
        assert!(fel(&saknas).ends_with("finns inte"), "{}", fel(&saknas));
        assert!(fel(k.path()).contains("det är en mapp"));
        let lang = k.path().join("ö".repeat(200));
        assert!(fel(&lang).contains("för långt"), "{}", fel(&lang));
        assert_eq!(std::fs::read_dir(k.path()).map(|d| d.count()).ok(), Some(0));
    }
}
