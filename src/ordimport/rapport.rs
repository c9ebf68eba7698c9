//! What an import from Word tells the user: what was mapped, counted per section, and every
//! text that could not be mapped, with where it stood, so that nothing is dropped unseen.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Importrapport {
    /// What was read, in a sentence: "Tjänsteplan 2023 för Intraservice (mall
    /// tjansteplan-2023): 7 rader i versionshanteringen."
    pub sammanfattning: String,
    pub organisation: String,
    pub analysar: i32,
    /// The template the document was read against.
    pub mall: String,
    /// Tjänster the tables and forms named, now the document's tjänstekatalog.
    pub tjanster: u32,
    /// Rows of the versionshantering table.
    pub versioner: u32,
    /// One entry per section of the template that holds data, in the template's order.
    pub avsnitt: Vec<Avsnittsrapport>,
    /// Texts the import could not place, in document order.
    pub ej_mappat: Vec<EjMappat>,
    /// What the user should check although nothing was lost (Word carries no tjänst kategori).
    pub anmarkningar: Vec<String>,
    /// SHA-256 of the file read, so that an import can refuse a file replaced after its
    /// preview was shown.
    pub fil_sha256: String,
}

/// What one section received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Avsnittsrapport {
    /// "1.2 Status konsolidering"
    pub rubrik: String,
    /// Whether the section's heading was found in the Word file.
    pub hittat: bool,
    /// Table rows mapped (all of the section's tables).
    pub tabellrader: u32,
    /// Insats forms mapped (1.4, 2.2).
    pub insatser: u32,
    /// Texts mapped: Leverantörens analys, fields, notes.
    pub texter: u32,
    /// The section said it is not applicable.
    pub ej_tillamplig: bool,
}

/// One text that is not in the imported document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EjMappat {
    /// The section heading it stood under, as the Word file writes it ("Före första rubriken"
    /// for the title page).
    pub avsnitt: String,
    /// The table it stood in, by its caption or first column headings.
    pub tabell: Option<String>,
    /// The row in that table, counted from 1 with the heading row.
    pub rad: Option<u32>,
    /// The text itself.
    pub text: String,
    /// Why it could not be mapped, in Swedish.
    pub orsak: String,
}

impl Importrapport {
    /// The report as the CLI prints it.
    pub fn som_text(&self) -> String {
        let mut ut = format!("{}\n\nMappat per avsnitt:\n", self.sammanfattning);
        for a in &self.avsnitt {
            let mut delar = Vec::new();
            if !a.hittat {
                delar.push("rubriken finns inte i Word-filen".to_string());
            }
            if a.ej_tillamplig {
                delar.push("ej tillämpligt".to_string());
            }
            if a.tabellrader > 0 {
                delar.push(format!("{} tabellrader", a.tabellrader));
            }
            if a.insatser > 0 {
                delar.push(format!("{} insatser", a.insatser));
            }
            if a.texter > 0 {
                delar.push(format!("{} texter", a.texter));
            }
            if delar.is_empty() {
                delar.push("inget innehåll".to_string());
            }
            ut.push_str(&format!("  {}: {}\n", a.rubrik, delar.join(", ")));
        }
        if self.ej_mappat.is_empty() {
            ut.push_str("\nAllt innehåll kunde mappas.\n");
        } else {
            ut.push_str(&format!(
                "\nKunde inte mappas ({} st):\n",
                self.ej_mappat.len()
            ));
            for e in &self.ej_mappat {
                let mut plats = e.avsnitt.clone();
                if let Some(t) = &e.tabell {
                    plats.push_str(&format!(" · tabell {t}"));
                }
                if let Some(r) = e.rad {
                    plats.push_str(&format!(" · rad {r}"));
                }
                ut.push_str(&format!("  [{plats}] {}\n    \"{}\"\n", e.orsak, e.text));
            }
        }
        for a in &self.anmarkningar {
            ut.push_str(&format!("\nObservera: {a}\n"));
        }
        ut
    }
}
