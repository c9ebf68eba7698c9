//! The generated corpus: documents of all three kinds from the seeded generator
//! (`tests/common/generator.rs`), 70 of each, plus each kind with every optional field empty.
//! Each must be valid (its invariants hold, no placeholder, it reads back from its JSON), come
//! back equal through the exchange file, export to Word that the OOXML validator finds no error
//! in (one `openxml-audit` run over every file), and export to Excel whose tables, read back with
//! calamine, hold the document's names, texts and amounts, with totals as SUM formulas over the
//! rows whose cached results are the sums.
//!
//! `UNDERLAG_FRO=N` generates another corpus (seeds from N instead of 0); a failure names the
//! kind and seed, and `generator::dokument(slag, fro)` rebuilds that one document.

mod common;

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use common::generator;
use serde_json::Value;
use underlag::exchange;
use underlag::export::{Docxval, skriv_docx, skriv_xlsx};
use underlag::model::{Dokument, Dokumenttyp, Kronor, for_varje_lov};
use underlag::template::{Mall, Mallbibliotek};

const ANTAL_PER_SLAG: u64 = 70;

fn bas() -> u64 {
    let bas = std::env::var("UNDERLAG_FRO")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    println!("frö {bas} (UNDERLAG_FRO={bas} upprepar korpusen)");
    bas
}

fn korpus() -> Vec<(Dokumenttyp, u64, Dokument)> {
    generator::korpus(bas(), ANTAL_PER_SLAG)
}

fn mallar() -> Mallbibliotek {
    Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"))
}

fn mall_for<'m>(d: &Dokument, mallar: &'m Mallbibliotek) -> &'m Mall {
    mallar
        .hamta(d.mall())
        .unwrap_or_else(|| panic!("mallen {} saknas", d.mall()))
}

/// Which document a message is about.
fn namn(slag: Dokumenttyp, fro: u64) -> String {
    format!("{slag}-{fro}")
}

#[test]
fn the_generator_is_deterministic_and_fills_every_field_somewhere() {
    let korpus = korpus();
    assert!(korpus.len() >= 200, "minst 200 dokument");
    for (slag, fro, d) in korpus.iter().take(6) {
        assert_eq!(
            &generator::dokument(*slag, *fro),
            d,
            "samma frö, samma dokument"
        );
        assert_eq!(d.typ(), *slag);
    }
    assert_ne!(korpus[0].2, korpus[1].2, "olika frön, olika dokument");

    // Every leaf path (indexes dropped) that any document has is filled in some document: a
    // string not empty, a number, a true. A field the generator always leaves empty shows here.
    let mut sedda = std::collections::BTreeMap::<String, bool>::new();
    for (slag, _, d) in &korpus {
        for_varje_lov(&d.to_value(), &mut |sokvag, v| {
            let ifylld = match v {
                Value::String(s) => !s.is_empty(),
                Value::Number(_) => true,
                Value::Bool(b) => *b,
                _ => false,
            };
            let nyckel = format!("{slag}:{}", utan_index(sokvag));
            *sedda.entry(nyckel).or_default() |= ifylld;
        });
    }
    // An `Option` of a struct is one null leaf when `None` and its fields when `Some`.
    let ifyllda: Vec<&String> = sedda.iter().filter(|(_, f)| **f).map(|(s, _)| s).collect();
    let tomma: Vec<&String> = sedda
        .iter()
        .filter(|(s, f)| !**f && !ifyllda.iter().any(|i| i.starts_with(&format!("{s}."))))
        .map(|(s, _)| s)
        .collect();
    assert!(tomma.is_empty(), "fält som aldrig fylls i: {tomma:#?}");

    // What a user types: printable text, each line trimmed and none empty.
    for (slag, fro, d) in &korpus {
        for_varje_lov(&d.to_value(), &mut |sokvag, v| {
            let Some(s) = v.as_str() else { return };
            if s.is_empty() {
                return;
            }
            assert!(
                !s.chars().any(|c| c.is_control() && c != '\n'),
                "{}: {sokvag} har ett styrtecken: {s:?}",
                namn(*slag, *fro)
            );
            for rad in s.split('\n') {
                assert!(
                    !rad.is_empty() && rad.trim() == rad,
                    "{}: {sokvag} har en tom eller otrimmad rad: {s:?}",
                    namn(*slag, *fro)
                );
            }
        });
    }
}

fn utan_index(sokvag: &str) -> String {
    let mut ut = String::new();
    let mut i_index = false;
    for c in sokvag.chars() {
        match c {
            '[' => i_index = true,
            ']' => i_index = false,
            _ if !i_index => ut.push(c),
            _ => {}
        }
    }
    ut
}

#[test]
fn generated_documents_are_valid_and_round_trip_through_the_exchange_file() {
    let tomma = Dokumenttyp::ALLA.map(|s| (s, 0, generator::tomt(s)));
    for (slag, fro, d) in korpus().iter().chain(&tomma) {
        let namn = namn(*slag, *fro);
        let brott = underlag::model::kontrollera_referenser(d);
        assert!(brott.is_empty(), "{namn}: {brott:?}");
        assert_eq!(
            underlag::model::forsta_platshallare(&d.to_value()),
            None,
            "{namn}"
        );
        // The JSON the document serialises to reads back as the same document.
        let igen = exchange::dokument_fran_json(*slag, d.to_value())
            .unwrap_or_else(|e| panic!("{namn}: {e:?}"));
        assert_eq!(&igen, d, "{namn}: JSON → dokument");
        // Export → import gives an equal document, and exporting it again the same bytes.
        let text = exchange::skriv(d);
        let importerat = exchange::las(text.as_bytes()).unwrap_or_else(|e| panic!("{namn}: {e}"));
        assert!(&importerat == d, "{namn}: utbytesfilen tappade något");
        assert_eq!(exchange::skriv(&importerat), text, "{namn}");
    }
    // What the fuzz target `genererat` runs, on stable, for the first documents of each kind.
    for (slag, fro, d) in korpus()
        .iter()
        .filter(|(_, fro, _)| fro % 1_000_000 < 3)
        .chain(&tomma)
    {
        underlag::fuzzmal::genererat(d).unwrap_or_else(|e| panic!("{}: {e}", namn(*slag, *fro)));
    }
}

#[test]
fn generated_word_exports_are_valid_ooxml() {
    let mallar = mallar();
    let tomma = Dokumenttyp::ALLA.map(|s| (s, 0, generator::tomt(s)));
    let mut filer = Vec::new();
    for (i, (slag, fro, d)) in korpus().iter().enumerate() {
        let val = Docxval {
            // Both ways, alternating, so anvisning paragraphs are validated too.
            anvisningar: i % 2 == 0,
            datum: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
        };
        let bytes = skriv_docx(d, mall_for(d, &mallar), &val)
            .unwrap_or_else(|e| panic!("{}: {e}", namn(*slag, *fro)));
        filer.push((format!("{}.docx", namn(*slag, *fro)), bytes));
    }
    for (slag, _, d) in &tomma {
        for anvisningar in [true, false] {
            let val = Docxval {
                anvisningar,
                datum: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
            };
            let bytes = skriv_docx(d, mall_for(d, &mallar), &val)
                .unwrap_or_else(|e| panic!("{slag} tomt: {e}"));
            filer.push((format!("{slag}-tomt-{anvisningar}.docx"), bytes));
        }
    }
    common::openxml::kraver_giltiga(&filer, "Word-exporterna av den genererade korpusen");
}

// ---------------------------------------------------------------------------------------------
// Excel, read back

/// What a cell must hold.
#[derive(Debug, Clone, PartialEq)]
enum Vantat {
    /// A text; empty means an empty cell or an empty string.
    Text(String),
    /// A number, or an empty cell.
    Tal(Option<f64>),
}

fn text(s: impl Into<String>) -> Vantat {
    Vantat::Text(s.into())
}

fn tkr(k: Option<Kronor>) -> Vantat {
    Vantat::Tal(k.map(|k| k.0 as f64 / 1000.0))
}

fn procent(p: Option<f64>) -> Vantat {
    Vantat::Tal(p.map(|p| p / 100.0))
}

fn las(cell: Option<&Data>) -> Vantat {
    match cell {
        None | Some(Data::Empty) => Vantat::Text(String::new()),
        Some(Data::String(s)) => Vantat::Text(s.clone()),
        Some(Data::Float(f)) => Vantat::Tal(Some(*f)),
        Some(Data::Int(i)) => Vantat::Tal(Some(*i as f64)),
        Some(annat) => Vantat::Text(annat.to_string()),
    }
}

fn lika(vantat: &Vantat, las: &Vantat) -> bool {
    match (vantat, las) {
        (Vantat::Tal(None), Vantat::Text(s)) => s.is_empty(),
        // Amounts are whole kronor shown in tkr; a float's last bit may differ after the trip.
        (Vantat::Tal(Some(a)), Vantat::Tal(Some(b))) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (a, b) => a == b,
    }
}

/// A sheet: header row, then one row per expected row, then (for a table with a total row) the
/// label and a SUM formula over the rows in each amount column, with the sum as cached result.
struct Blad<'a> {
    namn: &'a str,
    rader: Vec<Vec<Vantat>>,
    /// The total row's label and the columns that are summed.
    summa: Option<(&'a str, Vec<usize>)>,
}

fn kontrollera_blad(bok: &mut Xlsx<Cursor<Vec<u8>>>, blad: &Blad<'_>, dokument: &str) {
    let varden: Range<Data> = bok
        .worksheet_range(blad.namn)
        .unwrap_or_else(|e| panic!("{dokument}: bladet {}: {e}", blad.namn));
    let formler: Range<String> = bok
        .worksheet_formula(blad.namn)
        .unwrap_or_else(|e| panic!("{dokument}: bladet {}: {e}", blad.namn));
    let cell = |r: usize, k: usize| las(varden.get_value((r as u32, k as u32)));
    for (i, rad) in blad.rader.iter().enumerate() {
        for (k, vantat) in rad.iter().enumerate() {
            let last = cell(i + 1, k);
            assert!(
                lika(vantat, &last),
                "{dokument}: {} rad {} kolumn {}: väntade {vantat:?}, läste {last:?}",
                blad.namn,
                i + 2,
                k + 1
            );
        }
    }
    let Some((etikett, kolumner)) = &blad.summa else {
        return;
    };
    // An Excel table needs a data row, so an empty table keeps one empty row.
    let slut = blad.rader.len().max(1);
    let summarad = slut + 1;
    assert_eq!(
        cell(summarad, 0),
        text(*etikett),
        "{dokument}: {} summaraden",
        blad.namn
    );
    if blad.rader.is_empty() {
        return;
    }
    for &k in kolumner {
        let bokstav = char::from(b'A' + k as u8);
        let formel = formler
            .get_value((summarad as u32, k as u32))
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            formel,
            format!("SUM({bokstav}2:{bokstav}{})", slut + 1),
            "{dokument}: {} summan i kolumn {bokstav}",
            blad.namn
        );
        let summa: f64 = blad
            .rader
            .iter()
            .filter_map(|r| match r.get(k) {
                Some(Vantat::Tal(Some(t))) => Some(*t),
                _ => None,
            })
            .sum();
        let cachat = cell(summarad, k);
        assert!(
            lika(&Vantat::Tal(Some(summa)), &cachat),
            "{dokument}: {} summan i kolumn {bokstav}: väntade {summa}, läste {cachat:?}",
            blad.namn
        );
    }
}

fn etikett(mall: &Mall, upprakning: &str, varde: Option<impl serde::Serialize>) -> Vantat {
    let Some(v) = varde.and_then(|v| serde_json::to_value(v).ok()) else {
        return text("");
    };
    text(mall.etikett_for_varde(upprakning, v.as_str().unwrap_or_default()))
}

fn ja_nej(b: bool) -> Vantat {
    text(if b { "Ja" } else { "Nej" })
}

/// The sheets of a document's workbook and what their rows must hold, from the typed document.
fn vantade_blad<'a>(d: &'a Dokument, mall: &Mall) -> Vec<Blad<'a>> {
    match d {
        Dokument::ArligAnalys(a) => {
            let tjanst = |t: &underlag::model::TjanstId| text(a.tjanstekatalog.namn(t));
            let k = &a.kostnader;
            let index = k.forvaltning.indexupprakning_procent;
            let mut blad = vec![
                Blad {
                    namn: "Förvaltningskostnader",
                    rader: k
                        .forvaltning
                        .rader
                        .iter()
                        .map(|r| {
                            let k = &r.kostnad;
                            vec![
                                tjanst(&r.tjanst),
                                tkr(k.utfall),
                                tkr(k.budget),
                                tkr(k.prognos),
                            ]
                        })
                        .collect(),
                    summa: Some(("Totalkostnad", vec![1, 2, 3])),
                },
                Blad {
                    namn: "Utvecklingskostnader",
                    rader: k
                        .utveckling
                        .rader
                        .iter()
                        .map(|r| {
                            let (k, p) = (&r.kostnad, &r.paverkan_forvaltningskostnad);
                            vec![
                                tjanst(&r.tjanst),
                                tkr(k.utfall),
                                tkr(k.budget),
                                tkr(k.prognos),
                                tkr(p.ar),
                                tkr(p.ar_plus_1),
                                tkr(p.ar_plus_2),
                            ]
                        })
                        .collect(),
                    summa: Some(("Totalkostnad", (1..=6).collect())),
                },
                Blad {
                    namn: "Nya förändringsinsatser",
                    rader: k
                        .nya_insatser
                        .rader
                        .iter()
                        .map(|r| {
                            let (k, p) = (&r.kostnad, &r.paverkan_forvaltningskostnad);
                            vec![
                                text(d.namn_pa_insats(&r.insats.0)),
                                tkr(k.ar),
                                tkr(k.ar_plus_1),
                                tkr(k.ar_plus_2),
                                tkr(p.ar),
                                tkr(p.ar_plus_1),
                                tkr(p.ar_plus_2),
                            ]
                        })
                        .collect(),
                    summa: Some(("Totalkostnad", (1..=6).collect())),
                },
                Blad {
                    namn: "Förslag",
                    rader: a
                        .foreslagna_insatser
                        .insatser
                        .iter()
                        .enumerate()
                        .map(|(i, x)| {
                            let pb = &x.ekonomisk.projektbudget;
                            let pf = &x.ekonomisk.paverkan_forvaltningskostnad;
                            let mut rad = vec![
                                Vantat::Tal(Some((i + 1) as f64)),
                                text(x.namn.clone()),
                                x.strategisk.tjanster.first().map_or(text(""), tjanst),
                                tkr(pb.ar),
                                tkr(pb.ar_plus_1),
                                tkr(pb.ar_plus_2),
                                tkr(pb.senare),
                            ];
                            // The impact with its index applied, as the validator reads it.
                            rad.extend((0..3).map(|k| {
                                tkr(underlag::model::ekonomi::paverkan_med_index(pf, k, index))
                            }));
                            if !pf.indexerad {
                                assert_eq!(
                                    &rad[7..10],
                                    &[tkr(pf.ar), tkr(pf.ar_plus_1), tkr(pf.ar_plus_2)]
                                );
                            }
                            rad.extend([
                                ja_nej(pf.indexerad),
                                ja_nej(x.ar_ny_tjanst()),
                                text(x.ekonomisk.kundgrupp_som_finansierar.clone()),
                                text(x.ekonomisk.forslag_fordelningsnyckel.clone()),
                                etikett(mall, "komplexitet", x.strategisk.komplexitet_kund.niva),
                                etikett(
                                    mall,
                                    "komplexitet",
                                    x.strategisk.komplexitet_leverantor.niva,
                                ),
                                etikett(mall, "intern_extern", x.strategisk.intern_extern_nytta),
                                etikett(
                                    mall,
                                    "effektivitet_innovation",
                                    x.strategisk.effektivitet_innovation,
                                ),
                            ]);
                            rad
                        })
                        .collect(),
                    summa: Some(("Totalt", (3..=9).collect())),
                },
                Blad {
                    namn: "Fördelningsnycklar",
                    rader: a
                        .fordelningsnycklar
                        .rader
                        .iter()
                        .map(|r| {
                            vec![
                                tjanst(&r.tjanst),
                                text(r.nuvarande.clone()),
                                text(r.forslag_justering.clone()),
                                text(r.motivering.clone()),
                            ]
                        })
                        .collect(),
                    summa: None,
                },
                Blad {
                    namn: "Konsolidering",
                    rader: a
                        .konsolidering
                        .rader
                        .iter()
                        .map(|r| {
                            vec![
                                tjanst(&r.tjanst),
                                procent(r.andel_befintliga_kunder_procent),
                                text(r.konsolideringsplan_nya_kunder.clone()),
                            ]
                        })
                        .collect(),
                    summa: None,
                },
            ];
            if mall.riktlinjen_texter().is_some() {
                blad.push(Blad {
                    namn: "Förslag på avveckling av tjänst",
                    rader: a
                        .langsiktig_utveckling
                        .avvecklingar
                        .iter()
                        .map(|r| {
                            vec![
                                tjanst(&r.tjanst),
                                text(r.beskrivning.clone()),
                                text(r.konsekvensanalys.clone()),
                                text(r.avvecklingsplan.clone()),
                                text(r.tidpunkt.clone()),
                            ]
                        })
                        .collect(),
                    summa: None,
                });
            }
            blad
        }
        Dokument::Tjansteplan(t) => vec![
            Blad {
                namn: "Mål",
                rader: t
                    .inriktning
                    .mal
                    .iter()
                    .map(|m| vec![text(m.mal.clone()), text(m.nytta.clone())])
                    .collect(),
                summa: None,
            },
            Blad {
                namn: "Nyttor",
                rader: t
                    .nyttor
                    .poster
                    .iter()
                    .map(|n| {
                        vec![
                            etikett(mall, "nyttoslag", n.slag),
                            text(n.beskrivning.clone()),
                        ]
                    })
                    .collect(),
                summa: None,
            },
            Blad {
                namn: "Utvecklingsinitiativ, tkr",
                rader: t
                    .kostnadsuppskattning
                    .initiativ
                    .iter()
                    .map(|x| {
                        let (u, p) = (&x.utveckling, &x.paverkan_vidmakthalla);
                        vec![
                            text(x.namn.clone()),
                            tkr(u.ar),
                            tkr(u.ar_plus_1),
                            tkr(u.ar_plus_2),
                            tkr(p.ar),
                            tkr(p.ar_plus_1),
                            tkr(p.ar_plus_2),
                        ]
                    })
                    .collect(),
                summa: Some(("Summa", (1..=6).collect())),
            },
            Blad {
                namn: "Budgetfördelning, tkr",
                rader: t
                    .bilaga
                    .rader
                    .iter()
                    .map(|r| {
                        vec![
                            text(d.namn_pa_insats(&r.initiativ.0)),
                            text(r.text.clone()),
                            etikett(mall, "budgetklass", r.klass),
                            tkr(r.belopp),
                        ]
                    })
                    .collect(),
                summa: Some(("Summa", vec![3])),
            },
        ],
        Dokument::Digitaliseringsplan(p) => {
            let mut blad = Vec::new();
            for (mo, plan) in [
                ("MO1", &p.mo1),
                ("MO2", &p.mo2),
                ("MO3", &p.mo3),
                ("MO4", &p.mo4),
            ] {
                let dimios = match mo {
                    "MO1" => "Digital mognad (DiMiOS), MO1",
                    "MO2" => "Digital mognad (DiMiOS), MO2",
                    "MO3" => "Digital mognad (DiMiOS), MO3",
                    _ => "Digital mognad (DiMiOS), MO4",
                };
                let indikatorer = match mo {
                    "MO1" => "Indikatorer, MO1",
                    "MO2" => "Indikatorer, MO2",
                    "MO3" => "Indikatorer, MO3",
                    _ => "Indikatorer, MO4",
                };
                // A year (a heltal column) is a number in the sheet, as in every workbook.
                let ar = |a: Option<i32>| Vantat::Tal(a.map(f64::from));
                blad.push(Blad {
                    namn: dimios,
                    rader: plan
                        .dimios
                        .iter()
                        .map(|r| {
                            vec![
                                etikett(mall, "dimiosomrade", r.omrade),
                                ar(r.ar),
                                procent(r.procent),
                            ]
                        })
                        .collect(),
                    summa: None,
                });
                blad.push(Blad {
                    namn: indikatorer,
                    rader: plan
                        .indikatorer
                        .iter()
                        .map(|r| {
                            vec![
                                text(r.namn.clone()),
                                text(r.utgangsvarde.clone()),
                                text(r.malvarde.clone()),
                                ar(r.ar),
                                text(r.kalla.clone()),
                            ]
                        })
                        .collect(),
                    summa: None,
                });
            }
            blad.push(Blad {
                namn: "Kostnader per år, tkr",
                rader: p
                    .insatser
                    .insatser
                    .iter()
                    .map(|x| {
                        let k = &x.kostnad;
                        vec![
                            text(x.namn.clone()),
                            tkr(k.ar),
                            tkr(k.ar_plus_1),
                            tkr(k.ar_plus_2),
                        ]
                    })
                    .collect(),
                summa: Some(("Summa", vec![1, 2, 3])),
            });
            blad.push(Blad {
                namn: "Avsteg från bastjänster",
                rader: p
                    .bastjanster
                    .avsteg
                    .iter()
                    .map(|r| {
                        vec![
                            text(r.tjanst.clone()),
                            text(r.motivering.clone()),
                            text(r.beslut.clone()),
                            text(r.datum.map(|d| d.to_string()).unwrap_or_default()),
                        ]
                    })
                    .collect(),
                summa: None,
            });
            blad.push(Blad {
                namn: "System",
                rader: p
                    .system
                    .system
                    .iter()
                    .map(|r| {
                        vec![
                            text(r.namn.clone()),
                            etikett(mall, "systematgard", r.atgard),
                            text(r.konsekvensanalys.clone()),
                            text(r.avvecklingsplan.clone()),
                        ]
                    })
                    .collect(),
                summa: None,
            });
            blad.push(Blad {
                namn: "Risker",
                rader: p
                    .risker
                    .risker
                    .iter()
                    .map(|r| {
                        vec![
                            text(r.risk.clone()),
                            text(r.konsekvens.clone()),
                            text(r.atgard.clone()),
                        ]
                    })
                    .collect(),
                summa: None,
            });
            blad
        }
    }
}

/// The bilaga's subtotals per budgetklass: below the total row, one row per class with a live
/// SUMPRODUCT over the class column and the cached sum of that class's amounts.
fn kontrollera_delsummor(
    bok: &mut Xlsx<Cursor<Vec<u8>>>,
    t: &underlag::model::Tjansteplan,
    mall: &Mall,
    dokument: &str,
) {
    use underlag::model::Budgetklass;
    let blad = "Budgetfördelning, tkr";
    let varden = bok
        .worksheet_range(blad)
        .unwrap_or_else(|e| panic!("{dokument}: {e}"));
    let formler = bok
        .worksheet_formula(blad)
        .unwrap_or_else(|e| panic!("{dokument}: {e}"));
    let slut = t.bilaga.rader.len().max(1);
    for (i, klass) in [
        Budgetklass::Nyutveckling,
        Budgetklass::UtvecklingInomBefintligTjanst,
    ]
    .into_iter()
    .enumerate()
    {
        let rad = slut + 3 + i;
        let Vantat::Text(namn) = etikett(mall, "budgetklass", Some(klass)) else {
            unreachable!()
        };
        assert_eq!(
            las(varden.get_value((rad as u32, 0))),
            text(namn.clone()),
            "{dokument}: delsumman för {namn}"
        );
        let formel = formler
            .get_value((rad as u32, 3))
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            formel,
            format!(
                "SUMPRODUCT(EXACT(C2:C{s},A{r})*(D2:D{s}))",
                s = slut + 1,
                r = rad + 1
            ),
            "{dokument}: delsumman för {namn}"
        );
        let summa: i64 = t
            .bilaga
            .rader
            .iter()
            .filter(|r| r.klass == Some(klass))
            .filter_map(|r| r.belopp)
            .map(|k| k.0)
            .sum();
        let cachat = las(varden.get_value((rad as u32, 3)));
        assert!(
            lika(&tkr(Some(Kronor(summa))), &cachat),
            "{dokument}: delsumman för {namn}: väntade {summa} kr, läste {cachat:?}"
        );
    }
}

#[test]
fn generated_excel_exports_hold_the_documents_tables() {
    let mallar = mallar();
    let tomma = Dokumenttyp::ALLA.map(|s| (s, 0, generator::tomt(s)));
    for (slag, fro, d) in korpus().iter().chain(&tomma) {
        let dokument = namn(*slag, *fro);
        let mall = mall_for(d, &mallar);
        let bytes = skriv_xlsx(d, mall).unwrap_or_else(|e| panic!("{dokument}: {e}"));
        let mut bok: Xlsx<_> =
            open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let blad = vantade_blad(d, mall);
        let finns = bok.sheet_names();
        for b in &blad {
            assert!(
                finns.iter().any(|n| n == b.namn),
                "{dokument}: bladet {} saknas bland {finns:?}",
                b.namn
            );
            kontrollera_blad(&mut bok, b, &dokument);
        }
        if let Dokument::Tjansteplan(t) = d {
            kontrollera_delsummor(&mut bok, t, mall, &dokument);
        }
    }
}

/// What the validator says about 210 documents of every shape: each finding names its place as
/// the template prints it (a label, and a section number unless it is about the document's
/// own uppgifter or versions) and shows the author no path or internal id. The documents are
/// random, so they break rules a real author would too; the messages must hold for all.
#[test]
fn findings_on_generated_documents_name_their_place_and_never_a_path() {
    let mallar = mallar();
    let mut brister = Vec::new();
    for (slag, fro, d) in korpus() {
        for f in underlag::validate::validera(&d, mall_for(&d, &mallar)) {
            let dokumentets =
                f.sokvag.starts_with("meta.") || f.sokvag.starts_with("versionshantering");
            if f.falt.is_empty() || (f.avsnitt.is_empty() && !dokumentets) {
                brister.push(format!(
                    "{}: {} {} saknar plats (avsnitt \"{}\", fält \"{}\")",
                    namn(slag, fro),
                    f.regel,
                    f.sokvag,
                    f.avsnitt,
                    f.falt
                ));
            }
            if let Some(ord) = common::maskinord(&f.meddelande, &f.sokvag) {
                brister.push(format!(
                    "{}: {} visar \"{ord}\": {}",
                    namn(slag, fro),
                    f.regel,
                    f.meddelande
                ));
            }
        }
    }
    assert!(brister.is_empty(), "{}", brister.join("\n"));
}
