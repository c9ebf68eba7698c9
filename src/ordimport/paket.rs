//! A .docx package read into a neutral structure: the body's paragraphs and tables in order,
//! each table as a grid of cells with merged cells resolved. Nothing here knows the template;
//! `karta.rs` gives the structure its meaning.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::OrdimportFel;

/// One block of the body, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Stycke(Stycke),
    Tabell(Tabell),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stycke {
    /// The paragraph style's id (`Heading1`, `Rubrik1`, `Anvisning`), empty for Normal.
    pub stil: String,
    /// The text as shown: runs joined, tabs as spaces, line breaks as `\n`.
    pub text: String,
    /// Images in the paragraph (`w:drawing`, `w:pict`).
    pub bilder: usize,
    /// The pictures among them that the package holds (`a:blip` with its `wp:docPr`
    /// description): what the import can take into a figure field.
    pub bildfiler: Vec<Bildfil>,
}

/// A picture in the package: its bytes and its alternative text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bildfil {
    /// The relationship id (`rId5`) until the package's parts are read, then unused.
    pub id: String,
    pub alt: String,
    pub data: Vec<u8>,
}

/// A table as a grid: every row has one entry per grid column it covers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tabell {
    pub rader: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The cell's paragraphs joined with `\n`.
    pub text: String,
    /// How many grid columns the cell spans (`w:gridSpan`); the columns it covers after the
    /// first are not separate entries.
    pub spann: usize,
    /// A `w:vMerge` continuation: Word shows the cell above in its place. `text` is then the
    /// text of the cell that starts the merge, so a row keeps the tjänst it was merged under.
    pub sammanslagen_ovan: bool,
}

impl Tabell {
    /// The row as one text per grid column: a spanned cell's text at its first column, empty
    /// strings in the columns it covers.
    pub fn rutnat(&self, rad: usize) -> Vec<String> {
        let mut ut = Vec::new();
        for c in self.rader.get(rad).map_or(&[][..], Vec::as_slice) {
            ut.push(c.text.clone());
            ut.extend(std::iter::repeat_n(String::new(), c.spann.max(1) - 1));
        }
        ut
    }
}

/// The package's body and page headers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Innehall {
    pub block: Vec<Block>,
    /// The text of each page header part (the template puts title and year there).
    pub sidhuvuden: Vec<String>,
    /// Footnotes and endnotes, each as its paragraphs joined: the template has none, so the
    /// import reports every one rather than drop it.
    pub fotnoter: Vec<String>,
}

/// What a Word file's parts may unpack to, together: four times the largest file Underlag
/// reads. Word's XML is verbose (an årlig analys with 10 000 insatser unpacks to about 90 MB);
/// the limit only guards memory against a zip bomb.
pub const STORSTA_UPPACKAT: u64 = 4 * crate::exchange::STORSTA_FILSTORLEK as u64;

/// Reads the package: `word/document.xml` and the header parts.
pub fn las_paket(bytes: &[u8]) -> Result<Innehall, OrdimportFel> {
    if !bytes.starts_with(b"PK") {
        return Err(OrdimportFel::InteZip);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| OrdimportFel::TrasigZip(e.to_string()))?;
    // A limit holds for what the parts unpack to, together, so a small zip bomb cannot fill
    // memory.
    let mut kvar = STORSTA_UPPACKAT;
    let mut las_del = |namn: &str| -> Result<Option<Vec<u8>>, OrdimportFel> {
        let mut del = match zip.by_name(namn) {
            Ok(d) => d,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(OrdimportFel::TrasigZip(e.to_string())),
        };
        let mut ut = Vec::new();
        (&mut del)
            .take(kvar + 1)
            .read_to_end(&mut ut)
            .map_err(|e| OrdimportFel::TrasigZip(e.to_string()))?;
        if ut.len() as u64 > kvar {
            return Err(OrdimportFel::ForStor {
                grans_mb: (STORSTA_UPPACKAT / (1024 * 1024)) as usize,
            });
        }
        kvar -= ut.len() as u64;
        Ok(Some(ut))
    };
    let dokument = las_del("word/document.xml")?.ok_or(OrdimportFel::InteWord)?;
    let mut block = las_kropp(&dokument)?;
    // The pictures' bytes, where the relationships point (`media/image1.png`).
    let relationer = match las_del("word/_rels/document.xml.rels")? {
        Some(xml) => las_relationer(&xml)?,
        None => Vec::new(),
    };
    for b in &mut block {
        let Block::Stycke(s) = b else { continue };
        for bild in &mut s.bildfiler {
            let mal = relationer.iter().find(|(id, _)| *id == bild.id);
            if let Some((_, mal)) = mal {
                let namn = format!(
                    "word/{}",
                    mal.trim_start_matches('/').trim_start_matches("word/")
                );
                bild.data = las_del(&namn)?.unwrap_or_default();
            }
        }
    }
    let mut sidhuvuden = Vec::new();
    for n in 1..=6 {
        if let Some(xml) = las_del(&format!("word/header{n}.xml"))? {
            let text: Vec<String> = las_kropp(&xml)?
                .into_iter()
                .filter_map(|b| match b {
                    Block::Stycke(s) => Some(s.text),
                    Block::Tabell(_) => None,
                })
                .collect();
            sidhuvuden.push(text.join("\n"));
        }
    }
    let mut fotnoter = Vec::new();
    for del in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = las_del(del)? {
            fotnoter.extend(las_noter(&xml)?);
        }
    }
    Ok(Innehall {
        block,
        sidhuvuden,
        fotnoter,
    })
}

/// The text of each `w:footnote` / `w:endnote` with content. Word's separator notes (the line
/// above the notes) hold no text and are left out by being empty.
fn las_noter(xml: &[u8]) -> Result<Vec<String>, OrdimportFel> {
    Ok(las_kropp(xml)?
        .into_iter()
        .filter_map(|b| match b {
            Block::Stycke(s) => Some(s.text),
            Block::Tabell(_) => None,
        })
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect())
}

fn attribut(e: &BytesStart<'_>, namn: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == namn)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A cell being read: its paragraphs so far and its merge properties.
#[derive(Default)]
struct Cellbygge {
    stycken: Vec<String>,
    spann: usize,
    vmerge: Option<bool>,
}

#[derive(Default)]
struct Tabellbygge {
    rader: Vec<Vec<Cellbygge>>,
    /// `w:gridAfter` of the row being read: grid columns left empty after its last cell.
    efter: usize,
}

/// A `w:gridBefore`/`w:gridAfter` count as the empty cell that stands in for those columns,
/// so the cells after it stay under their headings.
/// An image in the paragraph (`w:drawing`, `w:pict`), or a drawing's description or picture.
fn bildelement(e: &BytesStart<'_>, stycke: Option<&mut Stycke>) {
    let Some(s) = stycke else { return };
    match e.name().as_ref() {
        b"w:drawing" | b"w:pict" => s.bilder += 1,
        _ => bildattribut(e, s),
    }
}

/// A drawing's description (`wp:docPr descr`) or its picture (`a:blip r:embed`): a drawing
/// writes the description first, then the picture.
fn bildattribut(e: &BytesStart<'_>, s: &mut Stycke) {
    if e.name().as_ref() == b"wp:docPr" {
        s.bildfiler.push(Bildfil {
            alt: attribut(e, b"descr").unwrap_or_default(),
            ..Default::default()
        });
    } else if let Some(id) = attribut(e, b"r:embed") {
        match s.bildfiler.last_mut() {
            Some(b) if b.id.is_empty() => b.id = id,
            _ => s.bildfiler.push(Bildfil {
                id,
                ..Default::default()
            }),
        }
    }
}

/// `Id` → `Target` of the document's relationships (`word/_rels/document.xml.rels`).
fn las_relationer(xml: &[u8]) -> Result<Vec<(String, String)>, OrdimportFel> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut ut = Vec::new();
    loop {
        match reader
            .read_event_into(&mut buf)
            .map_err(|e| OrdimportFel::TrasigXml(e.to_string()))?
        {
            Event::Eof => break,
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(mal)) = (attribut(&e, b"Id"), attribut(&e, b"Target")) {
                    ut.push((id, mal));
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(ut)
}

fn tom_cell(spann: usize) -> Cellbygge {
    Cellbygge {
        spann: spann.clamp(1, 64),
        ..Default::default()
    }
}

fn rutor(e: &BytesStart<'_>) -> usize {
    attribut(e, b"w:val")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0)
}

/// Reads the blocks of a body or header part. Text counts wherever it sits in a paragraph (runs
/// inside hyperlinks, fields, content controls, tracked insertions); field instructions and
/// deleted text do not. A table inside a cell is read as further paragraphs of that cell.
/// A text box's paragraphs sit inside the paragraph that anchors it: they are read as
/// paragraphs of their own (a stack), and the anchoring paragraph keeps its text before and
/// after the box. Of an `mc:AlternateContent`, only the `mc:Choice` is read: Word writes the
/// same text box again in `mc:Fallback`.
fn las_kropp(xml: &[u8]) -> Result<Vec<Block>, OrdimportFel> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut block = Vec::new();
    let mut tabeller: Vec<Tabellbygge> = Vec::new();
    let mut stycken: Vec<Stycke> = Vec::new();
    let mut i_reserv = 0usize;
    let mut i_text = false;
    let mut i_instruktion = 0usize;
    // Tab stops in the paragraph properties are `w:tab` too; only a run's tab is text.
    let mut i_egenskaper = false;
    let xmlfel = |e: String| OrdimportFel::TrasigXml(e);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xmlfel(e.to_string()))?;
        match &event {
            Event::Start(e) if e.name().as_ref() == b"mc:Fallback" => i_reserv += 1,
            Event::End(e) if e.name().as_ref() == b"mc:Fallback" => {
                i_reserv = i_reserv.saturating_sub(1);
            }
            _ => {}
        }
        if i_reserv > 0 {
            buf.clear();
            continue;
        }
        let stycke = stycken.last_mut();
        match event {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:p" => stycken.push(Stycke::default()),
            Event::Empty(e) if e.name().as_ref() == b"w:p" => {
                avsluta_stycke(Stycke::default(), &mut tabeller, &mut block);
            }
            Event::Start(e) => match e.name().as_ref() {
                b"w:t" => i_text = true,
                b"w:pPr" => i_egenskaper = true,
                b"w:drawing" | b"w:pict" | b"wp:docPr" | b"a:blip" => bildelement(&e, stycke),
                b"w:instrText" | b"w:delText" => i_instruktion += 1,
                b"w:tbl" => tabeller.push(Tabellbygge::default()),
                b"w:tr" => {
                    if let Some(t) = tabeller.last_mut() {
                        t.rader.push(Vec::new());
                        t.efter = 0;
                    }
                }
                b"w:tc" => {
                    if let Some(r) = tabeller.last_mut().and_then(|t| t.rader.last_mut()) {
                        r.push(Cellbygge {
                            spann: 1,
                            ..Default::default()
                        });
                    }
                }
                _ => {}
            },
            Event::Empty(e) => {
                let namn = e.name();
                match namn.as_ref() {
                    b"w:pStyle" => {
                        if let Some(s) = stycke {
                            s.stil = attribut(&e, b"w:val").unwrap_or_default();
                        }
                    }
                    b"w:tab" if !i_egenskaper && i_instruktion == 0 => {
                        if let Some(s) = stycke {
                            s.text.push(' ');
                        }
                    }
                    b"w:br" | b"w:cr" => {
                        if let Some(s) = stycke {
                            s.text.push('\n');
                        }
                    }
                    // "e‑tjänst" with Word's non-breaking hyphen; a soft hyphen shows nothing.
                    b"w:noBreakHyphen" if i_instruktion == 0 => {
                        if let Some(s) = stycke {
                            s.text.push('-');
                        }
                    }
                    b"w:drawing" | b"w:pict" | b"wp:docPr" | b"a:blip" => {
                        bildelement(&e, stycke);
                    }
                    b"w:gridBefore" => {
                        let n = rutor(&e);
                        if let Some(r) = tabeller.last_mut().and_then(|t| t.rader.last_mut())
                            && n > 0
                        {
                            r.push(tom_cell(n));
                        }
                    }
                    b"w:gridAfter" => {
                        if let Some(t) = tabeller.last_mut() {
                            t.efter = rutor(&e);
                        }
                    }
                    b"w:gridSpan" => {
                        let n = attribut(&e, b"w:val")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1);
                        if let Some(c) = aktuell_cell(&mut tabeller) {
                            c.spann = n.clamp(1, 64);
                        }
                    }
                    b"w:vMerge" => {
                        let borjar = attribut(&e, b"w:val").as_deref() == Some("restart");
                        if let Some(c) = aktuell_cell(&mut tabeller) {
                            c.vmerge = Some(borjar);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if i_text && i_instruktion == 0 => {
                if let Some(s) = stycke {
                    let text = t.xml10_content().map_err(|e| xmlfel(e.to_string()))?;
                    s.text.push_str(&text);
                }
            }
            Event::GeneralRef(r) if i_text && i_instruktion == 0 => {
                let tecken = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| xmlfel(e.to_string()))?
                        .map(String::from)
                } else {
                    let namn = r.decode().map_err(|e| xmlfel(e.to_string()))?;
                    quick_xml::escape::resolve_predefined_entity(&namn).map(str::to_string)
                };
                if let (Some(s), Some(t)) = (stycke, tecken) {
                    s.text.push_str(&t);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => i_text = false,
                b"w:pPr" => i_egenskaper = false,
                b"w:instrText" | b"w:delText" => i_instruktion = i_instruktion.saturating_sub(1),
                b"w:p" => {
                    if let Some(s) = stycken.pop() {
                        avsluta_stycke(s, &mut tabeller, &mut block);
                    }
                }
                b"w:tr" => {
                    if let Some(t) = tabeller.last_mut() {
                        let efter = std::mem::take(&mut t.efter);
                        if let Some(r) = t.rader.last_mut()
                            && efter > 0
                        {
                            r.push(tom_cell(efter));
                        }
                    }
                }
                b"w:tbl" => {
                    if let Some(t) = tabeller.pop() {
                        let tabell = las_ut(t);
                        match aktuell_cell(&mut tabeller) {
                            Some(c) => {
                                for r in 0..tabell.rader.len() {
                                    let text = tabell
                                        .rutnat(r)
                                        .into_iter()
                                        .filter(|t| !t.trim().is_empty())
                                        .collect::<Vec<_>>()
                                        .join(" ");
                                    c.stycken.push(text);
                                }
                            }
                            None => block.push(Block::Tabell(tabell)),
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Ok(block)
}

fn avsluta_stycke(s: Stycke, tabeller: &mut [Tabellbygge], block: &mut Vec<Block>) {
    if tabeller.is_empty() {
        block.push(Block::Stycke(s));
    } else if let Some(c) = aktuell_cell(tabeller) {
        c.stycken.push(s.text);
    }
    // A paragraph between rows is not something Word writes; it has no cell to go to.
}

fn aktuell_cell(tabeller: &mut [Tabellbygge]) -> Option<&mut Cellbygge> {
    tabeller.last_mut()?.rader.last_mut()?.last_mut()
}

/// Resolves vertical merges: a continuation takes the text of the cell that starts the merge
/// in the same grid column.
fn las_ut(t: Tabellbygge) -> Tabell {
    let mut rader: Vec<Vec<Cell>> = Vec::new();
    for rad in t.rader {
        let mut kolumn = 0;
        let mut ut = Vec::new();
        for c in rad {
            let mut text = c.stycken.join("\n").trim().to_string();
            let sammanslagen_ovan = c.vmerge == Some(false);
            if sammanslagen_ovan {
                text = rader
                    .last()
                    .and_then(|ovan| cell_vid_kolumn(ovan, kolumn))
                    .map(|o| o.text.clone())
                    .unwrap_or_default();
            }
            ut.push(Cell {
                text,
                spann: c.spann.max(1),
                sammanslagen_ovan,
            });
            kolumn += c.spann.max(1);
        }
        rader.push(ut);
    }
    Tabell { rader }
}

fn cell_vid_kolumn(rad: &[Cell], kolumn: usize) -> Option<&Cell> {
    let mut borjan = 0;
    for c in rad {
        if borjan == kolumn {
            return Some(c);
        }
        borjan += c.spann.max(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kropp(inre: &str) -> Vec<Block> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inre}</w:body></w:document>"#
        );
        las_kropp(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn stycke(text: &str, bilder: usize) -> Block {
        Block::Stycke(Stycke {
            stil: String::new(),
            text: text.into(),
            bilder,
            bildfiler: Vec::new(),
        })
    }

    /// Word anchors a text box inside a paragraph and writes it twice (Choice and Fallback):
    /// the box's text once, and the anchoring paragraph's text on both sides of it.
    #[test]
    fn a_text_box_keeps_its_own_text_once_and_the_text_around_it() {
        let b = kropp(concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">FÖRE </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">"#,
            r#"<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>INNE</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>"#,
            r#"</mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>INNE</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"#,
            r#"</mc:AlternateContent></w:r><w:r><w:t>EFTER e</w:t><w:noBreakHyphen/><w:t>tjänst</w:t></w:r></w:p>"#,
        ));
        assert_eq!(b, vec![stycke("INNE", 0), stycke("FÖRE EFTER e-tjänst", 1)]);
    }

    /// Cells deleted with "shift left" leave `w:gridBefore` / `w:gridAfter`: the remaining
    /// cells stay under their own headings.
    #[test]
    fn grid_before_and_after_keep_cells_in_their_columns() {
        let b = kropp(concat!(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        ));
        let [Block::Tabell(t)] = b.as_slice() else {
            panic!("en tabell väntades: {b:?}");
        };
        assert_eq!(t.rutnat(0), vec!["A", "B", "C"]);
        assert_eq!(t.rutnat(1), vec!["", "b", ""]);
        assert_eq!(t.rutnat(2), vec!["", "", "c"]);
    }

    /// Footnotes have no place in the template: each one's text is kept for the report, Word's
    /// separator notes (no text) are not.
    #[test]
    fn footnotes_are_read_with_their_text_and_separators_left_out() {
        let xml = concat!(
            r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"#,
            r#"<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve"> Enligt beslut 2024-03-28.</w:t></w:r></w:p></w:footnote>"#,
            r#"</w:footnotes>"#
        );
        assert_eq!(
            las_noter(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}")),
            vec!["Enligt beslut 2024-03-28."]
        );
    }

    #[test]
    fn text_counts_wherever_it_sits_in_a_paragraph_but_field_codes_and_deletions_do_not() {
        let b = kropp(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:tabs><w:tab w:val="right" w:pos="9000"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t xml:space="preserve">Budget &amp; </w:t></w:r>"#,
            r#"<w:hyperlink><w:r><w:t>prognos</w:t></w:r></w:hyperlink>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:tab/><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            r#"<w:del><w:r><w:delText>struket</w:delText></w:r></w:del>"#,
            r#"<w:ins><w:r><w:br/><w:t>&#8211; ny rad</w:t></w:r></w:ins></w:p>"#,
            r#"<w:p/>"#,
        ));
        assert_eq!(
            b,
            vec![
                Block::Stycke(Stycke {
                    stil: "Heading2".into(),
                    text: "Budget & prognos 3\n– ny rad".into(),
                    bilder: 0,
                    bildfiler: Vec::new(),
                }),
                Block::Stycke(Stycke::default()),
            ]
        );
    }

    #[test]
    fn merged_cells_keep_the_grid_and_a_nested_table_is_text_of_its_cell() {
        let b = kropp(concat!(
            "<w:tbl>",
            r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Rubrik</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>E-arkiv</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inre</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>tabell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"#,
            "</w:tbl>",
        ));
        let [Block::Tabell(t)] = b.as_slice() else {
            panic!("{b:?}");
        };
        assert_eq!(t.rutnat(0), ["Rubrik", "", "C"]);
        assert_eq!(t.rutnat(1), ["E-arkiv", "1\n2", "inre tabell"]);
        assert_eq!(t.rutnat(2), ["E-arkiv", "", ""]);
        assert!(t.rader[2][0].sammanslagen_ovan);
        assert!(!t.rader[1][0].sammanslagen_ovan);
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        let fel = las_kropp(b"<w:document><w:body><w:p></w:body>").err();
        assert!(matches!(fel, Some(OrdimportFel::TrasigXml(_))), "{fel:?}");
    }
}
