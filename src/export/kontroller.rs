//! The Kontroller sheet: the money checks of `model::ekonomi` (the validator's money rules) as
//! formulas over the other sheets, so a controller who edits a number sees the check change.
//! Every reference comes from the layout the sheets were written with (`Placering`), never from
//! column letters of its own. Every formula also carries the value the core computed, for
//! viewers that do not recalculate.

use rust_xlsxwriter::utility::{column_number_to_name, row_col_to_cell};
use rust_xlsxwriter::{Formula, Workbook, Worksheet, XlsxError};

use super::blad::{Format_, Placering, ja_nej, skriv_text};
use crate::model::ArligAnalys;
use crate::model::Tillamplighet;
use crate::model::ekonomi::{self, Jamforelse, Kostnadstabell, Plats, Slag, TRE_AR};
use crate::validate::regel_for_jamforelse;

/// The Förslag sheet's column of the tjänst a proposal names first.
pub(crate) const FORSLAG_TJANST: &str = "strategisk.tjanster";
/// The Förslag sheet's column that says (Ja/Nej) whether a proposal creates a new tjänst.
pub(crate) const FORSLAG_NY_TJANST: &str = "strategisk.formaga.ny_tjanst";

/// Where the sheets the checks refer to were written.
pub(crate) struct Kostnadsblad {
    pub tabeller: Vec<(Kostnadstabell, Placering)>,
    pub forslag: Placering,
}

impl Kostnadsblad {
    fn tabell(&self, tabell: Kostnadstabell) -> Option<&Placering> {
        self.tabeller
            .iter()
            .find(|(t, _)| *t == tabell)
            .map(|(_, p)| p)
    }

    /// The formula (without `=`) that computes a figure at `plats`; `varde` is the figure, for
    /// a stated one that is in no sheet, and `namncell` the cell of this check's tjänst name,
    /// which a sum over the proposals matches. `None` when a sheet or column was not written.
    fn formel(&self, plats: &Plats, varde: f64, namncell: &str) -> Option<String> {
        match plats {
            Plats::Cell { tabell, rad, falt } => self.tabell(*tabell)?.cell(falt, *rad),
            Plats::Summa { tabell, falt } => self.tabell(*tabell)?.summa(falt),
            Plats::Forslag { rad, falt } => self.forslag.cell(falt, *rad),
            // EXACT rather than SUMIFS: a name may hold `*`, `?`, `~` or start with `<`, which
            // SUMIFS would read as a pattern or a comparison. The name is matched through its
            // cell, never pasted into the formula.
            Plats::ForslagFor { falt } => Some(format!(
                "SUMPRODUCT(EXACT({},{namncell})*({}=\"{}\")*{})",
                self.forslag.omrade(FORSLAG_TJANST)?,
                self.forslag.omrade(FORSLAG_NY_TJANST)?,
                ja_nej(false),
                self.forslag.omrade(falt)?
            )),
            Plats::Angivet => Some(tal(varde)),
            Plats::Indexerat { bas, sats } => Some(format!(
                "{}*(1+{}/100)",
                self.formel(bas, varde, namncell)?,
                tal(*sats)
            )),
        }
    }

    /// What the check is called in the sheet's first column.
    fn namn(&self, j: &Jamforelse, ar: i32) -> Option<String> {
        let (grupp, falt) = j.falt.split_once('.').unwrap_or(("", &j.falt));
        Some(match (&j.slag, j.tabell, grupp) {
            (Slag::Harledning, Kostnadstabell::Utveckling, "kostnad") => {
                format!("Prognos budget {ar} = projektbudget {ar} i 2.2")
            }
            (Slag::Harledning, Kostnadstabell::Utveckling, _) => {
                format!("Påverkan förvaltningskostnad {} = summa i 2.2", j.ar)
            }
            (Slag::Harledning, _, "kostnad") => {
                format!("Kostnad {0} = projektbudget {0} i 2.2", j.ar)
            }
            (Slag::Harledning, _, _) => {
                format!("Påverkan förvaltningskostnad {} = påverkan i 2.2", j.ar)
            }
            (Slag::Summa { .. }, Kostnadstabell::NyaInsatser, _) => {
                let kolumn = self.tabell(j.tabell)?.kolumn_for(&j.falt)?;
                format!(
                    "Angiven totalkostnad kolumn {} = summan av raderna",
                    column_number_to_name(kolumn)
                )
            }
            (Slag::Summa { .. }, _, "kostnad") => {
                format!("Angiven totalkostnad {falt} = summan av raderna")
            }
            (Slag::Summa { .. }, _, _) => {
                let k = TRE_AR.iter().position(|a| *a == falt)?;
                format!(
                    "Angiven totalkostnad påverkan år {} = summan av raderna",
                    k + 1
                )
            }
            (Slag::Index { sats, .. }, _, _) => format!(
                "Prognos {ar} = budget {} plus indexuppräkning {sats} %",
                ar.saturating_sub(1)
            ),
        })
    }
}

/// What the second column names: the tjänst or proposal of a row, or the table of a total.
fn tjanst(j: &Jamforelse) -> String {
    match (&j.slag, j.tabell) {
        (Slag::Summa { .. }, Kostnadstabell::Forvaltning) => "Förvaltningskostnader".into(),
        (Slag::Summa { .. }, Kostnadstabell::Utveckling) => "Utvecklingskostnader".into(),
        (Slag::Summa { .. }, Kostnadstabell::NyaInsatser) => "Nya förändringsinsatser".into(),
        _ => j.namn.clone(),
    }
}

fn tal(v: f64) -> String {
    format!("{v}")
}

/// One row of the sheet, its formulas still to be tied to the row's own name cell.
struct Kontroll<'a> {
    namn: String,
    jamforelse: &'a Jamforelse,
}

pub(crate) fn skriv_kontroller(
    wb: &mut Workbook,
    a: &ArligAnalys,
    blad: &Kostnadsblad,
    f: &Format_,
) -> Result<(), XlsxError> {
    // Every derivation from every proposal; whether 2.2 counts is decided below, as the
    // validator decides it.
    let jamforelser = ekonomi::jamforelser(a, true);
    // As the validator: no money rules over a section the analysis marks ej tillämplig.
    let kostnader = a.kostnader.tillamplighet == Tillamplighet::Tillamplig;
    let forslag_aktiva = a.foreslagna_insatser.tillamplighet == Tillamplighet::Tillamplig;
    let ar = a.meta.analysar;
    let kontroller: Vec<Kontroll<'_>> = jamforelser
        .iter()
        .filter(|j| kostnader && (j.slag != Slag::Harledning || forslag_aktiva))
        // A check whose name cannot be made names a column that was not written; its formula
        // could not be made either.
        .filter_map(|j| {
            Some(Kontroll {
                namn: blad.namn(j, ar)?,
                jamforelse: j,
            })
        })
        .collect();

    let mut ws = Worksheet::new();
    ws.set_name("Kontroller")?;
    let rubriker = [
        ("Kontroll", 52.0),
        ("Tjänst eller tabell", 34.0),
        ("Angivet", 16.0),
        ("Härlett", 16.0),
        ("Differens", 14.0),
        ("Status", 12.0),
        ("Regel", 20.0),
        // An override's reason: the author's word on an Avvikelse a controller would query.
        ("Skäl till avvikelse", 48.0),
    ];
    for (k, (r, b)) in rubriker.iter().enumerate() {
        let k = k as u16;
        ws.write_string_with_format(0, k, *r, &f.rubrik)?;
        ws.set_column_width(k, *b)?;
    }
    let mut r: u32 = 0;
    for Kontroll {
        namn,
        jamforelse: j,
    } in &kontroller
    {
        let namncell = format!("${}", row_col_to_cell(r + 1, 1));
        let angivet = j.angivet_tkr();
        let (Some(angivet_formel), Some(harlett_formel)) = (
            blad.formel(&j.angivet_plats, angivet, &namncell),
            blad.formel(&j.harlett_plats, j.harlett_i_bladen, &namncell),
        ) else {
            continue;
        };
        r += 1;
        skriv_text(&mut ws, r, 0, namn, f)?;
        skriv_text(&mut ws, r, 1, &tjanst(j), f)?;
        ws.write_formula_with_format(
            r,
            2,
            Formula::new(format!("={angivet_formel}")).set_result(tal(angivet)),
            &f.tkr,
        )?;
        ws.write_formula_with_format(
            r,
            3,
            Formula::new(format!("={harlett_formel}")).set_result(tal(j.harlett_i_bladen)),
            &f.tkr,
        )?;
        let differens = angivet - j.harlett_i_bladen;
        ws.write_formula_with_format(
            r,
            4,
            Formula::new(format!(
                "={}-{}",
                row_col_to_cell(r, 2),
                row_col_to_cell(r, 3)
            ))
            .set_result(tal(differens)),
            &f.tkr,
        )?;
        // Within the model's tolerance counts as agreeing, as in the validator.
        let tolerans = j.tolerans / 1000.0;
        let status = if differens.abs() <= tolerans {
            "OK"
        } else {
            "Avvikelse"
        };
        ws.write_formula(
            r,
            5,
            Formula::new(format!(
                "=IF(ABS({})<={},\"OK\",\"Avvikelse\")",
                row_col_to_cell(r, 4),
                tal(tolerans)
            ))
            .set_result(status),
        )?;
        ws.write_string(r, 6, regel_for_jamforelse(j))?;
        if let Some(skal) = j.harledning.as_ref().and_then(|h| h.motivering.as_deref()) {
            skriv_text(&mut ws, r, 7, skal, f)?;
        }
    }
    let sista = r.max(1);
    ws.autofilter(0, 0, sista, 7)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_repeat_rows(0, 0)?;
    wb.push_worksheet(ws);
    Ok(())
}
