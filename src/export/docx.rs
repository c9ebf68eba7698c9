//! The Word document, written with docx-rs and laid out by the template: a title block, the
//! versionshantering table, a table of contents over Heading 1–2 (its entries written out, so it
//! shows before any field update), then every section in template order with its anvisning,
//! tables, insats forms and Leverantörens analys. What docx-rs cannot
//! express (repeating header rows, update fields on open, language, core properties, alt text)
//! is added afterwards by `paket::efterbearbeta`.

use std::io::Cursor;

use base64::Engine;
use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, BreakType, DocumentChild, Docx, FieldCharType, Header, InstrNUMPAGES, InstrPAGE,
    InstrText, LineSpacing, PageMargin, Paragraph, Pic, Run, RunFonts, Shading, Style, StyleType,
    Tab, TabValueType, Table, TableBorders, TableCell, TableOfContents, TableOfContentsItem,
    TableRow, WidthType,
};
use serde_json::Value;

use super::ExportFel;
use super::paket::{Efterbearbetning, efterbearbeta};
use super::text::{sakert, stycken};
use super::varde::visa;
use crate::belopp::formatera_tkr;
use crate::cancel::Avbrott;
use crate::model::{Dokument, Kronor, summa_ifyllda};
use crate::template::{
    Avsnitt, Falt, Falttyp, Mall, Tabell, arsetikett, delsummor_for, ej_tillamplig_skal, lista_vid,
    varde_vid,
};

/// Choices for one export.
#[derive(Debug, Clone)]
pub struct Docxval {
    /// Include the template's anvisning texts (`--without-guidance` turns them off).
    pub anvisningar: bool,
    /// The date printed in the title block.
    pub datum: NaiveDate,
}

/// A4 with 2,5 cm margins: the width tables and images may take, in twentieths of a point.
pub(super) const TEXTBREDD: usize = 9_071;
const RUBRIKFARG: &str = "1F3864";
const GRUPPFARG: &str = "D9E2F3";
const HUVUDFARG: &str = "B4C6E7";

pub(super) fn stilar(d: Docx) -> Docx {
    let typsnitt = RunFonts::new()
        .ascii("Calibri")
        .hi_ansi("Calibri")
        .cs("Calibri")
        .east_asia("Calibri");
    d.default_fonts(typsnitt)
        .default_size(22)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .size(44)
                .bold()
                .color(RUBRIKFARG),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .outline_lvl(0)
                .size(32)
                .bold()
                .color(RUBRIKFARG),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .outline_lvl(1)
                .size(26)
                .bold()
                .color(RUBRIKFARG),
        )
        .add_style(
            Style::new(BILDTEXT, StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .italic()
                .size(18)
                .color("404040"),
        )
        .add_style(
            Style::new("Anvisning", StyleType::Paragraph)
                .name("Anvisning")
                .based_on("Normal")
                .italic()
                .color("404040"),
        )
        .add_style(
            Style::new("Anvisningsrubrik", StyleType::Paragraph)
                .name("Anvisningsrubrik")
                .based_on("Normal")
                .bold()
                .color("404040"),
        )
        .add_style(
            Style::new("Analysrubrik", StyleType::Paragraph)
                .name("Analysrubrik")
                .based_on("Normal")
                .next("Normal")
                .bold(),
        )
        .add_style(
            Style::new("Tabelltext", StyleType::Paragraph)
                .name("Tabelltext")
                .based_on("Normal")
                .size(20)
                .line_spacing(LineSpacing::new().before(20).after(20)),
        )
        .add_style(
            Style::new("Underlagstabell", StyleType::Table)
                .name("Underlagstabell")
                .set_borders(TableBorders::new()),
        )
}

pub(super) fn stycke(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(sakert(text)))
}

/// The heading level a template level is written at: the document has Heading 1 and 2 only.
fn rubrikniva(niva: usize) -> usize {
    if niva <= 1 { 1 } else { 2 }
}

fn rubrikstycke(p: Paragraph, niva: usize) -> Paragraph {
    let stil = if rubrikniva(niva) == 1 {
        "Heading1"
    } else {
        "Heading2"
    };
    p.style(stil).keep_next(true)
}

pub(super) fn rubrik(d: Docx, niva: usize, text: &str) -> Docx {
    d.add_paragraph(rubrikstycke(stycke(text), niva))
}

/// The bookmark a table of contents entry links to, named as Word names them (`_Toc` and
/// digits, well under Word's 40 characters) so Word's own update keeps using them. Numbered in
/// document order rather than at random, so the same document exports to the same bytes.
fn bokmarke(nummer: usize) -> String {
    format!("_Toc{:09}", nummer + 1)
}

/// The page number a pre-filled entry shows until a field update: none. Only a layout engine
/// knows the pages, and a guessed number would look right and be wrong; Word (asked by
/// `w:updateFields`) and LibreOffice's index update fill in the real ones.
const SIDNUMMER_FORE_UPPDATERING: &str = "";

fn brodtext(mut d: Docx, text: &str, stil: Option<&str>) -> Docx {
    for s in stycken(text) {
        let p = stycke(&s);
        d = d.add_paragraph(match stil {
            Some(stil) => p.style(stil),
            None => p,
        });
    }
    d
}

/// A cell with one paragraph per line; amounts are right-aligned.
pub(super) fn cell(text: &str, hoger: bool, fet: bool) -> TableCell {
    let mut c = TableCell::new();
    let rader = {
        let r = stycken(text);
        if r.is_empty() { vec![String::new()] } else { r }
    };
    for rad in rader {
        let mut run = Run::new().add_text(rad);
        if fet {
            run = run.bold();
        }
        let mut p = Paragraph::new().style("Tabelltext").add_run(run);
        if hoger {
            p = p.align(AlignmentType::Right);
        }
        c = c.add_paragraph(p);
    }
    c
}

pub(super) fn tabell(rader: Vec<TableRow>, bredder: Vec<usize>) -> Table {
    Table::new(rader)
        .style("Underlagstabell")
        .width(5000, WidthType::Pct)
        .set_grid(bredder)
}

pub(super) fn huvudrad(etiketter: &[String]) -> TableRow {
    TableRow::new(
        etiketter
            .iter()
            .map(|e| cell(e, false, true).shading(Shading::new().fill(HUVUDFARG)))
            .collect(),
    )
}

/// A table's columns in print order: the template's printed columns as laid out, then, when
/// the riktlinje's additions are printed (`med_egna`), its own columns after them, so the
/// mandated columns keep their order and place.
fn kolumnordning(kolumner: &[Falt], med_egna: bool) -> Vec<&Falt> {
    let tryckta = kolumner.iter().filter(|k| !k.utokat);
    let egna = kolumner.iter().filter(|k| k.utokat && med_egna);
    tryckta.chain(egna).collect()
}

/// A table's heading rows: the labels, and when the riktlinje adds columns (the last
/// `antal_egna`), a row above them with the marking spanning those columns, as a form's
/// "Enligt riktlinjen" group row marks its rows. The labels stay one row, so the Word import
/// matches them to the template's columns as it does a spanning heading over year columns.
fn huvudrader(etiketter: &[String], antal_egna: usize, markering: Option<&str>) -> Vec<TableRow> {
    let mut rader = Vec::new();
    if let Some(markering) = markering.filter(|_| antal_egna > 0) {
        let tryckta = etiketter.len().saturating_sub(antal_egna);
        let mut celler = Vec::new();
        if tryckta > 0 {
            celler.push(
                cell("", false, true)
                    .grid_span(tryckta)
                    .shading(Shading::new().fill(HUVUDFARG)),
            );
        }
        celler.push(
            cell(markering, false, true)
                .grid_span(antal_egna)
                .shading(Shading::new().fill(GRUPPFARG)),
        );
        rader.push(TableRow::new(celler));
    }
    rader.push(huvudrad(etiketter));
    rader
}

struct Bygge<'a> {
    dokument: &'a Dokument,
    mall: &'a Mall,
    json: &'a Value,
    ar: i32,
    alt_texter: Vec<String>,
    /// The table of contents' entries, one per heading written so far.
    innehall: Vec<TableOfContentsItem>,
    avbrott: &'a Avbrott,
}

impl Bygge<'_> {
    /// A heading with a bookmark around its text, and its entry in the table of contents,
    /// linked to that bookmark the way Word's own update writes it (`TOC \h` and `PAGEREF`).
    fn rubrik(&mut self, d: Docx, niva: usize, text: &str) -> Docx {
        let text = sakert(text);
        let id = self.innehall.len();
        let namn = bokmarke(id);
        self.innehall.push(
            TableOfContentsItem::new()
                .text(&text)
                .toc_key(&namn)
                .level(rubrikniva(niva))
                .page_ref(SIDNUMMER_FORE_UPPDATERING),
        );
        d.add_paragraph(rubrikstycke(
            Paragraph::new()
                .add_bookmark_start(id, &namn)
                .add_run(Run::new().add_text(text))
                .add_bookmark_end(id),
            niva,
        ))
    }

    /// The TOC field over Heading 1–2 with its result already written: the entries in
    /// document order, so LibreOffice and viewers that never update fields show them. Still
    /// marked dirty, so Word rebuilds it on open; it finds the same headings and bookmarks, so
    /// only the page numbers change. `without_sdt`: with entries docx-rs writes a content
    /// control of its own, and a second one around it would only nest.
    fn innehallsforteckning(&mut self) -> TableOfContents {
        std::mem::take(&mut self.innehall).into_iter().fold(
            TableOfContents::new()
                .heading_styles_range(1, 2)
                .hyperlink()
                .dirty()
                .without_sdt(),
            TableOfContents::add_item,
        )
    }

    fn etikett(&self, text: &str) -> String {
        arsetikett(text, self.ar).unwrap_or_else(|_| text.to_string())
    }

    fn analys(&self, d: Docx, etikett: &str, text: Option<&Value>) -> Docx {
        let d = d.add_paragraph(stycke(etikett).style("Analysrubrik").keep_next(true));
        brodtext(d, text.and_then(Value::as_str).unwrap_or_default(), None)
    }

    fn tabell(&self, d: Docx, sektion: &Value, t: &Tabell) -> Docx {
        let markering = self.riktlinjemarkering();
        let kolumner = kolumnordning(&t.kolumner, markering.is_some());
        let mut d = match &t.rubrik {
            Some(r) => d.add_paragraph(stycke(&self.etikett(r)).keep_next(true)),
            None => d,
        };
        let rader = lista_vid(sektion, t.nyckel());
        let tkr = t.enhet.as_deref() == Some("tkr");
        let mut tabellrader = huvudrader(
            &kolumner
                .iter()
                .map(|k| self.etikett(&k.etikett))
                .collect::<Vec<_>>(),
            kolumner.iter().filter(|k| k.utokat).count(),
            markering,
        );
        for rad in rader {
            tabellrader.push(TableRow::new(
                kolumner
                    .iter()
                    .map(|k| {
                        cell(
                            &visa(k, varde_vid(rad, k.nyckel()), self.dokument, self.mall, tkr),
                            k.typ == Falttyp::Belopp,
                            false,
                        )
                    })
                    .collect(),
            ));
        }
        if rader.is_empty() {
            tabellrader.push(TableRow::new(
                kolumner.iter().map(|_| cell("–", false, false)).collect(),
            ));
        }
        if let Some(summarad) = &t.summarad {
            let celler = kolumner
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    if k.typ == Falttyp::Belopp {
                        let summa =
                            summa_ifyllda(rader.iter().map(|r| {
                                varde_vid(r, k.nyckel()).and_then(Value::as_i64).map(Kronor)
                            }));
                        let visa = |k: Kronor| {
                            if tkr {
                                formatera_tkr(k)
                            } else {
                                crate::belopp::formatera_kr(k)
                            }
                        };
                        cell(&summa.map(visa).unwrap_or_default(), true, true)
                    } else if i == 0 {
                        cell(summarad, false, true)
                    } else {
                        cell("", false, true)
                    }
                })
                .collect();
            tabellrader.push(TableRow::new(celler));
            let belopp_nyckel = t.delsummor().map(|(_, b)| b.nyckel().to_string());
            for (etikett, summa) in delsummor_for(t, self.mall, rader) {
                tabellrader.push(TableRow::new(
                    kolumner
                        .iter()
                        .enumerate()
                        .map(|(i, k)| {
                            if Some(k.nyckel()) == belopp_nyckel.as_deref() {
                                cell(&formatera_tkr(summa), true, false)
                            } else if i == 0 {
                                cell(&format!("varav {}", etikett.to_lowercase()), false, false)
                            } else {
                                cell("", false, false)
                            }
                        })
                        .collect(),
                ));
            }
        }
        let bredd = TEXTBREDD / kolumner.len().max(1);
        d = d.add_table(tabell(tabellrader, vec![bredd; kolumner.len()]));
        d = d.add_paragraph(Paragraph::new());
        d
    }

    fn insatser(&self, mut d: Docx, sektion: &Value, avsnitt: &Avsnitt) -> Result<Docx, ExportFel> {
        let Some(form) = &avsnitt.insats else {
            return Ok(d);
        };
        for (i, (insats, namn)) in form.insatser(sektion).enumerate() {
            // A list of thousands is most of a long export's time.
            self.avbrott.kontrollera()?;
            let mut rader = vec![TableRow::new(vec![
                cell(&form.rubrik_for(i + 1, namn), false, true)
                    .grid_span(2)
                    .shading(Shading::new().fill(HUVUDFARG)),
            ])];
            for grupp in &form.grupper {
                if !grupp.rubrik.is_empty() {
                    rader.push(TableRow::new(vec![
                        cell(
                            &grupp.rubrik.replace("{nr}", &(i + 1).to_string()),
                            false,
                            true,
                        )
                        .grid_span(2)
                        .shading(Shading::new().fill(GRUPPFARG)),
                    ]));
                }
                for f in grupp.falt.iter().filter(|f| !f.utokat) {
                    let text = visa(
                        f,
                        varde_vid(insats, f.nyckel()),
                        self.dokument,
                        self.mall,
                        false,
                    );
                    rader.push(TableRow::new(vec![
                        cell(&self.etikett(&f.etikett), false, true),
                        cell(&text, false, false),
                    ]));
                }
            }
            // The riktlinje's rows last, under a group row of their own, so the printed rows
            // keep their order; only the filled-in ones, as empty optional fields print nothing.
            if let Some(markering) = self.riktlinjemarkering() {
                let egna: Vec<(String, String)> = form
                    .grupper
                    .iter()
                    .flat_map(|g| &g.falt)
                    .filter(|f| f.utokat)
                    .map(|f| {
                        let text = visa(
                            f,
                            varde_vid(insats, f.nyckel()),
                            self.dokument,
                            self.mall,
                            false,
                        );
                        (self.etikett(&f.etikett), text)
                    })
                    .filter(|(_, text)| !text.trim().is_empty())
                    .collect();
                if !egna.is_empty() {
                    rader.push(TableRow::new(vec![
                        cell(markering, false, true)
                            .grid_span(2)
                            .shading(Shading::new().fill(GRUPPFARG)),
                    ]));
                }
                for (etikett, text) in egna {
                    rader.push(TableRow::new(vec![
                        cell(&etikett, false, true),
                        cell(&text, false, false),
                    ]));
                }
            }
            d = d.add_table(tabell(
                rader,
                vec![TEXTBREDD * 35 / 100, TEXTBREDD * 65 / 100],
            ));
            d = d.add_paragraph(Paragraph::new());
        }
        Ok(d)
    }

    fn figurer(&mut self, mut d: Docx, figurer: Option<&Value>) -> Result<Docx, ExportFel> {
        for figur in figurer.and_then(Value::as_array).into_iter().flatten() {
            let filnamn = figur
                .get("filnamn")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let fel = |orsak: String| ExportFel::Bild {
                filnamn: filnamn.clone(),
                orsak,
            };
            let data = base64::engine::general_purpose::STANDARD
                .decode(
                    figur
                        .get("data_base64")
                        .and_then(Value::as_str)
                        .unwrap_or_default(),
                )
                .map_err(|e| fel(format!("bilddatan är inte base64 ({e})")))?;
            let bild = image::load_from_memory(&data).map_err(|e| fel(e.to_string()))?;
            let (bredd, hojd) = (bild.width().max(1), bild.height().max(1));
            // A PNG goes in as it came, so the Word import gets the same bytes back; another
            // format is converted (Word gets every figure as PNG).
            let png = if data.starts_with(b"\x89PNG\r\n\x1a\n") {
                data
            } else {
                let mut png = Cursor::new(Vec::new());
                bild.write_to(&mut png, image::ImageFormat::Png)
                    .map_err(|e| fel(e.to_string()))?;
                png.into_inner()
            };
            // Fit the text width (16 cm); 96 dpi pixels otherwise.
            let emu_per_px = 9_525_u64;
            let max_bredd = 5_760_000_u64;
            let skala = (max_bredd as f64 / (u64::from(bredd) * emu_per_px) as f64).min(1.0);
            let w = (f64::from(bredd) * emu_per_px as f64 * skala) as u32;
            let h = (f64::from(hojd) * emu_per_px as f64 * skala) as u32;
            let pic = Pic::new_with_dimensions(png, bredd, hojd).size(w, h);
            let alt = figur
                .get("alt_text")
                .and_then(Value::as_str)
                .unwrap_or_default();
            // The alt text as written: a file name read aloud helps no one, and the validator
            // reports a figure without alt text.
            self.alt_texter.push(sakert(alt));
            d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic)));
            let bildtext = figur
                .get("bildtext")
                .and_then(Value::as_str)
                .unwrap_or_default();
            // Word's own caption style, one paragraph per line: the import knows it by it.
            d = brodtext(d, bildtext, Some(BILDTEXT));
        }
        Ok(d)
    }

    fn avsnitt(&mut self, mut d: Docx, a: &Avsnitt, anvisningar: bool) -> Result<Docx, ExportFel> {
        d = self.rubrik(
            d,
            a.niva(),
            &a.rubrik_for_ar(self.ar)
                .unwrap_or_else(|_| format!("{} {}", a.nummer(), a.rubrik)),
        );
        if anvisningar && let Some(anvisning) = &a.anvisning {
            d = d.add_paragraph(
                stycke("Anvisning")
                    .style("Anvisningsrubrik")
                    .keep_next(true),
            );
            d = brodtext(d, &self.etikett(anvisning), Some("Anvisning"));
        }
        if !a.aktiv {
            return Ok(d.add_paragraph(
                stycke(a.inaktiv_text.as_deref().unwrap_or("Används inte i år.")).bold(),
            ));
        }
        d = self.katalogtabell(d, a);
        let json = self.json;
        let Some(sektion) = a.nyckel().and_then(|n| json.get(n)) else {
            return Ok(d);
        };
        if let Some(skal) = ej_tillamplig_skal(sektion) {
            // The reason's further lines as paragraphs of their own, as any text of the form.
            let mut rader = stycken(skal).into_iter();
            let forsta = rader.next().unwrap_or_default();
            d = d.add_paragraph(stycke(&format!("Ej tillämpligt: {forsta}")).italic());
            for rad in rader {
                d = d.add_paragraph(stycke(&rad).italic());
            }
        }
        // A field that belongs to a table ("utveckling.not") is printed under that table.
        let hor_till = |f: &Falt, t: &Tabell| {
            t.nyckel().split('.').next() == f.nyckel().split('.').next() && f.nyckel().contains('.')
        };
        for f in a
            .falt
            .iter()
            .filter(|f| !f.utokat && !a.tabeller.iter().any(|t| hor_till(f, t)))
        {
            d = self.falt(d, sektion, f)?;
            if let Some(rader) = self.berakning(a, f) {
                // One paragraph, after its heading, so the Word import can pass it over whole.
                d = d.add_paragraph(
                    Paragraph::new()
                        .add_run(
                            Run::new()
                                .add_text(format!("{}: ", crate::model::BALANS_RUBRIK))
                                .bold(),
                        )
                        .add_run(Run::new().add_text(sakert(&rader.join(" ")))),
                );
            }
        }
        for t in a.tabeller.iter().filter(|t| !t.utokat) {
            d = self.tabell(d, sektion, t);
            for f in a.falt.iter().filter(|f| !f.utokat && hor_till(f, t)) {
                d = brodtext(
                    d,
                    varde_vid(sektion, f.nyckel())
                        .and_then(Value::as_str)
                        .unwrap_or_default(),
                    None,
                );
            }
            d = self.avvikelser(d, a, sektion, t);
            // The riktlinje's own fields of this table ("forvaltning.indexupprakning_procent")
            // stand with it, where a reader of the table looks for them.
            let egna: Vec<&Falt> = a
                .falt
                .iter()
                .filter(|f| f.utokat && hor_till(f, t))
                .collect();
            d = self.enligt_riktlinjen(d, sektion, &egna)?;
            if let Some(analys) = &t.analys {
                d = self.analys(d, &analys.etikett, varde_vid(sektion, analys.nyckel()));
            }
        }
        let ovriga: Vec<&Falt> = a
            .falt
            .iter()
            .filter(|f| f.utokat && !a.tabeller.iter().any(|t| hor_till(f, t)))
            .collect();
        d = self.enligt_riktlinjen(d, sektion, &ovriga)?;
        for t in a.tabeller.iter().filter(|t| t.utokat) {
            d = self.riktlinjetabell(d, sektion, t);
        }
        d = self.insatser(d, sektion, a)?;
        if let Some(analys) = &a.analys {
            d = self.analys(d, &analys.etikett, varde_vid(sektion, analys.nyckel()));
        }
        Ok(d)
    }

    /// The cells of a 3.1 table kept apart from 2.2, each with its reason, under the table: the
    /// template says 3.1 "ska härledas från avsnitt 2.2", so a reader must see where it is not
    /// and why. Row and column as the table prints them, so the Word import finds the cell.
    fn avvikelser(&self, mut d: Docx, a: &Avsnitt, sektion: &Value, t: &Tabell) -> Docx {
        let Some(nyckel) = a.nyckel() else {
            return d;
        };
        let harledningar = crate::validate::harledningar_i(self.dokument, self.mall);
        let tabell = format!("{nyckel}.{}", t.nyckel());
        for (i, rad) in lista_vid(sektion, t.nyckel()).iter().enumerate() {
            let rad_sokvag = format!("{tabell}[{i}]");
            let overstyrningar = rad.get("overstyrningar").and_then(Value::as_array);
            for o in overstyrningar.into_iter().flatten() {
                let text = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or_default();
                let (falt, motivering) = (text("falt"), text("motivering").trim());
                let kolumn = t
                    .kolumner
                    .iter()
                    .find(|k| k.nyckel() == falt)
                    .map_or_else(|| falt.to_string(), |k| self.etikett(&k.etikett));
                let vad = harledningar
                    .iter()
                    .find(|h| h.rad_sokvag == rad_sokvag && h.falt == falt)
                    .map(|h| format!(": {}", h.skillnad()))
                    .unwrap_or_default();
                d = brodtext(
                    d,
                    &format!(
                        "{AVVIKELSE} (rad {}, {kolumn}){vad}. {AVVIKELSE_SKAL}{motivering}",
                        i + 1
                    ),
                    None,
                );
            }
        }
        d
    }

    /// The caption that marks the riktlinje's additions, when the template words them.
    fn riktlinjemarkering(&self) -> Option<&str> {
        self.mall
            .mall
            .riktlinjen
            .as_ref()
            .map(|r| r.markering.as_str())
    }

    fn riktlinjerubrik(&self, d: Docx, markering: &str) -> Docx {
        d.add_paragraph(stycke(markering).style("Analysrubrik").keep_next(true))
    }

    /// The riktlinje's fields of a section as "Etikett: värde" under the caption. A paragraph,
    /// not a heading: the mandated headings, their numbers and the TOC stay as printed. Empty
    /// fields print nothing, as `falt` does, and with none filled in there is no caption.
    fn enligt_riktlinjen(
        &mut self,
        mut d: Docx,
        sektion: &Value,
        falt: &[&Falt],
    ) -> Result<Docx, ExportFel> {
        let Some(markering) = self.riktlinjemarkering().map(str::to_string) else {
            return Ok(d);
        };
        let ifyllda: Vec<&&Falt> = falt
            .iter()
            .filter(|f| !matches!(f.typ, Falttyp::Tillamplighet | Falttyp::Figurer))
            .filter(|f| {
                !visa(
                    f,
                    varde_vid(sektion, f.nyckel()),
                    self.dokument,
                    self.mall,
                    false,
                )
                .trim()
                .is_empty()
            })
            .collect();
        if ifyllda.is_empty() {
            return Ok(d);
        }
        d = self.riktlinjerubrik(d, &markering);
        for f in ifyllda {
            d = self.falt(d, sektion, f)?;
        }
        Ok(d)
    }

    /// The chapter's catalogue fields (`Avsnitt::katalogfalt`) as a table Namn | … with one
    /// row per tjänst that has any of them filled in; nothing when none has.
    fn katalogtabell(&self, mut d: Docx, a: &Avsnitt) -> Docx {
        let Some(markering) = self.riktlinjemarkering().map(str::to_string) else {
            return d;
        };
        let falt: Vec<&Falt> = a
            .katalogfalt
            .iter()
            .filter_map(|n| self.mall.katalogfalt.iter().find(|f| f.nyckel() == n))
            .collect();
        let Some(namnfalt) = self.mall.katalogfalt.iter().find(|f| f.nyckel() == "namn") else {
            return d;
        };
        if falt.is_empty() {
            return d;
        }
        let tjanster = self
            .json
            .get("tjanstekatalog")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let text = |t: &Value, f: &Falt| {
            visa(f, varde_vid(t, f.nyckel()), self.dokument, self.mall, false)
        };
        let ifyllda: Vec<&Value> = tjanster
            .iter()
            .filter(|t| falt.iter().any(|f| !text(t, f).trim().is_empty()))
            .collect();
        if ifyllda.is_empty() {
            return d;
        }
        let kolumner: Vec<&Falt> = std::iter::once(namnfalt).chain(falt).collect();
        let mut rader = vec![huvudrad(
            &kolumner
                .iter()
                .map(|k| self.etikett(&k.etikett))
                .collect::<Vec<_>>(),
        )];
        for t in ifyllda {
            rader.push(TableRow::new(
                kolumner
                    .iter()
                    .map(|k| cell(&text(t, k), false, false))
                    .collect(),
            ));
        }
        d = self.riktlinjerubrik(d, &markering);
        let bredd = TEXTBREDD / kolumner.len().max(1);
        d = d.add_table(tabell(rader, vec![bredd; kolumner.len()]));
        d.add_paragraph(Paragraph::new())
    }

    /// A table the printed template lacks (4's avvecklingar): under the caption, then laid out
    /// as the section's other tables. Left out when it has no rows, as an empty optional field.
    fn riktlinjetabell(&self, mut d: Docx, sektion: &Value, t: &Tabell) -> Docx {
        let Some(markering) = self.riktlinjemarkering().map(str::to_string) else {
            return d;
        };
        if lista_vid(sektion, t.nyckel()).is_empty() {
            return d;
        }
        d = self.riktlinjerubrik(d, &markering);
        d = self.tabell(d, sektion, t);
        if let Some(analys) = &t.analys {
            d = self.analys(d, &analys.etikett, varde_vid(sektion, analys.nyckel()));
        }
        d
    }

    /// What Underlag computes for a field and prints under it: a digitaliseringsplan's balance
    /// between effektivitet and innovation under "Portföljens balans" in its insatser section.
    fn berakning(&self, a: &Avsnitt, f: &Falt) -> Option<Vec<String>> {
        let Dokument::Digitaliseringsplan(plan) = self.dokument else {
            return None;
        };
        (a.nyckel() == Some("insatser") && a.insats.is_some() && f.nyckel() == "balans")
            .then(|| crate::model::portfoljbalans(plan))
    }

    fn falt(&mut self, d: Docx, sektion: &Value, f: &Falt) -> Result<Docx, ExportFel> {
        let v = varde_vid(sektion, f.nyckel());
        match f.typ {
            Falttyp::Figurer => self.figurer(d, v),
            Falttyp::Tillamplighet => Ok(d),
            _ => {
                let text = visa(f, v, self.dokument, self.mall, false);
                if text.trim().is_empty() {
                    return Ok(d);
                }
                // A text of several lines under its label, one paragraph per line: a line
                // break inside a run reads as a space in Word.
                if stycken(&text).len() > 1 {
                    let d = d.add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_text(self.etikett(&f.etikett)).bold())
                            .keep_next(true),
                    );
                    return Ok(brodtext(d, &text, None));
                }
                Ok(d.add_paragraph(
                    Paragraph::new()
                        .add_run(
                            Run::new()
                                .add_text(format!("{}: ", self.etikett(&f.etikett)))
                                .bold(),
                        )
                        .add_run(Run::new().add_text(sakert(&text))),
                ))
            }
        }
    }
}

/// Word's built-in caption style, under a figure.
pub const BILDTEXT: &str = "Caption";

/// How a paragraph under a 3.1 table that records a deviation from 2.2 begins, followed by
/// "(rad N, kolumnrubrik)" and, after `AVVIKELSE_SKAL`, the author's reason; the Word import
/// reads it back into the row's `overstyrningar`.
pub const AVVIKELSE: &str = "Avviker från avsnitt 2.2";
pub const AVVIKELSE_SKAL: &str = "Skäl: ";

/// The title page's "Period: 2024–2026" in a digitaliseringsplan; the Word import reads it.
pub const PERIOD_ETIKETT: &str = "Period";

/// The title, the page header's text and the title block's lines, by kind: the årlig analys
/// prints organisation, date and version; a tjänsteplan its period, tjänsteområde, nämnd and
/// publiceringsdatum, as Intraservice's plans do.
fn titelblock(
    dokument: &Dokument,
    mall: &Mall,
    val: &Docxval,
    sidhuvud: String,
) -> (String, String, Vec<(String, String)>) {
    let version = dokument
        .versionshantering()
        .last()
        .map_or("Utkast".to_string(), |v| v.version.clone());
    let json = dokument.to_value();
    let meta = json.get("meta").unwrap_or(&Value::Null);
    // A fact of the template's metadata under the template's own label and wording
    // ("Ingår i: Eget dokument"), as the Word import reads it back.
    let metarad = |nyckel: &str| {
        let f = mall.metafalt.iter().find(|f| f.nyckel() == nyckel)?;
        Some((
            f.etikett.clone(),
            visa(f, varde_vid(meta, nyckel), dokument, mall, false),
        ))
    };
    let (titel, sidhuvud, mut rader) = match dokument {
        Dokument::ArligAnalys(a) => (
            format!("{} {}", mall.mall.titel, a.meta.analysar),
            sidhuvud,
            vec![
                ("Organisation".to_string(), a.meta.organisation.clone()),
                ("Datum".to_string(), val.datum.to_string()),
                ("Version".to_string(), version),
            ],
        ),
        Dokument::Tjansteplan(t) => {
            let titel = sidhuvud.clone();
            let datum = t
                .meta
                .publiceringsdatum
                .map_or(String::new(), |d| d.to_string());
            let huvud = [
                sidhuvud,
                format!("Tjänsteområde {}", t.meta.tjansteomrade),
                format!("Göteborgs Stad, {}", t.meta.organisation),
                datum.clone(),
            ]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            (
                titel,
                huvud,
                vec![
                    ("Tjänsteområde".to_string(), t.meta.tjansteomrade.clone()),
                    ("Nämnd".to_string(), t.meta.organisation.clone()),
                    ("Version".to_string(), t.meta.version.clone()),
                    ("Publiceringsdatum".to_string(), datum),
                ],
            )
        }
        Dokument::Digitaliseringsplan(d) => {
            // The title shows the span; the Period line what was stated, so a last year equal
            // to the first reads back as stated.
            let (titelperiod, period) = match d.meta.period_slut_ar {
                Some(slut) if slut != d.meta.ar => {
                    let p = format!("{}–{slut}", d.meta.ar);
                    (p.clone(), p)
                }
                Some(slut) => (d.meta.ar.to_string(), format!("{}–{slut}", d.meta.ar)),
                None => (d.meta.ar.to_string(), d.meta.ar.to_string()),
            };
            let titel = format!("{} {titelperiod}", mall.mall.titel);
            let mut rader = vec![("Organisation".to_string(), d.meta.organisation.clone())];
            rader.extend(metarad("organisationsform"));
            rader.push((PERIOD_ETIKETT.to_string(), period));
            rader.extend(metarad("vardokument"));
            rader.extend(metarad("vardokument_referens"));
            rader.push(("Datum".to_string(), val.datum.to_string()));
            rader.push(("Version".to_string(), version));
            (
                titel.clone(),
                format!("{titel} · Göteborgs Stad, {}", d.meta.organisation),
                rader,
            )
        }
    };
    // Where the document stands in the year's work (utkast … inskickad), in every kind.
    rader.extend(metarad("status"));
    (titel, sidhuvud, rader)
}

pub(super) fn sidhuvud(titel: &str) -> Header {
    sidhuvud_over(titel, TEXTBREDD)
}

/// The header with the page number right-aligned at `textbredd` twips (a landscape page is
/// wider than the analysis's portrait one).
pub(super) fn sidhuvud_over(titel: &str, textbredd: usize) -> Header {
    let falt = |instr: InstrText, visat: &str| {
        Run::new()
            .add_field_char(FieldCharType::Begin, true)
            .add_instr_text(instr)
            .add_field_char(FieldCharType::Separate, false)
            .add_text(visat)
            .add_field_char(FieldCharType::End, false)
    };
    Header::new().add_paragraph(
        Paragraph::new()
            .add_tab(Tab::new().val(TabValueType::Right).pos(textbredd))
            .add_run(Run::new().add_text(sakert(titel)).add_tab())
            .add_run(falt(InstrText::PAGE(InstrPAGE::new()), "1"))
            .add_run(Run::new().add_text(" ("))
            .add_run(falt(InstrText::NUMPAGES(InstrNUMPAGES::new()), "1"))
            .add_run(Run::new().add_text(")")),
    )
}

/// Writes the document as a .docx package.
pub fn skriv_docx(dokument: &Dokument, mall: &Mall, val: &Docxval) -> Result<Vec<u8>, ExportFel> {
    skriv_docx_med(dokument, mall, val, &Avbrott::default())
}

/// [`skriv_docx`] that stops with [`ExportFel::Avbrutet`] once `avbrott` is cancelled.
pub fn skriv_docx_med(
    dokument: &Dokument,
    mall: &Mall,
    val: &Docxval,
    avbrott: &Avbrott,
) -> Result<Vec<u8>, ExportFel> {
    super::utan_platshallare(dokument)?;
    let ar = dokument.ar();
    let json = dokument.to_value();
    let sidhuvud_text =
        arsetikett(&mall.mall.sidhuvud, ar).unwrap_or_else(|_| format!("{} {ar}", mall.mall.titel));
    let (titel, sidhuvud_text, titelrader) = titelblock(dokument, mall, val, sidhuvud_text);

    let mut d = stilar(Docx::new())
        .page_margin(
            PageMargin::new()
                .top(1418)
                .bottom(1418)
                .left(1418)
                .right(1418)
                .header(709)
                .footer(709),
        )
        .default_line_spacing(LineSpacing::new().after(120))
        .header(sidhuvud(&sidhuvud_text))
        .created_at(&format!("{}T00:00:00Z", val.datum))
        .updated_at(&format!("{}T00:00:00Z", val.datum));

    d = d.add_paragraph(stycke(&titel).style("Title"));
    for (etikett, varde) in titelrader.iter().filter(|(_, v)| !v.trim().is_empty()) {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{etikett}: ")).bold())
                .add_run(Run::new().add_text(sakert(varde))),
        );
    }

    // "Berörd nämnd informerad", which the riktlinje requires before the analysis is sent,
    // belongs with the title block's facts about the document; marked as the riktlinje's.
    if let Some(r) = &mall.mall.riktlinjen {
        let meta = json.get("meta").unwrap_or(&Value::Null);
        let rader: Vec<(String, String)> = mall
            .metafalt
            .iter()
            .filter(|f| f.utokat && f.typ == Falttyp::NamndInformerad)
            .map(|f| {
                (
                    f.etikett.clone(),
                    visa(f, varde_vid(meta, f.nyckel()), dokument, mall, false),
                )
            })
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        if !rader.is_empty() {
            d = d.add_paragraph(stycke(&r.markering).style("Analysrubrik").keep_next(true));
        }
        for (etikett, varde) in rader {
            d = d.add_paragraph(
                Paragraph::new()
                    .add_run(
                        Run::new()
                            .add_text(format!("{}: ", sakert(&etikett)))
                            .bold(),
                    )
                    .add_run(Run::new().add_text(sakert(&varde))),
            );
        }
    }

    let vh = &mall.versionshantering;
    d = d.add_paragraph(stycke(&vh.rubrik).style("Analysrubrik").keep_next(true));
    let markering = mall.riktlinjen_texter().map(|r| r.markering.as_str());
    // Without a riktlinje marking every column prints unmarked, as the template lists them.
    let kolumner = kolumnordning(&vh.kolumner, true);
    let mut rader = huvudrader(
        &kolumner
            .iter()
            .map(|k| k.etikett.clone())
            .collect::<Vec<_>>(),
        kolumner.iter().filter(|k| k.utokat).count(),
        markering,
    );
    let versioner = json
        .get("versionshantering")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for v in versioner {
        rader.push(TableRow::new(
            kolumner
                .iter()
                .map(|k| {
                    cell(
                        &visa(k, varde_vid(v, k.nyckel()), dokument, mall, false),
                        false,
                        false,
                    )
                })
                .collect(),
        ));
    }
    if versioner.is_empty() {
        rader.push(TableRow::new(
            kolumner.iter().map(|_| cell("–", false, false)).collect(),
        ));
    }
    let bredd = TEXTBREDD / kolumner.len().max(1);
    d = d.add_table(tabell(rader, vec![bredd; kolumner.len()]));

    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    d = d.add_paragraph(stycke("Innehållsförteckning").style("Analysrubrik"));
    // The table of contents goes here once the headings it lists have been written.
    let innehall_plats = d.document.children.len();
    d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));

    if val.anvisningar
        && let Some(anvisning) = &mall.mall.anvisning
    {
        d = d.add_paragraph(stycke("Anvisning").style("Anvisningsrubrik"));
        d = brodtext(d, anvisning, Some("Anvisning"));
    }

    let mut bygge = Bygge {
        dokument,
        mall,
        json: &json,
        ar,
        alt_texter: Vec::new(),
        innehall: Vec::new(),
        avbrott,
    };
    for a in &mall.avsnitt {
        avbrott.kontrollera()?;
        d = bygge.avsnitt(d, a, val.anvisningar)?;
    }
    d.document.children.insert(
        innehall_plats,
        DocumentChild::TableOfContents(Box::new(bygge.innehallsforteckning())),
    );

    packa(
        d,
        &Efterbearbetning {
            titel,
            forfattare: dokument.organisation().to_string(),
            sprak: "sv-SE".into(),
            alt_texter: bygge.alt_texter,
            avbrott: avbrott.clone(),
        },
    )
}

/// Packs the document and adds what docx-rs cannot write (`paket::efterbearbeta`).
pub(super) fn packa(d: Docx, efter: &Efterbearbetning) -> Result<Vec<u8>, ExportFel> {
    let mut paket = Cursor::new(Vec::new());
    efter.avbrott.kontrollera()?;
    d.build()
        .pack(&mut paket)
        .map_err(|e| ExportFel::Docx(e.to_string()))?;
    efterbearbeta(&paket.into_inner(), efter)
}

/// The front matter's "Ekonomisk sammanställning utvecklingskostnader" over several
/// tjänsteplaner (tkr), as a Word document of its own.
pub fn skriv_sammanstallning_docx(
    planer: &[&crate::model::Tjansteplan],
    datum: NaiveDate,
) -> Result<Vec<u8>, ExportFel> {
    use crate::model::{sammanstallning, sammanstallning_summa};
    super::planer_utan_platshallare(planer)?;
    let ar = planer.first().map_or(0, |p| p.meta.ar);
    let period = format!("{ar}–{}", ar.saturating_add(2));
    let titel = format!("Tjänsteplan {period}");
    let organisation = planer
        .first()
        .map_or(String::new(), |p| p.meta.organisation.clone());
    let mut d = stilar(Docx::new())
        .header(sidhuvud(&titel))
        .created_at(&format!("{datum}T00:00:00Z"))
        .updated_at(&format!("{datum}T00:00:00Z"));
    d = d.add_paragraph(stycke(&titel).style("Title"));
    d = rubrik(d, 1, "Ekonomisk sammanställning utvecklingskostnader");
    d = d.add_paragraph(stycke(&format!(
        "Utvecklingskostnader {ar} per tjänsteområde, tkr, ur respektive tjänsteplans bilaga Fördelning av budget."
    )));
    let rader = sammanstallning(planer);
    let summa = sammanstallning_summa(&rader);
    let mut tabellrader = vec![huvudrad(&[
        "Tjänsteområde".to_string(),
        format!("Tjänsteplan {ar}-{} version", ar.saturating_add(2)),
        "Summa".to_string(),
        "Nyutveckling".to_string(),
        "Utveckling inom befintlig tjänst".to_string(),
        "Summa".to_string(),
    ])];
    for (r, fet) in rader.iter().map(|r| (r, false)).chain([(&summa, true)]) {
        tabellrader.push(TableRow::new(vec![
            cell(&r.tjansteomrade, false, fet),
            cell(&r.version, false, fet),
            cell(&formatera_tkr(r.summa), true, fet),
            cell(&formatera_tkr(r.nyutveckling), true, fet),
            cell(
                &formatera_tkr(r.utveckling_inom_befintlig_tjanst),
                true,
                fet,
            ),
            cell(&formatera_tkr(r.klassad_summa()), true, fet),
        ]));
    }
    let bredd = TEXTBREDD / 6;
    d = d.add_table(tabell(tabellrader, vec![bredd; 6]));
    packa(
        d,
        &Efterbearbetning {
            titel: format!("{titel}: ekonomisk sammanställning"),
            forfattare: organisation,
            sprak: "sv-SE".into(),
            alt_texter: Vec::new(),
            avbrott: Avbrott::default(),
        },
    )
}
