//! The Excel workbook for controllers, written with rust_xlsxwriter: the 3.1 cost tables, the
//! proposals of 2.2, 3.2 and 1.2 as Excel tables with filters, totals as formulas that also carry
//! their computed value, and a Kontroller sheet that expresses the validator's money rules as
//! formulas over the other sheets. Amounts are numbers in tkr, formatted `#,##0 "tkr"`.
//! Text a user typed is always a string cell, quote-prefixed when it starts like a formula.

use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{Chart, ChartType, DocProperties, Formula, Workbook, Worksheet, XlsxError};
use serde_json::Value;

use super::ExportFel;
use super::blad::{Cell, Format_, Placering, ja_nej, skriv_blad, skriv_text};
use super::kontroller::{FORSLAG_NY_TJANST, FORSLAG_TJANST, Kostnadsblad, skriv_kontroller};
use super::varde::visa;
use crate::cancel::Avbrott;
use crate::model::ekonomi::{Kostnadstabell, paverkan_med_index};
use crate::model::{ArligAnalys, Dokument, Kostnadsutveckling, Kronor, Trearsbelopp};
use crate::template::{
    Falt, Falttyp, Mall, Tabell, arsetikett, delsummor_for, lista_vid, varde_vid,
};

/// A sheet before it is written: headers with widths, rows, and the field each column holds.
type Bladinnehall = (Vec<(String, f64)>, Vec<Vec<Cell>>, Vec<String>);

impl From<XlsxError> for ExportFel {
    fn from(e: XlsxError) -> ExportFel {
        ExportFel::Xlsx(e.to_string())
    }
}

/// A template table as sheet columns and rows: names for references, numbers for amounts.
fn tabellblad(t: &Tabell, sektion: &Value, dokument: &Dokument, mall: &Mall) -> Bladinnehall {
    let ar = dokument.ar();
    // The riktlinje's columns after the printed ones, as in the Word table.
    let med_egna = mall.riktlinjen_texter().is_some();
    let kolumner: Vec<_> = t
        .kolumner
        .iter()
        .filter(|k| !k.utokat)
        .chain(t.kolumner.iter().filter(|k| k.utokat && med_egna))
        .collect();
    let tkr = t.enhet.as_deref() == Some("tkr");
    let rubriker = kolumner
        .iter()
        .map(|k| {
            let etikett = arsetikett(&k.etikett, ar).unwrap_or_else(|_| k.etikett.clone());
            let etikett = match (&k.hjalptext, k.typ) {
                (Some(h), Falttyp::Belopp) if h.starts_with("Påverkan") => {
                    format!("Påverkan förvaltningskostnad {etikett}")
                }
                _ => etikett,
            };
            let bredd = match k.typ {
                Falttyp::Belopp | Falttyp::Procent => 16.0,
                Falttyp::Tjanst | Falttyp::Insats => 36.0,
                _ => 44.0,
            };
            (etikett, bredd)
        })
        .collect();
    let rader = lista_vid(sektion, t.nyckel())
        .iter()
        .map(|rad| {
            kolumner
                .iter()
                .map(|k| {
                    let v = varde_vid(rad, k.nyckel());
                    match k.typ {
                        Falttyp::Belopp if tkr => {
                            Cell::Belopp(v.and_then(Value::as_i64).map(Kronor))
                        }
                        Falttyp::Procent => Cell::Procent(v.and_then(Value::as_f64)),
                        Falttyp::Heltal => match v.and_then(Value::as_f64) {
                            Some(t) => Cell::Tal(t),
                            None => Cell::Text(String::new()),
                        },
                        _ => Cell::Text(visa(k, v, dokument, mall, tkr)),
                    }
                })
                .collect()
        })
        .collect();
    let falt = kolumner.iter().map(|k| k.nyckel().to_string()).collect();
    (rubriker, rader, falt)
}

/// A template table as its own sheet, with the template's total row when it has one.
fn tabell_med_summa(
    wb: &mut Workbook,
    blad: &str,
    t: &Tabell,
    sektion: &Value,
    dokument: &Dokument,
    mall: &Mall,
    f: &Format_,
) -> Result<Placering, XlsxError> {
    let (rubriker, rader, falt) = tabellblad(t, sektion, dokument, mall);
    skriv_blad(wb, blad, &rubriker, &rader, t.summarad.as_deref(), &falt, f)
}

/// One row of Förslag per föreslagen insats; the impact columns hold what the proposal implies
/// for each year, with its index applied, as the validator compares them with 3.1.
fn forslagsblad(analys: &ArligAnalys, mall: &Mall) -> Bladinnehall {
    let ar = analys.meta.analysar;
    let index = analys.kostnader.forvaltning.indexupprakning_procent;
    let mut rubriker: Vec<(String, f64)> = vec![
        ("Nr".into(), 6.0),
        ("Förändringsinsats".into(), 40.0),
        ("Tjänst".into(), 34.0),
    ];
    for k in 0..3 {
        rubriker.push((format!("Projektbudget {}", ar.saturating_add(k)), 16.0));
    }
    rubriker.push(("Projektbudget senare".into(), 16.0));
    for k in 0..3 {
        rubriker.push((
            format!("Påverkan förvaltningskostnad {}", ar.saturating_add(k)),
            18.0,
        ));
    }
    for (r, b) in [
        ("Indexerad", 10.0),
        ("Ny tjänst", 10.0),
        ("Kundgrupp som finansierar", 30.0),
        ("Förslag fördelningsnyckel", 36.0),
        ("Komplexitet kund", 16.0),
        ("Komplexitet leverantör", 16.0),
        ("Intern - extern nytta", 16.0),
        ("Effektivitet - innovation", 16.0),
    ] {
        rubriker.push((r.into(), b));
    }
    let rader = analys
        .foreslagna_insatser
        .insatser
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let tjanst = x
                .strategisk
                .tjanster
                .first()
                .map(|t| analys.tjanstekatalog.namn(t).to_string())
                .unwrap_or_default();
            let pb = &x.ekonomisk.projektbudget;
            let mut rad = vec![
                Cell::Tal((i + 1) as f64),
                Cell::Text(x.namn.clone()),
                Cell::Text(tjanst),
            ];
            rad.extend([pb.ar, pb.ar_plus_1, pb.ar_plus_2, pb.senare].map(Cell::Belopp));
            for k in 0..3 {
                rad.push(Cell::Belopp(paverkan_med_index(
                    &x.ekonomisk.paverkan_forvaltningskostnad,
                    k,
                    index,
                )));
            }
            let ja_nej = |b: bool| Cell::Text(ja_nej(b).into());
            rad.push(ja_nej(x.ekonomisk.paverkan_forvaltningskostnad.indexerad));
            rad.push(ja_nej(x.ar_ny_tjanst()));
            rad.push(Cell::Text(x.ekonomisk.kundgrupp_som_finansierar.clone()));
            rad.push(Cell::Text(x.ekonomisk.forslag_fordelningsnyckel.clone()));
            let niva = |n: Option<crate::model::Komplexitet>| {
                n.map(|n| {
                    serde_json::to_value(n)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                })
                .map(|v| mall.etikett_for_varde("komplexitet", &v).to_string())
                .unwrap_or_default()
            };
            rad.push(Cell::Text(niva(x.strategisk.komplexitet_kund.niva)));
            rad.push(Cell::Text(niva(x.strategisk.komplexitet_leverantor.niva)));
            let enum_text = |upprakning: &str, v: Option<Value>| {
                v.and_then(|v| {
                    v.as_str()
                        .map(|s| mall.etikett_for_varde(upprakning, s).to_string())
                })
                .unwrap_or_default()
            };
            rad.push(Cell::Text(enum_text(
                "intern_extern",
                x.strategisk
                    .intern_extern_nytta
                    .and_then(|v| serde_json::to_value(v).ok()),
            )));
            rad.push(Cell::Text(enum_text(
                "effektivitet_innovation",
                x.strategisk
                    .effektivitet_innovation
                    .and_then(|v| serde_json::to_value(v).ok()),
            )));
            if mall.riktlinjen_texter().is_some() {
                for b in [
                    &x.ekonomisk.projektbudget,
                    &x.ekonomisk.paverkan_forvaltningskostnad,
                ] {
                    rad.push(ja_nej(b.aterkommande));
                    rad.push(ja_nej(b.indexerad));
                    rad.push(Cell::Procent(b.indexsats_procent));
                }
            }
            rad
        })
        .collect();
    // The riktlinje's marks on the amounts, last, as in the Word table.
    if let Some(r) = mall.riktlinjen_texter() {
        for belopp in ["Projektbudget", "Påverkan förvaltningskostnad"] {
            rubriker.push((format!("{belopp}: {}", r.aterkommande), 18.0));
            rubriker.push((format!("{belopp}: {}", r.indexerad), 18.0));
            rubriker.push((format!("{belopp}: {} (%)", r.indexsats), 16.0));
        }
    }
    // The fields by their path in the proposal; the Kontroller sheet's formulas find the
    // columns by them. The columns after these are named by no formula.
    let mut falt: Vec<String> = ["nr", "namn", FORSLAG_TJANST]
        .into_iter()
        .map(String::from)
        .collect();
    for ar in ["ar", "ar_plus_1", "ar_plus_2", "senare"] {
        falt.push(format!("ekonomisk.projektbudget.{ar}"));
    }
    for ar in crate::model::ekonomi::TRE_AR {
        falt.push(format!("ekonomisk.paverkan_forvaltningskostnad.{ar}"));
    }
    falt.push("ekonomisk.paverkan_forvaltningskostnad.indexerad".into());
    falt.push(FORSLAG_NY_TJANST.into());
    (rubriker, rader, falt)
}

/// The riktlinje's additions that are no table of their own, one per row as Avsnitt | Fält |
/// Värde: berörd nämnd informerad, informationssäkerhetsnivå per tjänst, the sections' own
/// fields (3.1's indexuppräkning) and the insats forms' rows (1.4's SSG flag).
fn riktlinjeblad(
    dokument: &Dokument,
    json: &Value,
    mall: &Mall,
) -> (Vec<(String, f64)>, Vec<Vec<Cell>>) {
    let ar = dokument.ar();
    let rubriker = vec![
        ("Avsnitt".to_string(), 36.0),
        ("Fält".to_string(), 50.0),
        ("Värde".to_string(), 50.0),
    ];
    let mut rader: Vec<Vec<Cell>> = Vec::new();
    let text = |f: &Falt, v: &Value| visa(f, varde_vid(v, f.nyckel()), dokument, mall, false);
    let mut rad = |avsnitt: &str, falt: String, f: &Falt, v: &Value| {
        let varde = match f.typ {
            Falttyp::Procent => {
                let p = varde_vid(v, f.nyckel()).and_then(Value::as_f64);
                if p.is_none() {
                    return;
                }
                Cell::Procent(p)
            }
            _ => {
                let t = text(f, v);
                if t.trim().is_empty() {
                    return;
                }
                Cell::Text(t)
            }
        };
        rader.push(vec![
            Cell::Text(avsnitt.to_string()),
            Cell::Text(falt),
            varde,
        ]);
    };
    let meta = json.get("meta").unwrap_or(&Value::Null);
    for f in mall
        .metafalt
        .iter()
        .filter(|f| f.utokat && f.typ == Falttyp::NamndInformerad)
    {
        rad(&mall.mall.titel, f.etikett.clone(), f, meta);
    }
    let tjanster = json
        .get("tjanstekatalog")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for a in &mall.avsnitt {
        let rubrik = a
            .rubrik_for_ar(ar)
            .unwrap_or_else(|_| format!("{} {}", a.nummer(), a.rubrik));
        for f in a
            .katalogfalt
            .iter()
            .filter_map(|n| mall.katalogfalt.iter().find(|f| f.nyckel() == n))
        {
            for t in tjanster {
                let namn = t.get("namn").and_then(Value::as_str).unwrap_or_default();
                rad(&rubrik, format!("{}: {namn}", f.etikett), f, t);
            }
        }
        let Some(sektion) = a.nyckel().and_then(|n| json.get(n)) else {
            continue;
        };
        for f in a
            .falt
            .iter()
            .filter(|f| f.utokat && !matches!(f.typ, Falttyp::Tillamplighet | Falttyp::Figurer))
        {
            let etikett = arsetikett(&f.etikett, ar).unwrap_or_else(|_| f.etikett.clone());
            rad(&rubrik, etikett, f, sektion);
        }
        if let Some(form) = &a.insats {
            for (i, (x, namn)) in form.insatser(sektion).enumerate() {
                let insats = form.rubrik_for(i + 1, namn);
                for f in form
                    .grupper
                    .iter()
                    .flat_map(|g| &g.falt)
                    .filter(|f| f.utokat)
                {
                    let etikett = arsetikett(&f.etikett, ar).unwrap_or_else(|_| f.etikett.clone());
                    rad(&rubrik, format!("{insats} – {namn}: {etikett}"), f, x);
                }
            }
        }
    }
    (rubriker, rader)
}

/// Writes the workbook for one document.
pub fn skriv_xlsx(dokument: &Dokument, mall: &Mall) -> Result<Vec<u8>, ExportFel> {
    skriv_xlsx_med(dokument, mall, &Avbrott::default())
}

/// [`skriv_xlsx`] that stops with [`ExportFel::Avbrutet`] once `avbrott` is cancelled: between
/// sheets and before the workbook is packed.
pub fn skriv_xlsx_med(
    dokument: &Dokument,
    mall: &Mall,
    avbrott: &Avbrott,
) -> Result<Vec<u8>, ExportFel> {
    super::utan_platshallare(dokument)?;
    let analys = match dokument {
        Dokument::ArligAnalys(a) => a,
        Dokument::Tjansteplan(_) | Dokument::Digitaliseringsplan(_) => {
            return skriv_tabeller_xlsx(dokument, mall, avbrott);
        }
    };
    let json = dokument.to_value();
    let ar = analys.meta.analysar;
    let f = Format_::nya();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {ar} – kostnader", mall.mall.titel))
            .set_author(&analys.meta.organisation)
            .set_company("Göteborgs Stad")
            .set_subject("Kostnader förvaltning och utveckling, förslag och fördelningsnycklar"),
    );

    let kostnader = json.get("kostnader").unwrap_or(&Value::Null);
    let avsnitt_31 = mall.avsnitt_med_nyckel("kostnader");
    let tabell =
        |nyckel: &str| avsnitt_31.and_then(|a| a.tabeller.iter().find(|t| t.nyckel() == nyckel));
    let mut tabeller: Vec<(Kostnadstabell, Placering)> = Vec::new();
    for (kostnadstabell, blad) in Kostnadstabell::ALLA.into_iter().zip([
        "Förvaltningskostnader",
        "Utvecklingskostnader",
        "Nya förändringsinsatser",
    ]) {
        if let Some(t) = tabell(kostnadstabell.nyckel()) {
            let placering = tabell_med_summa(&mut wb, blad, t, kostnader, dokument, mall, &f)?;
            tabeller.push((kostnadstabell, placering));
        }
    }
    if let Some((_, forsta_blad)) = tabeller.first()
        && let Some((forsta, sista)) = forsta_blad.rader
    {
        stapeldiagram(&mut wb, &forsta_blad.blad, forsta, sista, ar)?;
    }
    avbrott.kontrollera()?;
    let (rubriker, rader, falt) = forslagsblad(analys, mall);
    let forslag = skriv_blad(
        &mut wb,
        "Förslag",
        &rubriker,
        &rader,
        Some("Totalt"),
        &falt,
        &f,
    )?;
    for (nyckel, blad) in [
        ("fordelningsnycklar", "Fördelningsnycklar"),
        ("effekthemtagning", "Effekthemtagning"),
        ("konsolidering", "Konsolidering"),
    ] {
        if let Some(t) = mall
            .avsnitt_med_nyckel(nyckel)
            .and_then(|a| a.tabeller.first())
        {
            avbrott.kontrollera()?;
            let (rubriker, rader, falt) =
                tabellblad(t, json.get(nyckel).unwrap_or(&Value::Null), dokument, mall);
            skriv_blad(&mut wb, blad, &rubriker, &rader, None, &falt, &f)?;
        }
    }
    // What the riktlinje asks beyond the printed template, when the template words it: its
    // tables (4's avvecklingar) a sheet each, named by their caption, and the rest on one sheet
    // named by the marking the Word export uses.
    if let Some(r) = mall.riktlinjen_texter() {
        for a in mall.avsnitt.iter().filter(|a| a.aktiv) {
            let Some(nyckel) = a.nyckel() else { continue };
            for t in a.tabeller.iter().filter(|t| t.utokat) {
                let blad: String = t
                    .rubrik
                    .as_deref()
                    .unwrap_or(&a.rubrik)
                    .chars()
                    .filter(|c| !"[]:*?/\\".contains(*c))
                    .take(31)
                    .collect();
                let (rubriker, rader, falt) =
                    tabellblad(t, json.get(nyckel).unwrap_or(&Value::Null), dokument, mall);
                skriv_blad(&mut wb, blad.trim(), &rubriker, &rader, None, &falt, &f)?;
            }
        }
        let (rubriker, rader) = riktlinjeblad(dokument, &json, mall);
        skriv_blad(&mut wb, &r.markering, &rubriker, &rader, None, &[], &f)?;
    }
    skriv_kontroller(&mut wb, analys, &Kostnadsblad { tabeller, forslag }, &f)?;
    avbrott.kontrollera()?;
    Ok(wb.save_to_buffer()?)
}

/// The workbook of a plan: every table of the template, in its order, one sheet each, amounts
/// in tkr with SUM formulas where the template has a total row, and for tables with a
/// classification column one SUMIF row per class below the total.
fn skriv_tabeller_xlsx(
    dokument: &Dokument,
    mall: &Mall,
    avbrott: &Avbrott,
) -> Result<Vec<u8>, ExportFel> {
    let json = dokument.to_value();
    let ar = dokument.ar();
    let f = Format_::nya();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {ar} – kostnader", mall.mall.titel))
            .set_author(dokument.organisation())
            .set_company("Göteborgs Stad")
            .set_subject("Kostnader per år"),
    );
    let mut namn_anvanda: Vec<String> = Vec::new();
    for a in mall.avsnitt.iter().filter(|a| a.aktiv) {
        let Some(nyckel) = a.nyckel() else { continue };
        let sektion = json.get(nyckel).unwrap_or(&Value::Null);
        for t in &a.tabeller {
            avbrott.kontrollera()?;
            let rubrik = arsetikett(t.rubrik.as_deref().unwrap_or(&a.rubrik), ar)
                .unwrap_or_else(|_| a.rubrik.clone());
            // Sheet names: at most 31 characters, none of []:*?/\, unique.
            let mut blad: String = rubrik
                .chars()
                .filter(|c| !"[]:*?/\\".contains(*c))
                .take(28)
                .collect();
            blad = blad.trim().to_string();
            while namn_anvanda.contains(&blad) {
                blad.push('_');
            }
            namn_anvanda.push(blad.clone());
            let placering = tabell_med_summa(&mut wb, &blad, t, sektion, dokument, mall, &f)?;
            let json_rader = lista_vid(sektion, t.nyckel());
            delsummor(&mut wb, &placering, t, json_rader, mall, &f)?;
        }
    }
    avbrott.kontrollera()?;
    Ok(wb.save_to_buffer()?)
}

/// Below a table's total row: one row per value of its classification column (the bilaga's
/// Nyutveckling / Utveckling inom befintlig tjänst) with the subtotal as a formula, so the
/// subtotals are live. Which columns and the figures are `delsummor_for`'s, as in Word and
/// the app.
fn delsummor(
    wb: &mut Workbook,
    placering: &Placering,
    t: &Tabell,
    rader: &[Value],
    mall: &Mall,
    f: &Format_,
) -> Result<(), XlsxError> {
    let Some((klass, belopp)) = t.delsummor() else {
        return Ok(());
    };
    let (Some(klasser), Some(belopp_omrade), Some(beloppskol)) = (
        placering.kolumnomrade(klass.nyckel()),
        placering.kolumnomrade(belopp.nyckel()),
        placering.kolumn_for(belopp.nyckel()),
    ) else {
        return Ok(());
    };
    let ws = wb.worksheet_from_name(&placering.blad)?;
    let forsta_rad = placering.under_summaraden();
    for (i, (etikett, summa)) in delsummor_for(t, mall, rader).into_iter().enumerate() {
        let r = forsta_rad + u32::try_from(i).unwrap_or(0);
        skriv_text(ws, r, 0, &etikett, f)?;
        // EXACT through a cell reference, never SUMIF: a label is compared as text, not as a
        // pattern (see the Kontroller sheet).
        let formel = Formula::new(format!(
            "=SUMPRODUCT(EXACT({klasser},{})*({belopp_omrade}))",
            row_col_to_cell(r, 0)
        ))
        .set_result(format!("{}", summa.tkr()));
        ws.write_formula_with_format(r, beloppskol, formel, &f.tkr_fet)?;
    }
    Ok(())
}

/// A native column chart of cost development per bastjänst: utfall → budget → prognos.
fn stapeldiagram(
    wb: &mut Workbook,
    blad: &str,
    forsta: u32,
    sista: u32,
    ar: i32,
) -> Result<(), XlsxError> {
    let mut diagram = Chart::new(ChartType::Column);
    for (k, namn) in [
        (1u16, format!("Utfall {}", ar.saturating_sub(2))),
        (2, format!("Budget {}", ar.saturating_sub(1))),
        (3, format!("Prognos budget {ar}")),
    ] {
        diagram
            .add_series()
            .set_name(namn.as_str())
            .set_categories((blad, forsta, 0, sista, 0))
            .set_values((blad, forsta, k, sista, k));
    }
    diagram
        .title()
        .set_name("Förvaltningskostnad per tjänst (tkr)");
    diagram.y_axis().set_num_format("#,##0");
    let ws = wb.worksheet_from_name(blad)?;
    ws.insert_chart(sista + 4, 0, &diagram)?;
    Ok(())
}

/// One row of the long, pivot-friendly table of a combined workbook.
struct Kostnadspost {
    organisation: String,
    analysar: i32,
    /// The tjänst, or for a new förändringsinsats its name.
    tjanst: String,
    /// "Befintlig tjänst" or "Ny förändringsinsats".
    radtyp: &'static str,
    kostnadsslag: &'static str,
    avser_ar: i32,
    belopp: Kronor,
}

const BEFINTLIG: &str = "Befintlig tjänst";
const NY: &str = "Ny förändringsinsats";
const PAVERKAN: &str = "Påverkan förvaltningskostnad";
/// The kostnadsslag of utfall, budget and prognos in the two 3.1 tables of existing tjänster.
const FORVALTNING: [&str; 3] = [
    "Förvaltning utfall",
    "Förvaltning budget",
    "Förvaltning prognos",
];
const UTVECKLING: [&str; 3] = [
    "Utveckling utfall",
    "Utveckling budget",
    "Utveckling prognos",
];

fn kostnadsposter(a: &ArligAnalys) -> Vec<Kostnadspost> {
    let ar = a.meta.analysar;
    let mut ut = Vec::new();
    // A row's amounts as (kostnadsslag, the year it is for, amount); the blank ones are no post.
    let mut poster =
        |tjanst: &str, radtyp: &'static str, belopp: [(&'static str, i32, Option<Kronor>); 3]| {
            for (kostnadsslag, avser_ar, belopp) in belopp {
                if let Some(belopp) = belopp {
                    ut.push(Kostnadspost {
                        organisation: a.meta.organisation.clone(),
                        analysar: ar,
                        tjanst: tjanst.to_string(),
                        radtyp,
                        kostnadsslag,
                        avser_ar,
                        belopp,
                    });
                }
            }
        };
    // Utfall is for {år-2}, budget for {år-1}, prognos for {år}.
    let utfall_budget_prognos = |slag: [&'static str; 3], k: &Kostnadsutveckling| {
        [
            (slag[0], ar.saturating_sub(2), k.utfall),
            (slag[1], ar.saturating_sub(1), k.budget),
            (slag[2], ar, k.prognos),
        ]
    };
    let tre_ar = |slag: &'static str, p: &Trearsbelopp| {
        let [forsta, andra, tredje] = p.tre_ar();
        [
            (slag, ar, forsta),
            (slag, ar.saturating_add(1), andra),
            (slag, ar.saturating_add(2), tredje),
        ]
    };
    for r in &a.kostnader.forvaltning.rader {
        let t = a.tjanstekatalog.namn(&r.tjanst);
        poster(t, BEFINTLIG, utfall_budget_prognos(FORVALTNING, &r.kostnad));
    }
    for r in &a.kostnader.utveckling.rader {
        let t = a.tjanstekatalog.namn(&r.tjanst);
        poster(t, BEFINTLIG, utfall_budget_prognos(UTVECKLING, &r.kostnad));
        poster(
            t,
            BEFINTLIG,
            tre_ar(PAVERKAN, &r.paverkan_forvaltningskostnad),
        );
    }
    for r in &a.kostnader.nya_insatser.rader {
        let namn = a
            .foreslagna_insatser
            .insatser
            .iter()
            .find(|x| x.id == r.insats)
            .map_or(r.insats.0.as_str(), |x| x.namn.as_str());
        poster(namn, NY, tre_ar("Utveckling prognos", &r.kostnad));
        poster(namn, NY, tre_ar(PAVERKAN, &r.paverkan_forvaltningskostnad));
    }
    ut
}

/// The summary columns of a combined workbook: kostnadsslag and, for impacts, the whole plan
/// period of the analysis.
const SUMMERINGAR: [(&str, &str); 4] = [
    ("Förvaltning prognos", "Förvaltning prognos"),
    ("Förvaltning budget", "Förvaltning budget"),
    ("Utveckling prognos", "Utveckling prognos"),
    (
        "Påverkan förvaltningskostnad",
        "Påverkan förvaltningskostnad (planperioden)",
    ),
];

/// One workbook across documents (organisations and years): a long table for pivoting, and
/// summaries per organisation and analysår and per bastjänst and analysår as formulas over it.
pub fn skriv_samlad_xlsx(dokument: &[Dokument]) -> Result<Vec<u8>, ExportFel> {
    let f = Format_::nya();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Årlig analys – samlade kostnader")
            .set_company("Göteborgs Stad"),
    );
    let poster: Vec<Kostnadspost> = dokument
        .iter()
        .flat_map(|d| match d {
            Dokument::ArligAnalys(a) => kostnadsposter(a),
            Dokument::Tjansteplan(_) | Dokument::Digitaliseringsplan(_) => Vec::new(),
        })
        .collect();
    let rubriker: Vec<(String, f64)> = [
        ("Organisation", 44.0),
        ("Analysår", 10.0),
        ("Tjänst", 40.0),
        ("Radtyp", 22.0),
        ("Kostnadsslag", 30.0),
        ("Avser år", 10.0),
        ("Belopp", 16.0),
    ]
    .iter()
    .map(|(r, b)| (r.to_string(), *b))
    .collect();
    let rader: Vec<Vec<Cell>> = poster
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.organisation.clone()),
                Cell::Tal(f64::from(p.analysar)),
                Cell::Text(p.tjanst.clone()),
                Cell::Text(p.radtyp.into()),
                Cell::Text(p.kostnadsslag.into()),
                Cell::Tal(f64::from(p.avser_ar)),
                Cell::Belopp(Some(p.belopp)),
            ]
        })
        .collect();
    let falt: Vec<String> = [
        "organisation",
        "analysar",
        "tjanst",
        "radtyp",
        "kostnadsslag",
        "avser_ar",
        "belopp",
    ]
    .map(String::from)
    .to_vec();
    let kostnader = skriv_blad(&mut wb, "Kostnader", &rubriker, &rader, None, &falt, &f)?;
    // Every key is one of `falt` above, so every column is found.
    let kol = |k: &str| kostnader.omrade(k).unwrap_or_default();

    for (blad, per_organisation, rubrik) in [
        ("Per organisation", true, "Organisation"),
        ("Per bastjänst", false, "Bastjänst"),
    ] {
        let mut ws = Worksheet::new();
        ws.set_name(blad)?;
        ws.write_string_with_format(0, 0, rubrik, &f.rubrik)?;
        ws.set_column_width(0, 44)?;
        ws.write_string_with_format(0, 1, "Analysår", &f.rubrik)?;
        for (k, (_, etikett)) in SUMMERINGAR.iter().enumerate() {
            let k = u16::try_from(k + 2).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, k, *etikett, &f.rubrik)?;
            ws.set_column_width(k, 22)?;
        }
        let medtagen = |p: &&Kostnadspost| per_organisation || p.radtyp == BEFINTLIG;
        let nyckel = |p: &Kostnadspost| {
            (
                if per_organisation {
                    p.organisation.clone()
                } else {
                    p.tjanst.clone()
                },
                p.analysar,
            )
        };
        let mut nycklar: Vec<(String, i32)> = poster.iter().filter(medtagen).map(nyckel).collect();
        nycklar.sort();
        nycklar.dedup();
        let (namnkolumn, villkor_radtyp) = if per_organisation {
            ("organisation", String::new())
        } else {
            ("tjanst", format!("*({}=\"{BEFINTLIG}\")", kol("radtyp")))
        };
        for (i, (namn, ar)) in nycklar.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
            skriv_text(&mut ws, r, 0, namn, &f)?;
            ws.write_number(r, 1, f64::from(*ar))?;
            for (k, (slag, _)) in SUMMERINGAR.iter().enumerate() {
                let summa: i64 = poster
                    .iter()
                    .filter(medtagen)
                    .filter(|p| p.kostnadsslag == *slag && nyckel(p) == (namn.clone(), *ar))
                    .map(|p| p.belopp.0)
                    .sum();
                // EXACT, not SUMIFS: names may hold * ? ~ or start with <, which SUMIFS reads
                // as patterns or comparisons.
                // The row's own name and year, column fixed: `$A2`, `$B2`.
                let formel = format!(
                    "=SUMPRODUCT(EXACT({},${})*({}=${}){villkor_radtyp}*({}=\"{slag}\")*{})",
                    kol(namnkolumn),
                    row_col_to_cell(r, 0),
                    kol("analysar"),
                    row_col_to_cell(r, 1),
                    kol("kostnadsslag"),
                    kol("belopp")
                );
                let k = u16::try_from(k + 2).unwrap_or(u16::MAX);
                ws.write_formula_with_format(
                    r,
                    k,
                    Formula::new(formel).set_result(format!("{}", Kronor(summa).tkr())),
                    &f.tkr,
                )?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        ws.set_landscape();
        ws.set_repeat_rows(0, 0)?;
        wb.push_worksheet(ws);
    }
    Ok(wb.save_to_buffer()?)
}

/// The "Ekonomisk sammanställning utvecklingskostnader" over several tjänsteplaner as a sheet:
/// one row per plan, the total row as SUM formulas, the last column a formula too.
pub fn skriv_sammanstallning_xlsx(
    planer: &[&crate::model::Tjansteplan],
) -> Result<Vec<u8>, ExportFel> {
    super::planer_utan_platshallare(planer)?;
    let ar = planer.first().map_or(0, |p| p.meta.ar);
    let f = Format_::nya();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Tjänsteplan {ar}–{}: ekonomisk sammanställning utvecklingskostnader",
                ar.saturating_add(2)
            ))
            .set_company("Göteborgs Stad"),
    );
    let rubriker: Vec<(String, f64)> = vec![
        ("Tjänsteområde".into(), 30.0),
        (
            format!("Tjänsteplan {ar}-{} version", ar.saturating_add(2)),
            16.0,
        ),
        ("Summa".into(), 14.0),
        ("Nyutveckling".into(), 14.0),
        ("Utveckling inom befintlig tjänst".into(), 18.0),
    ];
    let rader: Vec<Vec<Cell>> = crate::model::sammanstallning(planer)
        .into_iter()
        .map(|r| {
            vec![
                Cell::Text(r.tjansteomrade),
                Cell::Text(r.version),
                Cell::Belopp(Some(r.summa)),
                Cell::Belopp(Some(r.nyutveckling)),
                Cell::Belopp(Some(r.utveckling_inom_befintlig_tjanst)),
            ]
        })
        .collect();
    skriv_blad(
        &mut wb,
        "Sammanställning",
        &rubriker,
        &rader,
        Some("Summa"),
        &[],
        &f,
    )?;
    Ok(wb.save_to_buffer()?)
}
