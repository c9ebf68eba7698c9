//! The portfolio's charts. Each chart is drawn by one function over any plotters backend, so the
//! SVG the UI shows and the PNG in the Word export are the same drawing. Text is measured and
//! drawn with the DejaVu Sans embedded in the binary (`TYPSNITT`, a subset made by
//! scripts/typsnitt), registered as plotters' "sans-serif": no system font is assumed. plotters' SVG backend escapes every text it writes
//! (`<`, `>`, `&`, quotes), so user texts reach the SVG as text, never as markup.
//!
//! Every chart also carries its Swedish alt text (what it shows and its largest values) and its
//! whole data as a table, which the UI shows as the accessible alternative and the exports
//! print beside the image. The drawing shows at most `STORST_ANTAL` bars or lines and
//! `BUBBLOR_ANTAL` labelled bubbles; the rest is one "Övriga" entry, the table lists everything.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use serde::Serialize;
use ts_rs::TS;

use super::{Portfolj, Summapost};
use crate::belopp::{formatera_heltal, formatera_tkr};
use crate::model::Kronor;

/// Pixels of every chart; the Word export scales the PNG to the text width.
pub const BREDD: u32 = 960;
pub const HOJD: u32 = 560;
pub const STORST_ANTAL: usize = 10;
pub const BUBBLOR_ANTAL: usize = 15;
pub const OVRIGA: &str = "Övriga";

/// Colour-blind safe (Okabe–Ito), then greys.
const FARGER: [RGBColor; 9] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
    RGBColor(120, 120, 120),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Datatabell {
    pub kolumner: Vec<String>,
    pub rader: Vec<Vec<String>>,
}

impl Datatabell {
    pub fn ny(kolumner: &[&str], rader: impl IntoIterator<Item = Vec<String>>) -> Datatabell {
        Datatabell {
            kolumner: kolumner.iter().map(|k| k.to_string()).collect(),
            rader: rader.into_iter().collect(),
        }
    }

    /// Totals by label (`Summapost`s): the label under `kolumn`, the projektbudget, the count.
    pub fn summor<'a>(kolumn: &str, poster: impl IntoIterator<Item = &'a Summapost>) -> Datatabell {
        Datatabell::ny(
            &[kolumn, "Projektbudget", "Antal insatser"],
            poster.into_iter().map(|p| {
                vec![
                    p.etikett.clone(),
                    p.belopp.visning.clone(),
                    p.antal.to_string(),
                ]
            }),
        )
    }
}

/// A chart as the UI gets it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Diagramvy {
    /// "pios-matris", "per-bastjanst", "per-leverantor", "kostnadsutveckling"
    pub id: String,
    pub titel: String,
    pub alt_text: String,
    pub svg: String,
    pub tabell: Datatabell,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Diagrammet \"{titel}\" kunde inte ritas: {orsak}")]
pub struct Diagramfel {
    pub titel: String,
    pub orsak: String,
}

/// (year, amount) points of one line.
type Serie = Vec<(i32, Kronor)>;

#[derive(Debug, Clone, PartialEq)]
enum Ritning {
    /// Horizontal bars, amounts in kronor.
    Staplar {
        axel: String,
        poster: Vec<(String, Kronor)>,
    },
    Linjer {
        serier: Vec<(String, Vec<(i32, Kronor)>)>,
    },
    Bubblor {
        /// (number shown, column, row, projektbudget)
        bubblor: Vec<(String, u8, u8, Kronor)>,
    },
}

/// A chart before it is drawn: what it shows, its alt text and its table.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub id: &'static str,
    pub titel: String,
    pub alt_text: String,
    pub tabell: Datatabell,
    ritning: Ritning,
}

/// The four charts of a portfolio, in the order the view shows them.
pub fn diagram(p: &Portfolj) -> Vec<Diagram> {
    vec![
        matris(p),
        staplar(
            "per-bastjanst",
            "Projektbudget per bastjänst",
            "bastjänst",
            "Bastjänst",
            &p.summor.per_bastjanst,
        ),
        staplar(
            "per-leverantor",
            "Projektbudget per leverantör",
            "leverantör",
            "Leverantör",
            &p.summor.per_leverantor,
        ),
        kostnadsutveckling(p),
    ]
}

/// Every chart as SVG with its alt text and table. A chart that cannot be drawn (which only a
/// plotters fault could cause) keeps its table and says so in place of the image.
pub fn alla_svg(p: &Portfolj) -> Vec<Diagramvy> {
    diagram(p)
        .into_iter()
        .map(|d| {
            let svg = svg(&d).unwrap_or_default();
            Diagramvy {
                id: d.id.to_string(),
                titel: d.titel,
                alt_text: d.alt_text,
                svg,
                tabell: d.tabell,
            }
        })
        .collect()
}

/// DejaVu Sans 2.37, cut down to the scripts Swedish municipal text uses (Latin, Greek,
/// Cyrillic, punctuation, currency, arrows, operators, shapes) by `scripts/typsnitt`: embedded,
/// so no system font is assumed, at a fifth of the whole font's size.
pub const TYPSNITT: &[u8] = include_bytes!("../../assets/typsnitt/DejaVuSans-urval.ttf");
pub const TYPSNITT_FETSTIL: &[u8] =
    include_bytes!("../../assets/typsnitt/DejaVuSans-Bold-urval.ttf");

fn typsnitt() {
    static REGISTRERAT: OnceLock<()> = OnceLock::new();
    REGISTRERAT.get_or_init(|| {
        // The fonts are valid TrueType; were they not, text would be missing, not the chart,
        // and the tests that read the SVG text and check the fonts' coverage would fail.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, TYPSNITT);
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, TYPSNITT_FETSTIL);
    });
}

pub fn svg(d: &Diagram) -> Result<String, Diagramfel> {
    typsnitt();
    let mut ut = String::new();
    {
        let rot = SVGBackend::with_string(&mut ut, (BREDD, HOJD)).into_drawing_area();
        rita(d, &rot).map_err(|orsak| Diagramfel {
            titel: d.titel.clone(),
            orsak,
        })?;
    }
    Ok(ut)
}

pub fn png(d: &Diagram) -> Result<Vec<u8>, Diagramfel> {
    typsnitt();
    let fel = |orsak: String| Diagramfel {
        titel: d.titel.clone(),
        orsak,
    };
    let mut pixlar = vec![0u8; (BREDD * HOJD * 3) as usize];
    {
        let backend = BitMapBackend::<plotters::backend::RGBPixel>::with_buffer_and_format(
            &mut pixlar,
            (BREDD, HOJD),
        )
        .map_err(|e| fel(e.to_string()))?;
        let rot = backend.into_drawing_area();
        rita(d, &rot).map_err(fel)?;
    }
    let bild = image::RgbImage::from_raw(BREDD, HOJD, pixlar)
        .ok_or_else(|| fel("bildbufferten har fel storlek".to_string()))?;
    let mut png = std::io::Cursor::new(Vec::new());
    bild.write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| fel(e.to_string()))?;
    Ok(png.into_inner())
}

fn tkr_axel(v: f64) -> String {
    formatera_heltal(v.round() as i64)
}

/// Long labels shortened in the middle for the axis, so that the owner at the end ("… (Intraservice)")
/// still tells two equal names apart; the table keeps them whole.
fn kort(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        return text.to_string();
    }
    let borjan = max * 3 / 5;
    let slut = max.saturating_sub(borjan + 1);
    let mut s: String = text.chars().take(borjan).collect();
    s.push('…');
    s.extend(text.chars().skip(n - slut));
    s
}

/// "A 12 000 tkr, B 8 000 tkr och C 5 000 tkr"
fn uppraknat(delar: &[String]) -> String {
    match delar {
        [] => String::new(),
        [en] => en.clone(),
        [forsta @ .., sista] => format!("{} och {sista}", forsta.join(", ")),
    }
}

fn staplar(
    id: &'static str,
    titel: &str,
    vad: &str,
    kolumn: &str,
    poster: &[Summapost],
) -> Diagram {
    let med_belopp: Vec<(String, Kronor)> = poster
        .iter()
        .filter_map(|p| p.belopp.kronor.map(|k| (p.etikett.clone(), k)))
        .collect();
    let mut visade: Vec<(String, Kronor)> = med_belopp.iter().take(STORST_ANTAL).cloned().collect();
    if med_belopp.len() > STORST_ANTAL {
        let rest: Kronor = med_belopp[STORST_ANTAL..].iter().map(|(_, k)| *k).sum();
        visade.push((
            format!("{OVRIGA} ({} st)", med_belopp.len() - STORST_ANTAL),
            rest,
        ));
    }
    let alt_text = if med_belopp.is_empty() {
        format!(
            "Liggande stapeldiagram över projektbudget per {vad}. Urvalet har ingen insats med angiven projektbudget."
        )
    } else {
        let storst: Vec<String> = med_belopp
            .iter()
            .take(3)
            .map(|(e, k)| format!("{e} {}", formatera_tkr(*k)))
            .collect();
        let totalt: Kronor = med_belopp.iter().map(|(_, k)| *k).sum();
        format!(
            "Liggande stapeldiagram över projektbudget per {vad}, i tkr, {} staplar. Störst: {}. Sammanlagt {}.",
            med_belopp.len(),
            uppraknat(&storst),
            formatera_tkr(totalt)
        )
    };
    Diagram {
        id,
        titel: titel.to_string(),
        alt_text,
        tabell: Datatabell::summor(kolumn, poster),
        ritning: Ritning::Staplar {
            axel: "Projektbudget (tkr)".to_string(),
            poster: visade,
        },
    }
}

fn matris(p: &Portfolj) -> Diagram {
    let mut punkter: Vec<&super::Matrispunkt> = p.matris.iter().collect();
    punkter.sort_by_key(|m| std::cmp::Reverse(m.projektbudget.kronor));
    let mut bubblor: Vec<(String, u8, u8, Kronor)> = punkter
        .iter()
        .take(BUBBLOR_ANTAL)
        .enumerate()
        .map(|(n, m)| {
            (
                (n + 1).to_string(),
                m.kolumn,
                m.rad,
                m.projektbudget.kronor.unwrap_or_default(),
            )
        })
        .collect();
    // The rest: one bubble per cell, its size their sum.
    let mut ovriga: std::collections::BTreeMap<(u8, u8), (usize, Kronor)> = Default::default();
    for m in punkter.iter().skip(BUBBLOR_ANTAL) {
        let post = ovriga.entry((m.kolumn, m.rad)).or_default();
        post.0 += 1;
        post.1 += m.projektbudget.kronor.unwrap_or_default();
    }
    for ((k, r), (antal, summa)) in ovriga {
        bubblor.push((format!("{OVRIGA} ({antal})"), k, r, summa));
    }

    let mut celler: std::collections::BTreeMap<(u8, u8), (usize, &str, &str)> = Default::default();
    for m in &punkter {
        let c = celler.entry((m.kolumn, m.rad)).or_insert((
            0,
            m.intern_extern.as_str(),
            m.effektivitet_innovation.as_str(),
        ));
        c.0 += 1;
    }
    let utanfor = if p.utanfor_matris > 0 {
        format!(
            " {} föreslagna insatser saknar intern–extern eller effektivitet–innovation och visas inte.",
            p.utanfor_matris
        )
    } else {
        String::new()
    };
    let alt_text = if punkter.is_empty() {
        format!(
            "Bubbeldiagram (PIOS-matris) över föreslagna insatser efter intern–extern nytta och effektivitet–innovation. Urvalet har ingen insats med båda angivna.{utanfor}"
        )
    } else {
        let mut flest: Vec<_> = celler.values().collect();
        flest.sort_by_key(|c| std::cmp::Reverse(c.0));
        let flest = flest
            .first()
            .map(|(n, ie, ei)| format!(" Flest ligger i {ie} / {ei} ({n} st)."))
            .unwrap_or_default();
        let storst: Vec<String> = punkter
            .iter()
            .take(3)
            .map(|m| {
                format!(
                    "{} ({}) {}",
                    m.namn,
                    m.leverantor,
                    if m.projektbudget.visning.is_empty() {
                        "utan belopp".to_string()
                    } else {
                        m.projektbudget.visning.clone()
                    }
                )
            })
            .collect();
        format!(
            "Bubbeldiagram (PIOS-matris) med {} föreslagna insatser: vågrätt intern–extern nytta, lodrätt effektivitet–innovation, bubblans storlek är projektbudgeten.{flest} Störst: {}.{utanfor}",
            punkter.len(),
            uppraknat(&storst)
        )
    };
    Diagram {
        id: "pios-matris",
        titel: "PIOS-matris: intern–extern och effektivitet–innovation".to_string(),
        alt_text,
        tabell: Datatabell::ny(
            &[
                "Nr",
                "Insats",
                "Leverantör",
                "Analysår",
                "Intern–extern",
                "Effektivitet–innovation",
                "Projektbudget",
            ],
            punkter.iter().enumerate().map(|(n, m)| {
                vec![
                    if n < BUBBLOR_ANTAL {
                        (n + 1).to_string()
                    } else {
                        OVRIGA.to_string()
                    },
                    m.namn.clone(),
                    m.leverantor.clone(),
                    m.analysar.to_string(),
                    m.intern_extern.clone(),
                    m.effektivitet_innovation.clone(),
                    m.projektbudget.visning.clone(),
                ]
            }),
        ),
        ritning: Ritning::Bubblor { bubblor },
    }
}

fn kostnadsutveckling(p: &Portfolj) -> Diagram {
    let mut serier: Vec<(String, Serie, Kronor)> = p
        .kostnadsutveckling
        .iter()
        .map(|s| {
            let punkter: Vec<(i32, Kronor)> = s
                .punkter
                .iter()
                .filter_map(|q| q.belopp.kronor.map(|k| (q.ar, k)))
                .collect();
            let summa = punkter.iter().map(|(_, k)| *k).sum();
            (s.bastjanst.clone(), punkter, summa)
        })
        .collect();
    serier.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let mut visade: Vec<(String, Vec<(i32, Kronor)>)> = serier
        .iter()
        .take(STORST_ANTAL.min(6))
        .map(|(e, p, _)| (e.clone(), p.clone()))
        .collect();
    if serier.len() > visade.len() {
        let mut per_ar: std::collections::BTreeMap<i32, Kronor> = Default::default();
        for (_, punkter, _) in serier.iter().skip(visade.len()) {
            for (ar, k) in punkter {
                *per_ar.entry(*ar).or_default() += *k;
            }
        }
        visade.push((
            format!("{OVRIGA} ({} st)", serier.len() - visade.len()),
            per_ar.into_iter().collect(),
        ));
    }
    let ar: Vec<i32> = p
        .kostnadsutveckling
        .iter()
        .flat_map(|s| s.punkter.iter().map(|q| q.ar))
        .collect();
    let alt_text = match (ar.iter().min(), ar.iter().max()) {
        (Some(forsta), Some(sista)) => {
            let mut hogst: Vec<(&str, i32, Kronor)> = serier
                .iter()
                .flat_map(|(e, p, _)| p.iter().map(move |(a, k)| (e.as_str(), *a, *k)))
                .collect();
            hogst.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
            let hogst: Vec<String> = hogst
                .iter()
                .take(3)
                .map(|(e, a, k)| format!("{e} {a} {}", formatera_tkr(*k)))
                .collect();
            format!(
                "Linjediagram över kostnad per bastjänst (förvaltning och utveckling ur avsnitt 3.1, tkr) år {forsta}–{sista}, {} bastjänster. Högst: {}.",
                serier.len(),
                uppraknat(&hogst)
            )
        }
        _ => "Linjediagram över kostnad per bastjänst. Urvalets analyser har inga kostnader i avsnitt 3.1.".to_string(),
    };
    Diagram {
        id: "kostnadsutveckling",
        titel: "Kostnadsutveckling per bastjänst".to_string(),
        alt_text,
        tabell: Datatabell::ny(
            &["Bastjänst", "År", "Kostnad", "Slag", "Ur analys"],
            p.kostnadsutveckling.iter().flat_map(|s| {
                s.punkter.iter().map(|q| {
                    vec![
                        s.bastjanst.clone(),
                        q.ar.to_string(),
                        q.belopp.visning.clone(),
                        q.slag.benamning().to_string(),
                        format!("{} {}", q.leverantor, q.analysar),
                    ]
                })
            }),
        ),
        ritning: Ritning::Linjer { serier: visade },
    }
}

type Ritresultat = Result<(), String>;

fn rita<DB: DrawingBackend>(d: &Diagram, rot: &DrawingArea<DB, Shift>) -> Ritresultat {
    let f = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    rot.fill(&WHITE).map_err(f)?;
    match &d.ritning {
        Ritning::Staplar { axel, poster } => rita_staplar(&d.titel, axel, poster, rot)?,
        Ritning::Linjer { serier } => rita_linjer(&d.titel, serier, rot)?,
        Ritning::Bubblor { bubblor } => rita_bubblor(&d.titel, bubblor, rot)?,
    }
    rot.present().map_err(f)
}

fn tomt<DB: DrawingBackend>(titel: &str, rot: &DrawingArea<DB, Shift>) -> Ritresultat {
    let f = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let rubrik = rot.titled(titel, ("sans-serif", 24)).map_err(f)?;
    rubrik
        .draw(&Text::new(
            "Inga uppgifter i urvalet",
            (40, 40),
            ("sans-serif", 18),
        ))
        .map_err(f)
}

fn rita_staplar<DB: DrawingBackend>(
    titel: &str,
    axel: &str,
    poster: &[(String, Kronor)],
    rot: &DrawingArea<DB, Shift>,
) -> Ritresultat {
    let f = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    if poster.is_empty() {
        return tomt(titel, rot);
    }
    let max = poster.iter().map(|(_, k)| k.tkr()).fold(0.0, f64::max);
    let min = poster.iter().map(|(_, k)| k.tkr()).fold(0.0, f64::min);
    let marginal = ((max - min).abs() * 0.16).max(1.0);
    let n = poster.len();
    let etiketter: Vec<String> = poster.iter().map(|(e, _)| kort(e, 44)).collect();
    let mut chart = ChartBuilder::on(rot)
        .caption(titel, ("sans-serif", 24))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(330)
        .build_cartesian_2d(
            (min - if min < 0.0 { marginal } else { 0.0 })..(max + marginal),
            -0.5f64..(n as f64 - 0.5),
        )
        .map_err(f)?;
    let radetikett = |v: &f64| {
        let i = v.round();
        if (v - i).abs() > 0.01 || i < 0.0 {
            return String::new();
        }
        // The largest bar at the top.
        etiketter
            .get(n.saturating_sub(1).saturating_sub(i as usize))
            .cloned()
            .filter(|_| (i as usize) < n)
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .y_labels(n)
        .y_label_formatter(&radetikett)
        .x_label_formatter(&|v| tkr_axel(*v))
        .x_desc(axel)
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 16))
        .draw()
        .map_err(f)?;
    chart
        .draw_series(poster.iter().enumerate().map(|(i, (_, k))| {
            let y = (n - 1 - i) as f64;
            Rectangle::new([(0.0, y - 0.35), (k.tkr(), y + 0.35)], FARGER[0].filled())
        }))
        .map_err(f)?;
    chart
        .draw_series(poster.iter().enumerate().map(|(i, (_, k))| {
            let y = (n - 1 - i) as f64;
            Text::new(
                formatera_tkr(*k),
                (k.tkr().max(0.0), y + 0.15),
                ("sans-serif", 13),
            )
        }))
        .map_err(f)?;
    Ok(())
}

fn rita_linjer<DB: DrawingBackend>(
    titel: &str,
    serier: &[(String, Vec<(i32, Kronor)>)],
    rot: &DrawingArea<DB, Shift>,
) -> Ritresultat {
    let f = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let ar: Vec<i32> = serier
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(a, _)| *a))
        .collect();
    let (Some(&forsta), Some(&sista)) = (ar.iter().min(), ar.iter().max()) else {
        return tomt(titel, rot);
    };
    let varden = serier
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(_, k)| k.tkr()));
    let max = varden.clone().fold(0.0, f64::max);
    let min = varden.fold(0.0, f64::min);
    let marginal = ((max - min).abs() * 0.08).max(1.0);
    // The legend has a column of its own, so it never covers a line.
    let (diagramyta, forklaring) = rot.split_horizontally(BREDD * 64 / 100);
    let mut chart = ChartBuilder::on(&diagramyta)
        .caption(titel, ("sans-serif", 24))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(90)
        .build_cartesian_2d(
            (forsta - 1)..(sista + 1),
            (min - if min < 0.0 { marginal } else { 0.0 })..(max + marginal),
        )
        .map_err(f)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .x_labels(usize::try_from(sista - forsta + 3).unwrap_or(3))
        .x_label_formatter(&|a| a.to_string())
        .y_label_formatter(&|v| tkr_axel(*v))
        .x_desc("År")
        .y_desc("Kostnad (tkr)")
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 16))
        .draw()
        .map_err(f)?;
    for (i, (etikett, punkter)) in serier.iter().enumerate() {
        let farg = if etikett.starts_with(OVRIGA) {
            FARGER[FARGER.len() - 1]
        } else {
            FARGER[i % (FARGER.len() - 1)]
        };
        let linje: Vec<(i32, f64)> = punkter.iter().map(|(a, k)| (*a, k.tkr())).collect();
        chart
            .draw_series(LineSeries::new(linje.clone(), farg.stroke_width(3)))
            .map_err(f)?;
        chart
            .draw_series(linje.into_iter().map(|p| Circle::new(p, 4, farg.filled())))
            .map_err(f)?;
        let y = 70 + 26 * i32::try_from(i).unwrap_or(0);
        forklaring
            .draw(&PathElement::new(
                vec![(0, y), (24, y)],
                farg.stroke_width(3),
            ))
            .map_err(f)?;
        forklaring
            .draw(&Text::new(
                kort(etikett, 44),
                (32, y - 8),
                ("sans-serif", 14),
            ))
            .map_err(f)?;
    }
    Ok(())
}

fn rita_bubblor<DB: DrawingBackend>(
    titel: &str,
    bubblor: &[(String, u8, u8, Kronor)],
    rot: &DrawingArea<DB, Shift>,
) -> Ritresultat {
    let f = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let mut chart = ChartBuilder::on(rot)
        .caption(titel, ("sans-serif", 24))
        .margin(16)
        .x_label_area_size(56)
        .y_label_area_size(220)
        .build_cartesian_2d(-0.5f64..2.5f64, -0.5f64..2.5f64)
        .map_err(f)?;
    const KOLUMNER: [&str; 3] = ["Intern", "Intern och extern", "Extern"];
    const RADER: [&str; 3] = ["Effektivitet", "Effektivitet och innovation", "Innovation"];
    let etikett = |namn: &'static [&'static str; 3]| {
        move |v: &f64| {
            let i = v.round();
            if (v - i).abs() > 0.01 || !(0.0..=2.0).contains(&i) {
                String::new()
            } else {
                namn[i as usize].to_string()
            }
        }
    };
    let x_etikett = etikett(&KOLUMNER);
    let y_etikett = etikett(&RADER);
    chart
        .configure_mesh()
        .x_labels(3)
        .y_labels(3)
        .disable_mesh()
        .x_label_formatter(&x_etikett)
        .y_label_formatter(&y_etikett)
        .x_desc("Intern–extern nytta")
        .y_desc("Effektivitet–innovation")
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 16))
        .draw()
        .map_err(f)?;
    // Cell borders.
    chart
        .draw_series([0.5, 1.5].into_iter().flat_map(|g| {
            [
                PathElement::new(vec![(g, -0.5), (g, 2.5)], RGBColor(180, 180, 180)),
                PathElement::new(vec![(-0.5, g), (2.5, g)], RGBColor(180, 180, 180)),
            ]
        }))
        .map_err(f)?;
    if bubblor.is_empty() {
        chart
            .draw_series([Text::new(
                "Inga klassade insatser i urvalet",
                (-0.4, 2.3),
                ("sans-serif", 18),
            )])
            .map_err(f)?;
        return Ok(());
    }
    let storst = bubblor
        .iter()
        .map(|b| b.3.0.unsigned_abs())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // Several bubbles in one cell are set on a small circle round its centre.
    let mut i_cell: std::collections::HashMap<(u8, u8), usize> = Default::default();
    let mut per_cell: std::collections::HashMap<(u8, u8), usize> = Default::default();
    for b in bubblor {
        *per_cell.entry((b.1, b.2)).or_default() += 1;
    }
    let mut platser = Vec::with_capacity(bubblor.len());
    for b in bubblor {
        let n = per_cell.get(&(b.1, b.2)).copied().unwrap_or(1);
        let k = i_cell.entry((b.1, b.2)).or_default();
        let (dx, dy) = if n <= 1 {
            (0.0, 0.0)
        } else {
            let v = std::f64::consts::TAU * (*k as f64) / (n as f64);
            (0.28 * v.cos(), 0.28 * v.sin())
        };
        *k += 1;
        let r = (4.0 + 36.0 * ((b.3.0.unsigned_abs() as f64) / storst).sqrt()).round() as i32;
        platser.push((f64::from(b.1) + dx, f64::from(b.2) + dy, r, b.0.clone()));
    }
    chart
        .draw_series(
            platser.iter().enumerate().map(|(i, (x, y, r, _))| {
                Circle::new((*x, *y), *r, FARGER[i % 7].mix(0.55).filled())
            }),
        )
        .map_err(f)?;
    chart
        .draw_series(
            platser
                .iter()
                .map(|(x, y, _, text)| Text::new(text.clone(), (*x, *y), ("sans-serif", 14))),
        )
        .map_err(f)?;
    Ok(())
}
