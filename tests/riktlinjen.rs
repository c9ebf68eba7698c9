//! What the riktlinje asks beyond the printed template reaches both exports: every field
//! filled with a marker of its own (`common::med_riktlinjen`) is found in the Word document's
//! text and in the workbook's cells, marked "Enligt riktlinjen", without a heading of its own.

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use underlag::example::exempel;
use underlag::export::{Docxval, skriv_docx, skriv_xlsx};
use underlag::model::Dokument;
use underlag::template::{Mall, Mallbibliotek};

fn mall() -> Mall {
    Mallbibliotek::inbyggda()
        .ok()
        .and_then(|b| b.hamta("arlig-analys-2024").cloned())
        .unwrap_or_else(|| panic!("mallen saknas"))
}

fn ifyllt() -> Dokument {
    common::med_riktlinjen(exempel().unwrap_or_else(|e| panic!("{e}")))
}

fn word(d: &Dokument) -> Vec<u8> {
    let val = Docxval {
        anvisningar: true,
        datum: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
    };
    skriv_docx(d, &mall(), &val).unwrap_or_else(|e| panic!("{e}"))
}

fn dokument_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap_or_else(|e| panic!("{e}"))
        .read_to_string(&mut xml)
        .unwrap_or_else(|e| panic!("{e}"));
    xml
}

#[test]
fn every_riktlinje_field_is_in_the_word_document() {
    let docx = word(&ifyllt());
    let text = common::dokumenttext(&docx);
    for markor in common::RIKTLINJEMARKORER {
        assert!(text.contains(markor), "{markor} saknas i Word-filen");
    }
    for vantat in [
        "Enligt riktlinjen",
        "Berörd nämnd informerad: ",
        "2024-02-15, RIKTLINJE-beslut-namnd",
        "Informationssäkerhetsnivå",
        "Särskilt beslutad att följas av strategisk samordningsgrupp",
        "Enligt riktlinjen: Återkommande per år · Plus indexuppräkning · Indexsats 2,5 %",
        "Enligt riktlinjen: Återkommande per år · Plus indexuppräkning",
        "Indexuppräkning i prognosen (%): ",
        "6,5 %",
        "Ny tjänst",
        "Förslag på avveckling av tjänst",
    ] {
        assert!(text.contains(vantat), "\"{vantat}\" saknas i Word-filen");
    }
}

#[test]
fn the_riktlinje_adds_no_headings() {
    let rubriker = |docx: &[u8]| dokument_xml(docx).matches("w:val=\"Heading").count();
    let utan = word(&exempel().unwrap_or_else(|e| panic!("{e}")));
    let med = word(&ifyllt());
    assert_eq!(rubriker(&med), rubriker(&utan));
    assert!(rubriker(&med) > 0);
}

#[test]
fn every_riktlinje_field_is_in_the_workbook_as_text_or_number() {
    let bytes = skriv_xlsx(&ifyllt(), &mall()).unwrap_or_else(|e| panic!("{e}"));
    let mut bok: Xlsx<Cursor<Vec<u8>>> =
        open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut celler: Vec<(String, Data)> = Vec::new();
    for namn in bok.sheet_names() {
        let r = bok
            .worksheet_range(&namn)
            .unwrap_or_else(|e| panic!("{namn}: {e}"));
        celler.extend(r.used_cells().map(|(_, _, d)| (namn.clone(), d.clone())));
        if namn != "Kontroller" {
            let f = bok
                .worksheet_formula(&namn)
                .unwrap_or_else(|e| panic!("{namn}: {e}"));
            assert!(
                f.used_cells().all(|(_, _, f)| f.starts_with("SUM(")),
                "{namn} har en formel som inte är en summa"
            );
        }
    }
    let finns = |s: &str| {
        celler
            .iter()
            .any(|(_, d)| matches!(d, Data::String(t) if t.contains(s)))
    };
    for markor in common::RIKTLINJEMARKORER {
        assert!(finns(markor), "{markor} saknas i Excel-filen");
    }
    for rubrik in [
        "Projektbudget: Återkommande per år",
        "Projektbudget: Plus indexuppräkning",
        "Projektbudget: Indexsats (%)",
        "Påverkan förvaltningskostnad: Återkommande per år",
        "Indexuppräkning i prognosen (%)",
        "Särskilt beslutad att följas av strategisk samordningsgrupp",
        "Informationssäkerhetsnivå",
    ] {
        assert!(finns(rubrik), "\"{rubrik}\" saknas i Excel-filen");
    }
    // Rates are numbers with a per cent format, not texts.
    let tal = |blad: &str, v: f64| {
        celler
            .iter()
            .any(|(b, d)| b == blad && matches!(d, Data::Float(f) if (f - v).abs() < 1e-9))
    };
    assert!(tal("Enligt riktlinjen", 0.065), "indexuppräkningen 6,5 %");
    assert!(tal("Förslag", 0.025), "indexsatsen 2,5 %");
}
