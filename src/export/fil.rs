//! Writing an export to the user's chosen path: through a temporary file in the same directory,
//! renamed into place, so a crash or a full disk never leaves a half-written file under the
//! user's name.

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
#[error("Filen {sokvag} kunde inte skrivas: {orsak}")]
pub struct Skrivfel {
    pub sokvag: PathBuf,
    pub orsak: String,
}

pub fn skriv_atomiskt(sokvag: &Path, innehall: &[u8]) -> Result<(), Skrivfel> {
    let fel = |e: std::io::Error| Skrivfel {
        sokvag: sokvag.to_path_buf(),
        orsak: e.to_string(),
    };
    let mapp = match sokvag.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
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
    tmp.persist(sokvag).map_err(|e| fel(e.error))?;
    Ok(())
}
