//! What docx-rs cannot write, added to the finished package with quick-xml and zip (never by
//! string concatenation): table header rows that repeat on every page and rows that do not
//! split, tab stops kept inside the text width (docx-rs puts the table of contents' page
//! numbers at 141 cm), the table of contents' content control marked as Word marks its own
//! (docx-rs leaves it bare, and LibreOffice then shows the field codes), `w:updateFields` so Word refreshes the table of contents and page fields
//! on open, the
//! document language sv-SE, the core properties title and author, and alt text on images. Then
//! every WordprocessingML part gets its children in the schema's order (`ordning`), which
//! docx-rs does not keep, and the package gets the theme part docx-rs does not write (`tema`).

use std::io::{Cursor, Read, Write};

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::ExportFel;
use super::ordning::ordna_efter_schemat;
use super::tema;
use crate::cancel::Avbrott;

/// What the post-processing step writes into the package.
#[derive(Debug, Clone)]
pub struct Efterbearbetning {
    pub titel: String,
    pub forfattare: String,
    /// BCP 47 tag, `sv-SE`.
    pub sprak: String,
    /// Alt text of each image, in document order.
    pub alt_texter: Vec<String>,
    /// The export's cancel flag: the rewrite of a long document.xml looks at it as it goes.
    pub avbrott: Avbrott,
}

/// How often a streaming pass over a part looks at the cancel flag, in XML events: a few
/// milliseconds of work on this machine.
pub(super) const EVENT_MELLAN_AVBROTT: usize = 4096;

type Resultat<T> = Result<T, ExportFel>;

fn fel(del: &str) -> impl Fn(String) -> ExportFel + '_ {
    move |orsak| ExportFel::Paket {
        del: del.to_string(),
        orsak,
    }
}

/// Rewrites a .docx package. Parts outside `word/` other than the core properties are copied
/// unchanged.
pub fn efterbearbeta(paket: &[u8], e: &Efterbearbetning) -> Resultat<Vec<u8>> {
    let mut arkiv = ZipArchive::new(Cursor::new(paket)).map_err(|x| fel("zip")(x.to_string()))?;
    let mut ut = ZipWriter::new(Cursor::new(Vec::new()));
    // docx-rs writes no theme; should a later version, its own stays and ours is not added.
    let lagg_till_tema = !arkiv.file_names().any(|n| n.starts_with("word/theme/"));
    // A pass that stopped because the user cancelled says so, not that the XML was bad.
    let delfel = |namn: &str, orsak: String| {
        if e.avbrott.ar_avbrutet() {
            ExportFel::Avbrutet
        } else {
            fel(namn)(orsak)
        }
    };
    for i in 0..arkiv.len() {
        e.avbrott.kontrollera()?;
        let (namn, innehall) = las_post(&mut arkiv, i)?;
        let innehall = match namn.as_str() {
            "word/document.xml" => {
                dokument(&innehall, &e.alt_texter, &e.avbrott).map_err(|o| delfel(&namn, o))?
            }
            "word/settings.xml" => installningar(&innehall).map_err(fel(&namn))?,
            "word/styles.xml" => stilar(&innehall, &e.sprak).map_err(fel(&namn))?,
            "docProps/core.xml" => {
                egenskaper(&innehall, &e.titel, &e.forfattare).map_err(fel(&namn))?
            }
            "[Content_Types].xml" if lagg_till_tema => {
                innehallstyper(&innehall).map_err(fel(&namn))?
            }
            "word/_rels/document.xml.rels" if lagg_till_tema => {
                relationer(&innehall).map_err(fel(&namn))?
            }
            _ => innehall,
        };
        // Every WordprocessingML part, including the headers and numbering.xml that need no
        // other change: children in the schema's order (`ordning`).
        let innehall = if namn.starts_with("word/") && namn.ends_with(".xml") {
            ordna_efter_schemat(&innehall, &e.avbrott).map_err(|o| delfel(&namn, o))?
        } else {
            innehall
        };
        skriv_post(&mut ut, &namn, &innehall)?;
    }
    if lagg_till_tema {
        let tema = tema::tema_xml().map_err(fel(tema::DEL))?;
        skriv_post(&mut ut, tema::DEL, &tema)?;
    }
    let ut = ut.finish().map_err(|x| fel("zip")(x.to_string()))?;
    Ok(ut.into_inner())
}

/// Rewrites an .xlsx package with every chart part's children in the schema's order
/// (`ordning`); the other parts are copied unchanged.
pub fn ordna_diagrammen(paket: &[u8]) -> Resultat<Vec<u8>> {
    let mut arkiv = ZipArchive::new(Cursor::new(paket)).map_err(|x| fel("zip")(x.to_string()))?;
    let mut ut = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..arkiv.len() {
        let (namn, mut innehall) = las_post(&mut arkiv, i)?;
        if namn.starts_with("xl/charts/chart") && namn.ends_with(".xml") {
            innehall = ordna_efter_schemat(&innehall, &Avbrott::default()).map_err(fel(&namn))?;
        }
        skriv_post(&mut ut, &namn, &innehall)?;
    }
    let ut = ut.finish().map_err(|x| fel("zip")(x.to_string()))?;
    Ok(ut.into_inner())
}

/// The `i`th part of a package: its name and bytes.
fn las_post(arkiv: &mut ZipArchive<Cursor<&[u8]>>, i: usize) -> Resultat<(String, Vec<u8>)> {
    let mut post = arkiv.by_index(i).map_err(|x| fel("zip")(x.to_string()))?;
    let namn = post.name().to_string();
    let mut innehall = Vec::new();
    post.read_to_end(&mut innehall)
        .map_err(|x| fel(&namn)(x.to_string()))?;
    Ok((namn, innehall))
}

/// One part into a package being written, compressed as Office compresses its own.
fn skriv_post(ut: &mut ZipWriter<Cursor<Vec<u8>>>, namn: &str, innehall: &[u8]) -> Resultat<()> {
    let val = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    ut.start_file(namn, val)
        .map_err(|x| fel(namn)(x.to_string()))?;
    ut.write_all(innehall).map_err(|x| fel(namn)(x.to_string()))
}

fn xmlfel(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Streams `xml` through `f`, which writes each event (or others in its place).
fn omforma(
    xml: &[u8],
    mut f: impl FnMut(Event<'_>, &mut Writer<Vec<u8>>) -> Result<(), String>,
) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + 1024));
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(xmlfel)?;
        if matches!(event, Event::Eof) {
            break;
        }
        f(event.into_owned(), &mut writer)?;
        buf.clear();
    }
    Ok(writer.into_inner())
}

fn skriv(w: &mut Writer<Vec<u8>>, e: Event<'_>) -> Result<(), String> {
    w.write_event(e).map_err(xmlfel)
}

fn tom(w: &mut Writer<Vec<u8>>, namn: &str, attribut: &[(&str, &str)]) -> Result<(), String> {
    let mut e = BytesStart::new(namn);
    for a in attribut {
        e.push_attribute(*a);
    }
    skriv(w, Event::Empty(e))
}

fn radegenskaper(w: &mut Writer<Vec<u8>>, rubrikrad: bool) -> Result<(), String> {
    tom(w, "w:cantSplit", &[])?;
    if rubrikrad {
        tom(w, "w:tblHeader", &[])?;
    }
    Ok(())
}

fn heltal(e: &BytesStart<'_>, namn: &[u8]) -> Result<Option<i64>, String> {
    for a in e.attributes() {
        let a = a.map_err(xmlfel)?;
        if a.key.as_ref() == namn {
            return Ok(std::str::from_utf8(&a.value)
                .ok()
                .and_then(|v| v.trim().parse().ok()));
        }
    }
    Ok(None)
}

/// The widest text width of the part's sections (page width less the side margins), in twips.
fn textbredd(xml: &[u8]) -> Result<Option<i64>, String> {
    let mut bredast: Option<i64> = None;
    let (mut sida, mut marginaler) = (None, (0, 0));
    omforma(xml, |event, _| {
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:pgSz" => sida = heltal(e, b"w:w")?,
                b"w:pgMar" => {
                    marginaler = (
                        heltal(e, b"w:left")?.unwrap_or(0),
                        heltal(e, b"w:right")?.unwrap_or(0),
                    );
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"w:sectPr" => {
                if let Some(sida) = sida.take() {
                    let bredd = sida - marginaler.0 - marginaler.1;
                    bredast = Some(bredast.map_or(bredd, |b| b.max(bredd)));
                }
                marginaler = (0, 0);
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(bredast)
}

/// A paragraph's tab stop moved in to the text width if it lies beyond it. docx-rs writes the
/// table of contents' right-aligned page-number tab at 80 000 twips; Word and LibreOffice
/// then put the page numbers far off the page instead of at the margin.
fn tabbstopp_inom(e: &BytesStart<'_>, bredd: i64) -> Result<Option<BytesStart<'static>>, String> {
    if heltal(e, b"w:pos")?.is_none_or(|pos| pos <= bredd) {
        return Ok(None);
    }
    let mut ny = BytesStart::new("w:tab");
    let bredd = bredd.to_string();
    for a in e.attributes() {
        let a = a.map_err(xmlfel)?;
        if a.key.as_ref() == b"w:pos" {
            ny.push_attribute(("w:pos", bredd.as_str()));
        } else {
            ny.push_attribute(a);
        }
    }
    Ok(Some(ny))
}

/// The content controls (`w:sdt`, numbered in document order) that hold a table of contents:
/// each innermost one around a TOC field instruction.
fn innehallskontroller(xml: &[u8]) -> Result<Vec<usize>, String> {
    let (mut antal, mut oppna, mut i_instruktion) = (0, Vec::new(), false);
    let mut funna: Vec<usize> = Vec::new();
    omforma(xml, |event, _| {
        match &event {
            Event::Start(e) if e.name().as_ref() == b"w:sdt" => {
                oppna.push(antal);
                antal += 1;
            }
            Event::End(e) if e.name().as_ref() == b"w:sdt" => {
                oppna.pop();
            }
            Event::Start(e) if e.name().as_ref() == b"w:instrText" => i_instruktion = true,
            Event::End(e) if e.name().as_ref() == b"w:instrText" => i_instruktion = false,
            Event::Text(t) if i_instruktion && t.trim_ascii_start().starts_with(b"TOC") => {
                if let Some(&sdt) = oppna.last()
                    && !funna.contains(&sdt)
                {
                    funna.push(sdt);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(funna)
}

/// What the header-row rule needs to know of an open table.
#[derive(Default)]
struct Tabellrader {
    rader: usize,
    forsta_radens_celler: usize,
    forsta_raden_spannar: bool,
}

impl Tabellrader {
    /// Counts a new row and says whether it repeats as a header: the first row, and the
    /// second when the first is a caption over the labels (several cells, some spanning, as
    /// "Enligt riktlinjen" over the riktlinje's columns). A form's title row is one cell
    /// over the whole table, so its rows below do not repeat.
    fn ny_rad(&mut self) -> bool {
        self.rader += 1;
        self.rader == 1
            || (self.rader == 2 && self.forsta_raden_spannar && self.forsta_radens_celler > 1)
    }
}

/// `<w:docPartObj>` naming the Table of Contents gallery, what Word writes in the content
/// control around every table of contents it makes. With it LibreOffice reads the control as
/// its table of contents index; with docx-rs's empty `w:sdtPr` it shows the first entry's field
/// codes ("TOC \o …", "HYPERLINK …") as text.
fn innehallsgalleri(w: &mut Writer<Vec<u8>>) -> Result<(), String> {
    skriv(w, Event::Start(BytesStart::new("w:docPartObj")))?;
    tom(w, "w:docPartGallery", &[("w:val", "Table of Contents")])?;
    tom(w, "w:docPartUnique", &[])?;
    skriv(w, Event::End(BytesEnd::new("w:docPartObj")))
}

/// Header rows that repeat, rows that do not split, tab stops inside the text width, the
/// table of contents' content control marked as one, alt text on images.
fn dokument(xml: &[u8], alt_texter: &[String], avbrott: &Avbrott) -> Result<Vec<u8>, String> {
    let bredd = textbredd(xml)?;
    let innehall = innehallskontroller(xml)?;
    // The open content controls' numbers, and the next one's.
    let (mut sdt, mut nasta_sdt) = (Vec::new(), 0);
    // Inside a table of contents' `w:sdtPr`: whether it already names a gallery.
    let mut i_innehallsegenskaper: Option<bool> = None;
    // One entry per open table: its rows so far, and the first row's cells and spanned cells.
    let mut tabeller: Vec<Tabellrader> = Vec::new();
    // After a <w:tr>: the row's properties are still to be written (true for a header row).
    let mut vantar_trpr: Option<bool> = None;
    let mut bild = 0;
    // Inside a paragraph's (or style's) `w:tabs`, where `w:tab` is a tab stop, not a tab.
    let mut i_tabbar = false;
    let mut handelser = 0usize;
    omforma(xml, |event, w| {
        handelser += 1;
        if handelser.is_multiple_of(EVENT_MELLAN_AVBROTT) {
            avbrott.kontrollera().map_err(|a| a.to_string())?;
        }
        if let Some(rubrikrad) = vantar_trpr.take() {
            match &event {
                Event::Start(e) if e.name().as_ref() == b"w:trPr" => {
                    skriv(w, event.clone())?;
                    return radegenskaper(w, rubrikrad);
                }
                Event::Empty(e) if e.name().as_ref() == b"w:trPr" => {
                    skriv(w, Event::Start(e.clone()))?;
                    radegenskaper(w, rubrikrad)?;
                    return skriv(w, Event::End(BytesEnd::new("w:trPr")));
                }
                _ => {
                    skriv(w, Event::Start(BytesStart::new("w:trPr")))?;
                    radegenskaper(w, rubrikrad)?;
                    skriv(w, Event::End(BytesEnd::new("w:trPr")))?;
                }
            }
        }
        match &event {
            Event::Start(e) if e.name().as_ref() == b"w:tbl" => {
                tabeller.push(Tabellrader::default());
            }
            Event::End(e) if e.name().as_ref() == b"w:tbl" => {
                tabeller.pop();
            }
            Event::Start(e) if e.name().as_ref() == b"w:sdt" => {
                sdt.push(nasta_sdt);
                nasta_sdt += 1;
            }
            Event::End(e) if e.name().as_ref() == b"w:sdt" => {
                sdt.pop();
            }
            Event::Start(e) | Event::Empty(e)
                if e.name().as_ref() == b"w:sdtPr"
                    && sdt.last().is_some_and(|n| innehall.contains(n)) =>
            {
                if matches!(event, Event::Start(_)) {
                    i_innehallsegenskaper = Some(false);
                    return skriv(w, event);
                }
                // `w:sdtPr` has no attributes; a new start drops the space of docx-rs's `<w:sdtPr />`.
                skriv(w, Event::Start(BytesStart::new("w:sdtPr")))?;
                innehallsgalleri(w)?;
                return skriv(w, Event::End(BytesEnd::new("w:sdtPr")));
            }
            Event::Start(e) | Event::Empty(e)
                if e.name().as_ref() == b"w:docPartObj" && i_innehallsegenskaper.is_some() =>
            {
                i_innehallsegenskaper = Some(true);
            }
            Event::End(e) if e.name().as_ref() == b"w:sdtPr" => {
                // Nothing to add where the control names a gallery already, or is no table of
                // contents (None).
                let ohandlad = i_innehallsegenskaper == Some(false);
                i_innehallsegenskaper = None;
                if ohandlad {
                    innehallsgalleri(w)?;
                }
            }
            Event::Start(e) if e.name().as_ref() == b"w:tabs" => i_tabbar = true,
            Event::End(e) if e.name().as_ref() == b"w:tabs" => i_tabbar = false,
            Event::Empty(e) if i_tabbar && e.name().as_ref() == b"w:tab" => {
                if let Some(bredd) = bredd
                    && let Some(ny) = tabbstopp_inom(e, bredd)?
                {
                    return skriv(w, Event::Empty(ny));
                }
            }
            Event::Start(e) if e.name().as_ref() == b"w:tr" => {
                vantar_trpr = Some(tabeller.last_mut().is_some_and(Tabellrader::ny_rad));
            }
            Event::Start(e) if e.name().as_ref() == b"w:tc" => {
                if let Some(t) = tabeller.last_mut()
                    && t.rader == 1
                {
                    t.forsta_radens_celler += 1;
                }
            }
            Event::Empty(e) if e.name().as_ref() == b"w:gridSpan" => {
                if let Some(t) = tabeller.last_mut()
                    && t.rader == 1
                {
                    t.forsta_raden_spannar = true;
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"wp:docPr" => {
                let mut ny = BytesStart::new("wp:docPr");
                // docx-rs numbers every drawing 1; Word wants unique ids.
                let id = (bild + 1).to_string();
                for a in e.attributes() {
                    let a = a.map_err(xmlfel)?;
                    match a.key.as_ref() {
                        b"descr" => {}
                        b"id" => ny.push_attribute(("id", id.as_str())),
                        _ => ny.push_attribute(a),
                    }
                }
                if let Some(alt) = alt_texter.get(bild) {
                    ny.push_attribute(("descr", alt.as_str()));
                }
                bild += 1;
                let ny = if matches!(event, Event::Empty(_)) {
                    Event::Empty(ny)
                } else {
                    Event::Start(ny)
                };
                return skriv(w, ny);
            }
            _ => {}
        }
        skriv(w, event)
    })
}

/// `<w:updateFields w:val="true"/>`: Word asks to update the table of contents and the page
/// fields when the document is opened. Written last in `w:settings`, in place of any there was;
/// `ordning` then moves it to its place in CT_Settings.
fn installningar(xml: &[u8]) -> Result<Vec<u8>, String> {
    let mut djup = 0usize;
    let mut hoppa_over = 0usize;
    omforma(xml, |event, w| {
        if hoppa_over > 0 {
            match &event {
                Event::Start(_) => hoppa_over += 1,
                Event::End(_) => hoppa_over -= 1,
                _ => {}
            }
            return Ok(());
        }
        match &event {
            Event::Start(e) | Event::Empty(e)
                if djup == 1 && e.name().as_ref() == b"w:updateFields" =>
            {
                if matches!(event, Event::Start(_)) {
                    hoppa_over = 1;
                }
                return Ok(());
            }
            Event::End(e) if djup == 1 && e.name().as_ref() == b"w:settings" => {
                tom(w, "w:updateFields", &[("w:val", "true")])?;
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => djup += 1,
            Event::End(_) => djup = djup.saturating_sub(1),
            _ => {}
        }
        skriv(w, event)
    })
}

/// The document's language in the default run properties, so spelling and hyphenation are
/// Swedish.
fn stilar(xml: &[u8], sprak: &str) -> Result<Vec<u8>, String> {
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut klart = false;
    let i_standard =
        |stack: &[Vec<u8>]| stack.len() >= 2 && stack[stack.len() - 1] == b"w:rPrDefault";
    omforma(xml, |event, w| {
        match &event {
            Event::Empty(e)
                if e.name().as_ref() == b"w:lang"
                    && stack.last().is_some_and(|s| s == b"w:rPr")
                    && stack.iter().any(|s| s == b"w:rPrDefault") =>
            {
                return Ok(());
            }
            Event::Empty(e) if e.name().as_ref() == b"w:rPr" && i_standard(&stack) && !klart => {
                skriv(w, Event::Start(e.clone()))?;
                tom(w, "w:lang", &[("w:val", sprak), ("w:eastAsia", sprak)])?;
                klart = true;
                return skriv(w, Event::End(BytesEnd::new("w:rPr")));
            }
            Event::End(e)
                if e.name().as_ref() == b"w:rPr"
                    && stack.iter().any(|s| s == b"w:rPrDefault")
                    && !klart =>
            {
                tom(w, "w:lang", &[("w:val", sprak), ("w:eastAsia", sprak)])?;
                klart = true;
            }
            Event::End(e) if e.name().as_ref() == b"w:rPrDefault" && !klart => {
                skriv(w, Event::Start(BytesStart::new("w:rPr")))?;
                tom(w, "w:lang", &[("w:val", sprak), ("w:eastAsia", sprak)])?;
                skriv(w, Event::End(BytesEnd::new("w:rPr")))?;
                klart = true;
            }
            _ => {}
        }
        match &event {
            Event::Start(e) => stack.push(e.name().as_ref().to_vec()),
            Event::End(_) => {
                stack.pop();
            }
            _ => {}
        }
        skriv(w, event)
    })
}

/// The theme part's content type, as an override before `</Types>`.
fn innehallstyper(xml: &[u8]) -> Result<Vec<u8>, String> {
    let del = format!("/{}", tema::DEL);
    omforma(xml, |event, w| {
        if let Event::End(e) = &event
            && e.name().as_ref() == b"Types"
        {
            tom(
                w,
                "Override",
                &[("PartName", &del), ("ContentType", tema::INNEHALLSTYP)],
            )?;
        }
        skriv(w, event)
    })
}

/// The main document's relationship to the theme, under an id none of the others has.
fn relationer(xml: &[u8]) -> Result<Vec<u8>, String> {
    let mut idn: Vec<Vec<u8>> = Vec::new();
    omforma(xml, |event, w| {
        match &event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"Relationship" => {
                for a in e.attributes() {
                    let a = a.map_err(xmlfel)?;
                    if a.key.as_ref() == b"Id" {
                        idn.push(a.value.into_owned());
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == b"Relationships" => {
                let id = (1..)
                    .map(|n| format!("rIdTema{n}"))
                    .find(|id| !idn.iter().any(|i| i == id.as_bytes()))
                    .unwrap_or_default();
                tom(
                    w,
                    "Relationship",
                    &[
                        ("Id", &id),
                        ("Type", tema::RELATIONSTYP),
                        ("Target", tema::MAL),
                    ],
                )?;
            }
            _ => {}
        }
        skriv(w, event)
    })
}

/// Title and author (the organisation) in the core properties.
fn egenskaper(xml: &[u8], titel: &str, forfattare: &str) -> Result<Vec<u8>, String> {
    let (titel, forfattare) = (
        &super::text::sakert(titel),
        &super::text::sakert(forfattare),
    );
    let mut i_falt: Option<&str> = None;
    let mut skrivna: Vec<&str> = Vec::new();
    omforma(xml, |event, w| {
        let varde = |namn: &[u8]| match namn {
            b"dc:title" => Some(("dc:title", titel)),
            b"dc:creator" => Some(("dc:creator", forfattare)),
            _ => None,
        };
        match &event {
            Event::Start(e) => {
                if let Some((namn, text)) = varde(e.name().as_ref()) {
                    skriv(w, event.clone())?;
                    skriv(w, Event::Text(BytesText::new(text)))?;
                    i_falt = Some(namn);
                    skrivna.push(namn);
                    return Ok(());
                }
            }
            Event::Empty(e) => {
                if let Some((namn, text)) = varde(e.name().as_ref()) {
                    skriv(w, Event::Start(e.clone()))?;
                    skriv(w, Event::Text(BytesText::new(text)))?;
                    skrivna.push(namn);
                    return skriv(w, Event::End(BytesEnd::new(namn)));
                }
            }
            Event::End(e) if i_falt.is_some_and(|n| n.as_bytes() == e.name().as_ref()) => {
                i_falt = None
            }
            Event::End(e) if e.name().as_ref() == b"cp:coreProperties" => {
                for (namn, text) in [("dc:title", titel), ("dc:creator", forfattare)] {
                    if !skrivna.contains(&namn) {
                        skriv(w, Event::Start(BytesStart::new(namn)))?;
                        skriv(w, Event::Text(BytesText::new(text)))?;
                        skriv(w, Event::End(BytesEnd::new(namn)))?;
                    }
                }
            }
            _ if i_falt.is_some() => return Ok(()),
            _ => {}
        }
        skriv(w, event)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(b: Vec<u8>) -> String {
        String::from_utf8(b).unwrap_or_default()
    }

    /// A part long enough that a streaming pass looks at the cancel flag on its way through.
    fn lang_del() -> Vec<u8> {
        let mut xml = String::from("<w:body>");
        for _ in 0..EVENT_MELLAN_AVBROTT {
            xml.push_str("<w:p><w:pPr><w:jc w:val=\"left\"/><w:pStyle w:val=\"A\"/></w:pPr></w:p>");
        }
        xml.push_str("</w:body>");
        xml.into_bytes()
    }

    #[test]
    fn a_cancelled_pass_stops_partway_through_a_long_part() {
        let xml = lang_del();
        let avbrott = Avbrott::default();
        assert!(dokument(&xml, &[], &avbrott).is_ok());
        assert!(ordna_efter_schemat(&xml, &avbrott).is_ok());
        avbrott.avbryt();
        assert!(dokument(&xml, &[], &avbrott).is_err());
        assert!(ordna_efter_schemat(&xml, &avbrott).is_err());
        // A short part is passed before the flag is looked at: the check costs nothing there.
        assert!(dokument(b"<w:body/>", &[], &avbrott).is_ok());
    }

    #[test]
    fn a_cancelled_export_is_said_to_be_cancelled_not_broken() {
        let mut paket = ZipWriter::new(Cursor::new(Vec::new()));
        let (namn, xml) = ("word/document.xml", lang_del());
        let skriven = paket
            .start_file(namn, SimpleFileOptions::default())
            .and_then(|()| Ok(paket.write_all(&xml)?))
            .and_then(|()| paket.finish());
        let Ok(paket) = skriven else {
            panic!("testpaketet kunde inte skrivas")
        };
        let efter = Efterbearbetning {
            titel: "T".into(),
            forfattare: "F".into(),
            sprak: "sv-SE".into(),
            alt_texter: Vec::new(),
            avbrott: Avbrott::default(),
        };
        let paket = paket.into_inner();
        assert!(efterbearbeta(&paket, &efter).is_ok());
        efter.avbrott.avbryt();
        assert!(matches!(
            efterbearbeta(&paket, &efter),
            Err(ExportFel::Avbrutet)
        ));
    }

    #[test]
    fn marks_the_first_row_of_every_table_as_header_and_no_row_splits() {
        let xml = br#"<w:body><w:tbl><w:tr><w:tc/></w:tr><w:tr><w:trPr/><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:trPr><w:jc w:val="center"/></w:trPr></w:tr></w:tbl></w:body>"#;
        let ut = text(dokument(xml, &[], &Avbrott::default()).unwrap_or_default());
        assert_eq!(
            ut,
            r#"<w:body><w:tbl><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:trPr><w:cantSplit/><w:tblHeader/><w:jc w:val="center"/></w:trPr></w:tr></w:tbl></w:body>"#
        );
    }

    #[test]
    fn adds_alt_text_to_images_in_order() {
        let xml = br#"<a><wp:docPr id="1" name="Bild 1"/><wp:docPr id="1" name="Bild 2" descr="gammal"/></a>"#;
        let ut = text(
            dokument(
                xml,
                &["Portföljen & \"riktning\"".into(), "Andra".into()],
                &Avbrott::default(),
            )
            .unwrap_or_default(),
        );
        assert_eq!(
            ut,
            r#"<a><wp:docPr id="1" name="Bild 1" descr="Portföljen &amp; &quot;riktning&quot;"/><wp:docPr id="2" name="Bild 2" descr="Andra"/></a>"#
        );
    }

    #[test]
    fn moves_a_tab_stop_beyond_the_text_width_in_to_the_margin_and_leaves_the_rest() {
        let xml = br#"<w:body><w:p><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="80000"/><w:tab w:val="left" w:pos="440"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"/></w:sectPr></w:body>"#;
        let ut = text(dokument(xml, &[], &Avbrott::default()).unwrap_or_default());
        assert_eq!(
            ut,
            r#"<w:body><w:p><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9070"/><w:tab w:val="left" w:pos="440"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"/></w:sectPr></w:body>"#
        );
        // Without a section to measure, nothing moves.
        let utan = br#"<w:p><w:pPr><w:tabs><w:tab w:pos="80000"/></w:tabs></w:pPr></w:p>"#;
        assert_eq!(
            text(dokument(utan, &[], &Avbrott::default()).unwrap_or_default()),
            text(utan.to_vec())
        );
    }

    #[test]
    fn the_content_control_around_a_table_of_contents_names_the_gallery() {
        let toc = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>TOC \o &quot;1-2&quot; \h</w:instrText></w:r></w:p>"#;
        let galleri = r#"<w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj>"#;
        // An empty `w:sdtPr` (docx-rs), one with an alias, one that names a gallery already,
        // and a content control without a table of contents.
        let xml = format!(
            r#"<w:body><w:sdt><w:sdtPr /><w:sdtContent>{toc}</w:sdtContent></w:sdt><w:sdt><w:sdtPr><w:alias w:val="a"/></w:sdtPr><w:sdtContent><w:sdt><w:sdtPr/><w:sdtContent><w:p/></w:sdtContent></w:sdt>{toc}</w:sdtContent></w:sdt><w:sdt><w:sdtPr>{galleri}</w:sdtPr><w:sdtContent>{toc}</w:sdtContent></w:sdt></w:body>"#
        );
        let ut = text(dokument(xml.as_bytes(), &[], &Avbrott::default()).unwrap_or_default());
        assert_eq!(
            ut,
            format!(
                r#"<w:body><w:sdt><w:sdtPr>{galleri}</w:sdtPr><w:sdtContent>{toc}</w:sdtContent></w:sdt><w:sdt><w:sdtPr><w:alias w:val="a"/>{galleri}</w:sdtPr><w:sdtContent><w:sdt><w:sdtPr/><w:sdtContent><w:p/></w:sdtContent></w:sdt>{toc}</w:sdtContent></w:sdt><w:sdt><w:sdtPr>{galleri}</w:sdtPr><w:sdtContent>{toc}</w:sdtContent></w:sdt></w:body>"#
            )
        );
    }

    /// `installningar` followed by the ordering pass, as `efterbearbeta` runs them.
    fn ordnade_installningar(xml: &[u8]) -> Vec<u8> {
        installningar(xml)
            .and_then(|x| ordna_efter_schemat(&x, &Avbrott::default()))
            .unwrap_or_default()
    }

    #[test]
    fn puts_update_fields_where_the_schema_wants_it() {
        let ut = text(ordnade_installningar(br#"<w:settings><w:zoom w:percent="100"/><w:updateFields w:val="false"/><w:compat/></w:settings>"#));
        assert_eq!(
            ut,
            r#"<w:settings><w:zoom w:percent="100"/><w:updateFields w:val="true"/><w:compat/></w:settings>"#
        );
        let ut = text(ordnade_installningar(
            br#"<w:settings><w:zoom/></w:settings>"#,
        ));
        assert_eq!(
            ut,
            r#"<w:settings><w:zoom/><w:updateFields w:val="true"/></w:settings>"#
        );
    }

    #[test]
    fn sets_the_language_once_in_the_default_run_properties() {
        let ut = text(stilar(br#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr/></w:style></w:styles>"#, "sv-SE").unwrap_or_default());
        assert_eq!(
            ut,
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/><w:lang w:val="sv-SE" w:eastAsia="sv-SE"/></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr/></w:style></w:styles>"#
        );
    }

    #[test]
    fn the_theme_gets_a_content_type_and_a_relationship_with_a_free_id() {
        let ut = text(innehallstyper(br#"<Types xmlns="ct"><Default Extension="xml" ContentType="application/xml" /></Types>"#).unwrap_or_default());
        assert_eq!(
            ut,
            r#"<Types xmlns="ct"><Default Extension="xml" ContentType="application/xml" /><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>"#
        );
        let ut = text(relationer(br#"<Relationships xmlns="r"><Relationship Id="rId1" Type="s" Target="styles.xml" /><Relationship Id="rIdTema1" Type="x" Target="y" /></Relationships>"#).unwrap_or_default());
        assert_eq!(
            ut,
            r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="s" Target="styles.xml" /><Relationship Id="rIdTema1" Type="x" Target="y" /><Relationship Id="rIdTema2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>"#
        );
    }

    #[test]
    fn writes_title_and_author() {
        let ut = text(egenskaper(br#"<cp:coreProperties><dc:title>gammal</dc:title><dc:creator/></cp:coreProperties>"#, "Årlig analys 2024", "Nämnd <A&B>").unwrap_or_default());
        assert_eq!(
            ut,
            r#"<cp:coreProperties><dc:title>Årlig analys 2024</dc:title><dc:creator>Nämnd &lt;A&amp;B&gt;</dc:creator></cp:coreProperties>"#
        );
        let ut = text(
            egenskaper(br#"<cp:coreProperties></cp:coreProperties>"#, "T", "F").unwrap_or_default(),
        );
        assert_eq!(
            ut,
            r#"<cp:coreProperties><dc:title>T</dc:title><dc:creator>F</dc:creator></cp:coreProperties>"#
        );
    }
}
