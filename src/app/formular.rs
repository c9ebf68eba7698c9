//! The template as the UI renders it: every label resolved for the document's year, every
//! enumeration spelled out beside the field that uses it, the unit of every amount decided.
//! The UI draws forms from this and nothing else, so a new year's template changes the forms
//! without a change to the UI.

use serde::Serialize;
use ts_rs::TS;

use crate::belopp::Enhet;
use crate::template::{Avsnitt, Falt, Falttyp, Mall, Tabell, arsetikett};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Formular {
    pub mall_id: String,
    /// The kind of document the template is for; `None` for a kind this version does not know.
    pub dokumenttyp: Option<crate::model::Dokumenttyp>,
    pub titel: String,
    pub anvisning: Option<String>,
    pub metafalt: Vec<Formfalt>,
    pub katalogfalt: Vec<Formfalt>,
    pub versionsrubrik: String,
    pub versionskolumner: Vec<Formfalt>,
    /// What "Spara version" asks for: the version columns but the number, which the store
    /// gives. A required one (a tjänsteplan's Händelse) is refused when left empty.
    pub versionsfalt: Vec<Formfalt>,
    pub avsnitt: Vec<Formavsnitt>,
    /// The list a field of type `insats` chooses from (`foreslagna_insatser.insatser`).
    pub insatslista: Option<String>,
    /// Whether "Nästa års …" applies to this kind.
    pub arsskifte: bool,
    /// An avsteg or avvikelse post's kinds (the template's `avvikelsetyp`) and its text fields
    /// with their labels (`AvstegEllerAvvikelse::FALT`), as the Word export prints them.
    pub avvikelsetyper: Vec<Formval>,
    pub avstegsfalt: Vec<Formval>,
    /// An avsteg's beslutsdatum (`AvstegEllerAvvikelse::DATUMFALT`), a date field.
    pub avstegsdatum: Formval,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Formavsnitt {
    /// "3.1"
    pub nummer: String,
    /// The heading without its number, year resolved.
    pub rubrik: String,
    /// 1 for a chapter, 2 for a section.
    pub niva: usize,
    /// The document field that holds the section; `None` for chapters without data.
    pub nyckel: Option<String>,
    pub aktiv: bool,
    pub inaktiv_text: Option<String>,
    pub anvisning: Option<String>,
    pub analys: Option<Formanalys>,
    pub falt: Vec<Formfalt>,
    pub tabeller: Vec<Formtabell>,
    pub insats: Option<Forminsats>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Formanalys {
    pub nyckel: String,
    pub etikett: String,
    pub obligatorisk: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Formfalt {
    /// Dot-separated path relative to the section, row or insats.
    pub nyckel: String,
    pub etikett: String,
    pub typ: Falttyp,
    pub obligatorisk: bool,
    /// Asked for by the riktlinje, not printed in the template.
    pub utokat: bool,
    pub hjalptext: Option<String>,
    /// The choices of an enumerated field, in the template's order.
    pub val: Vec<Formval>,
    /// The unit of a bare number typed into an amount field.
    pub enhet: Option<Enhet>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Formval {
    pub varde: String,
    pub etikett: String,
    pub beskrivning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Formtabell {
    /// Path of the row list relative to the section.
    pub nyckel: String,
    pub rubrik: Option<String>,
    pub enhet: Option<String>,
    /// Label of the computed total row.
    pub summarad: Option<String>,
    pub analys: Option<Formanalys>,
    pub kolumner: Vec<Formfalt>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Forminsats {
    /// Path of the insats list relative to the section.
    pub nyckel: String,
    /// "Föreslagen förändringsinsats {nr}"
    pub rubrik: String,
    pub grupper: Vec<Formgrupp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Formgrupp {
    pub rubrik: String,
    pub falt: Vec<Formfalt>,
}

/// `mall` laid out for a document of year `ar`.
pub fn formular(mall: &Mall, ar: i32) -> Formular {
    let text = |t: &str| arsetikett(t, ar).unwrap_or_else(|_| t.to_string());
    let falt = |f: &Falt, enhet: Enhet| formfalt(mall, f, ar, enhet);
    let typ = crate::model::Dokumenttyp::parse(mall.mall.dokumenttyp.get_ref());
    Formular {
        mall_id: mall.mall.id.clone(),
        dokumenttyp: typ,
        titel: format!("{} {ar}", mall.mall.titel),
        anvisning: mall.mall.anvisning.clone(),
        metafalt: mall
            .metafalt
            .iter()
            .map(|f| falt(f, Enhet::Kronor))
            .collect(),
        katalogfalt: mall
            .katalogfalt
            .iter()
            .map(|f| falt(f, Enhet::Kronor))
            .collect(),
        versionsrubrik: mall.versionshantering.rubrik.clone(),
        versionskolumner: mall
            .versionshantering
            .kolumner
            .iter()
            .map(|f| falt(f, Enhet::Kronor))
            .collect(),
        versionsfalt: versionsfalt(mall, ar),
        avsnitt: mall
            .avsnitt
            .iter()
            .map(|a| formavsnitt(mall, a, ar, &text))
            .collect(),
        insatslista: typ.map(|t| t.insatslista().to_string()),
        avvikelsetyper: formval(mall, "avvikelsetyp"),
        avstegsfalt: crate::model::AvstegEllerAvvikelse::FALT
            .iter()
            .map(|(nyckel, etikett)| Formval {
                varde: (*nyckel).to_string(),
                etikett: (*etikett).to_string(),
                beskrivning: None,
            })
            .collect(),
        avstegsdatum: Formval {
            varde: crate::model::AvstegEllerAvvikelse::DATUMFALT.0.to_string(),
            etikett: crate::model::AvstegEllerAvvikelse::DATUMFALT.1.to_string(),
            beskrivning: None,
        },
        arsskifte: typ.is_some_and(|t| t.har_arsskifte()),
    }
}

/// The version columns a person fills in when recording a version: all but `version`, the
/// number `Store::registrera_version` gives.
pub(super) fn versionsfalt(mall: &Mall, ar: i32) -> Vec<Formfalt> {
    mall.versionshantering
        .kolumner
        .iter()
        .filter(|f| f.nyckel() != "version")
        .map(|f| formfalt(mall, f, ar, Enhet::Kronor))
        .collect()
}

fn formavsnitt(mall: &Mall, a: &Avsnitt, ar: i32, text: &dyn Fn(&str) -> String) -> Formavsnitt {
    let analys = |x: &crate::template::Analysfalt| Formanalys {
        nyckel: x.nyckel().to_string(),
        etikett: text(&x.etikett),
        obligatorisk: x.obligatorisk,
    };
    Formavsnitt {
        nummer: a.nummer().to_string(),
        rubrik: text(&a.rubrik),
        niva: a.niva(),
        nyckel: a.nyckel().map(str::to_string),
        aktiv: a.aktiv,
        inaktiv_text: a.inaktiv_text.clone(),
        anvisning: a.anvisning.as_deref().map(text),
        analys: a.analys.as_ref().map(analys),
        falt: a
            .falt
            .iter()
            .map(|f| formfalt(mall, f, ar, Enhet::Kronor))
            .collect(),
        tabeller: a
            .tabeller
            .iter()
            .map(|t| formtabell(mall, t, ar, text, &analys))
            .collect(),
        insats: a.insats.as_ref().map(|i| Forminsats {
            nyckel: i.nyckel().to_string(),
            rubrik: i.rubrik.clone(),
            grupper: i
                .grupper
                .iter()
                .map(|g| Formgrupp {
                    rubrik: text(&g.rubrik),
                    falt: g
                        .falt
                        .iter()
                        .map(|f| formfalt(mall, f, ar, Enhet::Kronor))
                        .collect(),
                })
                .collect(),
        }),
    }
}

fn formtabell(
    mall: &Mall,
    t: &Tabell,
    ar: i32,
    text: &dyn Fn(&str) -> String,
    analys: &dyn Fn(&crate::template::Analysfalt) -> Formanalys,
) -> Formtabell {
    // "ange siffror i tkr": a bare number typed into such a table is tkr.
    let enhet = match t.enhet.as_deref() {
        Some("tkr") => Enhet::Tkr,
        Some("mnkr") => Enhet::Mnkr,
        _ => Enhet::Kronor,
    };
    Formtabell {
        nyckel: t.nyckel().to_string(),
        rubrik: t.rubrik.as_deref().map(text),
        enhet: t.enhet.clone(),
        summarad: t.summarad.clone(),
        analys: t.analys.as_ref().map(analys),
        kolumner: t
            .kolumner
            .iter()
            .map(|f| formfalt(mall, f, ar, enhet))
            .collect(),
    }
}

fn formfalt(mall: &Mall, f: &Falt, ar: i32, enhet: Enhet) -> Formfalt {
    // Fields whose type implies their enumeration name it only through the type.
    let upprakning = f
        .upprakning
        .as_ref()
        .map(|u| u.get_ref().as_str())
        .or(match f.typ {
            Falttyp::JaNej => Some("ja_nej"),
            Falttyp::Komplexitet => Some("komplexitet"),
            Falttyp::Tillamplighet => Some("tillamplighet"),
            Falttyp::AvstegOchAvvikelser => Some("avsteg_och_avvikelser"),
            _ => None,
        });
    let val = upprakning.map(|u| formval(mall, u)).unwrap_or_default();
    let ar_enhet = matches!(
        f.typ,
        Falttyp::Belopp | Falttyp::Beloppsuppgift | Falttyp::Arsbelopp
    );
    Formfalt {
        nyckel: f.nyckel().to_string(),
        etikett: f.etikett_for_ar(ar).unwrap_or_else(|_| f.etikett.clone()),
        typ: f.typ,
        obligatorisk: f.obligatorisk,
        utokat: f.utokat,
        hjalptext: f.hjalptext.clone(),
        val,
        enhet: ar_enhet.then_some(enhet),
    }
}

/// The choices of the template's enumeration `upprakning`, in its order; none when the template
/// lacks it.
fn formval(mall: &Mall, upprakning: &str) -> Vec<Formval> {
    mall.upprakning(upprakning)
        .map(|u| {
            u.varden
                .iter()
                .map(|v| Formval {
                    varde: v.varde.get_ref().clone(),
                    etikett: v.etikett.clone(),
                    beskrivning: v.beskrivning.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}
