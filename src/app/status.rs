//! A document's status through the year: utkast → under granskning → klar → inskickad. A step
//! forward is taken only when the riktlinje's preconditions hold (no fel left; for the
//! leverantörer's årlig analys, the berörd nämnd informed before it is sent); a step back
//! reopens the document and needs a written reason, kept in the status history. The status is
//! never set as an ordinary field edit, so no precondition can be walked around.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Dokumentvy, Felkod, Kommandofel, Program, Svar, anvandarnamn};
use crate::model::{Dokument, Status};
use crate::store::{DokumentId, Statusbyte};
use crate::template::Mall;
use crate::validate::{Allvarlighet, Fynd};

/// The document field the status lives in; edits to it go through `byt_status`.
pub(super) const STATUSFALT: &str = "meta.status";

const ORDNING: [Status; 4] = [
    Status::Utkast,
    Status::UnderGranskning,
    Status::Klar,
    Status::Inskickad,
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusArg {
    pub id: DokumentId,
    pub status: Status,
    /// Why a document is reopened (a step back); required then.
    #[serde(default)]
    #[ts(optional)]
    pub orsak: Option<String>,
}

/// Where the document stands, what the user can do next and how it got here.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Statusvy {
    pub status: Status,
    pub etikett: String,
    /// Every status in order, with whether moving there is possible now.
    pub val: Vec<Statusval>,
    /// Oldest first.
    pub historik: Vec<Statushandelse>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Statusval {
    pub status: Status,
    pub etikett: String,
    pub aktuell: bool,
    /// A step back: the reason must be written.
    pub kraver_orsak: bool,
    /// Why the step cannot be taken now, in Swedish; `None` when it can.
    pub hinder: Option<String>,
    /// The field the hinder concerns, so the UI can lead there.
    pub hinder_falt: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Statushandelse {
    /// RFC 3339, UTC.
    pub tid: String,
    pub fran: String,
    pub till: String,
    pub av: String,
    pub orsak: String,
}

fn rang(status: Status) -> usize {
    ORDNING.iter().position(|s| *s == status).unwrap_or(0)
}

/// The template's label for a status.
pub(super) fn etikett(mall: &Mall, status: Status) -> String {
    mall.etikett_for_status(status)
}

/// What stands in the way of moving `dokument` to `till`, with the field concerned.
fn hinder(dokument: &Dokument, fynd: &[Fynd], till: Status) -> Option<(String, String)> {
    if rang(till) <= rang(dokument.status()) {
        return None;
    }
    let fel = fynd
        .iter()
        .filter(|f| f.allvarlighet == Allvarlighet::Fel)
        .count();
    if fel > 0 {
        return Some((
            format!("Dokumentet har {fel} fel. Rätta dem först; Granskning visar var de finns."),
            STATUSFALT.into(),
        ));
    }
    if till == Status::Inskickad && dokument.berord_namnd_informerad() == Some(false) {
        return Some((
            "Berörd nämnd är inte informerad. Riktlinjen kräver det innan analysen skickas till stadsledningskontoret; ange datum under Berörd nämnd informerad.".into(),
            "meta.berord_namnd_informerad".into(),
        ));
    }
    None
}

pub(super) fn statusvy(
    dokument: &Dokument,
    mall: &Mall,
    fynd: &[Fynd],
    historik: Vec<Statusbyte>,
) -> Statusvy {
    let nu = dokument.status();
    Statusvy {
        status: nu,
        etikett: etikett(mall, nu),
        val: ORDNING
            .iter()
            .map(|&s| {
                let h = hinder(dokument, fynd, s);
                Statusval {
                    status: s,
                    etikett: etikett(mall, s),
                    aktuell: s == nu,
                    kraver_orsak: rang(s) < rang(nu),
                    hinder_falt: h.as_ref().map(|(_, f)| f.clone()),
                    hinder: h.map(|(m, _)| m),
                }
            })
            .collect(),
        historik: historik
            .into_iter()
            .map(|b| Statushandelse {
                tid: b.tid,
                fran: etikett(mall, b.fran),
                till: etikett(mall, b.till),
                av: b.av,
                orsak: b.orsak,
            })
            .collect(),
    }
}

impl Program {
    /// Moves the document to another status, when the preconditions allow it.
    pub fn byt_status(&mut self, arg: StatusArg) -> Svar<Dokumentvy> {
        let vy = self.vy(arg.id)?;
        let val = vy
            .status
            .val
            .iter()
            .find(|v| v.status == arg.status)
            .ok_or_else(|| Kommandofel::ny(Felkod::Ogiltig, "Okänd status."))?;
        if val.aktuell {
            return Ok(vy);
        }
        if let Some(hinder) = &val.hinder {
            return Err(Kommandofel {
                kod: Felkod::Ogiltig,
                meddelande: hinder.clone(),
                falt: val.hinder_falt.clone(),
            });
        }
        let orsak = arg.orsak.as_deref().map(str::trim).unwrap_or("");
        if val.kraver_orsak && orsak.is_empty() {
            return Err(Kommandofel {
                kod: Felkod::Ogiltig,
                meddelande: format!(
                    "Skriv varför dokumentet öppnas igen som {}. Orsaken sparas i statushistoriken.",
                    val.etikett.to_lowercase()
                ),
                falt: Some("orsak".into()),
            });
        }
        self.store
            .byt_status(arg.id, arg.status, &anvandarnamn(), orsak)?;
        // Undo must not carry the document back past a status change the preconditions let
        // through; history starts again here, as after a recorded version.
        self.historik.remove(&arg.id);
        self.vy(arg.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dokumenttyp;

    #[test]
    fn an_analysis_is_sent_only_once_the_berord_namnd_is_informed() {
        let mut analys = Dokument::nytt(Dokumenttyp::ArligAnalys, "Intraservice", 2025, "m");
        assert!(hinder(&analys, &[], Status::Klar).is_none());
        let (meddelande, falt) =
            hinder(&analys, &[], Status::Inskickad).unwrap_or_else(|| panic!("inget hinder"));
        assert!(meddelande.contains("Berörd nämnd är inte informerad"));
        assert_eq!(falt, "meta.berord_namnd_informerad");
        if let Dokument::ArligAnalys(a) = &mut analys {
            a.meta.berord_namnd_informerad = Some(crate::model::NamndInformerad {
                datum: chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
                    .unwrap_or_else(|| panic!("datum")),
                beslut: String::new(),
            });
        }
        assert!(hinder(&analys, &[], Status::Inskickad).is_none());
        // A tjänsteplan records no such step.
        let plan = Dokument::nytt(Dokumenttyp::Tjansteplan, "Intraservice", 2025, "m");
        assert!(hinder(&plan, &[], Status::Inskickad).is_none());
    }
}
