//! What every workbook is written with: the formats, a cell before it is written, user text as
//! a safe string cell, and one sheet as an Excel table. Writing a sheet records its layout
//! (`Placering`: sheet name, data rows, the field each column holds), and formulas on other
//! sheets take their references from that layout rather than from column letters of their own.

use rust_xlsxwriter::utility::{row_col_to_cell, row_col_to_cell_absolute};
use rust_xlsxwriter::{
    Format, FormatAlign, Formula, Table, TableColumn, Workbook, Worksheet, XlsxError,
};

use crate::model::Kronor;

/// The number format of every amount: whole tkr, grouped the way the reader's Excel groups.
pub const TKR_FORMAT: &str = "#,##0 \"tkr\"";

/// A cell of a sheet before it is written.
#[derive(Debug, Clone)]
pub(crate) enum Cell {
    /// Text someone typed or a name: always a string cell.
    Text(String),
    /// An amount in kronor, written as tkr.
    Belopp(Option<Kronor>),
    /// A percentage (6.0 for 6 %).
    Procent(Option<f64>),
    /// A plain number (a running number).
    Tal(f64),
}

/// Whether a text would be read as a formula or command by a spreadsheet (OWASP ASVS 1.2.10).
pub fn liknar_formel(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The formats of a workbook, made once.
pub(crate) struct Format_ {
    pub(crate) rubrik: Format,
    pub(crate) tkr: Format,
    pub(crate) tkr_fet: Format,
    procent: Format,
    text: Format,
    citerad: Format,
    fet: Format,
}

impl Format_ {
    pub(crate) fn nya() -> Format_ {
        Format_ {
            rubrik: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            tkr: Format::new().set_num_format(TKR_FORMAT),
            tkr_fet: Format::new().set_num_format(TKR_FORMAT).set_bold(),
            procent: Format::new().set_num_format("0.0\\ %"),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            citerad: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_quote_prefix(),
            fet: Format::new().set_bold(),
        }
    }
}

/// Excel holds at most 32 767 characters in a cell.
const STORSTA_CELLTEXT: usize = 32_767;

pub(crate) fn skriv_text(
    ws: &mut Worksheet,
    rad: u32,
    kol: u16,
    text: &str,
    f: &Format_,
) -> Result<(), XlsxError> {
    let mut text = super::text::sakert(text);
    if text.chars().count() > STORSTA_CELLTEXT {
        let markering = " … (förkortad; hela texten finns i Word-exporten)";
        text = text
            .chars()
            .take(STORSTA_CELLTEXT - markering.chars().count())
            .collect::<String>()
            + markering;
    }
    let format = if liknar_formel(&text) {
        &f.citerad
    } else {
        &f.text
    };
    ws.write_string_with_format(rad, kol, text, format)?;
    Ok(())
}

/// Where a written table is, for formulas on other sheets.
#[derive(Debug, Clone)]
pub(crate) struct Placering {
    pub blad: String,
    /// First and last data row (0-based); `None` when the table has no rows.
    pub rader: Option<(u32, u32)>,
    /// The field each column holds, by the key its writer gave it (a template key for template
    /// tables); empty where no formula refers to the sheet.
    falt: Vec<String>,
    /// The Excel table's last row: an empty table still has one (empty) data row.
    tabell_slut: u32,
    /// The Totalkostnad row, when the sheet has one.
    summarad: Option<u32>,
}

impl Placering {
    /// The column that holds `falt`.
    pub fn kolumn_for(&self, falt: &str) -> Option<u16> {
        let k = self.falt.iter().position(|f| f == falt)?;
        u16::try_from(k).ok()
    }

    /// The sheet name as a formula names it: always quoted, which is valid for every name.
    fn bladnamn(&self) -> String {
        format!("'{}'", self.blad.replace('\'', "''"))
    }

    /// The cell of `falt` in data row `rad` (0 = the first), relative: `'Blad'!D2`.
    pub fn cell(&self, falt: &str, rad: usize) -> Option<String> {
        let r = u32::try_from(rad).ok()?.checked_add(1)?;
        Some(format!(
            "{}!{}",
            self.bladnamn(),
            row_col_to_cell(r, self.kolumn_for(falt)?)
        ))
    }

    /// The whole table's column of `falt`, absolute: `'Blad'!$D$2:$D$9`.
    pub fn omrade(&self, falt: &str) -> Option<String> {
        let k = self.kolumn_for(falt)?;
        Some(format!(
            "{}!{}:{}",
            self.bladnamn(),
            row_col_to_cell_absolute(1, k),
            row_col_to_cell_absolute(self.tabell_slut, k)
        ))
    }

    /// The Totalkostnad cell of `falt`: `'Blad'!D7`.
    pub fn summa(&self, falt: &str) -> Option<String> {
        let r = self.summarad?;
        Some(format!(
            "{}!{}",
            self.bladnamn(),
            row_col_to_cell(r, self.kolumn_for(falt)?)
        ))
    }

    /// The column of `falt` within the sheet's data rows, on the sheet itself: `D2:D9`.
    pub fn kolumnomrade(&self, falt: &str) -> Option<String> {
        Some(self.dataomrade(self.kolumn_for(falt)?))
    }

    /// Column `k` of the data rows, always as a range (`B2:B2` for one row), as the SUM
    /// formulas have always been written.
    fn dataomrade(&self, k: u16) -> String {
        format!(
            "{}:{}",
            row_col_to_cell(1, k),
            row_col_to_cell(self.tabell_slut, k)
        )
    }

    /// The first row below the Totalkostnad row and the blank row after it.
    pub fn under_summaraden(&self) -> u32 {
        self.tabell_slut + 3
    }
}

/// Writes one sheet: a header row, the rows as an Excel table with filters, optionally a
/// Totalkostnad row of SUM formulas below the table, frozen header, widths, landscape print.
pub(crate) fn skriv_blad(
    wb: &mut Workbook,
    namn: &str,
    rubriker: &[(String, f64)],
    rader: &[Vec<Cell>],
    summarad: Option<&str>,
    falt: &[String],
    f: &Format_,
) -> Result<Placering, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(namn)?;
    let sista_kol = u16::try_from(rubriker.len().saturating_sub(1)).unwrap_or(u16::MAX);
    for (i, (rubrik, bredd)) in rubriker.iter().enumerate() {
        let k = u16::try_from(i).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, k, rubrik, &f.rubrik)?;
        ws.set_column_width(k, *bredd)?;
    }
    for (r, rad) in rader.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (k, cell) in rad.iter().enumerate() {
            let k = u16::try_from(k).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(t) => skriv_text(&mut ws, r, k, t, f)?,
                Cell::Belopp(Some(b)) => {
                    ws.write_number_with_format(r, k, b.tkr(), &f.tkr)?;
                }
                Cell::Procent(Some(p)) => {
                    ws.write_number_with_format(r, k, p / 100.0, &f.procent)?;
                }
                Cell::Tal(t) => {
                    ws.write_number(r, k, *t)?;
                }
                Cell::Belopp(None) | Cell::Procent(None) => {}
            }
        }
    }
    let sista_rad = u32::try_from(rader.len()).unwrap_or(u32::MAX);
    // An Excel table needs at least one data row; an empty table keeps its header and filter.
    let tabell_slut = sista_rad.max(1);
    let kolumner: Vec<TableColumn> = rubriker
        .iter()
        .map(|(r, _)| TableColumn::new().set_header(r))
        .collect();
    // Sheet names made unique with "_" stay unique as table names.
    let tabellnamn: String = namn
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    ws.add_table(
        0,
        0,
        tabell_slut,
        sista_kol,
        &Table::new()
            .set_columns(&kolumner)
            .set_name(format!("T_{tabellnamn}")),
    )?;
    let placering = Placering {
        blad: namn.to_string(),
        rader: (!rader.is_empty()).then_some((1, sista_rad)),
        falt: falt.to_vec(),
        tabell_slut,
        summarad: summarad.map(|_| tabell_slut + 1),
    };
    if let (Some(etikett), Some(s)) = (summarad, placering.summarad) {
        ws.write_string_with_format(s, 0, etikett, &f.fet)?;
        for (k, _) in rubriker.iter().enumerate() {
            let beloppskolumn = rader
                .iter()
                .any(|r| matches!(r.get(k), Some(Cell::Belopp(_))));
            if !beloppskolumn {
                continue;
            }
            let summa: Option<Kronor> =
                crate::model::summa_ifyllda(rader.iter().map(|r| match r.get(k) {
                    Some(Cell::Belopp(b)) => *b,
                    _ => None,
                }));
            let kk = u16::try_from(k).unwrap_or(u16::MAX);
            let formel = Formula::new(format!("=SUM({})", placering.dataomrade(kk)))
                .set_result(format!("{}", summa.map_or(0.0, Kronor::tkr)));
            ws.write_formula_with_format(s, kk, formel, &f.tkr_fet)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_repeat_rows(0, 0)?;
    ws.set_header(format!("&L{}&R&P (&N)", namn.replace('&', "&&")));
    wb.push_worksheet(ws);
    Ok(placering)
}

/// How a yes/no flag reads in a sheet; formulas that test a flag compare with the same words.
pub(crate) fn ja_nej(b: bool) -> &'static str {
    if b { "Ja" } else { "Nej" }
}
