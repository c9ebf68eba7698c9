//! "Sammanfoga del" in the app: a preview that lists what a colleague's part brings (nothing
//! stored), then the chosen items stored as one journaled merge. Both read the file and compare
//! through `crate::sammanfogning::jamfor`, so what the preview shows is what is merged; the
//! merge refuses input that went stale in between (the document edited, the file replaced).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Dokumentvy, Exportresultat, Felkod, IdArg, Kommandofel, Program, Svar};
use crate::exchange;
use crate::model::Dokument;
use crate::sammanfogning::{
    self, Jamforelse, Posttyp, Sammanfogningsfel, Sammanfogningspost, Sammanfogningsval,
};
use crate::store::{self, DokumentId, NySammanfogning, Sammanfogning};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DelArg {
    /// The coordinator's document.
    pub id: DokumentId,
    /// The part, a `.underlag.json` file.
    pub sokvag: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SammanfogaArg {
    pub id: DokumentId,
    pub sokvag: String,
    /// From the preview: the merge is refused if the document or the file changed since.
    pub revision: i64,
    pub fil_sha256: String,
    #[serde(default)]
    pub val: Sammanfogningsval,
    /// Who merges; the journal records it.
    pub av: String,
}

/// A section of the preview with its items, grouped by insats or row in the order found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Delavsnitt {
    pub rubrik: String,
    pub grupper: Vec<Delgrupp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Delgrupp {
    pub rubrik: Option<String>,
    pub poster: Vec<Sammanfogningspost>,
}

/// What the preview shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Sammanfogningsvy {
    pub filnamn: String,
    pub fil_sha256: String,
    pub revision: i64,
    pub med_bas: bool,
    pub varningar: Vec<String>,
    pub avsnitt: Vec<Delavsnitt>,
    pub nya: usize,
    pub andrade: usize,
    pub konflikter: usize,
    pub oforandrade: usize,
    /// Who merges, unless the user says otherwise: the operating system's user name.
    pub foreslaget_namn: String,
}

impl From<Sammanfogningsfel> for Kommandofel {
    fn from(e: Sammanfogningsfel) -> Kommandofel {
        let falt = match &e {
            Sammanfogningsfel::OkandPost(_) => Some("val.ta".to_string()),
            _ => Some("sokvag".to_string()),
        };
        Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: e.to_string(),
            falt,
        }
    }
}

/// The OS user name (USER on Unix, USERNAME on Windows), or empty.
pub fn anvandarnamn() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_default()
}

/// A part read and compared: what preview and merge share.
pub struct LastDel {
    pub jamforelse: Jamforelse,
    pub revision: i64,
    pub fil_sha256: String,
    pub filnamn: String,
}

impl Program {
    /// Reads the part at `sokvag` and compares it with document `id`, through the base its
    /// `ursprung` names when this database has it.
    pub fn jamfor_del(&self, id: DokumentId, sokvag: &Path) -> Svar<LastDel> {
        let importfel = |m: String| Kommandofel {
            kod: Felkod::Import,
            meddelande: m,
            falt: Some("sokvag".into()),
        };
        let bytes = super::las_fil(sokvag, exchange::kontrollera_storlek, importfel)?;
        let (del, ursprung) = exchange::las_med_ursprung(&bytes)
            .map_err(|e| importfel(format!("{}: {e}", sokvag.display())))?;
        let (nu, revision) = self.store.hamta(id)?;
        let mall = self.mall_for(&nu)?;
        let bas: Option<Dokument> = match &ursprung {
            Some(u) => self.store.utgangslage(id, u)?,
            None => None,
        };
        let mut jamforelse = sammanfogning::jamfor(&nu, &del, bas.as_ref(), mall)?;
        if let Some(u) = &ursprung
            && bas.is_none()
        {
            jamforelse.varningar.push(if u.dokument == id {
                format!(
                    "Delen lämnades ut från revision {} av dokumentet, men den versionen finns inte i den här databasen. Delen jämförs utan gemensam utgångspunkt: text som skiljer sig visas som konflikt.",
                    u.revision
                )
            } else {
                format!(
                    "Delen lämnades ut från dokument {}, inte från det här. Den jämförs utan gemensam utgångspunkt.",
                    u.dokument
                )
            });
        }
        Ok(LastDel {
            jamforelse,
            revision,
            fil_sha256: store::sha256(&bytes),
            filnamn: sokvag
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| sokvag.display().to_string()),
        })
    }

    pub fn forhandsgranska_sammanfogning(&self, arg: DelArg) -> Svar<Sammanfogningsvy> {
        let del = self.jamfor_del(arg.id, &PathBuf::from(&arg.sokvag))?;
        let j = &del.jamforelse;
        let mut avsnitt: Vec<Delavsnitt> = Vec::new();
        for p in &j.poster {
            let a = match avsnitt.iter().position(|a| a.rubrik == p.avsnitt) {
                Some(i) => &mut avsnitt[i],
                None => {
                    avsnitt.push(Delavsnitt {
                        rubrik: p.avsnitt.clone(),
                        grupper: Vec::new(),
                    });
                    let sista = avsnitt.len() - 1;
                    &mut avsnitt[sista]
                }
            };
            match a.grupper.iter_mut().find(|g| g.rubrik == p.grupp) {
                Some(g) => g.poster.push(p.clone()),
                None => a.grupper.push(Delgrupp {
                    rubrik: p.grupp.clone(),
                    poster: vec![p.clone()],
                }),
            }
        }
        Ok(Sammanfogningsvy {
            nya: j.antal(Posttyp::Ny),
            andrade: j.antal(Posttyp::Andrad),
            konflikter: j.antal(Posttyp::Konflikt),
            oforandrade: j.oforandrade,
            med_bas: j.med_bas,
            varningar: j.varningar.clone(),
            avsnitt,
            filnamn: del.filnamn,
            fil_sha256: del.fil_sha256,
            revision: del.revision,
            foreslaget_namn: anvandarnamn(),
        })
    }

    /// Applies the chosen items as one merge; answers the document as it now is. The merge is
    /// one undo step.
    pub fn sammanfoga(&mut self, arg: SammanfogaArg) -> Svar<Dokumentvy> {
        let ogiltig = |falt: &str, m: String| Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: m,
            falt: Some(falt.to_string()),
        };
        if arg.av.trim().is_empty() {
            return Err(ogiltig(
                "av",
                "Ange vem som sammanfogar; journalen visar vem som tog in vad.".into(),
            ));
        }
        let del = self.jamfor_del(arg.id, &PathBuf::from(&arg.sokvag))?;
        if del.fil_sha256 != arg.fil_sha256 {
            return Err(ogiltig(
                "sokvag",
                format!(
                    "Filen {} har ändrats sedan förhandsgranskningen. Förhandsgranska den igen innan du sammanfogar.",
                    del.filnamn
                ),
            ));
        }
        if del.revision != arg.revision {
            return Err(ogiltig(
                "revision",
                "Dokumentet har ändrats sedan förhandsgranskningen. Förhandsgranska delen igen innan du sammanfogar.".into(),
            ));
        }
        let utfall = sammanfogning::valj(&del.jamforelse, &arg.val)?;
        let (fore, _) = self.store.hamta(arg.id)?;
        self.store.sammanfoga(
            arg.id,
            arg.revision,
            &utfall.andringar,
            &NySammanfogning {
                av: &arg.av,
                filnamn: &del.filnamn,
                fil_sha256: &del.fil_sha256,
                med_bas: del.jamforelse.med_bas,
                tagna: &utfall.tagna,
                behallna: &utfall.behallna,
            },
        )?;
        if !utfall.andringar.is_empty() {
            self.minns_for_angra(arg.id, fore.to_value());
        }
        self.vy(arg.id)
    }

    /// Writes the document as a part to hand out: an exchange file with its `ursprung`, the
    /// state kept in the store as the base for merging it back.
    pub fn lamna_ut_del(&mut self, arg: DelArg) -> Svar<Exportresultat> {
        // Refused before the store keeps a handed-out state that no file carries.
        super::utfil(&arg.sokvag)?;
        let (dokument, ursprung) = self.store.lamna_ut(arg.id)?;
        let bytes = exchange::skriv_med_ursprung(&dokument, Some(&ursprung)).into_bytes();
        super::skriv_exportfil(arg.sokvag, &bytes, 0)
    }

    pub fn sammanfogningar(&self, arg: IdArg) -> Svar<Vec<Sammanfogning>> {
        Ok(self.store.sammanfogningar(arg.id)?)
    }
}
