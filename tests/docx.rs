//! The Word export read back: unzip the package, parse its XML and check the structure Word and
//! LibreOffice rely on, then (last test) render it through LibreOffice and read the PDF's text.

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::process::Command;

use base64::Engine;
use chrono::NaiveDate;
use quick_xml::Reader;
use quick_xml::events::Event;
use underlag::example::exempel;
use underlag::export::{Docxval, skriv_docx};
use underlag::model::{Dokument, Figur};
use underlag::template::{Mall, Mallbibliotek};

fn mall() -> Mall {
    Mallbibliotek::inbyggda()
        .ok()
        .and_then(|b| b.hamta("arlig-analys-2024").cloned())
        .unwrap_or_else(|| panic!("mallen saknas"))
}

fn val(anvisningar: bool) -> Docxval {
    Docxval {
        anvisningar,
        datum: NaiveDate::from_ymd_opt(2023, 3, 28).unwrap_or_default(),
    }
}

fn exportera(dokument: &Dokument, anvisningar: bool) -> Vec<u8> {
    skriv_docx(dokument, &mall(), &val(anvisningar)).unwrap_or_else(|e| panic!("{e}"))
}

fn delar(docx: &[u8]) -> BTreeMap<String, String> {
    let mut arkiv = zip::ZipArchive::new(Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut ut = BTreeMap::new();
    for i in 0..arkiv.len() {
        let mut post = arkiv.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let mut bytes = Vec::new();
        post.read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{e}"));
        ut.insert(
            post.name().to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    }
    ut
}

fn attr(e: &quick_xml::events::BytesStart<'_>, namn: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == namn)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|e| panic!("{e}"))
        })
}

/// What the test reads out of word/document.xml.
#[derive(Default, Debug)]
struct Innehall {
    /// (paragraph style, text, right-aligned) of every paragraph, tables included, in order.
    stycken: Vec<(String, String, bool)>,
    /// Per top-level table: the texts of its label row's cells and whether that row repeats as
    /// a header. The label row is the first, or the second under an "Enligt riktlinjen" caption
    /// row over the riktlinje's columns (then both must repeat).
    tabeller: Vec<(Vec<String>, bool)>,
    /// Alt texts of the images.
    alt: Vec<String>,
}

fn las_dokument(xml: &str) -> Innehall {
    let mut r = Reader::from_str(xml);
    let mut inn = Innehall::default();
    let (mut stil, mut text, mut hoger, mut i_t) = (String::new(), String::new(), false, false);
    let mut tbl_djup = 0;
    let (mut rad, mut celler, mut rubrikrad): (usize, Vec<Vec<String>>, Vec<bool>) =
        (0, Vec::new(), Vec::new());
    let mut celltext = String::new();
    loop {
        match r
            .read_event()
            .unwrap_or_else(|e| panic!("document.xml är inte giltig XML: {e}"))
        {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => {
                    stil.clear();
                    text.clear();
                    hoger = false;
                }
                b"w:pStyle" => stil = attr(&e, b"w:val").unwrap_or_default(),
                b"w:jc" => hoger |= attr(&e, b"w:val").as_deref() == Some("right"),
                b"w:t" => i_t = true,
                b"w:tbl" => {
                    tbl_djup += 1;
                    if tbl_djup == 1 {
                        rad = 0;
                        celler = vec![Vec::new(), Vec::new()];
                        rubrikrad = vec![false, false];
                    }
                }
                b"w:tr" if tbl_djup == 1 => rad += 1,
                b"w:tblHeader" if tbl_djup == 1 && rad <= 2 => rubrikrad[rad - 1] = true,
                b"w:tc" if tbl_djup == 1 => celltext.clear(),
                b"wp:docPr" => inn.alt.push(attr(&e, b"descr").unwrap_or_default()),
                _ => {}
            },
            Event::Text(t) if i_t => {
                let s = t.decode().unwrap_or_default();
                text.push_str(&s);
                celltext.push_str(&s);
            }
            Event::GeneralRef(g) if i_t => {
                let s = std::str::from_utf8(&g)
                    .ok()
                    .and_then(quick_xml::escape::resolve_xml_entity)
                    .unwrap_or_default();
                text.push_str(s);
                celltext.push_str(s);
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => i_t = false,
                b"w:p" => inn.stycken.push((stil.clone(), text.clone(), hoger)),
                b"w:tc" if tbl_djup == 1 && rad <= 2 => {
                    celler[rad - 1].push(celltext.trim().to_string());
                }
                b"w:tbl" => {
                    if tbl_djup == 1 {
                        let rubrik = celler[0] == ["", "Enligt riktlinjen"];
                        inn.tabeller.push(if rubrik {
                            (celler[1].clone(), rubrikrad[0] && rubrikrad[1])
                        } else {
                            (celler[0].clone(), rubrikrad[0])
                        });
                    }
                    tbl_djup -= 1;
                }
                _ => {}
            },
            _ => {}
        }
    }
    // Every row carries cantSplit: count both in the raw XML.
    let rader = xml.matches("<w:tr>").count() + xml.matches("<w:tr ").count();
    assert_eq!(
        xml.matches("<w:cantSplit/>").count(),
        rader,
        "varje tabellrad ska hållas ihop"
    );
    inn
}

fn exempel_docx() -> (BTreeMap<String, String>, Innehall) {
    let d = delar(&exportera(
        &exempel().unwrap_or_else(|e| panic!("{e}")),
        true,
    ));
    let inn = las_dokument(&d["word/document.xml"]);
    (d, inn)
}

#[test]
fn every_heading_is_a_real_heading_in_template_order() {
    let (delar, inn) = exempel_docx();
    let mall = mall();
    let rubriker: Vec<(String, String)> = inn
        .stycken
        .iter()
        .filter(|(s, _, _)| s.starts_with("Heading"))
        .map(|(s, t, _)| (s.clone(), t.clone()))
        .collect();
    let vantade: Vec<(String, String)> = mall
        .avsnitt
        .iter()
        .map(|a| {
            (
                if a.niva() == 1 {
                    "Heading1"
                } else {
                    "Heading2"
                }
                .to_string(),
                a.rubrik_for_ar(2024).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(rubriker, vantade);
    assert!(
        rubriker
            .iter()
            .any(|(_, t)| t == "3.1 Kostnader förvaltning och utveckling 2024–2026")
    );

    let mut stilar = Reader::from_str(&delar["word/styles.xml"]);
    let (mut aktuell, mut nivaer) = (String::new(), BTreeMap::new());
    loop {
        match stilar.read_event().unwrap_or_else(|e| panic!("{e}")) {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:style" => {
                aktuell = attr(&e, b"w:styleId").unwrap_or_default()
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:outlineLvl" => {
                nivaer.insert(aktuell.clone(), attr(&e, b"w:val").unwrap_or_default());
            }
            _ => {}
        }
    }
    assert_eq!(nivaer.get("Heading1").map(String::as_str), Some("0"));
    assert_eq!(nivaer.get("Heading2").map(String::as_str), Some("1"));
    assert!(delar["word/styles.xml"].contains(r#"<w:lang w:val="sv-SE""#));
}

#[test]
fn the_header_has_the_title_and_page_fields_and_the_package_its_settings() {
    let (delar, _) = exempel_docx();
    let huvud: Vec<&String> = delar
        .iter()
        .filter(|(n, _)| n.starts_with("word/header"))
        .map(|(_, v)| v)
        .collect();
    assert_eq!(huvud.len(), 1);
    let huvud = huvud[0];
    assert!(huvud.contains("Årlig analys av digital utveckling och förvaltning 2024"));
    let instr: Vec<&str> = huvud
        .split("<w:instrText")
        .skip(1)
        .filter_map(|s| s.split('>').nth(1)?.split('<').next())
        .map(str::trim)
        .collect();
    assert_eq!(instr, vec!["PAGE", "NUMPAGES"]);
    assert!(delar["word/settings.xml"].contains(r#"<w:updateFields w:val="true"/>"#));
    let core = &delar["docProps/core.xml"];
    assert!(
        core.contains(
            "<dc:title>Årlig analys av digital utveckling och förvaltning 2024</dc:title>"
        ),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>Nämnden för demokrati och medborgarservice</dc:creator>"),
        "{core}"
    );
    let dokument = &delar["word/document.xml"];
    assert!(
        dokument.contains("TOC \\o &quot;1-2&quot;") || dokument.contains("TOC \\o \"1-2\""),
        "innehållsförteckningen ska vara ett TOC-fält över rubriknivå 1–2"
    );
}

#[test]
fn tables_have_the_templates_header_cells_and_repeat_them() {
    let (_, inn) = exempel_docx();
    // Versionshantering, the catalogue's fields in 1, 1.1, 1.2, eight 1.4 forms, eight 2.2
    // forms, three 3.1 tables, 3.2.
    assert_eq!(inn.tabeller.len(), 1 + 1 + 1 + 1 + 8 + 8 + 3 + 1);
    assert!(
        inn.tabeller.iter().all(|(_, rubrikrad)| *rubrikrad),
        "varje tabells första rad ska upprepas"
    );
    let huvuden: Vec<Vec<String>> = inn.tabeller.iter().map(|(c, _)| c.clone()).collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        huvuden[0],
        s(&[
            "Datum",
            "Version",
            "Beskrivning",
            "Ändrad av",
            "Händelse",
            "Forum"
        ])
    );
    assert_eq!(
        huvuden[3],
        s(&[
            "Bastjänst och digital infrastruktur",
            "Andel (%) befintliga kunder*",
            "Konsolideringsplan nya kunder",
            "Eventuella avsteg eller avvikelser under året (se riktlinje för definition)",
            "Anslutna nämnder (antal)",
            "Anslutna bolagsstyrelser (antal)"
        ])
    );
    assert_eq!(
        huvuden[1],
        s(&[
            "Namn",
            "Kategori",
            "Målgrupp",
            "Annan leverantör",
            "Informationssäkerhetsnivå",
            "Finansiering",
            "Nuvarande fördelningsnyckel"
        ])
    );
    assert_eq!(huvuden[4], s(&["Pågående förändringsinsats 1"]));
    assert_eq!(huvuden[12], s(&["Föreslagen förändringsinsats 1"]));
    assert_eq!(
        huvuden[20],
        s(&[
            "Tjänst",
            "Utfall 2022",
            "Budget 2023",
            "Prognos budget 2024"
        ])
    );
    assert_eq!(
        huvuden[21],
        s(&[
            "Tjänst",
            "Utfall 2022",
            "Budget 2023",
            "Prognos budget 2024",
            "2024",
            "2025",
            "2026"
        ])
    );
    assert_eq!(
        huvuden[22],
        s(&[
            "Förändringsinsats",
            "År 2024",
            "År 2025",
            "År 2026",
            "2024",
            "2025",
            "2026"
        ])
    );
    assert_eq!(
        huvuden[23],
        s(&[
            "Tjänst",
            "Nuvarande fördelningsnyckel",
            "Förslag justering",
            "Motivering"
        ])
    );
}

#[test]
fn every_template_label_appears_in_order_and_amounts_read_the_swedish_way() {
    let (_, inn) = exempel_docx();
    let texter: Vec<&str> = inn.stycken.iter().map(|(_, t, _)| t.as_str()).collect();
    let mut position = 0;
    for etikett in [
        "1.1 Genomförd effekthemtagning",
        "Namn på bastjänst eller infrastrukturtjänst",
        "Leverantörens analys",
        "1.2 Status konsolidering",
        "1.4 Pågående förändringsinsatser",
        "Bastjänst eller infrastrukturtjänst det gäller",
        "Tidplan",
        "Kommentar avvikelser",
        "2.1 Framåtsyftande portföljanalys",
        "ANVÄNDS INTE FÖR 2024",
        "2.2 Förslag på nya förändringsinsatser",
        "Föreslagen förändringsinsats 1",
        "Namn på förändringsinsats",
        "Strategisk del",
        "Behovsbeskrivning",
        "Kopplat till befintlig bastjänst eller infratjänst",
        "Nytta",
        "Effektmål",
        "Intern - extern nytta",
        "Effektivitet - innovation",
        "Kommer arbetet bedrivas i projektform? JA/NEJ",
        "Informationssäkerhet",
        "Är informationsklassning genomförd? JA / NEJ + kommentar",
        "Teknisk del",
        "Får påverkan på digital infrastruktur? JA / NEJ + kommentar",
        "Ekonomisk del",
        "Total projektbudget samt påverkan förvaltningskostnad år 2024, 2025, 2026 eller senare",
        "Kundgrupp som finansierar",
        "Förslag fördelningsnyckel",
        "3.1 Kostnader förvaltning och utveckling 2024–2026",
        "Totalkostnad",
        "3.2 Förslag justering av fördelningsnycklar",
        "Motivering",
        "4 Långsiktig utveckling och avveckling av bastjänster och digital infrastruktur",
    ] {
        let hittad = texter[position..]
            .iter()
            .position(|t| *t == etikett)
            .unwrap_or_else(|| panic!("\"{etikett}\" saknas efter position {position}"));
        position += hittad + 1;
    }
    // Computed totals, right-aligned: the rows of 3.1 add up to 77 547 tkr.
    for total in [
        "77 547 tkr",
        "82 242 tkr",
        "7 000 tkr",
        "5 190 tkr",
        "348 tkr",
    ] {
        assert!(
            inn.stycken.iter().any(|(_, t, hoger)| t == total && *hoger),
            "{total} saknas eller är inte högerställd"
        );
    }
    assert!(
        inn.stycken
            .iter()
            .any(|(_, t, _)| t == "NEJ, utveckling av befintlig funktionalitet")
    );
    assert!(inn.stycken.iter().any(|(s, t, _)| s == "Anvisning"
        && t.starts_with("Här ska en beskrivning göras av den effekthemtagning")));
}

#[test]
fn without_guidance_the_anvisning_texts_are_left_out() {
    let d = delar(&exportera(
        &exempel().unwrap_or_else(|e| panic!("{e}")),
        false,
    ));
    let inn = las_dokument(&d["word/document.xml"]);
    assert!(
        !inn.stycken
            .iter()
            .any(|(s, _, _)| s == "Anvisning" || s == "Anvisningsrubrik")
    );
    assert!(!d["word/document.xml"].contains("Här ska en beskrivning göras"));
    assert!(
        inn.stycken
            .iter()
            .any(|(_, t, _)| t == "1.1 Genomförd effekthemtagning")
    );
}

fn png(bredd: u32, hojd: u32) -> String {
    let bild = image::RgbImage::from_pixel(bredd, hojd, image::Rgb([31, 56, 100]));
    let mut ut = Cursor::new(Vec::new());
    bild.write_to(&mut ut, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    base64::engine::general_purpose::STANDARD.encode(ut.into_inner())
}

#[test]
fn typed_text_cannot_break_the_package_and_images_carry_alt_text() {
    let Dokument::ArligAnalys(mut a) = exempel().unwrap_or_else(|e| panic!("{e}")) else {
        panic!("dokumentet är en årlig analys")
    };
    a.foreslagna_insatser.insatser[0].strategisk.nytta =
        "A & B < C > \"D\" 'E'\u{1}\u{8}\u{1b} ]]> <w:p>".into();
    a.langsiktig_utveckling.leverantorens_analys = "långt ord ".repeat(20_000);
    a.meta.organisation = "Nämnden för demokrati\u{1} & medborgarservice".into();
    let figur = |alt: &str| Figur {
        filnamn: "pios.png".into(),
        mediatyp: "image/png".into(),
        data_base64: png(40, 20),
        alt_text: alt.into(),
        bildtext: "Bild från PIOS".into(),
    };
    a.portfoljanalys.figurer = vec![
        figur("Portföljen i PIOS: effektivitet & innovation"),
        figur("Andra bilden\u{7}"),
    ];
    let d = delar(&exportera(&Dokument::ArligAnalys(a.clone()), true));
    let inn = las_dokument(&d["word/document.xml"]);
    assert!(
        inn.stycken
            .iter()
            .any(|(_, t, _)| t == "A & B < C > \"D\" 'E' ]]> <w:p>"),
        "texten ska överleva utan styrtecken"
    );
    assert!(!d["word/document.xml"].contains('\u{1b}'));
    assert!(inn.stycken.iter().any(|(_, t, _)| t.len() > 200_000));
    assert_eq!(
        inn.alt,
        vec![
            "Portföljen i PIOS: effektivitet & innovation",
            "Andra bilden"
        ]
    );
    let ids: Vec<&str> = d["word/document.xml"]
        .split("<wp:docPr id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(ids, vec!["1", "2"], "varje bild ska ha ett eget id");
    // Every XML part parses, the core properties included.
    for (namn, xml) in d
        .iter()
        .filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        let mut r = Reader::from_str(xml);
        loop {
            match r.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{namn} är inte giltig XML: {e}"),
            }
        }
    }
    assert!(
        d["docProps/core.xml"]
            .contains("<dc:creator>Nämnden för demokrati &amp; medborgarservice</dc:creator>")
    );
    assert!(
        d.keys().any(|k| k.starts_with("word/media/")),
        "bilden ska ligga i paketet"
    );

    a.portfoljanalys.figurer[0].data_base64 =
        base64::engine::general_purpose::STANDARD.encode(b"inte en bild");
    let fel = skriv_docx(&Dokument::ArligAnalys(a), &mall(), &val(true))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        fel.starts_with("Bilden \"pios.png\" i 1.3 kan inte läsas"),
        "{fel}"
    );
}

/// Renders through LibreOffice (table of contents updated through UNO) and reads the PDF's text.
#[test]
fn the_export_renders_in_libreoffice_with_headings_header_and_totals() {
    assert!(
        Command::new("pdftotext").arg("-v").output().is_ok(),
        "pdftotext saknas. Installera med: bash scripts/setup (apt-get install poppler-utils)"
    );
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pdf = common::docx_till_pdf(
        &exportera(&exempel().unwrap_or_else(|e| panic!("{e}")), true),
        katalog.path(),
    );
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    let sidor = text.matches('\u{c}').count();
    assert!(sidor >= 15, "{sidor} sidor");
    let enrad: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for rubrik in mall()
        .avsnitt
        .iter()
        .map(|a| a.rubrik_for_ar(2024).unwrap_or_default())
    {
        // Once in the table of contents, once as the heading itself.
        assert!(
            enrad.matches(&rubrik).count() >= 2,
            "\"{rubrik}\" ska stå i innehållsförteckningen och som rubrik"
        );
    }
    assert!(
        enrad.contains("Årlig analys av digital utveckling och förvaltning 2024 1 ("),
        "sidhuvudet med sidnummer saknas"
    );
    assert!(
        enrad.contains(&format!(
            "Årlig analys av digital utveckling och förvaltning 2024 3 ({sidor})"
        )) || enrad.contains(&format!("3 ({})", sidor + 1)),
        "sidhuvudet ska ange sidan av totalt antal sidor"
    );
    for total in [
        "Totalkostnad 77 547 tkr 82 242 tkr",
        "7 000 tkr 5 190 tkr 30 tkr 331 tkr 348 tkr",
    ] {
        assert!(enrad.contains(total), "\"{total}\" saknas i PDF:en");
    }
}

/// A paragraph of word/document.xml as the table of contents test reads it.
#[derive(Debug, Default)]
struct Faltstycke {
    /// Style id.
    stil: String,
    /// Text outside fields, and the result of an outermost field (the table of contents').
    text: String,
    /// Text in the result of a field inside another (an entry's PAGEREF).
    inre_resultat: String,
    /// Whether the paragraph lies (at least partly) in the result of a TOC field.
    i_toc: bool,
    ankare: Vec<String>,
    /// The bookmark each PAGEREF in the paragraph refers to.
    sidreferenser: Vec<String>,
    bokmarken: Vec<String>,
}

/// Every paragraph of the body with its fields resolved, and each TOC field's instruction.
fn las_falt(xml: &str) -> (Vec<Faltstycke>, Vec<String>) {
    let mut r = Reader::from_str(xml);
    let (mut stycken, mut toc_instruktioner) = (Vec::new(), Vec::new());
    let mut aktuellt = Faltstycke::default();
    // Open fields: instruction so far, and whether the result has begun.
    let mut falt: Vec<(String, bool)> = Vec::new();
    let (mut i_t, mut i_instr) = (false, false);
    // Where text goes: Some(true) the paragraph's own text (outside fields, or in the result of
    // an outermost field), Some(false) a nested field's result, None an instruction.
    let text_till = |falt: &[(String, bool)]| -> Option<bool> {
        match falt {
            _ if falt.iter().any(|(_, resultat)| !resultat) => None,
            [] | [_] => Some(true),
            _ => Some(false),
        }
    };
    loop {
        let event = r
            .read_event()
            .unwrap_or_else(|e| panic!("document.xml är inte giltig XML: {e}"));
        let lagg_till =
            |s: &str, falt: &[(String, bool)], st: &mut Faltstycke| match text_till(falt) {
                Some(true) => st.text.push_str(s),
                Some(false) => st.inre_resultat.push_str(s),
                None => {}
            };
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => {
                    aktuellt = Faltstycke {
                        i_toc: falt
                            .first()
                            .is_some_and(|(i, res)| *res && i.trim().starts_with("TOC")),
                        ..Default::default()
                    }
                }
                b"w:pStyle" => aktuellt.stil = attr(&e, b"w:val").unwrap_or_default(),
                b"w:hyperlink" => aktuellt
                    .ankare
                    .push(attr(&e, b"w:anchor").unwrap_or_default()),
                b"w:bookmarkStart" => aktuellt
                    .bokmarken
                    .push(attr(&e, b"w:name").unwrap_or_default()),
                b"w:t" => i_t = true,
                b"w:instrText" => i_instr = true,
                b"w:fldChar" => match attr(&e, b"w:fldCharType").as_deref() {
                    Some("begin") => falt.push((String::new(), false)),
                    Some("separate") => {
                        if let Some((instr, resultat)) = falt.last_mut() {
                            *resultat = true;
                            let mut ord = instr.split_whitespace();
                            match ord.next() {
                                Some("PAGEREF") => aktuellt
                                    .sidreferenser
                                    .push(ord.next().unwrap_or_default().to_string()),
                                Some("TOC") => {
                                    toc_instruktioner.push(instr.trim().to_string());
                                    aktuellt.i_toc = true;
                                }
                                _ => {}
                            }
                        }
                    }
                    Some("end") => {
                        falt.pop();
                    }
                    _ => {}
                },
                _ => {}
            },
            Event::Text(t) if i_t || i_instr => {
                let s = t.decode().unwrap_or_default();
                if i_instr {
                    if let Some((instr, _)) = falt.last_mut() {
                        instr.push_str(&s);
                    }
                } else {
                    lagg_till(&s, &falt, &mut aktuellt);
                }
            }
            Event::GeneralRef(g) if i_t || i_instr => {
                let s = std::str::from_utf8(&g)
                    .ok()
                    .and_then(quick_xml::escape::resolve_xml_entity)
                    .unwrap_or_default();
                if i_instr {
                    if let Some((instr, _)) = falt.last_mut() {
                        instr.push_str(s);
                    }
                } else {
                    lagg_till(s, &falt, &mut aktuellt);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => i_t = false,
                b"w:instrText" => i_instr = false,
                b"w:p" => stycken.push(std::mem::take(&mut aktuellt)),
                _ => {}
            },
            _ => {}
        }
    }
    (stycken, toc_instruktioner)
}

/// Style id → the level N of a style named "heading N" or "toc N" (Word's built-in names,
/// which Word and LibreOffice go by), from word/styles.xml.
fn stilnivaer(styles: &str, prefix: &str) -> BTreeMap<String, usize> {
    let mut r = Reader::from_str(styles);
    let (mut id, mut ut) = (String::new(), BTreeMap::new());
    loop {
        match r.read_event().unwrap_or_else(|e| panic!("{e}")) {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:style" => {
                id = attr(&e, b"w:styleId").unwrap_or_default();
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:name" => {
                let namn = attr(&e, b"w:val").unwrap_or_default().to_lowercase();
                if let Some(n) = namn
                    .strip_prefix(prefix)
                    .and_then(|n| n.trim().parse::<usize>().ok())
                {
                    ut.insert(id.clone(), n);
                }
            }
            _ => {}
        }
    }
    ut
}

/// Every example (each template kind), with and without anvisningar: the table of contents'
/// field result lists exactly the document's Heading 1–2 paragraphs, in order, at their level,
/// each starting with the template's number for it, each a hyperlink to a `_Toc` bookmark that
/// sits on that heading, with a PAGEREF to the same bookmark whose page number is left to the
/// field update; and it stands before the first heading.
#[test]
fn the_table_of_contents_lists_every_heading_and_links_to_its_bookmark() {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    for (namn, _, json) in underlag::example::EXEMPEL {
        let dokument = underlag::exchange::las(json.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let mall = mallar
            .hamta(dokument.mall())
            .or_else(|| mallar.for_ar(dokument.typ().as_str(), dokument.ar()))
            .unwrap_or_else(|| panic!("{namn}: mallen saknas"));
        for anvisningar in [true, false] {
            let fall = format!("{namn} (anvisningar: {anvisningar})");
            let docx = skriv_docx(&dokument, mall, &val(anvisningar))
                .unwrap_or_else(|e| panic!("{fall}: {e}"));
            let delar = delar(&docx);
            let (stycken, instruktioner) = las_falt(&delar["word/document.xml"]);
            assert_eq!(instruktioner.len(), 1, "{fall}: ett TOC-fält");
            let instr = &instruktioner[0];
            assert!(
                instr.contains(r#"\o "1-2""#) && instr.contains(r"\h"),
                "{fall}: {instr}"
            );

            let rubrikniva = stilnivaer(&delar["word/styles.xml"], "heading");
            let tocniva = stilnivaer(&delar["word/styles.xml"], "toc");
            let rubriker: Vec<(usize, usize, &Faltstycke)> = stycken
                .iter()
                .enumerate()
                .filter_map(|(i, s)| rubrikniva.get(&s.stil).map(|n| (i, *n, s)))
                .filter(|(_, n, _)| (1..=2).contains(n))
                .collect();
            let poster: Vec<(usize, &Faltstycke)> = stycken
                .iter()
                .enumerate()
                .filter(|(_, s)| s.i_toc && !s.text.trim().is_empty())
                .collect();
            assert_eq!(
                rubriker.len(),
                mall.avsnitt.len(),
                "{fall}: en rubrik per avsnitt"
            );
            assert_eq!(
                poster
                    .iter()
                    .map(|(_, s)| (tocniva.get(&s.stil).copied(), s.text.trim()))
                    .collect::<Vec<_>>(),
                rubriker
                    .iter()
                    .map(|(_, n, s)| (Some(*n), s.text.trim()))
                    .collect::<Vec<_>>(),
                "{fall}: innehållsförteckningen ska lista rubrikerna i ordning och på sin nivå"
            );
            let forsta_rubriken = rubriker.first().map_or(0, |(i, _, _)| *i);
            let mut sedda = std::collections::BTreeSet::new();
            for (((i, post), (j, _, rubrik)), avsnitt) in
                poster.iter().zip(&rubriker).zip(&mall.avsnitt)
            {
                assert!(*i < forsta_rubriken, "{fall}: posten står efter rubrikerna");
                assert_eq!(
                    post.text.split_whitespace().next(),
                    Some(avsnitt.nummer()),
                    "{fall}: posten \"{}\" ska börja med avsnittets nummer",
                    post.text
                );
                // No page number until a field update computes it: a guessed one would pass for
                // the real one.
                assert_eq!(post.inre_resultat.trim(), "", "{fall}: {post:?}");
                assert_eq!(post.ankare.len(), 1, "{fall}: {post:?}");
                let ankare = &post.ankare[0];
                assert_eq!(
                    post.sidreferenser,
                    std::slice::from_ref(ankare),
                    "{fall}: {post:?}"
                );
                assert!(
                    ankare.starts_with("_Toc") && ankare.len() <= 40,
                    "{fall}: bokmärket {ankare}"
                );
                assert!(sedda.insert(ankare.clone()), "{fall}: {ankare} två gånger");
                let bar: Vec<usize> = stycken
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.bokmarken.contains(ankare))
                    .map(|(k, _)| k)
                    .collect();
                assert_eq!(
                    bar,
                    [*j],
                    "{fall}: bokmärket {ankare} ska stå på rubriken \"{}\" och bara där",
                    rubrik.text
                );
            }
        }
    }
}

/// A plain `soffice --convert-to pdf`, which updates no field and no index, shows the headings
/// in the table of contents: on the page(s) from "Innehållsförteckning" up to the page where
/// the first heading stands in the text, in order, and no field code among them.
#[test]
fn the_table_of_contents_shows_without_a_field_update() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pdf = common::docx_till_pdf_utan_uppdatering(
        &exportera(&exempel().unwrap_or_else(|e| panic!("{e}")), true),
        katalog.path(),
    );
    let ut = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext: {e} (apt-get install poppler-utils)"));
    let text = String::from_utf8_lossy(&ut.stdout);
    let sidor: Vec<String> = text
        .split('\u{c}')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let rubriker: Vec<String> = mall()
        .avsnitt
        .iter()
        .map(|a| a.rubrik_for_ar(2024).unwrap_or_default())
        .collect();
    let forsta = rubriker.first().cloned().unwrap_or_default();
    let toc_sida = sidor
        .iter()
        .position(|s| s.contains("Innehållsförteckning"))
        .unwrap_or_else(|| panic!("ingen sida har rubriken Innehållsförteckning"));
    // The first heading stands last on the page where the text begins.
    let textens_sida = sidor
        .iter()
        .rposition(|s| s.contains(&forsta))
        .unwrap_or_else(|| panic!("\"{forsta}\" syns inte alls"));
    assert!(
        textens_sida > toc_sida,
        "\"{forsta}\" syns bara i innehållsförteckningen eller före den"
    );
    let forteckning = sidor[toc_sida..textens_sida].join(" ");
    let forteckning = forteckning
        .split_once("Innehållsförteckning")
        .map_or("", |(_, efter)| efter);
    let mut rest = forteckning;
    for rubrik in &rubriker {
        let Some(plats) = rest.find(rubrik.as_str()) else {
            panic!(
                "\"{rubrik}\" saknas (eller står i fel ordning) i innehållsförteckningen: {forteckning}"
            );
        };
        rest = &rest[plats + rubrik.len()..];
    }
    for kod in ["TOC", "PAGEREF", "HYPERLINK", "_Toc"] {
        assert!(
            !forteckning.contains(kod),
            "fältkoden {kod} syns i innehållsförteckningen: {forteckning}"
        );
    }
}
