//! The app's one command surface. The Tauri shell and the loopback test server both call these
//! functions with these serde types, and the UI's TypeScript types are generated from them
//! (`typer`), so a command means the same thing in the desktop app, in the end-to-end tests and
//! in the CLI's store.
//!
//! Every command answers with what the UI shows next (usually a whole `Dokumentvy`): the UI
//! never computes a total or decides validity.

mod arbeten;
mod arsskifte;
mod dokumentlista;
mod figurer;
pub mod filer;
mod formular;
mod harledningar;
mod hjalp;
mod jamforelse;
mod kommandon;
mod ordimport;
mod portfolj;
mod poster;
mod sakerhetskopior;
mod sammanfogning;
mod sammanstallning;
mod status;
pub mod typer;
mod vy;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::edit::{Andring, Andringsfel};
use crate::export::Docxval;
use crate::model::{Dokument, Dokumenttyp, Forum, Versionshandelse};
use crate::store::nyckel::{NyckelFel, Nyckelval};
use crate::store::{DokumentId, Dokumentpost, NyVersion, RegistreradVersion, Store, StoreError};
use crate::template::{Mall, Mallbibliotek};

pub use arbeten::{ArbeteArg, Arbeten};
pub use arsskifte::{Arsskiftesvy, NastaArArg};
pub use dokumentlista::{ArkiveraArg, MallForArArg, Mallforslag, NamnArg, Startlistor};
pub use figurer::{Bildkalla, BytFigurArg, FigurArg};
pub use formular::{
    Formanalys, Formavsnitt, Formfalt, Formgrupp, Forminsats, Formtabell, Formular, Formval,
    formular,
};
pub use harledningar::{FoljArg, OverstyrArg};
pub use hjalp::{HjalpplatsArg, HjalpsidaArg, HjalpsokArg};
pub use jamforelse::{Skillnad, skillnader};
pub use kommandon::{
    KOMMANDON, Kommando, kommandon, tauri_behorigheter, tauri_kommandolista, typescript,
};
pub use ordimport::{OrdimportArg, Ordimportresultat, las_word};
pub use portfolj::{PortfoljArg, PortfoljExportArg, Portfoljvy};
pub use sakerhetskopior::{AterstallArg, Sakerhetskopior};
pub use sammanfogning::{
    DelArg, Delavsnitt, Delgrupp, LastDel, SammanfogaArg, Sammanfogningsvy, anvandarnamn,
};
pub use sammanstallning::{
    SammanstallningArg, SammanstallningExportArg, Sammanstallningsradvy, Sammanstallningsval,
    Sammanstallningsvy,
};
pub use status::{StatusArg, Statushandelse, Statusval, Statusvy};
pub use vy::{
    Avsnittsraknare, Delsumma, Dokumentvy, Faltberakning, Harledningsvy, Okantvalvy, Summacell,
    Summarad,
};

/// How far back undo reaches in one session.
const HISTORIK_DJUP: usize = 200;

/// What went wrong, for the UI: a stable code to branch on and the core's Swedish message to
/// show. `falt` names the document path concerned when there is one, so the UI can focus it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Kommandofel {
    pub kod: Felkod,
    pub meddelande: String,
    pub falt: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Felkod {
    /// The input was refused; the message says which field and why.
    Ogiltig,
    /// No such document or version.
    Saknas,
    /// A file could not be read or imported.
    Import,
    /// An export could not be written.
    Export,
    /// The document has fel and the export was marked final: ask the user, then repeat with
    /// `bekraftat`.
    KraverBekraftelse,
    /// Nothing to undo or redo.
    IngenHistorik,
    /// The database failed.
    Databas,
    /// No keychain answers and no key file or UNDERLAG_DB_KEY is set: the user must choose
    /// where the database key is to be kept (the shell offers a key file).
    IngenNyckelring,
    /// The user cancelled long work (`avbryt_arbete`); nothing was written.
    Avbrutet,
}

impl Kommandofel {
    fn ny(kod: Felkod, meddelande: impl Into<String>) -> Kommandofel {
        Kommandofel {
            kod,
            meddelande: meddelande.into(),
            falt: None,
        }
    }
}

impl std::error::Error for Kommandofel {}

impl std::fmt::Display for Kommandofel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.meddelande)
    }
}

impl From<crate::export::ExportFel> for Kommandofel {
    fn from(e: crate::export::ExportFel) -> Kommandofel {
        let kod = match e {
            crate::export::ExportFel::Avbrutet => Felkod::Avbrutet,
            _ => Felkod::Export,
        };
        Kommandofel::ny(kod, e.to_string())
    }
}

impl From<StoreError> for Kommandofel {
    fn from(e: StoreError) -> Kommandofel {
        let kod = match &e {
            StoreError::SaknasDokument(_) | StoreError::SaknasVersion { .. } => Felkod::Saknas,
            StoreError::Andring(_) | StoreError::Tomt { .. } | StoreError::Ogiltig { .. } => {
                Felkod::Ogiltig
            }
            StoreError::SaknasSakerhetskopia(_) | StoreError::IPapperskorgen(_) => Felkod::Saknas,
            StoreError::Arkiverad(_) => Felkod::Ogiltig,
            StoreError::Nyckel(NyckelFel::IngenNyckelring { .. }) => Felkod::IngenNyckelring,
            _ => Felkod::Databas,
        };
        let falt = match &e {
            StoreError::Andring(a) => Some(a.sokvag().to_string()),
            _ => None,
        };
        Kommandofel {
            kod,
            meddelande: e.to_string(),
            falt,
        }
    }
}

pub type Svar<T> = Result<T, Kommandofel>;

// ----------------------------------------------------------------------------------------------
// Arguments. Every command takes one argument object, so that the Tauri command, the test
// server's JSON body and the TypeScript call have the same shape.

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct IngaArg {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IdArg {
    pub id: DokumentId,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ExempelArg {
    /// Which bundled example; the årlig analys when absent.
    #[serde(default)]
    pub namn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Exempelval {
    pub namn: String,
    pub titel: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NyttDokumentArg {
    pub mall: String,
    pub organisation: String,
    pub ar: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SokvagArg {
    pub sokvag: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AndraArg {
    pub id: DokumentId,
    pub andring: Andring,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ListaArg {
    pub id: DokumentId,
    /// Path of the list: `foreslagna_insatser.insatser`.
    pub lista: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PostArg {
    pub id: DokumentId,
    pub lista: String,
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SparaVersionArg {
    pub id: DokumentId,
    pub beskrivning: String,
    pub andrad_av: String,
    /// Today when absent.
    pub datum: Option<NaiveDate>,
    /// What happened (Remissad, Beslutad …): required where the template's versionshantering
    /// requires it (`Formular::versionsfalt`).
    #[serde(default)]
    #[ts(optional)]
    pub handelse: Option<Versionshandelse>,
    /// Where it happened, for remisser and decisions.
    #[serde(default)]
    #[ts(optional)]
    pub forum: Option<Forum>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VersionArg {
    pub id: DokumentId,
    pub nummer: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Exportformat {
    Docx,
    Xlsx,
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportArg {
    pub id: DokumentId,
    pub format: Exportformat,
    pub sokvag: String,
    /// Word only: include the template's anvisning texts.
    pub anvisningar: bool,
    /// Word only: the export is the final one to send; fel then ask for confirmation.
    pub slutlig: bool,
    /// The user has confirmed a final export despite fel.
    pub bekraftat: bool,
    /// Word only: the date in the title block; today when not given.
    #[serde(default)]
    #[ts(optional)]
    pub datum: Option<NaiveDate>,
    /// The number the UI gives this export, for `avbryt_arbete`.
    #[serde(default)]
    #[ts(optional)]
    pub arbete: Option<u32>,
}

// ----------------------------------------------------------------------------------------------
// Answers.

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Mallval {
    pub id: String,
    pub dokumenttyp: Dokumenttyp,
    /// "Årlig analys av digital utveckling och förvaltning"
    pub benamning: String,
    /// "Årlig analys", as a list of documents names the kind.
    pub kortnamn: String,
    /// Who writes this kind ("tjänsteägare i leverantörsnämnderna").
    pub for_vem: String,
    /// What the first start offers ("Skriva en årlig analys") and its longer word to whom.
    pub uppgift: String,
    pub uppgift_beskrivning: String,
    pub ar: i32,
    pub titel: String,
    /// The label of the organisation field in this kind's template ("Leverantörsnämnd").
    pub organisationsetikett: String,
    /// The label of the year field ("Analysår", "Planens första år").
    pub aretikett: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Versionsvy {
    pub nummer: i64,
    pub version: RegistreradVersion,
    /// The document as it was recorded, to be shown read-only.
    pub dokument: Value,
    pub formular: Formular,
    /// From the version to the current text.
    pub skillnader: Vec<Skillnad>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Exportresultat {
    pub sokvag: String,
    pub byte: u64,
    /// How many fel the exported document has.
    pub fel: usize,
}

/// Per-document undo and redo: whole-document snapshots, stored through `Andring::Aterstall`
/// so undoing is as durable as editing.
#[derive(Default)]
struct Historik {
    angra: Vec<Value>,
    gor_om: Vec<Value>,
}

/// The open database and the templates: the state behind every command.
/// The bundled example opened when none is named: the årlig analys.
const STANDARDEXEMPEL: &str = "arlig-analys-2024";

pub struct Program {
    store: Store,
    mallar: Mallbibliotek,
    historik: HashMap<DokumentId, Historik>,
    nasta_schemakontroll: std::time::Instant,
    arbeten: Arbeten,
}

impl Program {
    pub fn new(store: Store, mallar: Mallbibliotek) -> Program {
        Program {
            store,
            mallar,
            historik: HashMap::new(),
            nasta_schemakontroll: std::time::Instant::now(),
            arbeten: Arbeten::default(),
        }
    }

    /// The register of long work, for the shell to keep beside the locked program: a cancel
    /// must not wait for the lock the work holds.
    pub fn arbeten(&self) -> Arbeten {
        self.arbeten.clone()
    }

    /// Opens the encrypted database at `sokvag`, its key found through `val`, with the
    /// built-in templates, and makes the scheduled backup if one is due.
    pub fn oppna(sokvag: &Path, val: &Nyckelval) -> Svar<Program> {
        let mallar = Mallbibliotek::inbyggda()
            .map_err(|e| Kommandofel::ny(Felkod::Databas, e.to_string()))?;
        Program::oppna_med(sokvag, val, mallar)
    }

    /// As `oppna`, with the templates given (the command line's `--mallar` adds its own).
    pub fn oppna_med(sokvag: &Path, val: &Nyckelval, mallar: Mallbibliotek) -> Svar<Program> {
        let (store, _) = Store::oppna(sokvag, val)?;
        let mut program = Program::new(store, mallar);
        program.sakerhetskopiera_enligt_schema();
        Ok(program)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    fn mall_for(&self, dokument: &Dokument) -> Svar<&Mall> {
        filer::mall_for(&self.mallar, dokument)
    }

    /// A stored document, for the command line's subcommands that print or export it.
    pub fn dokument(&self, id: DokumentId) -> Svar<Dokument> {
        Ok(self.las(id)?.0)
    }

    /// A stored document as its template reads it today: a digitaliseringsplan saved before
    /// the city plan's pick-lists existed gets the values its text quotes checked
    /// (`template::planval::uppgradera`). Done on reading rather than by rewriting the store,
    /// so opening a document never changes it or its history; the first choice the author
    /// makes in a list stores that list. What is shown, validated and exported reads this.
    fn las(&self, id: DokumentId) -> Svar<(Dokument, i64)> {
        let (mut dokument, revision) = self.store.hamta(id)?;
        if let Ok(mall) = self.mall_for(&dokument) {
            crate::template::planval::uppgradera(&mut dokument, mall);
        }
        Ok((dokument, revision))
    }

    /// The same organisation's årlig analys for the year before, as the validator compares
    /// this year's with (`AA-forra-aret`): the one sent in when there are several, else the
    /// last changed; archived ones count, trashed ones do not. A store that cannot answer
    /// gives none: the comparison is a help, and the store's trouble shows where it matters.
    fn forra_arets_analys(&self, dokument: &Dokument) -> Option<Box<crate::model::ArligAnalys>> {
        let Dokument::ArligAnalys(analys) = dokument else {
            return None;
        };
        let ar = analys.meta.analysar.checked_sub(1)?;
        let organisation = crate::model::namnnyckel(&analys.meta.organisation);
        let post = self
            .store
            .lista()
            .ok()?
            .into_iter()
            .filter(|p| {
                Dokumenttyp::parse(&p.dokumenttyp) == Some(Dokumenttyp::ArligAnalys)
                    && p.ar == ar
                    && crate::model::namnnyckel(&p.organisation) == organisation
            })
            .max_by(|a, b| {
                (a.status == "inskickad", &a.andrad).cmp(&(b.status == "inskickad", &b.andrad))
            })?;
        match self.store.hamta(post.id).ok()?.0 {
            Dokument::ArligAnalys(forra) => Some(forra),
            _ => None,
        }
    }

    /// Validation as the app shows it: the document, and last year's analysis when stored.
    pub fn validera(&self, dokument: &Dokument, mall: &Mall) -> Vec<crate::validate::Fynd> {
        let forra = self.forra_arets_analys(dokument);
        crate::validate::validera_med(
            dokument,
            mall,
            crate::validate::Sammanhang {
                forra_arets_analys: forra.as_deref(),
            },
        )
    }

    pub fn mallbibliotek(&self) -> &Mallbibliotek {
        &self.mallar
    }

    fn vy(&self, id: DokumentId) -> Svar<Dokumentvy> {
        // A trashed document is not shown (a stale link says where it is); an archived one is,
        // marked, and refuses changes in the store.
        let arkiverad = self.store.arkiverad(id)?;
        let (dokument, revision) = self.las(id)?;
        let mall = self.mall_for(&dokument)?;
        let historik = self.historik.get(&id);
        let fynd = self.validera(&dokument, mall);
        let mut vy = vy::dokumentvy(
            id,
            revision,
            &dokument,
            mall,
            fynd,
            self.store.statusbyten(id)?,
        );
        vy.kan_angra = historik.is_some_and(|h| !h.angra.is_empty());
        vy.kan_gora_om = historik.is_some_and(|h| !h.gor_om.is_empty());
        vy.arkiverad = arkiverad;
        Ok(vy)
    }

    // ------------------------------------------------------------------------------------------
    // Commands

    pub fn mallar(&self, _: IngaArg) -> Svar<Vec<Mallval>> {
        let mut val: Vec<Mallval> = self
            .mallar
            .iter()
            .filter_map(|m| {
                let typ = Dokumenttyp::parse(m.mall.dokumenttyp.get_ref())?;
                let etikett = |nycklar: &[&str], annars: &str| {
                    m.metafalt
                        .iter()
                        .find(|f| nycklar.contains(&f.nyckel()))
                        .map_or(annars.to_string(), |f| f.etikett.clone())
                };
                Some(Mallval {
                    id: m.mall.id.clone(),
                    dokumenttyp: typ,
                    benamning: typ.benamning().to_string(),
                    kortnamn: typ.kortnamn().to_string(),
                    for_vem: typ.for_vem().to_string(),
                    uppgift: typ.uppgift().0.to_string(),
                    uppgift_beskrivning: typ.uppgift().1.to_string(),
                    ar: m.mall.ar,
                    titel: m.mall.titel.clone(),
                    organisationsetikett: etikett(&["organisation"], "Organisation"),
                    aretikett: etikett(&["analysar", "ar"], "År"),
                })
            })
            .collect();
        val.sort_by(|a, b| b.ar.cmp(&a.ar).then_with(|| a.id.cmp(&b.id)));
        Ok(val)
    }

    /// Every document not in the Papperskorg (archived ones marked), most recently changed
    /// first.
    pub fn dokumentlista(&self, _: IngaArg) -> Svar<Vec<Dokumentpost>> {
        let mut lista = self.store.lista()?;
        self.satt_statusetiketter(&mut lista);
        lista.sort_by(|a, b| b.andrad.cmp(&a.andrad).then_with(|| b.id.cmp(&a.id)));
        Ok(lista)
    }

    fn satt_statusetiketter(&self, lista: &mut [Dokumentpost]) {
        for post in lista {
            let status = serde_json::from_value(Value::String(post.status.clone()));
            let mall = self.mallar.for_ar(&post.dokumenttyp, post.ar);
            post.statusetikett = match (status, mall) {
                (Ok(status), Some(mall)) => status::etikett(mall, status),
                _ => post.status.clone(),
            };
        }
    }

    pub fn skapa_dokument(&mut self, arg: NyttDokumentArg) -> Svar<Dokumentvy> {
        let dokument = filer::nytt_dokument(&self.mallar, &arg)?;
        let id = self.store.skapa(&dokument)?;
        self.minns_organisation(dokument.typ(), &arg.organisation);
        self.vy(id)
    }

    /// The bundled examples the start page offers.
    pub fn exempel(&self, _: IngaArg) -> Svar<Vec<Exempelval>> {
        Ok(crate::example::EXEMPEL
            .iter()
            .map(|(namn, titel, _)| Exempelval {
                namn: namn.to_string(),
                titel: titel.to_string(),
            })
            .collect())
    }

    /// Stores a fresh copy of a bundled example (the årlig analys unless named) and opens it.
    pub fn oppna_exempel(&mut self, arg: ExempelArg) -> Svar<Dokumentvy> {
        let dokument = filer::exempeldokument(arg.namn.as_deref().unwrap_or(STANDARDEXEMPEL))?;
        let id = self.store.skapa(&dokument)?;
        self.vy(id)
    }

    /// The bundled årlig analys stored, when the database holds no documents yet: what
    /// `underlag-app --exempel` opens at start. `None` on a database already in use, where the
    /// start page shows as usual.
    pub fn exempel_om_tom(&mut self) -> Svar<Option<DokumentId>> {
        if !self.store.lista()?.is_empty() {
            return Ok(None);
        }
        let dokument = filer::exempeldokument(STANDARDEXEMPEL)?;
        Ok(Some(self.store.skapa(&dokument)?))
    }

    /// Imports a `.underlag.json` file as a new document.
    pub fn importera(&mut self, arg: SokvagArg) -> Svar<Dokumentvy> {
        let mut dokument = filer::las_utbytesfil(Path::new(&arg.sokvag))?;
        let mall = self.mall_for(&dokument)?;
        // A file written before the city plan's pick-lists is stored with its choices made
        // from its own words, so the copy in the database is the one the author sees.
        crate::template::planval::uppgradera(&mut dokument, mall);
        let id = self.store.skapa(&dokument)?;
        self.vy(id)
    }

    pub fn hamta_dokument(&self, arg: IdArg) -> Svar<Dokumentvy> {
        self.vy(arg.id)
    }

    /// Applies one edit; answers once it is committed, so the UI may say "Sparat".
    pub fn andra(&mut self, arg: AndraArg) -> Svar<Dokumentvy> {
        if arg.andring.sokvag() == status::STATUSFALT {
            return Err(Kommandofel {
                kod: Felkod::Ogiltig,
                meddelande: "Status ändras med knapparna under Status, så att villkoren för varje steg prövas.".into(),
                falt: Some(status::STATUSFALT.into()),
            });
        }
        let andring = arg.andring;
        self.andra_med(arg.id, |dokument, mall| {
            crate::harledning::med_foljder(dokument, andring, mall)
        })
    }

    /// Stores the edits `planera` makes of the stored document under its template, in one
    /// transaction and as one undo step.
    fn andra_med(
        &mut self,
        id: DokumentId,
        planera: impl FnOnce(&Dokument, &Mall) -> Result<Vec<Andring>, Andringsfel>,
    ) -> Svar<Dokumentvy> {
        let (fore, _) = self.store.hamta(id)?;
        let mall = filer::mall_for(&self.mallar, &fore)?;
        self.store
            .andra_med(id, |dokument| planera(dokument, mall))?;
        self.minns_for_angra(id, fore.to_value());
        self.vy(id)
    }

    /// Keeps `fore` (the document before a stored change) as the next undo step.
    fn minns_for_angra(&mut self, id: DokumentId, fore: Value) {
        let h = self.historik.entry(id).or_default();
        h.angra.push(fore);
        if h.angra.len() > HISTORIK_DJUP {
            h.angra.remove(0);
        }
        h.gor_om.clear();
        self.sakerhetskopiera_enligt_schema();
    }

    /// Adds a new element at the end of the list: a row naming the first tjänst, an insats
    /// with a fresh id.
    pub fn lagg_till_post(&mut self, arg: ListaArg) -> Svar<Dokumentvy> {
        let (dokument, _) = self.store.hamta(arg.id)?;
        let varde = poster::ny_post(&dokument.to_value(), &arg.lista).map_err(|m| Kommandofel {
            kod: Felkod::Ogiltig,
            meddelande: m,
            falt: Some(arg.lista.clone()),
        })?;
        self.andra(AndraArg {
            id: arg.id,
            andring: Andring::LaggTill {
                lista: arg.lista,
                index: None,
                varde,
            },
        })
    }

    /// Puts a copy of the element at `index` right after it, with a fresh id.
    pub fn duplicera_post(&mut self, arg: PostArg) -> Svar<Dokumentvy> {
        let (dokument, _) = self.store.hamta(arg.id)?;
        let json = dokument.to_value();
        let post = crate::template::varde_vid(&json, &arg.lista)
            .and_then(Value::as_array)
            .and_then(|a| a.get(arg.index))
            .ok_or_else(|| Kommandofel {
                kod: Felkod::Saknas,
                meddelande: format!("Det finns ingen post {} i listan.", arg.index + 1),
                falt: Some(arg.lista.clone()),
            })?;
        let varde = poster::kopia(&json, post);
        self.andra(AndraArg {
            id: arg.id,
            andring: Andring::LaggTill {
                lista: arg.lista,
                index: Some(arg.index + 1),
                varde,
            },
        })
    }

    pub fn angra(&mut self, arg: IdArg) -> Svar<Dokumentvy> {
        self.stega(arg.id, true)
    }

    pub fn gor_om(&mut self, arg: IdArg) -> Svar<Dokumentvy> {
        self.stega(arg.id, false)
    }

    fn stega(&mut self, id: DokumentId, bakat: bool) -> Svar<Dokumentvy> {
        // A stale window's Ångra on an archived or trashed document says why, not "nothing
        // to undo" (archiving and trashing drop the history).
        self.store.skrivbar(id)?;
        let (nu, _) = self.store.hamta(id)?;
        let h = self.historik.entry(id).or_default();
        let (fran, till) = if bakat {
            (&mut h.angra, &mut h.gor_om)
        } else {
            (&mut h.gor_om, &mut h.angra)
        };
        let Some(mal) = fran.pop() else {
            return Err(Kommandofel::ny(
                Felkod::IngenHistorik,
                if bakat {
                    "Det finns inget att ångra."
                } else {
                    "Det finns inget att göra om."
                },
            ));
        };
        if let Err(e) = self.store.andra(
            id,
            &Andring::Aterstall {
                dokument: mal.clone(),
            },
        ) {
            // Nothing was stored: keep the history as it was.
            fran.push(mal);
            return Err(e.into());
        }
        till.push(nu.to_value());
        self.vy(id)
    }

    /// Records a version with what the template's versionshantering asks for; a field the
    /// template requires and the argument leaves empty is refused, naming it, and nothing is
    /// stored.
    pub fn spara_version(&mut self, arg: SparaVersionArg) -> Svar<Dokumentvy> {
        let (dokument, _) = self.store.hamta(arg.id)?;
        let mall = self.mall_for(&dokument)?;
        let angivet = |nyckel: &str| match nyckel {
            "handelse" => arg.handelse.is_some(),
            "forum" => arg.forum.is_some(),
            // The store refuses an empty description or author for every kind; the date
            // defaults to today.
            _ => true,
        };
        if let Some(f) = formular::versionsfalt(mall, dokument.ar())
            .into_iter()
            .find(|f| f.obligatorisk && !angivet(&f.nyckel))
        {
            return Err(Kommandofel {
                kod: Felkod::Ogiltig,
                meddelande: format!(
                    "Välj {} för versionen: mallens versionshantering kräver det.",
                    f.etikett.to_lowercase()
                ),
                falt: Some(f.nyckel),
            });
        }
        self.store.registrera_version(
            arg.id,
            &NyVersion {
                beskrivning: arg.beskrivning,
                andrad_av: arg.andrad_av,
                datum: arg
                    .datum
                    .unwrap_or_else(|| chrono::Local::now().date_naive()),
                handelse: arg.handelse,
                forum: arg.forum,
            },
        )?;
        // Undoing past a recorded version would leave the versionshantering row behind the
        // snapshot; history starts again from the version.
        self.historik.remove(&arg.id);
        self.vy(arg.id)
    }

    pub fn versioner(&self, arg: IdArg) -> Svar<Vec<RegistreradVersion>> {
        Ok(self.store.versioner(arg.id)?)
    }

    pub fn visa_version(&self, arg: VersionArg) -> Svar<Versionsvy> {
        let version = self
            .store
            .versioner(arg.id)?
            .into_iter()
            .find(|v| v.nummer == arg.nummer)
            .ok_or_else(|| {
                Kommandofel::from(StoreError::SaknasVersion {
                    id: arg.id,
                    nummer: arg.nummer,
                })
            })?;
        let dokument = self.store.hamta_version(arg.id, arg.nummer)?;
        let (nu, _) = self.store.hamta(arg.id)?;
        let mall = self.mall_for(&dokument)?;
        let varde = dokument.to_value();
        Ok(Versionsvy {
            nummer: arg.nummer,
            version,
            skillnader: skillnader(&dokument, &nu, mall),
            formular: formular(mall, dokument.ar()),
            dokument: varde,
        })
    }

    pub fn exportera(&self, arg: ExportArg) -> Svar<Exportresultat> {
        let arbete = self.arbeten.borja(arg.arbete);
        let dokument = self.dokument(arg.id)?;
        let val = filer::Exportval {
            format: arg.format,
            sokvag: arg.sokvag,
            docx: Docxval {
                anvisningar: arg.anvisningar,
                datum: arg
                    .datum
                    .unwrap_or_else(|| chrono::Local::now().date_naive()),
            },
            fraga_vid_fel: arg.slutlig && !arg.bekraftat,
            avbrott: arbete.avbrott.clone(),
        };
        filer::exportera_dokument(&dokument, self.mall_for(&dokument)?, &val)
    }
}

use filer::{las_fil, skriv_exportfil, utfil};
