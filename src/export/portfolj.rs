//! The portfolio as Word and Excel. Both print what `crate::portfolj::portfolj` computed, so
//! the files say what the view shows.
//!
//! Word: title, the documents included with their validation counts, the insats table, the
//! totals tables, and each chart as a PNG drawn by `portfolj::diagram` with its alt text
//! (`descr`, added by `paket::efterbearbeta`) and its data table.
//!
//! Excel: an Insatser sheet (an Excel table with filters), two long sheets that spread each
//! insats's projektbudget over its bastjänster and its years (the counting rules of
//! `crate::portfolj`), totals sheets whose amounts are SUMPRODUCT formulas over those sheets
//! with their computed results cached (LibreOffice does not recalculate on load), and native
//! charts over the totals. rust_xlsxwriter 0.102 has no bubble chart, so the PIOS matrix is a
//! scatter chart with one series per proposal, its marker sized by projektbudget.

use chrono::NaiveDate;
use docx_rs::{BreakType, Docx, PageMargin, PageOrientationType, Paragraph, Pic, Run, TableRow};
use rust_xlsxwriter::{
    Chart, ChartMarker, ChartMarkerType, ChartType, DocProperties, Formula, Workbook, Worksheet,
};

use super::ExportFel;
use super::blad::{Cell, Format_, skriv_blad, skriv_text};
use super::docx::{cell, huvudrad, packa, rubrik, sidhuvud_over, stilar, stycke, tabell};
use super::paket::Efterbearbetning;
use crate::belopp::formatera_tkr;
use crate::model::Kronor;
use crate::portfolj::diagram::{self, Datatabell, STORST_ANTAL};
use crate::portfolj::{Portfolj, Summapost, fordela};

const TITEL: &str = "Stadens portfölj av förändringsinsatser";

/// A4 landscape in twips: the insats table has seven columns of long names (a nämnd, an
/// insats, its tjänster), which wrap a word per line on a portrait page.
const SIDBREDD: u32 = 16_838;
const SIDHOJD: u32 = 11_906;
const MARGINAL: u32 = 1_418;
/// The text width of that page, which the table grids share out.
const TEXTBREDD: usize = (SIDBREDD - 2 * MARGINAL) as usize;

/// The portfolio prints each insats's name, leverantör, tjänster and kundgrupp: none of them may
/// be a template placeholder, as in every export.
fn utan_platshallare(p: &Portfolj) -> Result<(), ExportFel> {
    for i in &p.insatser {
        let texter = [
            ("namn", &i.namn),
            ("leverantör", &i.leverantor),
            ("kundgrupp", &i.kundgrupp),
        ]
        .into_iter()
        .chain(i.tjanster.iter().map(|t| ("tjänst", t)));
        for (falt, text) in texter {
            if let Some(ph) = crate::model::hitta_platshallare(text) {
                return Err(ExportFel::Platshallare {
                    sokvag: format!(
                        "{} {}, insats {}: {falt}",
                        i.leverantor, i.analysar, i.insats_id
                    ),
                    platshallare: ph.to_string(),
                });
            }
        }
    }
    Ok(())
}

fn datatabell(d: Docx, t: &Datatabell) -> Docx {
    let n = t.kolumner.len().max(1);
    datatabell_i_procent(d, t, &vec![100 / n; n])
}

/// A table whose columns take these percentages of the text width.
fn datatabell_i_procent(d: Docx, t: &Datatabell, procent: &[usize]) -> Docx {
    let mut rader = vec![huvudrad(&t.kolumner)];
    for r in &t.rader {
        rader.push(TableRow::new(
            r.iter()
                .map(|v| cell(v, v.ends_with(" tkr"), false))
                .collect(),
        ));
    }
    if t.rader.is_empty() {
        rader.push(TableRow::new(
            t.kolumner.iter().map(|_| cell("–", false, false)).collect(),
        ));
    }
    d.add_table(tabell(
        rader,
        procent.iter().map(|p| TEXTBREDD * p / 100).collect(),
    ))
}

/// The portfolio as a .docx package.
pub fn skriv_portfolj_docx(p: &Portfolj, datum: NaiveDate) -> Result<Vec<u8>, ExportFel> {
    utan_platshallare(p)?;
    let mut d = stilar(Docx::new())
        .page_size(SIDBREDD, SIDHOJD)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(MARGINAL as i32)
                .bottom(MARGINAL as i32)
                .left(MARGINAL as i32)
                .right(MARGINAL as i32)
                .header(709)
                .footer(709),
        )
        .header(sidhuvud_over(TITEL, TEXTBREDD))
        .created_at(&format!("{datum}T00:00:00Z"))
        .updated_at(&format!("{datum}T00:00:00Z"));
    d = d.add_paragraph(stycke(TITEL).style("Title"));
    d = d.add_paragraph(stycke(&format!(
        "{} årliga analyser, {} insatser i urvalet, sammanlagd projektbudget {}. Sammanställd {datum}.",
        p.dokument.len(),
        p.insatser.len(),
        p.summor
            .totalt
            .belopp
            .kronor
            .map_or_else(|| "ej angiven".to_string(), formatera_tkr)
    )));

    d = rubrik(d, 1, "Ingående analyser");
    d = datatabell(
        d,
        &Datatabell::ny(
            &["Leverantör", "Analysår", "Fel", "Varningar"],
            p.dokument.iter().map(|x| {
                vec![
                    x.organisation.clone(),
                    x.analysar.to_string(),
                    x.fel.to_string(),
                    x.varningar.to_string(),
                ]
            }),
        ),
    );

    d = rubrik(d, 1, "Insatser");
    d = datatabell_i_procent(
        d,
        &Datatabell::ny(
            &[
                "Leverantör",
                "År",
                "Status",
                "Insats",
                "Tjänster",
                "Kundgrupp",
                "Projektbudget",
            ],
            p.insatser.iter().map(|i| {
                vec![
                    i.leverantor.clone(),
                    i.analysar.to_string(),
                    i.status.benamning().to_string(),
                    i.namn.clone(),
                    i.tjanster.join("\n"),
                    i.kundgrupp.clone(),
                    i.projektbudget.visning.clone(),
                ]
            }),
        ),
        &[15, 8, 11, 22, 22, 11, 11],
    );

    d = rubrik(d, 1, "Summor");
    d = d.add_paragraph(stycke(
        "En insats med flera tjänster har sin projektbudget delad lika mellan dem; summan per bastjänst är därför lika med totalen.",
    ));
    for (rubriktext, kolumn, poster) in [
        ("Per bastjänst", "Bastjänst", &p.summor.per_bastjanst),
        ("Per leverantör", "Leverantör", &p.summor.per_leverantor),
        ("Per kundgrupp", "Kundgrupp", &p.summor.per_kundgrupp),
        ("Per år", "År", &p.summor.per_ar),
    ] {
        d = rubrik(d, 2, rubriktext);
        let med_totalt = poster.iter().chain([&p.summor.totalt]);
        d = datatabell(d, &Datatabell::summor(kolumn, med_totalt));
    }

    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    d = rubrik(d, 1, "Diagram");
    let mut alt_texter = Vec::new();
    for dia in diagram::diagram(p) {
        d = rubrik(d, 2, &dia.titel);
        let png = diagram::png(&dia).map_err(|e| ExportFel::Docx(e.to_string()))?;
        // 16 cm wide, the chart's proportions kept.
        let w = 5_760_000_u32;
        let h = (u64::from(w) * u64::from(diagram::HOJD) / u64::from(diagram::BREDD)) as u32;
        let pic = Pic::new_with_dimensions(png, diagram::BREDD, diagram::HOJD).size(w, h);
        alt_texter.push(super::sakert(&dia.alt_text));
        d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic)));
        d = d.add_paragraph(stycke(&dia.alt_text).italic());
        d = datatabell(d, &dia.tabell);
    }
    packa(
        d,
        &Efterbearbetning {
            titel: TITEL.to_string(),
            forfattare: "Göteborgs Stad".to_string(),
            sprak: "sv-SE".into(),
            alt_texter,
            avbrott: crate::cancel::Avbrott::default(),
        },
    )
}

fn rad(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// One totals sheet: label, SUMPRODUCT over a long sheet's label and amount columns (cached),
/// the count, and a total row. Returns the last data row.
#[allow(clippy::too_many_arguments)]
fn summablad(
    wb: &mut Workbook,
    namn: &str,
    rubrik: &str,
    poster: &[Summapost],
    kalla: &str,
    etikettkolumn: &str,
    beloppskolumn: &str,
    kallrader: usize,
    f: &Format_,
) -> Result<u32, ExportFel> {
    let mut ws = Worksheet::new();
    ws.set_name(namn)?;
    ws.write_string_with_format(0, 0, rubrik, &f.rubrik)?;
    ws.write_string_with_format(0, 1, "Projektbudget", &f.rubrik)?;
    ws.write_string_with_format(0, 2, "Antal rader", &f.rubrik)?;
    ws.set_column_width(0, 44)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 12)?;
    let sista_kalla = rad(kallrader).max(1) + 1;
    let omrade = |k: &str| format!("'{kalla}'!${k}$2:${k}${sista_kalla}");
    for (i, post) in poster.iter().enumerate() {
        let r = rad(i + 1);
        skriv_text(&mut ws, r, 0, &post.etikett, f)?;
        // EXACT, not SUMIFS: labels may hold * ? ~ or start with <.
        let formel = format!(
            "=SUMPRODUCT(EXACT({},$A{})*{})",
            omrade(etikettkolumn),
            r + 1,
            omrade(beloppskolumn)
        );
        ws.write_formula_with_format(
            r,
            1,
            Formula::new(formel)
                .set_result(format!("{}", post.belopp.kronor.map_or(0.0, Kronor::tkr))),
            &f.tkr,
        )?;
        let antal = format!(
            "=SUMPRODUCT(EXACT({},$A{})*1)",
            omrade(etikettkolumn),
            r + 1
        );
        ws.write_formula(r, 2, Formula::new(antal).set_result(post.antal.to_string()))?;
    }
    let s = rad(poster.len() + 1);
    ws.write_string_with_format(s, 0, "Totalt", &f.rubrik)?;
    let totalt: f64 = poster
        .iter()
        .filter_map(|x| x.belopp.kronor)
        .map(Kronor::tkr)
        .sum();
    ws.write_formula_with_format(
        s,
        1,
        Formula::new(format!("=SUM(B2:B{})", s.max(2))).set_result(format!("{totalt}")),
        &f.tkr,
    )?;
    ws.set_freeze_panes(1, 0)?;
    wb.push_worksheet(ws);
    Ok(s.saturating_sub(1))
}

fn stapeldiagram(wb: &mut Workbook, blad: &str, titel: &str, sista: u32) -> Result<(), ExportFel> {
    if sista < 1 {
        return Ok(());
    }
    let sista = sista.min(rad(STORST_ANTAL));
    let mut c = Chart::new(ChartType::Bar);
    c.add_series()
        .set_name(titel)
        .set_categories((blad, 1, 0, sista, 0))
        .set_values((blad, 1, 1, sista, 1));
    c.title().set_name(titel);
    c.x_axis().set_num_format("#,##0");
    c.y_axis().set_reverse();
    c.legend().set_hidden();
    c.set_width(720).set_height(420);
    wb.worksheet_from_name(blad)?.insert_chart(1, 4, &c)?;
    Ok(())
}

/// The portfolio as an .xlsx workbook.
pub fn skriv_portfolj_xlsx(p: &Portfolj) -> Result<Vec<u8>, ExportFel> {
    utan_platshallare(p)?;
    let f = Format_::nya();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(TITEL)
            .set_company("Göteborgs Stad"),
    );

    let rubriker = |r: &[(&str, f64)]| -> Vec<(String, f64)> {
        r.iter().map(|(n, b)| (n.to_string(), *b)).collect()
    };
    let insatsrader: Vec<Vec<Cell>> = p
        .insatser
        .iter()
        .map(|i| {
            vec![
                Cell::Text(i.leverantor.clone()),
                Cell::Tal(f64::from(i.analysar)),
                Cell::Text(i.status.benamning().to_string()),
                Cell::Text(i.insats_id.clone()),
                Cell::Text(i.namn.clone()),
                Cell::Text(i.tjanster.join("; ")),
                Cell::Text(crate::portfolj::kundgrupp_text(&i.kundgrupp).to_string()),
                Cell::Text(i.intern_extern.clone().unwrap_or_default()),
                Cell::Text(i.effektivitet_innovation.clone().unwrap_or_default()),
                Cell::Belopp(i.projektbudget.kronor),
            ]
        })
        .collect();
    skriv_blad(
        &mut wb,
        "Insatser",
        &rubriker(&[
            ("Leverantör", 36.0),
            ("Analysår", 10.0),
            ("Status", 12.0),
            ("Insats-id", 14.0),
            ("Insats", 44.0),
            ("Tjänster", 40.0),
            ("Kundgrupp", 28.0),
            ("Intern–extern", 18.0),
            ("Effektivitet–innovation", 22.0),
            ("Projektbudget", 16.0),
        ]),
        &insatsrader,
        None,
        &[],
        &f,
    )?;

    // The long sheets the totals sum over: one row per (insats, bastjänst) and (insats, year).
    let mut fordelning: Vec<Vec<Cell>> = Vec::new();
    let mut per_ar: Vec<Vec<Cell>> = Vec::new();
    for i in &p.insatser {
        let tjanster: Vec<String> = if i.tjanster.is_empty() {
            vec![crate::portfolj::INGEN_TJANST.to_string()]
        } else {
            i.tjanster.clone()
        };
        let delar = i.projektbudget.kronor.map(|b| fordela(b, tjanster.len()));
        for (n, t) in tjanster.iter().enumerate() {
            fordelning.push(vec![
                Cell::Text(i.leverantor.clone()),
                Cell::Text(i.insats_id.clone()),
                Cell::Text(t.clone()),
                Cell::Text(crate::portfolj::kundgrupp_text(&i.kundgrupp).to_string()),
                Cell::Belopp(delar.as_ref().and_then(|d| d.get(n).copied())),
            ]);
        }
        for del in &i.projektbudget_per_ar {
            per_ar.push(vec![
                Cell::Text(i.leverantor.clone()),
                Cell::Text(i.insats_id.clone()),
                Cell::Text(del.etikett.clone()),
                Cell::Belopp(del.belopp.kronor),
            ]);
        }
    }
    skriv_blad(
        &mut wb,
        "Fördelning",
        &rubriker(&[
            ("Leverantör", 36.0),
            ("Insats-id", 14.0),
            ("Bastjänst", 40.0),
            ("Kundgrupp", 28.0),
            ("Andel av projektbudget", 18.0),
        ]),
        &fordelning,
        None,
        &[],
        &f,
    )?;
    skriv_blad(
        &mut wb,
        "Budget per år",
        &rubriker(&[
            ("Leverantör", 36.0),
            ("Insats-id", 14.0),
            ("År", 12.0),
            ("Projektbudget", 16.0),
        ]),
        &per_ar,
        None,
        &[],
        &f,
    )?;

    // Per bastjänst sums the Fördelning sheet (one row per insats and tjänst); per leverantör
    // and kundgrupp the Insatser sheet, so an insats with several tjänster counts once there.
    let s = &p.summor;
    // (sheet, label column, totals, the long sheet summed with its label and amount columns and
    // its row count, the bar chart's title)
    let summablad_och_diagram = [
        (
            "Per bastjänst",
            "Bastjänst",
            &s.per_bastjanst,
            "Fördelning",
            "C",
            "E",
            fordelning.len(),
            Some("Projektbudget per bastjänst (tkr)"),
        ),
        (
            "Per leverantör",
            "Leverantör",
            &s.per_leverantor,
            "Insatser",
            "A",
            "J",
            insatsrader.len(),
            Some("Projektbudget per leverantör (tkr)"),
        ),
        (
            "Per kundgrupp",
            "Kundgrupp",
            &s.per_kundgrupp,
            "Insatser",
            "G",
            "J",
            insatsrader.len(),
            None,
        ),
        (
            "Per år",
            "År",
            &s.per_ar,
            "Budget per år",
            "C",
            "D",
            per_ar.len(),
            None,
        ),
    ];
    for (blad, rubrik, poster, kalla, etikett, belopp, kallrader, titel) in summablad_och_diagram {
        let sista = summablad(
            &mut wb, blad, rubrik, poster, kalla, etikett, belopp, kallrader, &f,
        )?;
        if let Some(titel) = titel {
            stapeldiagram(&mut wb, blad, titel, sista)?;
        }
    }
    kostnadsblad(&mut wb, p, &f)?;
    matrisblad(&mut wb, p, &f)?;
    // The PIOS matrix is a scatter chart, whose series rust_xlsxwriter writes out of order.
    super::paket::ordna_diagrammen(&wb.save_to_buffer()?)
}

/// Bastjänster down, years across; the figures are the ones the portfolio chose (see the
/// precedence rule in `crate::portfolj`), so they are values, not formulas.
fn kostnadsblad(wb: &mut Workbook, p: &Portfolj, f: &Format_) -> Result<(), ExportFel> {
    let mut ws = Worksheet::new();
    ws.set_name("Kostnadsutveckling")?;
    let mut ar: Vec<i32> = p
        .kostnadsutveckling
        .iter()
        .flat_map(|s| s.punkter.iter().map(|q| q.ar))
        .collect();
    ar.sort_unstable();
    ar.dedup();
    ws.write_string_with_format(0, 0, "Bastjänst", &f.rubrik)?;
    ws.set_column_width(0, 44)?;
    for (k, a) in ar.iter().enumerate() {
        let k = u16::try_from(k + 1).unwrap_or(u16::MAX);
        // Years as text headers, so a chart reads them as categories.
        ws.write_string_with_format(0, k, a.to_string(), &f.rubrik)?;
        ws.set_column_width(k, 14)?;
    }
    for (i, serie) in p.kostnadsutveckling.iter().enumerate() {
        let r = rad(i + 1);
        skriv_text(&mut ws, r, 0, &serie.bastjanst, f)?;
        for q in &serie.punkter {
            if let (Some(pos), Some(k)) = (ar.iter().position(|a| *a == q.ar), q.belopp.kronor) {
                let kk = u16::try_from(pos + 1).unwrap_or(u16::MAX);
                ws.write_number_with_format(r, kk, k.tkr(), &f.tkr)?;
            }
        }
    }
    ws.set_freeze_panes(1, 1)?;
    let n = p.kostnadsutveckling.len();
    if n > 0 && !ar.is_empty() {
        let sista_kol = u16::try_from(ar.len()).unwrap_or(u16::MAX);
        let mut c = Chart::new(ChartType::Line);
        for i in 0..n.min(STORST_ANTAL) {
            let r = rad(i + 1);
            c.add_series()
                .set_name(("Kostnadsutveckling", r, 0))
                .set_categories(("Kostnadsutveckling", 0, 1, 0, sista_kol))
                .set_values(("Kostnadsutveckling", r, 1, r, sista_kol));
        }
        c.title().set_name("Kostnadsutveckling per bastjänst (tkr)");
        c.y_axis().set_num_format("#,##0");
        c.set_width(720).set_height(420);
        ws.insert_chart(rad(n + 2), 0, &c)?;
    }
    wb.push_worksheet(ws);
    Ok(())
}

/// The PIOS matrix: column 0–2 (intern … extern), row 0–2 (effektivitet … innovation).
fn matrisblad(wb: &mut Workbook, p: &Portfolj, f: &Format_) -> Result<(), ExportFel> {
    let mut ws = Worksheet::new();
    ws.set_name("PIOS-matris")?;
    for (k, (r, b)) in [
        ("Insats", 44.0),
        ("Leverantör", 32.0),
        ("Intern–extern (0–2)", 16.0),
        ("Effektivitet–innovation (0–2)", 16.0),
        ("Projektbudget", 16.0),
    ]
    .iter()
    .enumerate()
    {
        let k = u16::try_from(k).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, k, *r, &f.rubrik)?;
        ws.set_column_width(k, *b)?;
    }
    let mut punkter: Vec<_> = p.matris.iter().collect();
    punkter.sort_by_key(|m| std::cmp::Reverse(m.projektbudget.kronor));
    for (i, m) in punkter.iter().enumerate() {
        let r = rad(i + 1);
        skriv_text(&mut ws, r, 0, &m.namn, f)?;
        skriv_text(&mut ws, r, 1, &m.leverantor, f)?;
        ws.write_number(r, 2, f64::from(m.kolumn))?;
        ws.write_number(r, 3, f64::from(m.rad))?;
        if let Some(k) = m.projektbudget.kronor {
            ws.write_number_with_format(r, 4, k.tkr(), &f.tkr)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !punkter.is_empty() {
        let storst = punkter
            .iter()
            .filter_map(|m| m.projektbudget.kronor)
            .map(|k| k.0.unsigned_abs())
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        let mut c = Chart::new(ChartType::Scatter);
        for (i, m) in punkter.iter().take(diagram::BUBBLOR_ANTAL).enumerate() {
            let r = rad(i + 1);
            let andel = m
                .projektbudget
                .kronor
                .map_or(0.0, |k| (k.0.unsigned_abs() as f64 / storst).sqrt());
            let storlek = (4.0 + 32.0 * andel).round() as u8;
            c.add_series()
                .set_name(("PIOS-matris", r, 0))
                .set_categories(("PIOS-matris", r, 2, r, 2))
                .set_values(("PIOS-matris", r, 3, r, 3))
                .set_marker(
                    ChartMarker::new()
                        .set_type(ChartMarkerType::Circle)
                        .set_size(storlek),
                );
        }
        c.title()
            .set_name("PIOS-matris: intern–extern och effektivitet–innovation");
        c.x_axis()
            .set_name("Intern (0) – extern (2)")
            .set_min(-0.5)
            .set_max(2.5);
        c.y_axis()
            .set_name("Effektivitet (0) – innovation (2)")
            .set_min(-0.5)
            .set_max(2.5);
        c.set_width(720).set_height(480);
        ws.insert_chart(1, 6, &c)?;
    }
    wb.push_worksheet(ws);
    Ok(())
}
