//! The read Word structure mapped onto an årlig analys, driven by the template: a heading
//! opens the section whose number or rubrik it carries; a table is the section's template
//! table whose column labels its heading row matches best, or the section's insats form when
//! its first column holds the form's labels; "Leverantörens analys" and the section's field
//! labels say where the paragraphs after them belong. Whatever finds no place is reported with
//! its text and where it stood.

use crate::cancel::Avbrott;
use std::collections::HashSet;

use base64::Engine;
use serde_json::{Map, Value, json};

use super::katalog::Katalogbygge;
use super::paket::{Block, Innehall, Stycke, Tabell};
use super::rapport::{Avsnittsrapport, EjMappat, Importrapport};
use super::tolka::{Tolkare, ar_tom, belopp_i_text, etikett_lika, normalisera};
use super::{Importval, Ordimport, OrdimportFel};
use crate::model::{Dokument, Dokumenttyp, TjanstId};
use crate::template::{Avsnitt, Falt, Falttyp, Insatsform, Mall, Mallbibliotek, arsetikett};

const FORE_FORSTA_RUBRIKEN: &str = "Före första rubriken";
/// The label Word files of the template (and our export) print above each anvisning.
const ANVISNING: &str = "Anvisning";
/// Word's table of contents: the file's structure, not its content. Its entries carry the
/// section headings, so they must not open sections.
const INNEHALLSFORTECKNING: &str = "Innehållsförteckning";

fn ar_innehallsforteckning(s: &Stycke) -> bool {
    let stil = s.stil.to_lowercase();
    stil.starts_with("toc") || stil.starts_with("innehll") || stil.starts_with("innehåll")
}

/// Word's caption style: `Caption` as Underlag writes it, `Beskrivning` in a Swedish Word.
fn ar_bildtext(stil: &str) -> bool {
    stil == crate::export::BILDTEXT || stil.eq_ignore_ascii_case("beskrivning")
}

fn ar_rubrikstil(stil: &str) -> bool {
    let s = stil.to_lowercase();
    s.starts_with("heading") || s.starts_with("rubrik") || s == "title" || s == "rubrik"
}

/// "Etikett: värde" → the value, when the part before the colon is the label.
fn efter_etikett<'t>(text: &'t str, etikett: &str) -> Option<&'t str> {
    let (fore, efter) = text.split_once(':')?;
    etikett_lika(fore, etikett).then(|| efter.trim())
}

/// Words compared by stem, so that "Leverantörs analys" (as the 2023 file writes it) is the
/// template's "Leverantörens analys".
fn stammar(text: &str) -> Vec<String> {
    normalisera(text)
        .split(' ')
        .map(|o| {
            ["ens", "ets", "s", "en", "et"]
                .iter()
                .find_map(|s| o.strip_suffix(s).filter(|r| r.chars().count() >= 4))
                .unwrap_or(o)
                .to_string()
        })
        .collect()
}

/// Sets `nyckel` (dot-separated) inside `objekt`, creating the objects on the way.
fn satt(objekt: &mut Value, nyckel: &str, varde: Value) {
    let mut v = objekt;
    let delar: Vec<&str> = nyckel.split('.').collect();
    for (i, del) in delar.iter().enumerate() {
        if !v.is_object() {
            *v = Value::Object(Map::new());
        }
        let Some(o) = v.as_object_mut() else { return };
        if i + 1 == delar.len() {
            o.insert((*del).to_string(), varde);
            return;
        }
        v = o
            .entry((*del).to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

fn hamta<'v>(objekt: &'v Value, nyckel: &str) -> Option<&'v Value> {
    crate::template::varde_vid(objekt, nyckel)
}

#[derive(Debug, Clone)]
enum Mal {
    Ingen,
    /// The paragraphs that follow are this text field of the section (an analysis or a field
    /// whose label stood alone).
    Text(String),
    /// The next paragraph is the value of this field.
    Falt(Falt),
    /// The paragraphs that follow go on with the reason of override `index` of row `rad` of
    /// the 3.1 table at `lista` (a reason of several lines).
    Avvikelse {
        lista: String,
        rad: usize,
        index: usize,
    },
}

struct Karta<'m> {
    typ: Dokumenttyp,
    mall: &'m Mall,
    ar: i32,
    dok: Value,
    katalog: Katalogbygge,
    forslag: Vec<(String, String)>,
    ej_mappat: Vec<EjMappat>,
    rapporter: Vec<(usize, Avsnittsrapport)>,
    avsnitt: Option<usize>,
    rubrik: String,
    mal: Mal,
    /// The template table the last table of the section was mapped to.
    senaste_tabell: Option<usize>,
    /// A caption named the table that follows.
    nasta_tabell: Option<usize>,
    anvanda_tabeller: HashSet<usize>,
    ifyllda: HashSet<String>,
    organisation: Option<String>,
    versioner: u32,
    /// Where each name stands in each list of insatser, so a second mention finds its record.
    namnindex: std::collections::HashMap<(String, String), Vec<usize>>,
    /// The last id number given per prefix (`forslag` → 3).
    id_nummer: std::collections::HashMap<&'static str, usize>,
    /// The figure the last picture became (list path, index): a caption after it is its text.
    senaste_figur: Option<(String, usize)>,
    /// Empty paragraphs since the last text: blank lines, when the text goes on after them.
    tomma_rader: usize,
    /// Which section put each element of a list of insatser there (by list path and index):
    /// a tjänsteplan names each initiative in the table of 3 and again as a form in 7, and
    /// both are the same record; two forms in one section are two records.
    ursprung: std::collections::HashMap<(String, usize), usize>,
}

impl<'m> Karta<'m> {
    fn ny(typ: Dokumenttyp, mall: &'m Mall, ar: i32) -> Karta<'m> {
        let dok = Dokument::nytt(typ, "", ar, &mall.mall.id).to_value();
        let rapporter = mall
            .avsnitt
            .iter()
            .enumerate()
            .filter(|(_, a)| a.nyckel().is_some() && a.aktiv)
            .map(|(i, a)| {
                (
                    i,
                    Avsnittsrapport {
                        rubrik: a
                            .rubrik_for_ar(ar)
                            .unwrap_or_else(|_| format!("{} {}", a.nummer(), a.rubrik)),
                        ..Default::default()
                    },
                )
            })
            .collect();
        Karta {
            typ,
            mall,
            ar,
            dok,
            katalog: Katalogbygge::default(),
            forslag: Vec::new(),
            ej_mappat: Vec::new(),
            rapporter,
            avsnitt: None,
            rubrik: FORE_FORSTA_RUBRIKEN.to_string(),
            mal: Mal::Ingen,
            senaste_tabell: None,
            nasta_tabell: None,
            anvanda_tabeller: HashSet::new(),
            ifyllda: HashSet::new(),
            organisation: None,
            versioner: 0,
            tomma_rader: 0,
            senaste_figur: None,
            namnindex: std::collections::HashMap::new(),
            id_nummer: std::collections::HashMap::new(),
            ursprung: std::collections::HashMap::new(),
        }
    }

    fn etikett(&self, text: &str) -> String {
        arsetikett(text, self.ar).unwrap_or_else(|_| text.to_string())
    }

    fn rapport(&mut self) -> Option<&mut Avsnittsrapport> {
        let i = self.avsnitt?;
        self.rapporter
            .iter_mut()
            .find(|(j, _)| *j == i)
            .map(|(_, r)| r)
    }

    fn ej(&mut self, text: &str, orsak: &str, tabell: Option<&str>, rad: Option<usize>) {
        self.ej_mappat.push(EjMappat {
            avsnitt: self.rubrik.clone(),
            tabell: tabell.map(str::to_string),
            rad: rad.map(|r| u32::try_from(r + 1).unwrap_or(u32::MAX)),
            text: text.to_string(),
            orsak: orsak.to_string(),
        });
    }

    /// The section a heading opens: by number and rubrik always, by rubrik alone when the
    /// paragraph has a heading style (Word numbers headings itself). Searching from the
    /// current section on, so chapter 2 and section 2.2, which share a rubrik, come in order.
    fn rubrik_for(&self, s: &Stycke) -> Option<usize> {
        let text = s.text.trim();
        if text.chars().count() > 200 {
            return None;
        }
        let n = normalisera(text);
        let utan_ar = |t: &str| {
            normalisera(t)
                .split(' ')
                .filter(|o| !(o.len() == 4 && o.chars().all(|c| c.is_ascii_digit())))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let nu = utan_ar(text);
        let start = self.avsnitt.map_or(0, |i| i + 1);
        let ordning = (start..self.mall.avsnitt.len()).chain(0..start);
        let rubrikstil = ar_rubrikstil(&s.stil);
        for i in ordning {
            let a = &self.mall.avsnitt[i];
            let rubrik = self.etikett(&a.rubrik);
            let med_nummer = format!("{} {rubrik}", a.nummer());
            if n == normalisera(&med_nummer) || nu == utan_ar(&med_nummer) {
                return Some(i);
            }
            if rubrikstil && (n == normalisera(&rubrik) || nu == utan_ar(&rubrik)) {
                return Some(i);
            }
        }
        None
    }

    fn byt_avsnitt(&mut self, i: usize, text: &str) {
        self.avsnitt = Some(i);
        self.rubrik = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.mal = Mal::Ingen;
        self.senaste_tabell = None;
        self.nasta_tabell = None;
        self.anvanda_tabeller.clear();
        if let Some(r) = self.rapport() {
            r.hittat = true;
        }
    }

    fn malltext(&self, a: Option<&Avsnitt>, text: &str) -> bool {
        let n = normalisera(text);
        if n == normalisera(ANVISNING) {
            return true;
        }
        let anvisning = match a {
            Some(a) => a.anvisning.as_deref(),
            None => self.mall.mall.anvisning.as_deref(),
        };
        // Short texts ("Leverantörens analys") occur inside anvisningar too; only a sentence
        // of the anvisning is taken for it.
        let i_anvisning = anvisning
            .is_some_and(|t| n.chars().count() >= 30 && normalisera(&self.etikett(t)).contains(&n));
        let inaktiv = a
            .and_then(|a| a.inaktiv_text.as_deref())
            .is_some_and(|t| normalisera(t) == n);
        i_anvisning || inaktiv
    }

    // ----------------------------------------------------------------------------------------
    // Paragraphs

    fn stycke(&mut self, s: &Stycke) {
        let tagna = self.figurer(s);
        for _ in tagna..s.bilder {
            self.ej(
                "[bild]",
                "Bilden kan inte läsas in här: bara avsnitt med bilder från PIOS tar bilder. Lägg till den i Underlag med en alternativtext.",
                None,
                None,
            );
        }
        let text = s.text.trim();
        // A caption under a figure (Word's caption style) is that figure's bildtext.
        if !text.is_empty() && ar_bildtext(&s.stil) {
            if let Some((lista, i)) = self.senaste_figur.clone() {
                let sokvag = format!("{lista}.{i}.bildtext");
                let fore = hamta(&self.dok, &sokvag)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let ny = if fore.is_empty() {
                    text.to_string()
                } else {
                    format!("{fore}\n{text}")
                };
                if let Some(f) = lista
                    .split('.')
                    .try_fold(&mut self.dok, |v, d| v.get_mut(d))
                    .and_then(|l| l.get_mut(i))
                {
                    f["bildtext"] = Value::from(ny);
                }
                return;
            }
        } else if !text.is_empty() {
            self.senaste_figur = None;
        }
        if text.is_empty() {
            // A blank line inside a text: kept when more of the same text follows.
            if matches!(self.mal, Mal::Text(_) | Mal::Avvikelse { .. }) {
                self.tomma_rader += 1;
            }
            return;
        }
        let tomma_rader = std::mem::take(&mut self.tomma_rader);
        if ar_innehallsforteckning(s) || text == INNEHALLSFORTECKNING {
            return;
        }
        if let Some(i) = self.rubrik_for(s) {
            self.byt_avsnitt(i, text);
            return;
        }
        // The export's caption over the riktlinje's additions: what follows is read by its
        // labels, so the caption itself only ends the text before it.
        if self.ar_riktlinjemarkering(text) {
            self.mal = Mal::Ingen;
            return;
        }
        let Some(i) = self.avsnitt else {
            self.framsida(text);
            return;
        };
        let mall = self.mall;
        let a = &mall.avsnitt[i];
        if let (Some(sektion), Some((nyckel, rest))) = (a.nyckel(), self.analysetikett(a, text)) {
            self.mal = Mal::Text(nyckel.clone());
            if !rest.is_empty() {
                self.lagg_till_text(sektion, &nyckel, &rest);
            }
            return;
        }
        // A field's label alone is the field, even where the anvisning quotes it.
        let faltetikett = a
            .falt
            .iter()
            .any(|f| etikett_lika(text, &self.etikett(&f.etikett)));
        if !faltetikett && self.malltext(Some(a), text) {
            return;
        }
        // The balance Underlag computes from the insatser is printed for the reader, not
        // written by the author: reading it back would pile it into "Portföljens balans".
        if efter_etikett(text, crate::model::BALANS_RUBRIK).is_some() {
            self.mal = Mal::Ingen;
            return;
        }
        let Some(sektion) = a.nyckel() else {
            self.ej(
                text,
                "Texten står under en kapitelrubrik som inte har några egna fält i mallen.",
                None,
                None,
            );
            return;
        };
        if !a.aktiv {
            self.ej(
                text,
                "Avsnittet används inte i år enligt mallen.",
                None,
                None,
            );
            return;
        }
        if let Some(t) = a.tabeller.iter().position(|t| {
            t.rubrik
                .as_ref()
                .is_some_and(|r| etikett_lika(text, &self.etikett(r)))
        }) {
            self.nasta_tabell = Some(t);
            self.mal = Mal::Ingen;
            return;
        }
        let ej_tillampligt = mall
            .etikett_for_varde("tillamplighet", "ej_tillamplig")
            .to_string();
        if a.falt.iter().any(|f| f.typ == Falttyp::Tillamplighet) {
            let skal = efter_etikett(text, &ej_tillampligt)
                .map(str::to_string)
                .or_else(|| etikett_lika(text, &ej_tillampligt).then(String::new));
            if let Some(skal) = skal {
                let nyckel = format!("{sektion}.tillamplighet");
                satt(
                    &mut self.dok,
                    &nyckel,
                    json!({ "status": "ej_tillamplig", "skal": skal }),
                );
                if let Some(r) = self.rapport() {
                    r.ej_tillamplig = true;
                }
                // The reason may go on over the paragraphs that follow.
                self.mal = Mal::Text("tillamplighet.skal".to_string());
                return;
            }
        }
        for f in a
            .falt
            .iter()
            .filter(|f| !matches!(f.typ, Falttyp::Tillamplighet | Falttyp::Figurer))
        {
            let etikett = self.etikett(&f.etikett);
            if etikett_lika(text, &etikett) {
                self.mal = if matches!(f.typ, Falttyp::Text | Falttyp::LangText) {
                    Mal::Text(f.nyckel().to_string())
                } else {
                    Mal::Falt(f.clone())
                };
                return;
            }
            if let Some(varde) = efter_etikett(text, &etikett) {
                self.falt_varde(sektion, f, varde);
                self.mal = Mal::Ingen;
                return;
            }
        }
        if self.avvikelse(sektion, text) {
            return;
        }
        match self.mal.clone() {
            Mal::Text(nyckel) => {
                let text = format!("{}{text}", "\n".repeat(tomma_rader));
                self.lagg_till_text(sektion, &nyckel, &text);
            }
            Mal::Avvikelse { lista, rad, index } => {
                let skal = format!("{}{text}", "\n".repeat(tomma_rader));
                if let Some(m) = self
                    .overstyrningar(&lista, rad)
                    .and_then(|o| o.get_mut(index))
                    .and_then(|o| o.get_mut("motivering"))
                {
                    let fore = m.as_str().unwrap_or_default();
                    *m = Value::from(format!("{fore}\n{skal}"));
                }
            }
            Mal::Falt(f) => {
                self.falt_varde(sektion, &f, text);
                self.mal = Mal::Ingen;
            }
            Mal::Ingen => {
                // Text under a table belongs to the table's own text field (3.1's note).
                let not = self.senaste_tabell.and_then(|t| {
                    let tabell = &a.tabeller[t];
                    a.falt.iter().find(|f| {
                        matches!(f.typ, Falttyp::Text | Falttyp::LangText)
                            && f.nyckel().contains('.')
                            && f.nyckel().split('.').next() == tabell.nyckel().split('.').next()
                    })
                });
                match not {
                    Some(f) => self.lagg_till_text(sektion, f.nyckel(), text),
                    None => self.ej(
                        text,
                        "Texten hör inte till någon tabell, något fält eller någon Leverantörens analys i avsnittet.",
                        None,
                        None,
                    ),
                }
            }
        }
    }

    /// Takes the paragraph's pictures into the section's figure field (1.3's Bilder från
    /// PIOS), each with its alt text; answers how many it took.
    fn figurer(&mut self, s: &Stycke) -> usize {
        let Some(i) = self.avsnitt else { return 0 };
        let a = &self.mall.avsnitt[i];
        let (Some(sektion), Some(f)) = (
            a.nyckel(),
            a.falt.iter().find(|f| f.typ == Falttyp::Figurer),
        ) else {
            return 0;
        };
        let lista = format!("{sektion}.{}", f.nyckel());
        let mut tagna = 0;
        for bild in s.bildfiler.iter().filter(|b| !b.data.is_empty()) {
            if hamta(&self.dok, &lista).and_then(Value::as_array).is_none() {
                satt(&mut self.dok, &lista, json!([]));
            }
            let Some(figurer) = lista
                .split('.')
                .try_fold(&mut self.dok, |v, d| v.get_mut(d))
                .and_then(Value::as_array_mut)
            else {
                break;
            };
            let nr = figurer.len() + 1;
            figurer.push(json!({
                "filnamn": format!("bild-{nr}.png"),
                "mediatyp": "image/png",
                "data_base64": base64::engine::general_purpose::STANDARD.encode(&bild.data),
                "alt_text": bild.alt,
                "bildtext": "",
            }));
            self.senaste_figur = Some((lista.clone(), nr - 1));
            tagna += 1;
        }
        tagna
    }

    fn ar_riktlinjemarkering(&self, text: &str) -> bool {
        self.mall
            .mall
            .riktlinjen
            .as_ref()
            .is_some_and(|r| etikett_lika(text, &r.markering))
    }

    /// The analysis a "Leverantörens analys" label opens: the last table's when it has one
    /// (3.1), else the section's. With any text after a colon on the same line.
    fn analysetikett(&self, a: &Avsnitt, text: &str) -> Option<(String, String)> {
        let (fore, rest) = match text.split_once(':') {
            Some((f, r)) => (f, r.trim().to_string()),
            None => (text, String::new()),
        };
        let lika = |etikett: &str| stammar(fore) == stammar(etikett);
        let tabellens = self
            .senaste_tabell
            .and_then(|t| a.tabeller[t].analys.as_ref())
            .or_else(|| {
                a.analys
                    .is_none()
                    .then(|| a.tabeller.iter().find_map(|t| t.analys.as_ref()))
                    .flatten()
            });
        let analys = tabellens.or(a.analys.as_ref())?;
        lika(&analys.etikett).then(|| (analys.nyckel().to_string(), rest))
    }

    /// A deviation from 2.2 under a 3.1 table (`export::AVVIKELSE`): its reason goes back into
    /// the row's `overstyrningar`, found by the row number and column heading the paragraph
    /// names in the table just read. Answers whether the paragraph was one.
    fn avvikelse(&mut self, sektion: &str, text: &str) -> bool {
        let (Some(a), Some(t)) = (self.avsnitt, self.senaste_tabell) else {
            return false;
        };
        let Some(rest) = text
            .strip_prefix(crate::export::AVVIKELSE)
            .and_then(|r| r.strip_prefix(" (rad "))
        else {
            return false;
        };
        let Some((nr, rest)) = rest.split_once(", ") else {
            return false;
        };
        let Some((kolumn, rest)) = rest.split_once(')') else {
            return false;
        };
        let Some((_, motivering)) = rest.split_once(crate::export::AVVIKELSE_SKAL) else {
            return false;
        };
        let tabell = &self.mall.avsnitt[a].tabeller[t];
        let Some(falt) = tabell
            .kolumner
            .iter()
            .find(|k| etikett_lika(kolumn, &self.etikett(&k.etikett)))
            .map(|k| k.nyckel().to_string())
        else {
            return false;
        };
        let Some(rad) = nr
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
        else {
            return false;
        };
        let lista = format!("{sektion}.{}", tabell.nyckel());
        let Some(overstyrningar) = self.overstyrningar(&lista, rad) else {
            return false;
        };
        overstyrningar.push(json!({ "falt": falt, "motivering": motivering }));
        let index = overstyrningar.len() - 1;
        self.mal = Mal::Avvikelse { lista, rad, index };
        true
    }

    /// The `overstyrningar` of row `rad` of the table at `lista`, created empty when missing.
    fn overstyrningar(&mut self, lista: &str, rad: usize) -> Option<&mut Vec<Value>> {
        lista
            .split('.')
            .try_fold(&mut self.dok, |v, d| v.get_mut(d))?
            .get_mut(rad)?
            .as_object_mut()?
            .entry("overstyrningar")
            .or_insert_with(|| json!([]))
            .as_array_mut()
    }

    fn lagg_till_text(&mut self, sektion: &str, nyckel: &str, text: &str) {
        let hel = format!("{sektion}.{nyckel}");
        let fore = hamta(&self.dok, &hel)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let ny = if fore.is_empty() {
            text.trim_start_matches('\n').to_string()
        } else {
            format!("{fore}\n{text}")
        };
        satt(&mut self.dok, &hel, Value::from(ny));
        if self.ifyllda.insert(hel)
            && let Some(r) = self.rapport()
        {
            r.texter += 1;
        }
    }

    fn falt_varde(&mut self, sektion: &str, f: &Falt, text: &str) {
        if matches!(f.typ, Falttyp::Text | Falttyp::LangText) {
            self.lagg_till_text(sektion, f.nyckel(), text);
            return;
        }
        match self.tolkare().tolka(f, text, false) {
            Ok(v) => {
                let hel = format!("{sektion}.{}", f.nyckel());
                satt(&mut self.dok, &hel, v);
                if self.ifyllda.insert(hel)
                    && let Some(r) = self.rapport()
                {
                    r.texter += 1;
                }
            }
            Err(orsak) => {
                let etikett = self.etikett(&f.etikett);
                self.ej(text, &format!("{etikett}: {orsak}"), None, None);
            }
        }
    }

    fn tolkare(&mut self) -> Tolkare<'_> {
        Tolkare {
            mall: self.mall,
            ar: self.ar,
            katalog: &mut self.katalog,
            forslag: &self.forslag,
        }
    }

    /// The title page: the title (already read for the year), "Organisation: …", the
    /// versionshantering caption and the template's opening anvisning.
    fn framsida(&mut self, text: &str) {
        let mall = self.mall;
        if normalisera(text).starts_with(&normalisera(&mall.mall.titel))
            || etikett_lika(text, &mall.versionshantering.rubrik)
            || self.malltext(None, text)
        {
            return;
        }
        let organisation_etiketter = std::iter::once("Organisation").chain(
            mall.metafalt
                .iter()
                .filter(|f| f.nyckel() == "organisation")
                .map(|f| f.etikett.as_str()),
        );
        for etikett in organisation_etiketter {
            if let Some(namn) = efter_etikett(text, etikett).filter(|n| !n.is_empty()) {
                self.organisation = Some(namn.to_string());
                return;
            }
        }
        if mall
            .metafalt
            .iter()
            .filter(|f| f.nyckel() == "analysar")
            .any(|f| efter_etikett(text, &f.etikett).is_some())
        {
            return;
        }
        // "Berörd nämnd informerad: 2024-03-01, § 12" as the export writes it: the date, then
        // the beslut if any.
        let informerad = mall
            .metafalt
            .iter()
            .filter(|f| f.typ == Falttyp::NamndInformerad)
            .find_map(|f| efter_etikett(text, &f.etikett).map(|v| (f.nyckel().to_string(), v)));
        if let Some((nyckel, varde)) = informerad {
            let (datum, beslut) = varde.split_once(',').unwrap_or((varde, ""));
            match chrono::NaiveDate::parse_from_str(datum.trim(), "%Y-%m-%d") {
                Ok(datum) => satt(
                    &mut self.dok,
                    &format!("meta.{nyckel}"),
                    json!({ "datum": datum.to_string(), "beslut": beslut.trim() }),
                ),
                Err(_) => self.ej(
                    text,
                    "Datumet går inte att läsa; skriv till exempel 2024-01-31 och därefter eventuellt beslut.",
                    None,
                    None,
                ),
            }
            return;
        }
        // The kind's other facts, by their template labels ("Tjänsteområde: Ekonomi",
        // "Publiceringsdatum: 2023-01-31", "Ingår i: Budget").
        let meta = mall
            .metafalt
            .iter()
            .filter(|f| {
                !matches!(f.nyckel(), "organisation" | "mall" | "analysar" | "ar")
                    && f.typ != Falttyp::NamndInformerad
            })
            .find_map(|f| efter_etikett(text, &self.etikett(&f.etikett)).map(|v| (f, v)));
        if let Some((f, varde)) = meta {
            self.falt_varde("meta", f, varde);
            return;
        }
        // "Period: 2024–2026", the plan's first and last year as the export prints them.
        if let Some(varde) = efter_etikett(text, crate::export::PERIOD_ETIKETT)
            && mall.metafalt.iter().any(|f| f.nyckel() == "period_slut_ar")
        {
            let ar: Vec<i32> = normalisera(varde)
                .split(' ')
                .filter_map(|o| o.parse().ok())
                .collect();
            match ar.as_slice() {
                [_] => {}
                [_, slut] => satt(&mut self.dok, "meta.period_slut_ar", json!(slut)),
                _ => self.ej(
                    text,
                    "Perioden går inte att läsa; skriv till exempel 2024–2026.",
                    None,
                    None,
                ),
            }
            return;
        }
        // The title page's "Datum" and "Version" are the export's date and the newest row of
        // the versionshantering that follows: the document keeps them there, not here.
        if mall
            .versionshantering
            .kolumner
            .iter()
            .any(|k| efter_etikett(text, &k.etikett).is_some())
        {
            return;
        }
        self.ej(
            text,
            "Texten står före första avsnittet och hör inte till något fält i mallen.",
            None,
            None,
        );
    }

    // ----------------------------------------------------------------------------------------
    // Tables

    fn tabell(&mut self, t: &Tabell) {
        self.mal = Mal::Ingen;
        let mall = self.mall;
        let rader: Vec<Vec<(String, bool)>> = (0..t.rader.len()).map(|r| rutnat(t, r)).collect();
        if rader.iter().all(|r| r.iter().all(|(c, _)| ar_tom(c))) {
            return;
        }
        let namn = tabellnamn(&rader);
        let Some(i) = self.avsnitt else {
            let kolumner: Vec<&Falt> = mall.versionshantering.kolumner.iter().collect();
            let kol = matcha_kolumner(&kolumner, &rader, self.ar);
            if kol.poang > 0 && kol.nyckel_hittad(&kolumner) {
                let objekt = self.rader(&kolumner, &kol, &rader, false, None, &namn);
                self.versioner += objekt.len() as u32;
                if let Some(lista) = self
                    .dok
                    .get_mut("versionshantering")
                    .and_then(Value::as_array_mut)
                {
                    lista.extend(objekt);
                }
            } else {
                self.tabell_ej(
                    &rader,
                    &namn,
                    "Tabellen står före första avsnittet och är inte mallens versionshantering.",
                );
            }
            return;
        };
        let a = &mall.avsnitt[i];
        if a.nyckel().is_none() && !a.katalogfalt.is_empty() && self.katalogtabell(a, &rader) {
            return;
        }
        let Some(sektion) = a.nyckel() else {
            self.tabell_ej(
                &rader,
                &namn,
                "Tabellen står under en kapitelrubrik som inte har några tabeller i mallen.",
            );
            return;
        };
        if !a.aktiv {
            self.tabell_ej(&rader, &namn, "Avsnittet används inte i år enligt mallen.");
            return;
        }
        if let Some(form) = &a.insats
            && ar_formular(form, &rader, self.ar)
        {
            // A form is named by its heading ("Föreslagen förändringsinsats 2") when it has one.
            let rubrik = rader
                .first()
                .and_then(|r| r.iter().map(|(c, _)| c.as_str()).find(|c| !ar_tom(c)))
                .filter(|c| {
                    let stam = normalisera(form.rubrik.split("{nr}").next().unwrap_or_default());
                    !stam.is_empty() && normalisera(c).starts_with(&stam)
                })
                .map_or(namn, str::to_string);
            self.formular(sektion, form, &rader, &rubrik);
            return;
        }
        let mut basta: Option<(usize, Kolumnkarta)> = None;
        for (ti, mt) in a.tabeller.iter().enumerate() {
            let kolumner: Vec<&Falt> = mt.kolumner.iter().collect();
            let kol = matcha_kolumner(&kolumner, &rader, self.ar);
            if kol.poang <= 0 || !kol.nyckel_hittad(&kolumner) {
                continue;
            }
            let foretrades = |ti: usize| {
                (
                    self.nasta_tabell == Some(ti),
                    !self.anvanda_tabeller.contains(&ti),
                )
            };
            let battre = match &basta {
                None => true,
                Some((bi, bk)) => {
                    kol.poang > bk.poang
                        || (kol.poang == bk.poang && foretrades(ti) > foretrades(*bi))
                }
            };
            if battre {
                basta = Some((ti, kol));
            }
        }
        let Some((ti, kol)) = basta else {
            self.tabell_ej(
                &rader,
                &namn,
                "Tabellens kolumnrubriker motsvarar ingen av mallens tabeller i avsnittet.",
            );
            return;
        };
        let mt = &a.tabeller[ti];
        let kolumner: Vec<&Falt> = mt.kolumner.iter().collect();
        let tkr = mt.enhet.as_deref() == Some("tkr");
        let namn = mt
            .rubrik
            .as_ref()
            .map(|r| self.etikett(r))
            .map(|r| r.split(',').next().unwrap_or_default().trim().to_string())
            .unwrap_or(namn);
        let summa = mt.summarad.as_ref().map(|s| {
            let foralder = mt.nyckel().rsplit_once('.').map_or("", |(f, _)| f);
            (
                s.clone(),
                sokvag(&[sektion, foralder, "angiven_totalkostnad"]),
            )
        });
        let objekt = self.rader(&kolumner, &kol, &rader, tkr, summa, &namn);
        let antal = objekt.len() as u32;
        let lista_sokvag = sokvag(&[sektion, mt.nyckel()]);
        if hamta(&self.dok, &lista_sokvag).is_none() {
            satt(&mut self.dok, &lista_sokvag, json!([]));
        }
        self.lagg_i_lista(&lista_sokvag, objekt);
        if let Some(r) = self.rapport() {
            r.tabellrader += antal;
        }
        self.senaste_tabell = Some(ti);
        self.anvanda_tabeller.insert(ti);
        self.nasta_tabell = None;
    }

    /// The export's table of catalogue fields in a chapter (Namn | Informationssäkerhetsnivå):
    /// each row's values go to the tjänst of that name. `false` when the columns are not
    /// those, so the caller reports the table as before.
    fn katalogtabell(&mut self, a: &Avsnitt, rader: &[Vec<(String, bool)>]) -> bool {
        let mall = self.mall;
        let kolumner: Vec<&Falt> = mall
            .katalogfalt
            .iter()
            .filter(|f| f.nyckel() == "namn" || a.katalogfalt.iter().any(|k| k == f.nyckel()))
            .collect();
        let Some(rubrik) = rader.first() else {
            return false;
        };
        let index: Vec<Option<usize>> = kolumner
            .iter()
            .map(|k| {
                let etikett = self.etikett(&k.etikett);
                rubrik.iter().position(|(c, _)| etikett_lika(c, &etikett))
            })
            .collect();
        let namn_kolumn = kolumner
            .iter()
            .zip(&index)
            .find(|(k, _)| k.nyckel() == "namn")
            .and_then(|(_, i)| *i);
        let Some(namn_kolumn) = namn_kolumn else {
            return false;
        };
        if index.iter().filter(|i| i.is_some()).count() < 2 {
            return false;
        }
        for rad in &rader[1..] {
            let cell = |i: usize| rad.get(i).map_or("", |(c, _)| c.as_str()).trim();
            let namn = cell(namn_kolumn);
            if ar_tom(namn) {
                continue;
            }
            let id = self.katalog.id_for(namn);
            for (k, i) in kolumner.iter().zip(&index) {
                // An empty text cell says the field is empty (the fördelningsnyckel of 3.2
                // does not fill it then).
                if let Some(i) = i
                    && ar_tom(cell(*i))
                    && matches!(k.typ, Falttyp::Text | Falttyp::LangText)
                {
                    self.katalog.satt_falt(&id, k.nyckel(), Value::from(""));
                }
                if let Some(i) = i
                    && k.nyckel() != "namn"
                    && !ar_tom(cell(*i))
                {
                    match self.tolkare().tolka(k, cell(*i), false) {
                        Ok(v) => self.katalog.satt_falt(&id, k.nyckel(), v),
                        Err(orsak) => {
                            let etikett = self.etikett(&k.etikett);
                            let text = cell(*i).to_string();
                            self.ej(&text, &format!("{etikett}: {orsak}"), None, None);
                        }
                    }
                }
            }
        }
        true
    }

    fn tabell_ej(&mut self, rader: &[Vec<(String, bool)>], namn: &str, orsak: &str) {
        for (r, rad) in rader.iter().enumerate() {
            let text = radtext(rad);
            if !text.is_empty() {
                self.ej(&text, orsak, Some(namn), Some(r));
            }
        }
    }

    /// The data rows of a table as row objects. A row without its tjänst (or insats, or date)
    /// is reported whole; a cell that cannot be read is reported and left empty.
    fn rader(
        &mut self,
        kolumner: &[&Falt],
        kol: &Kolumnkarta,
        rader: &[Vec<(String, bool)>],
        tkr: bool,
        summa: Option<(String, String)>,
        namn: &str,
    ) -> Vec<Value> {
        let mut ut = Vec::new();
        let nyckelkolumn = kolumner
            .first()
            .filter(|k| matches!(k.typ, Falttyp::Tjanst | Falttyp::Insats | Falttyp::Datum))
            .map(|_| 0usize);
        let mut efter_summa = false;
        for (r, rad) in rader.iter().enumerate().skip(kol.huvudrader) {
            if rad.iter().all(|(c, _)| ar_tom(c)) {
                continue;
            }
            let forsta = rad
                .iter()
                .map(|(c, _)| c.as_str())
                .find(|c| !ar_tom(c))
                .unwrap_or_default();
            if let Some((etikett, mal)) = &summa
                && etikett_lika(forsta, etikett)
            {
                self.summarad(kolumner, kol, rad, tkr, mal, namn, r);
                efter_summa = true;
                continue;
            }
            // The subtotals per kind under the total ("varav nyutveckling"), computed as it is.
            if efter_summa && normalisera(forsta).starts_with("varav ") {
                continue;
            }
            let mut objekt = json!({});
            let mut fel = Vec::new();
            let mut nyckel_ok = nyckelkolumn.is_none();
            let mut nyckelfel = None;
            for (c, (text, sammanslagen)) in rad.iter().enumerate() {
                let Some(k) = kol.kolumn.get(c).copied().flatten() else {
                    if !ar_tom(text) && !*sammanslagen {
                        fel.push((
                            text.clone(),
                            "Kolumnen finns inte i mallens tabell.".to_string(),
                        ));
                    }
                    continue;
                };
                let falt = kolumner[k];
                let ar_nyckel = Some(k) == nyckelkolumn;
                // A merged continuation repeats the cell above: only the tjänst carries over.
                if ar_tom(text) || (*sammanslagen && !ar_nyckel) {
                    continue;
                }
                match self.tolkare().tolka(falt, text, tkr) {
                    Ok(v) => {
                        satt(&mut objekt, falt.nyckel(), v);
                        if ar_nyckel {
                            nyckel_ok = true;
                        }
                        if falt.typ == Falttyp::Belopp
                            && belopp_i_text(text, crate::belopp::Enhet::Tkr)
                                .is_some_and(|b| b.uppskattning)
                        {
                            fel.push((
                                text.clone(),
                                "Beloppet är inläst, men att det är en uppskattning kan en tabellcell inte spara. Skriv det i Leverantörens analys om det ska framgå.".to_string(),
                            ));
                        }
                    }
                    Err(orsak) => {
                        let etikett = self.etikett(&falt.etikett);
                        let orsak = format!("{etikett}: {orsak}");
                        if ar_nyckel {
                            nyckelfel = Some(orsak);
                        } else {
                            fel.push((text.clone(), orsak));
                        }
                    }
                }
            }
            if !nyckel_ok {
                let vad = nyckelkolumn
                    .map(|k| self.etikett(&kolumner[k].etikett))
                    .unwrap_or_default();
                let orsak = nyckelfel.map_or_else(
                    || format!("Raden saknar {vad} och kan inte sparas."),
                    |o| format!("Raden kan inte sparas: {o}"),
                );
                self.ej(&radtext(rad), &orsak, Some(namn), Some(r));
                continue;
            }
            for (text, orsak) in fel {
                self.ej(&text, &orsak, Some(namn), Some(r));
            }
            for k in kolumner {
                if matches!(k.typ, Falttyp::Text | Falttyp::LangText)
                    && hamta(&objekt, k.nyckel()).is_none()
                {
                    satt(&mut objekt, k.nyckel(), Value::from(""));
                }
            }
            ut.push(objekt);
        }
        ut
    }

    /// A Totalkostnad row: kept as the total the source stated (validation shows where it
    /// disagrees with the rows); never used as the total.
    #[allow(clippy::too_many_arguments)]
    fn summarad(
        &mut self,
        kolumner: &[&Falt],
        kol: &Kolumnkarta,
        rad: &[(String, bool)],
        tkr: bool,
        mal: &str,
        namn: &str,
        r: usize,
    ) {
        let schema = crate::schema::dokument(self.typ);
        let rot = crate::schema::Nod::rot(&schema);
        // A table whose total the model does not keep (a tjänsteplan's, a digitaliseringsplan's):
        // the row is the sum Underlag computes, nothing the user stated.
        if rot.sokvag(mal).is_none() {
            return;
        }
        // Where the model keeps a column's stated total: at the column's key (a sum of 3.1
        // utveckling has `kostnad` and `paverkan_forvaltningskostnad`), or without its first
        // part where the total is that part's type (förvaltning's is a `Kostnadsutveckling`).
        let plats = |nyckel: &str| {
            let hel = format!("{mal}.{nyckel}");
            if rot.sokvag(&hel).is_some() {
                return Some(nyckel.to_string());
            }
            let kort = nyckel.split_once('.')?.1;
            rot.sokvag(&format!("{mal}.{kort}"))
                .is_some()
                .then(|| kort.to_string())
        };
        let mut objekt = json!({});
        let mut nagot = false;
        let mut belopp_finns = false;
        for (c, (text, _)) in rad.iter().enumerate() {
            let Some(k) = kol.kolumn.get(c).copied().flatten() else {
                continue;
            };
            let falt = kolumner[k];
            if falt.typ != Falttyp::Belopp || ar_tom(text) {
                continue;
            }
            belopp_finns = true;
            let Some(nyckel) = plats(falt.nyckel()) else {
                continue;
            };
            match self.tolkare().tolka(falt, text, tkr) {
                Ok(v) => {
                    satt(&mut objekt, &nyckel, v);
                    nagot = true;
                }
                Err(orsak) => self.ej(text, &orsak, Some(namn), Some(r)),
            }
        }
        if nagot {
            satt(&mut self.dok, mal, objekt);
        } else if belopp_finns {
            self.ej(
                &radtext(rad),
                "Summaraden räknas fram i Underlag och sparas inte.",
                Some(namn),
                Some(r),
            );
        }
    }

    // ----------------------------------------------------------------------------------------
    // Insats forms

    fn formular(
        &mut self,
        sektion: &str,
        form: &Insatsform,
        rader: &[Vec<(String, bool)>],
        namn: &str,
    ) {
        let falt: Vec<&Falt> = form.grupper.iter().flat_map(|g| &g.falt).collect();
        let mut aktuell: Option<(Value, HashSet<String>)> = None;
        for (r, rad) in rader.iter().enumerate() {
            let celler: Vec<&str> = rad
                .iter()
                .filter(|(_, sammanslagen)| !*sammanslagen)
                .map(|(c, _)| c.as_str())
                .filter(|c| !ar_tom(c))
                .collect();
            let Some(forsta) = celler.first().copied() else {
                continue;
            };
            if celler.len() == 1
                && (form.grupper.iter().any(|g| {
                    let rubrik = utan_inledande_nummer(&g.rubrik.replace("{nr}", ""));
                    !rubrik.is_empty() && utan_inledande_nummer(forsta) == rubrik
                }) || self.ar_riktlinjemarkering(forsta))
            {
                continue;
            }
            if celler.len() == 1 && ar_formularrubrik(form, forsta) {
                self.avsluta_insats(sektion, form, aktuell.take());
                continue;
            }
            let Some(f) = falt
                .iter()
                .find(|f| etikett_lika(forsta, &self.etikett(&f.etikett)))
                .copied()
            else {
                self.ej(
                    &radtext(rad),
                    "Raden motsvarar inget av formulärets fält.",
                    Some(namn),
                    Some(r),
                );
                continue;
            };
            let varde = celler[1..].join("\n");
            if aktuell
                .as_ref()
                .is_none_or(|(_, satta)| satta.contains(f.nyckel()))
            {
                self.avsluta_insats(sektion, form, aktuell.take());
                aktuell = Some((json!({}), HashSet::new()));
            }
            let Some((insats, satta)) = aktuell.as_mut() else {
                continue;
            };
            satta.insert(f.nyckel().to_string());
            if ar_tom(&varde) {
                continue;
            }
            match self.tolkare().tolka(f, &varde, false) {
                Ok(v) => satt(insats, f.nyckel(), v),
                Err(orsak) => {
                    let etikett = self.etikett(&f.etikett);
                    self.ej(&varde, &format!("{etikett}: {orsak}"), Some(namn), Some(r));
                }
            }
        }
        self.avsluta_insats(sektion, form, aktuell);
    }

    fn avsluta_insats(
        &mut self,
        sektion: &str,
        form: &Insatsform,
        insats: Option<(Value, HashSet<String>)>,
    ) {
        let Some((insats, satta)) = insats else {
            return;
        };
        if satta.is_empty() {
            return;
        }
        self.lagg_i_lista(&sokvag(&[sektion, form.nyckel()]), vec![insats]);
        if let Some(r) = self.rapport() {
            r.insatser += 1;
        }
    }
    /// Adds read elements to the list at `lista`. In a list of insatser an element whose name
    /// an element from another section already has is that element, filled in further; a new
    /// one gets the next free id, as "Ny insats" would give it. Insatser other lists may
    /// refer to by name are remembered for the references read after them.
    fn lagg_i_lista(&mut self, lista: &str, objekt: Vec<Value>) {
        let prefix = crate::model::id_prefix(lista);
        let avsnitt = self.avsnitt.unwrap_or(usize::MAX);
        for mut ny in objekt {
            let namn = ny
                .get("namn")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let nyckel = (lista.to_string(), namn.clone());
            let samma = (prefix.is_some() && !namn.is_empty())
                .then(|| self.namnindex.get(&nyckel))
                .flatten()
                .and_then(|index| {
                    index
                        .iter()
                        .copied()
                        .find(|i| self.ursprung.get(&(lista.to_string(), *i)) != Some(&avsnitt))
                });
            if samma.is_none()
                && let Some(prefix) = prefix
                && ny.get("id").is_none()
            {
                // Every id in the imported document is made here, so a count per prefix is
                // the smallest free one, as "Ny insats" would give it.
                let nr = self.id_nummer.entry(prefix).or_insert(0);
                *nr += 1;
                satt(&mut ny, "id", Value::from(format!("{prefix}-{nr}")));
            }
            let Some(element) = lista
                .split('.')
                .try_fold(&mut self.dok, |v, d| v.get_mut(d))
                .and_then(Value::as_array_mut)
            else {
                return;
            };
            let index = match samma.and_then(|i| element.get_mut(i).map(|e| (i, e))) {
                Some((i, e)) => {
                    sla_ihop(e, ny);
                    i
                }
                None => {
                    element.push(ny);
                    let i = element.len() - 1;
                    self.namnindex.entry(nyckel).or_default().push(i);
                    i
                }
            };
            self.ursprung.insert((lista.to_string(), index), avsnitt);
            // 3.1's new insatser refer to the proposals of 2.2, a tjänsteplan's bilaga and
            // potter to its initiatives; pågående insatser are referred to by none.
            if prefix.is_some_and(|p| p != "pagaende" && p != "tjanst")
                && let Some(e) = hamta(&self.dok, lista).and_then(|l| l.get(index))
            {
                let id = e.get("id").and_then(Value::as_str).unwrap_or_default();
                let namn = e.get("namn").and_then(Value::as_str).unwrap_or_default();
                match self.forslag.iter_mut().find(|(i, _)| i == id) {
                    Some(f) => f.1 = namn.to_string(),
                    None => self.forslag.push((id.to_string(), namn.to_string())),
                }
            }
        }
    }
}

/// `ny`'s fields written into `gammal`, objects field by field; `gammal`'s id stays.
fn sla_ihop(gammal: &mut Value, ny: Value) {
    match (gammal, ny) {
        (Value::Object(g), Value::Object(n)) => {
            for (k, v) in n {
                if k == "id" && g.contains_key("id") {
                    continue;
                }
                match g.get_mut(&k) {
                    Some(x) if x.is_object() && v.is_object() => sla_ihop(x, v),
                    _ => {
                        g.insert(k, v);
                    }
                }
            }
        }
        (g, n) => *g = n,
    }
}

/// A text without the section or insats number it starts with ("1.1 Identifierat behov").
fn utan_inledande_nummer(text: &str) -> String {
    normalisera(text)
        .split(' ')
        .skip_while(|o| o.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a one-cell row is a form's heading: "Föreslagen förändringsinsats 2", or in a
/// tjänsteplan "3 Utveckla område ekonomi" (a number, then the name).
fn ar_formularrubrik(form: &Insatsform, text: &str) -> bool {
    let stam = normalisera(form.rubrik.split("{nr}").next().unwrap_or_default());
    let n = normalisera(text);
    if !stam.is_empty() {
        return n.starts_with(&stam);
    }
    let forsta = n.split(' ').next().unwrap_or_default();
    form.visar_namn() && !forsta.is_empty() && forsta.chars().all(|c| c.is_ascii_digit())
}

fn sokvag(delar: &[&str]) -> String {
    delar
        .iter()
        .filter(|d| !d.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(".")
}

/// A row as (text, merged from above) per grid column.
fn rutnat(t: &Tabell, rad: usize) -> Vec<(String, bool)> {
    let mut ut = Vec::new();
    for c in t.rader.get(rad).map_or(&[][..], Vec::as_slice) {
        ut.push((c.text.clone(), c.sammanslagen_ovan));
        ut.extend(std::iter::repeat_n(
            (String::new(), false),
            c.spann.max(1) - 1,
        ));
    }
    ut
}

fn radtext(rad: &[(String, bool)]) -> String {
    rad.iter()
        .filter(|(c, s)| !ar_tom(c) && !*s)
        .map(|(c, _)| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A table without a template match is named by its first headings.
fn tabellnamn(rader: &[Vec<(String, bool)>]) -> String {
    let rubriker: Vec<String> = rader
        .first()
        .into_iter()
        .flatten()
        .map(|(c, _)| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty())
        .take(3)
        .collect();
    if rubriker.is_empty() {
        "utan rubrikrad".into()
    } else {
        format!("med kolumnerna {}", rubriker.join(", "))
    }
}

/// Which template column each grid column is, and how many heading rows the table has.
struct Kolumnkarta {
    kolumn: Vec<Option<usize>>,
    huvudrader: usize,
    poang: i32,
}

impl Kolumnkarta {
    /// A table's rows need their first column (the tjänst, insats or date) to be found.
    fn nyckel_hittad(&self, kolumner: &[&Falt]) -> bool {
        let behovs = kolumner
            .first()
            .is_some_and(|k| matches!(k.typ, Falttyp::Tjanst | Falttyp::Insats | Falttyp::Datum));
        !behovs || self.kolumn.contains(&Some(0))
    }
}

/// Matches the heading row (or two heading rows, when a spanning heading such as "Påverkan
/// förvaltningskostnad" stands over the year columns) against the template's column labels.
/// The score counts matched columns less unmatched headings and missing printed columns, so
/// that of two tables sharing their first columns the one with exactly these columns wins.
fn matcha_kolumner(kolumner: &[&Falt], rader: &[Vec<(String, bool)>], ar: i32) -> Kolumnkarta {
    let etiketter: Vec<String> = kolumner
        .iter()
        .map(|k| arsetikett(&k.etikett, ar).unwrap_or_else(|_| k.etikett.clone()))
        .collect();
    let mut basta = Kolumnkarta {
        kolumn: Vec::new(),
        huvudrader: 1,
        poang: i32::MIN,
    };
    for huvudrader in 1..=2.min(rader.len()) {
        let bredd = rader[..huvudrader].iter().map(Vec::len).max().unwrap_or(0);
        let mut kolumn = vec![None; bredd];
        let mut anvanda = HashSet::new();
        let mut omatchade = 0;
        for (c, plats) in kolumn.iter_mut().enumerate() {
            let kandidater: Vec<&str> = rader[..huvudrader]
                .iter()
                .rev()
                .filter_map(|r| r.get(c).map(|(t, _)| t.as_str()))
                .filter(|t| !t.trim().is_empty())
                .collect();
            if kandidater.is_empty() {
                continue;
            }
            let traff = kandidater.iter().find_map(|t| {
                etiketter
                    .iter()
                    .enumerate()
                    .find(|(k, e)| !anvanda.contains(k) && etikett_lika(t, e))
                    .map(|(k, _)| k)
            });
            match traff {
                Some(k) => {
                    anvanda.insert(k);
                    *plats = Some(k);
                }
                None => omatchade += 1,
            }
        }
        // The tjänst column is the first one whatever its heading says ("Bastjänst" for "Namn
        // på bastjänst eller infrastrukturtjänst"), once other headings show which table it is.
        let nyckeltyp = kolumner
            .first()
            .is_some_and(|k| matches!(k.typ, Falttyp::Tjanst | Falttyp::Insats));
        if nyckeltyp
            && !anvanda.is_empty()
            && !anvanda.contains(&0)
            && kolumn.first() == Some(&None)
            && rader[..huvudrader]
                .iter()
                .any(|r| r.first().is_some_and(|(t, _)| !t.trim().is_empty()))
        {
            kolumn[0] = Some(0);
            anvanda.insert(0);
            omatchade -= 1;
        }
        let saknade = kolumner
            .iter()
            .enumerate()
            .filter(|(k, f)| !f.utokat && !anvanda.contains(k))
            .count() as i32;
        // A second heading row must add matches, else it is data.
        let matchade = anvanda.len() as i32;
        let poang = matchade * 2 - omatchade - saknade;
        if anvanda.is_empty() {
            continue;
        }
        if poang > basta.poang
            && (huvudrader == 1 || matchade > basta.kolumn.iter().flatten().count() as i32)
        {
            basta = Kolumnkarta {
                kolumn,
                huvudrader,
                poang,
            };
        }
    }
    if basta.poang == i32::MIN {
        basta.poang = 0;
    }
    basta
}

/// Whether a table is the section's insats form: its first column holds at least two of the
/// form's labels, or its first row is the form's heading ("Pågående förändringsinsats 2").
fn ar_formular(form: &Insatsform, rader: &[Vec<(String, bool)>], ar: i32) -> bool {
    let stam = normalisera(form.rubrik.split("{nr}").next().unwrap_or_default());
    let forsta_celler: Vec<&str> = rader
        .iter()
        .filter_map(|r| r.iter().map(|(c, _)| c.as_str()).find(|c| !ar_tom(c)))
        .collect();
    if !stam.is_empty()
        && forsta_celler
            .first()
            .is_some_and(|c| normalisera(c).starts_with(&stam))
    {
        return true;
    }
    let etiketter: Vec<String> = form
        .grupper
        .iter()
        .flat_map(|g| &g.falt)
        .map(|f| arsetikett(&f.etikett, ar).unwrap_or_else(|_| f.etikett.clone()))
        .collect();
    forsta_celler
        .iter()
        .filter(|c| etiketter.iter().any(|e| etikett_lika(c, e)))
        .count()
        >= 2
}

/// The title ("Årlig analys av digital utveckling och förvaltning 2024") and its year.
fn titelns_ar(text: &str, titel: &str) -> Option<Option<i32>> {
    let n = normalisera(text);
    let t = normalisera(titel);
    let rest = n.strip_prefix(&t)?;
    Some(
        rest.split(' ')
            .find_map(|o| o.parse::<i32>().ok().filter(|a| (2000..=2100).contains(a))),
    )
}

/// What the file's title and headings say it is: the kind, its newest template, and the year
/// the title carries.
struct Igenkanning<'m> {
    typ: Dokumenttyp,
    nyaste: &'m Mall,
    titelar: Option<i32>,
}

/// The kind whose title the file carries (with the most of that kind's headings when titles
/// of several match), else the kind with the most headings, if at least two.
fn kand_igen<'m>(
    innehall: &Innehall,
    mallar: &'m Mallbibliotek,
) -> Result<Igenkanning<'m>, OrdimportFel> {
    let mut kandidater = Vec::new();
    for typ in Dokumenttyp::ALLA {
        let Some(nyaste) = mallar
            .iter()
            .filter(|m| m.mall.dokumenttyp.get_ref() == typ.as_str())
            .max_by_key(|m| m.mall.ar)
        else {
            continue;
        };
        let titel = &nyaste.mall.titel;
        let stycken = innehall.block.iter().filter_map(|b| match b {
            Block::Stycke(s) => Some(s.text.as_str()),
            Block::Tabell(_) => None,
        });
        let mut hittad_titel = false;
        let mut titelar = None;
        for text in stycken.chain(innehall.sidhuvuden.iter().map(String::as_str)) {
            if let Some(ar) = titelns_ar(text, titel) {
                hittad_titel = true;
                titelar = titelar.or(ar);
            }
        }
        let prov = Karta::ny(typ, nyaste, titelar.unwrap_or(nyaste.mall.ar));
        let rubriker = innehall
            .block
            .iter()
            .filter(|b| matches!(b, Block::Stycke(s) if prov.rubrik_for(s).is_some()))
            .count();
        kandidater.push((
            hittad_titel,
            rubriker,
            Igenkanning {
                typ,
                nyaste,
                titelar,
            },
        ));
    }
    kandidater
        .into_iter()
        .filter(|(titel, rubriker, _)| *titel || *rubriker >= 2)
        .max_by_key(|(titel, rubriker, _)| (*titel, *rubriker))
        .map(|(_, _, i)| i)
        .ok_or_else(|| {
            let titlar = Dokumenttyp::ALLA
                .iter()
                .map(|t| format!("\"{} <år>\"", t.benamning()))
                .collect::<Vec<_>>()
                .join(", ");
            OrdimportFel::OkantDokument { titlar }
        })
}

pub fn kartlagg(
    innehall: &Innehall,
    mallar: &Mallbibliotek,
    val: &Importval,
    avbrott: &Avbrott,
) -> Result<Ordimport, OrdimportFel> {
    let Igenkanning {
        typ,
        nyaste,
        titelar,
    } = kand_igen(innehall, mallar)?;
    let titel = nyaste.mall.titel.clone();
    let ar = val.analysar.or(titelar);
    let mall = match ar {
        Some(ar) => mallar
            .for_ar(typ.as_str(), ar)
            .ok_or(OrdimportFel::IngenMall {
                slag: typ.benamning().to_lowercase(),
                ar,
            })?,
        None => nyaste,
    };
    let ar = ar.ok_or(OrdimportFel::IngetAr {
        titel: titel.clone(),
    })?;

    let mut k = Karta::ny(typ, mall, ar);
    for (i, b) in innehall.block.iter().enumerate() {
        if i % 256 == 0 {
            avbrott.kontrollera()?;
        }
        match b {
            Block::Stycke(s) => k.stycke(s),
            Block::Tabell(t) => k.tabell(t),
        }
    }
    for not in &innehall.fotnoter {
        k.ej_mappat.push(EjMappat {
            avsnitt: "Fotnoter och slutnoter".to_string(),
            tabell: None,
            rad: None,
            text: not.clone(),
            orsak: "Mallen har inga fotnoter; för in texten i avsnittet den hör till.".to_string(),
        });
    }

    let organisation = val
        .organisation
        .clone()
        .filter(|o| !o.trim().is_empty())
        .or(k.organisation.clone())
        .ok_or(OrdimportFel::IngenOrganisation)?;
    satt(
        &mut k.dok,
        "meta.organisation",
        Value::from(organisation.trim()),
    );
    if typ == Dokumenttyp::ArligAnalys {
        let nycklar: Vec<(TjanstId, String)> = hamta(&k.dok, "fordelningsnycklar.rader")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|r| {
                Some((
                    TjanstId(r.get("tjanst")?.as_str()?.to_string()),
                    r.get("nuvarande")?.as_str()?.to_string(),
                ))
            })
            .collect();
        let katalog = k.katalog.katalog(&nycklar);
        satt(
            &mut k.dok,
            "tjanstekatalog",
            serde_json::to_value(&katalog).unwrap_or(Value::Array(Vec::new())),
        );
    }
    let mut dokument = som_dokument(typ, k.dok.clone())?;
    // A Word file read with the city plan's lists states them, an empty one as none chosen.
    // Only a plan saved before the lists has no list at all, which the app's read matches its
    // old text for (`template::planval`); a Word file is never that.
    if let Dokument::Digitaliseringsplan(plan) = &mut dokument {
        for (val, _) in crate::model::Koppling::VAL_OCH_TEXT {
            if let Some(valda) = plan.koppling.val_mut(val) {
                valda.get_or_insert_with(Vec::new);
            }
        }
    }
    if let Some(b) = crate::model::kontrollera_referenser(&dokument)
        .into_iter()
        .next()
    {
        return Err(OrdimportFel::Ogiltig {
            sokvag: b.sokvag,
            meddelande: b.meddelande,
        });
    }
    let mut anmarkningar = Vec::new();
    if k.katalog.utan_kategori() > 0 {
        anmarkningar.push(format!(
            "Word-filen anger inte kategorin för {} av tjänsterna: de har fått kategorin Bastjänst. Kontrollera dem i tjänstekatalogen.",
            k.katalog.utan_kategori()
        ));
    }
    anmarkningar.push(
        "Fält som den tryckta mallen saknar läses bara där Underlags egen export skrev dem under \"Enligt riktlinjen\"; övriga (till exempel status och tjänsternas kategori) är tomma."
            .to_string(),
    );
    let tjanster = if typ == Dokumenttyp::ArligAnalys {
        format!("{} tjänster i tjänstekatalogen, ", k.katalog.antal())
    } else {
        String::new()
    };
    let rapport = Importrapport {
        sammanfattning: format!(
            "{} {ar} för {} (mall {}): {tjanster}{} rader i versionshanteringen.",
            typ.benamning(),
            dokument.organisation(),
            mall.mall.id,
            k.versioner
        ),
        organisation: dokument.organisation().to_string(),
        analysar: ar,
        mall: mall.mall.id.clone(),
        tjanster: k.katalog.antal() as u32,
        versioner: k.versioner,
        avsnitt: k.rapporter.into_iter().map(|(_, r)| r).collect(),
        ej_mappat: k.ej_mappat,
        anmarkningar,
        fil_sha256: String::new(),
    };
    Ok(Ordimport { dokument, rapport })
}

/// The mapped JSON as a document of `typ`; a field that does not fit is named by its path.
fn som_dokument(typ: Dokumenttyp, v: Value) -> Result<Dokument, OrdimportFel> {
    fn las<T: serde::de::DeserializeOwned>(v: Value) -> Result<Box<T>, OrdimportFel> {
        serde_path_to_error::deserialize::<_, T>(v)
            .map(Box::new)
            .map_err(|e| OrdimportFel::Ogiltig {
                sokvag: e.path().to_string(),
                meddelande: e.into_inner().to_string(),
            })
    }
    Ok(match typ {
        Dokumenttyp::ArligAnalys => Dokument::ArligAnalys(las(v)?),
        Dokumenttyp::Tjansteplan => Dokument::Tjansteplan(las(v)?),
        Dokumenttyp::Digitaliseringsplan => Dokument::Digitaliseringsplan(las(v)?),
    })
}
