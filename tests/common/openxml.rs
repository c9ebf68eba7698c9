//! The independent OOXML validator (`openxml-audit`, profile Office 2016) the Word tests run.
//!
//! It comes from `bash scripts/setup --test` (a virtual environment in the target directory);
//! `UNDERLAG_OPENXML_AUDIT` names another `openxml-audit` program. Without it a test fails: a
//! check that skips itself would read as passed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `UNDERLAG_OPENXML_AUDIT`, or where `scripts/setup --test` installs it: the target directory
/// (the parent of `CARGO_TARGET_TMPDIR`) `/openxml-venv`.
pub fn validator() -> PathBuf {
    if let Some(p) = std::env::var_os("UNDERLAG_OPENXML_AUDIT") {
        return PathBuf::from(p);
    }
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent()
        .unwrap_or(tmp)
        .join("openxml-venv")
        .join(if cfg!(windows) { "Scripts" } else { "bin" })
        .join("openxml-audit")
}

/// One file's verdict.
#[derive(Debug, serde::Deserialize)]
pub struct Resultat {
    pub file: String,
    pub error_count: usize,
    pub errors: Vec<Fynd>,
}

/// One violation: the part, the element's XPath, the node and what is wrong.
#[derive(Debug, serde::Deserialize)]
pub struct Fynd {
    pub description: String,
    #[serde(default)]
    pub part_uri: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub node: Option<String>,
}

impl Resultat {
    pub fn har_fel(&self) -> bool {
        self.error_count > 0 || !self.errors.is_empty()
    }
}

/// Runs the validator once over every .docx in `katalog` (one process for all of them, which is
/// what keeps a corpus of hundreds of files fast): one result per file, by file name.
pub fn validera(katalog: &Path) -> Vec<(String, Resultat)> {
    let program = validator();
    assert!(
        program.exists(),
        "OOXML-valideraren saknas: {} finns inte. Installera den med `bash scripts/setup --test` \
         (openxml-audit i en virtuell Python-miljö i målkatalogen) eller ange \
         UNDERLAG_OPENXML_AUDIT=/sökväg/till/openxml-audit.",
        program.display()
    );
    let ut = Command::new(&program)
        .args(["-f", "office2016", "-m", "0", "-o", "json", "-r"])
        .arg(katalog)
        .output()
        .unwrap_or_else(|e| panic!("{} kunde inte köras: {e}", program.display()));
    // Exit status 1 means "findings"; the JSON says which, so only its absence is an error.
    let resultat: Vec<Resultat> = serde_json::from_slice(&ut.stdout).unwrap_or_else(|e| {
        panic!(
            "{} gav ingen läsbar JSON ({e}); status {}, stderr: {}",
            program.display(),
            ut.status,
            String::from_utf8_lossy(&ut.stderr)
        )
    });
    resultat
        .into_iter()
        .map(|r| {
            let namn = Path::new(&r.file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| r.file.clone());
            (namn, r)
        })
        .collect()
}

/// A file's violations, one line each with part, element path and node.
pub fn beskriv(namn: &str, r: &Resultat) -> String {
    let mut text = format!("{namn}: {} fel\n", r.error_count);
    for f in &r.errors {
        text.push_str(&format!(
            "  {} {} <{}>: {}\n",
            f.part_uri,
            f.path,
            f.node.as_deref().unwrap_or(""),
            f.description
        ));
    }
    text
}

/// Writes each `(file name, bytes)` into a fresh directory, validates them in one run and
/// panics with every violation (file, part, element path) unless all are clean and every file
/// was reported on.
pub fn kraver_giltiga(filer: &[(String, Vec<u8>)], vad: &str) {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (namn, bytes) in filer {
        std::fs::write(katalog.path().join(namn), bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    let resultat = validera(katalog.path());
    let mut granskade: Vec<&str> = resultat.iter().map(|(n, _)| n.as_str()).collect();
    granskade.sort_unstable();
    let mut vantade: Vec<&str> = filer.iter().map(|(n, _)| n.as_str()).collect();
    vantade.sort_unstable();
    assert_eq!(granskade, vantade, "valideraren granskade inte varje fil");
    let fel: String = resultat
        .iter()
        .filter(|(_, r)| r.har_fel())
        .map(|(n, r)| beskriv(n, r))
        .collect();
    assert!(
        fel.is_empty(),
        "{vad} bryter mot OOXML-schemat (openxml-audit, office2016):\n{fel}"
    );
}
