//! The user guide: Markdown pages in `docs/hjalp/`, compiled into the program so the app's
//! Hjälp view, its search and F1, and `underlag help <ämne>` all show one text. Each heading
//! gets an anchor: a heading that starts with a section number ("2.2 Föreslagna …") gets
//! `hjalp-avsnitt-2-2`, so F1 in section 2.2 opens the kind's page there.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use thiserror::Error;

use crate::model::Dokumenttyp;

/// The pages in the order the guide lists them: (id, Markdown). The first heading is the title.
const SIDOR: [(&str, &str); 10] = [
    ("kom-igang", include_str!("../docs/hjalp/kom-igang.md")),
    (
        "arlig-analys",
        include_str!("../docs/hjalp/arlig-analys.md"),
    ),
    ("tjansteplan", include_str!("../docs/hjalp/tjansteplan.md")),
    (
        "digitaliseringsplan",
        include_str!("../docs/hjalp/digitaliseringsplan.md"),
    ),
    ("exportera", include_str!("../docs/hjalp/exportera.md")),
    ("versioner", include_str!("../docs/hjalp/versioner.md")),
    ("sammanfoga", include_str!("../docs/hjalp/sammanfoga.md")),
    (
        "sakerhetskopior",
        include_str!("../docs/hjalp/sakerhetskopior.md"),
    ),
    (
        "kortkommandon",
        include_str!("../docs/hjalp/kortkommandon.md"),
    ),
    (
        "tillganglighet",
        include_str!("../docs/hjalp/tillganglighet.md"),
    ),
];

/// How many hits a search returns at most; the rest are counted.
const STORSTA_ANTAL_TRAFFAR: usize = 20;

#[derive(Debug, Error, PartialEq)]
pub enum HjalpFel {
    #[error("Det finns ingen hjälpsida som heter \"{amne}\". Sidorna är: {sidor}.")]
    OkandSida { amne: String, sidor: String },
}

/// A page of the guide as the list and the CLI name it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Hjalpsida {
    pub id: String,
    pub titel: String,
}

/// A page ready to show: its HTML (from the repo's own Markdown, so trusted) and its headings.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct VisadHjalpsida {
    pub id: String,
    pub titel: String,
    pub html: String,
    pub rubriker: Vec<Hjalprubrik>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Hjalprubrik {
    pub ankare: String,
    pub text: String,
    pub niva: u8,
}

/// One part of a page (the text under one heading) that matches a search.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Hjalptraff {
    pub sida: String,
    pub sidtitel: String,
    pub ankare: String,
    pub rubrik: String,
    /// A few words around the first match, as plain text.
    pub utdrag: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Hjalpsok {
    pub traffar: Vec<Hjalptraff>,
    /// Matching parts beyond the ones returned.
    pub fler: usize,
    /// Said when there is nothing to show, with what to try instead.
    pub meddelande: Option<String>,
}

/// Where F1 leads: a page and, when the page has one, the heading of the place.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Hjalpplats {
    pub sida: String,
    pub ankare: Option<String>,
}

/// Every page, in the guide's order.
pub fn sidor() -> Vec<Hjalpsida> {
    SIDOR
        .iter()
        .map(|(id, text)| Hjalpsida {
            id: (*id).to_string(),
            titel: titel(text),
        })
        .collect()
}

/// The page's Markdown source, found by id or title ("Årlig analys" finds `arlig-analys`).
pub fn markdown(amne: &str) -> Result<&'static str, HjalpFel> {
    let sokt = nyckel(amne);
    SIDOR
        .iter()
        .find(|(id, text)| nyckel(id) == sokt || nyckel(&titel(text)) == sokt)
        .map(|(_, text)| *text)
        .ok_or_else(|| HjalpFel::OkandSida {
            amne: amne.trim().to_string(),
            sidor: SIDOR
                .iter()
                .map(|(id, _)| *id)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The page as HTML with an anchor on every heading.
pub fn visa(amne: &str) -> Result<VisadHjalpsida, HjalpFel> {
    let text = markdown(amne)?;
    let id = SIDOR
        .iter()
        .find(|(_, t)| *t == text)
        .map(|(id, _)| (*id).to_string())
        .unwrap_or_default();
    let (handelser, rubriker) = med_ankare(text);
    let mut utdata = String::new();
    html::push_html(&mut utdata, handelser.into_iter());
    Ok(VisadHjalpsida {
        id,
        titel: titel(text),
        html: utdata,
        rubriker,
    })
}

/// The parts of the guide that hold every word of `fraga` (in any case, any order), the parts
/// whose heading holds them first.
pub fn sok(fraga: &str) -> Hjalpsok {
    let ord: Vec<String> = fraga.split_whitespace().map(str::to_lowercase).collect();
    if ord.is_empty() {
        return Hjalpsok {
            traffar: Vec::new(),
            fler: 0,
            meddelande: Some("Skriv ett eller flera ord att söka efter.".into()),
        };
    }
    let mut traffar: Vec<(bool, Hjalptraff)> = Vec::new();
    for (id, text) in SIDOR {
        let sidtitel = titel(text);
        for del in delar(text) {
            let rubrik = del.rubrik.to_lowercase();
            let brodtext = del.text.to_lowercase();
            if !ord
                .iter()
                .all(|o| rubrik.contains(o.as_str()) || brodtext.contains(o.as_str()))
            {
                continue;
            }
            let i_rubriken = ord.iter().all(|o| rubrik.contains(o.as_str()));
            traffar.push((
                i_rubriken,
                Hjalptraff {
                    sida: id.to_string(),
                    sidtitel: sidtitel.clone(),
                    ankare: del.ankare,
                    rubrik: del.rubrik,
                    utdrag: utdrag(&del.text, &ord[0]),
                },
            ));
        }
    }
    // Stable: within each group the guide's own order.
    traffar.sort_by_key(|(i_rubriken, _)| !*i_rubriken);
    let fler = traffar.len().saturating_sub(STORSTA_ANTAL_TRAFFAR);
    let traffar: Vec<Hjalptraff> = traffar
        .into_iter()
        .take(STORSTA_ANTAL_TRAFFAR)
        .map(|(_, t)| t)
        .collect();
    let meddelande = traffar.is_empty().then(|| {
        format!(
            "Inga träffar för \"{}\". Prova ett annat ord, till exempel ett avsnittsnummer (2.2), \
             ett fältnamn eller \"export\", eller bläddra bland sidorna.",
            fraga.trim()
        )
    });
    Hjalpsok {
        traffar,
        fler,
        meddelande,
    }
}

/// The page and heading for where the user is: a section of a document kind ("2.2"), or one of
/// the document's other views ("versioner", "export", "nasta-ar", "katalog", "meta"), or none
/// (the start page).
pub fn plats(typ: Option<Dokumenttyp>, vy: &str) -> Hjalpplats {
    let sida = match (typ, vy) {
        (_, "versioner") => "versioner",
        (_, "export") => "exportera",
        (_, "sammanfoga") => "sammanfoga",
        (_, "sakerhetskopior") => "sakerhetskopior",
        (Some(typ), _) => typ.as_str(),
        (None, _) => "kom-igang",
    };
    let text = SIDOR
        .iter()
        .find(|(id, _)| *id == sida)
        .map(|(_, t)| *t)
        .unwrap_or_default();
    let sokt = match vy {
        "nasta-ar" => ankare("Nästa års analys"),
        "katalog" => ankare("Tjänstekatalogen"),
        "meta" => ankare("Dokumentinformation"),
        nummer if ar_avsnittsnummer(nummer) => avsnittsankare(nummer),
        _ => String::new(),
    };
    let (_, rubriker) = med_ankare(text);
    Hjalpplats {
        sida: sida.to_string(),
        ankare: rubriker
            .into_iter()
            .map(|r| r.ankare)
            .find(|a| !sokt.is_empty() && *a == sokt),
    }
}

/// The first heading's text.
fn titel(markdown: &str) -> String {
    markdown
        .lines()
        .find_map(|rad| rad.strip_prefix("# "))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// An id or title in one form: lower case, å/ä→a, ö→o, runs of anything else as one dash.
fn nyckel(text: &str) -> String {
    let mut ut = String::new();
    for c in text.trim().to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ó' => 'o',
            'é' | 'è' => 'e',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            ut.push(c);
        } else if !ut.ends_with('-') && !ut.is_empty() {
            ut.push('-');
        }
    }
    ut.trim_end_matches('-').to_string()
}

/// "2", "2.2", "3.1.4": the template's numbering, whose parts are never over two digits (so a
/// year is not one).
fn ar_avsnittsnummer(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('.')
            .all(|del| (1..=2).contains(&del.len()) && del.chars().all(|c| c.is_ascii_digit()))
}

fn avsnittsankare(nummer: &str) -> String {
    format!("hjalp-avsnitt-{}", nummer.replace('.', "-"))
}

/// A heading's anchor: `hjalp-avsnitt-2-2` for one that starts with a section number, else its
/// text as a key. The prefix keeps the guide's ids apart from the app's own when the guide is
/// shown over a document.
fn ankare(rubrik: &str) -> String {
    match rubrik.split_whitespace().next() {
        Some(forsta) if ar_avsnittsnummer(forsta.trim_end_matches('.')) => {
            avsnittsankare(forsta.trim_end_matches('.'))
        }
        _ => format!("hjalp-{}", nyckel(rubrik)),
    }
}

fn niva(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The page's events with an id on every heading, and its headings.
fn med_ankare(markdown: &str) -> (Vec<Event<'_>>, Vec<Hjalprubrik>) {
    let mut handelser: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES).collect();
    let mut rubriker = Vec::new();
    let mut i = 0;
    while i < handelser.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &handelser[i] {
            let level = *level;
            let text: String = handelser[i + 1..]
                .iter()
                .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let id = ankare(&text);
            if let Event::Start(Tag::Heading { id: plats, .. }) = &mut handelser[i] {
                *plats = Some(CowStr::from(id.clone()));
            }
            rubriker.push(Hjalprubrik {
                ankare: id,
                text,
                niva: niva(level),
            });
        }
        i += 1;
    }
    (handelser, rubriker)
}

/// The text under one heading, as plain text.
struct Del {
    ankare: String,
    rubrik: String,
    text: String,
}

fn delar(markdown: &str) -> Vec<Del> {
    let (handelser, _) = med_ankare(markdown);
    let mut delar: Vec<Del> = Vec::new();
    let mut i_rubrik = false;
    for handelse in handelser {
        match handelse {
            Event::Start(Tag::Heading { id, .. }) => {
                i_rubrik = true;
                delar.push(Del {
                    ankare: id.map(|i| i.to_string()).unwrap_or_default(),
                    rubrik: String::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => i_rubrik = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some(del) = delar.last_mut() {
                    if i_rubrik {
                        del.rubrik.push_str(&t);
                    } else {
                        del.text.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                if let Some(del) = delar.last_mut()
                    && !i_rubrik
                    && !del.text.ends_with(' ')
                {
                    del.text.push(' ');
                }
            }
            _ => {}
        }
    }
    delar
}

/// About a dozen words of `text` around the first place `ord` occurs (lower-cased already).
fn utdrag(text: &str, ord: &str) -> String {
    let orden: Vec<&str> = text.split_whitespace().collect();
    let traff = orden
        .iter()
        .position(|o| o.to_lowercase().contains(ord))
        .unwrap_or(0);
    let borjan = traff.saturating_sub(5);
    let slut = (traff + 8).min(orden.len());
    let mut utdrag = orden[borjan..slut].join(" ");
    if borjan > 0 {
        utdrag.insert_str(0, "… ");
    }
    if slut < orden.len() {
        utdrag.push_str(" …");
    }
    utdrag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_that_starts_with_a_section_number_is_anchored_by_it() {
        assert_eq!(
            ankare("2.2 Föreslagna förändringsinsatser"),
            "hjalp-avsnitt-2-2"
        );
        assert_eq!(ankare("3. Budget"), "hjalp-avsnitt-3");
        assert_eq!(ankare("Nästa års analys"), "hjalp-nasta-ars-analys");
        assert_eq!(ankare("2024 års mall"), "hjalp-2024-ars-mall");
    }

    #[test]
    fn f1_leads_to_the_kinds_page_at_the_section_or_the_view() {
        let analys = plats_for(Dokumenttyp::ArligAnalys, "2.2");
        assert_eq!(analys.sida, "arlig-analys");
        assert_eq!(analys.ankare.as_deref(), Some("hjalp-avsnitt-2-2"));
        let plan = plats_for(Dokumenttyp::Digitaliseringsplan, "3.1");
        assert_eq!(plan.ankare.as_deref(), Some("hjalp-avsnitt-3-1"));
        assert_eq!(
            plats_for(Dokumenttyp::Tjansteplan, "versioner").sida,
            "versioner"
        );
        assert_eq!(
            plats_for(Dokumenttyp::ArligAnalys, "nasta-ar")
                .ankare
                .as_deref(),
            Some("hjalp-nasta-ars-analys")
        );
        // A section the page does not describe opens the page at its top.
        assert_eq!(plats_for(Dokumenttyp::Tjansteplan, "9.9").ankare, None);
        assert_eq!(plats(None, "").sida, "kom-igang");
    }

    fn plats_for(typ: Dokumenttyp, vy: &str) -> Hjalpplats {
        plats(Some(typ), vy)
    }

    #[test]
    fn every_section_of_every_kinds_template_has_its_place_in_the_guide() {
        let mallar = crate::template::Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
        for typ in Dokumenttyp::ALLA {
            let mall = mallar
                .for_ar(typ.as_str(), 2024)
                .unwrap_or_else(|| panic!("{typ:?}"));
            for avsnitt in &mall.avsnitt {
                let nummer = avsnitt.nummer.get_ref();
                assert!(
                    plats(Some(typ), nummer).ankare.is_some(),
                    "{typ:?} {nummer} {}",
                    avsnitt.rubrik
                );
            }
        }
    }

    #[test]
    fn a_search_finds_every_word_and_says_so_when_nothing_matches() {
        let svar = sok("avsteg beslutsdatum");
        assert!(svar.meddelande.is_none());
        assert!(
            svar.traffar
                .iter()
                .any(|t| t.sida == "arlig-analys" && t.ankare == "hjalp-avsnitt-1-2"),
            "{svar:?}"
        );
        assert!(svar.traffar.iter().all(|t| {
            let text = format!("{} {}", t.rubrik, t.utdrag).to_lowercase();
            text.contains("avsteg") || text.contains("beslutsdatum")
        }));
        // A heading that holds the words comes first.
        assert_eq!(sok("kortkommandon").traffar[0].sida, "kortkommandon");
        let inget = sok("zxqv");
        assert!(inget.traffar.is_empty());
        assert!(
            inget
                .meddelande
                .as_deref()
                .is_some_and(|m| m.contains("Inga träffar för \"zxqv\"")),
            "{inget:?}"
        );
        assert!(sok("   ").meddelande.is_some());
    }

    #[test]
    fn a_page_is_html_with_an_anchor_on_every_heading() {
        let sida = visa("tillganglighet").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sida.titel, "Tillgänglighetsredogörelse");
        assert!(
            sida.html
                .contains(r#"<h2 id="hjalp-vad-vi-har-testat">Vad vi har testat</h2>"#),
            "{}",
            sida.html
        );
        assert!(
            sida.rubriker
                .iter()
                .all(|r| sida.html.contains(&format!("id=\"{}\"", r.ankare)))
        );
    }

    #[test]
    fn an_id_or_a_title_finds_the_page() {
        assert!(markdown("arlig-analys").is_ok());
        assert_eq!(markdown("Årlig analys").ok(), markdown("arlig-analys").ok());
        let fel = markdown("finns-inte").unwrap_err();
        assert!(fel.to_string().contains("kom-igang, arlig-analys"), "{fel}");
    }
}
