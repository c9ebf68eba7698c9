//! The document theme, `word/theme/theme1.xml`, which docx-rs does not write. Word writes one in
//! every document, and the Open XML SDK's package rules (which `openxml-audit` applies) require
//! the main document part to have one. Ours names the fonts the styles already use (Calibri) and
//! Office's standard colours, whose tints the headings (1F3864) and table headers (B4C6E7) are,
//! so a reader who picks a theme colour in Word gets the palette the document already shows.
//! Written with quick-xml from the data below, like every other part we add.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};

/// Where the part goes, and how the package names it.
pub(super) const DEL: &str = "word/theme/theme1.xml";
pub(super) const INNEHALLSTYP: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
pub(super) const RELATIONSTYP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
/// The relationship's target, relative to `word/document.xml`.
pub(super) const MAL: &str = "theme/theme1.xml";

const DRAWINGML: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

enum Farg {
    /// A system colour and the value it had when written.
    System(&'static str, &'static str),
    Rgb(&'static str),
}

/// CT_ColorScheme's twelve colours, in its sequence.
const FARGER: [(&str, Farg); 12] = [
    ("a:dk1", Farg::System("windowText", "000000")),
    ("a:lt1", Farg::System("window", "FFFFFF")),
    ("a:dk2", Farg::Rgb("44546A")),
    ("a:lt2", Farg::Rgb("E7E6E6")),
    ("a:accent1", Farg::Rgb("4472C4")),
    ("a:accent2", Farg::Rgb("ED7D31")),
    ("a:accent3", Farg::Rgb("A5A5A5")),
    ("a:accent4", Farg::Rgb("FFC000")),
    ("a:accent5", Farg::Rgb("5B9BD5")),
    ("a:accent6", Farg::Rgb("70AD47")),
    ("a:hlink", Farg::Rgb("0563C1")),
    ("a:folHlink", Farg::Rgb("954F72")),
];

/// Headings and body text (CT_FontScheme: major, then minor).
const TYPSNITT: [(&str, &str); 2] = [("a:majorFont", "Calibri Light"), ("a:minorFont", "Calibri")];

/// CT_StyleMatrix wants at least three of each; plain fills and lines in the placeholder colour
/// are what a document without shapes needs.
const STILAR_PER_LISTA: usize = 3;

type W = Writer<Vec<u8>>;

fn skriv(w: &mut W, e: Event<'_>) -> Result<(), String> {
    w.write_event(e).map_err(|e| e.to_string())
}

fn start(w: &mut W, namn: &str, attribut: &[(&str, &str)]) -> Result<(), String> {
    let mut e = BytesStart::new(namn);
    for a in attribut {
        e.push_attribute(*a);
    }
    skriv(w, Event::Start(e))
}

fn slut(w: &mut W, namn: &str) -> Result<(), String> {
    skriv(w, Event::End(BytesEnd::new(namn)))
}

fn tom(w: &mut W, namn: &str, attribut: &[(&str, &str)]) -> Result<(), String> {
    let mut e = BytesStart::new(namn);
    for a in attribut {
        e.push_attribute(*a);
    }
    skriv(w, Event::Empty(e))
}

fn fyllning(w: &mut W) -> Result<(), String> {
    start(w, "a:solidFill", &[])?;
    tom(w, "a:schemeClr", &[("val", "phClr")])?;
    slut(w, "a:solidFill")
}

/// The theme part.
pub(super) fn tema_xml() -> Result<Vec<u8>, String> {
    let mut w = Writer::new(Vec::with_capacity(4096));
    skriv(
        &mut w,
        Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))),
    )?;
    start(
        &mut w,
        "a:theme",
        &[("xmlns:a", DRAWINGML), ("name", "Underlag")],
    )?;
    start(&mut w, "a:themeElements", &[])?;

    start(&mut w, "a:clrScheme", &[("name", "Underlag")])?;
    for (namn, farg) in &FARGER {
        start(&mut w, namn, &[])?;
        match farg {
            Farg::System(varde, senast) => {
                tom(&mut w, "a:sysClr", &[("val", varde), ("lastClr", senast)])?
            }
            Farg::Rgb(varde) => tom(&mut w, "a:srgbClr", &[("val", varde)])?,
        }
        slut(&mut w, namn)?;
    }
    slut(&mut w, "a:clrScheme")?;

    start(&mut w, "a:fontScheme", &[("name", "Underlag")])?;
    for (namn, typsnitt) in TYPSNITT {
        start(&mut w, namn, &[])?;
        tom(&mut w, "a:latin", &[("typeface", typsnitt)])?;
        // Required; empty means the application's default for East Asian and complex scripts.
        tom(&mut w, "a:ea", &[("typeface", "")])?;
        tom(&mut w, "a:cs", &[("typeface", "")])?;
        slut(&mut w, namn)?;
    }
    slut(&mut w, "a:fontScheme")?;

    start(&mut w, "a:fmtScheme", &[("name", "Underlag")])?;
    start(&mut w, "a:fillStyleLst", &[])?;
    for _ in 0..STILAR_PER_LISTA {
        fyllning(&mut w)?;
    }
    slut(&mut w, "a:fillStyleLst")?;
    start(&mut w, "a:lnStyleLst", &[])?;
    for bredd in ["6350", "12700", "19050"] {
        start(&mut w, "a:ln", &[("w", bredd)])?;
        fyllning(&mut w)?;
        slut(&mut w, "a:ln")?;
    }
    slut(&mut w, "a:lnStyleLst")?;
    start(&mut w, "a:effectStyleLst", &[])?;
    for _ in 0..STILAR_PER_LISTA {
        start(&mut w, "a:effectStyle", &[])?;
        tom(&mut w, "a:effectLst", &[])?;
        slut(&mut w, "a:effectStyle")?;
    }
    slut(&mut w, "a:effectStyleLst")?;
    start(&mut w, "a:bgFillStyleLst", &[])?;
    for _ in 0..STILAR_PER_LISTA {
        fyllning(&mut w)?;
    }
    slut(&mut w, "a:bgFillStyleLst")?;
    slut(&mut w, "a:fmtScheme")?;

    slut(&mut w, "a:themeElements")?;
    slut(&mut w, "a:theme")?;
    Ok(w.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_has_the_colours_and_fonts_in_schema_order() {
        let xml = String::from_utf8(tema_xml().unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Underlag"><a:themeElements><a:clrScheme name="Underlag"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1>"#));
        let mut forra = 0;
        for (namn, _) in &FARGER {
            let plats = xml
                .find(&format!("<{namn}>"))
                .unwrap_or_else(|| panic!("{namn} saknas"));
            assert!(plats > forra, "{namn} står fel");
            forra = plats;
        }
        assert!(xml.contains(r#"<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>"#));
        for lista in [
            "fillStyleLst",
            "lnStyleLst",
            "effectStyleLst",
            "bgFillStyleLst",
        ] {
            let (_, rest) = xml
                .split_once(&format!("<a:{lista}>"))
                .unwrap_or_else(|| panic!("{lista} saknas"));
            let (innehall, _) = rest
                .split_once(&format!("</a:{lista}>"))
                .unwrap_or_else(|| panic!("{lista} avslutas inte"));
            let barn = match lista {
                "lnStyleLst" => "<a:ln ",
                "effectStyleLst" => "<a:effectStyle>",
                _ => "<a:solidFill>",
            };
            assert_eq!(innehall.matches(barn).count(), STILAR_PER_LISTA, "{lista}");
        }
        assert!(xml.ends_with("</a:fmtScheme></a:themeElements></a:theme>"));
    }
}
