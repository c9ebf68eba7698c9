//! Every Word file Underlag writes, checked against the OOXML schema by an independent validator
//! (`openxml-audit`, profile Office 2016): each bundled example with and without anvisningar, the
//! portfolio and the sammanställning. A violation fails the test with its file, part, XPath and
//! description. The same files are then rendered through LibreOffice, so the reordering that
//! makes them valid cannot make them unreadable.
//!
//! The validator and how it is found: `tests/common/openxml.rs`.

mod common;

use std::io::{Read, Write};
use std::process::Command;

use common::openxml::{beskriv, validera};

use chrono::NaiveDate;
use underlag::example::EXEMPEL;
use underlag::exchange;
use underlag::export::{
    Docxval, skriv_docx, skriv_portfolj_docx, skriv_portfolj_xlsx, skriv_sammanstallning_docx,
    skriv_xlsx,
};
use underlag::model::Dokument;
use underlag::portfolj::{Kalla, Portfoljfilter, portfolj};
use underlag::template::{Mall, Mallbibliotek};

fn datum() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default()
}

fn mall_for<'m>(d: &Dokument, mallar: &'m Mallbibliotek) -> &'m Mall {
    mallar
        .hamta(d.mall())
        .or_else(|| mallar.for_ar(d.typ().as_str(), d.ar()))
        .unwrap_or_else(|| panic!("mallen {} saknas", d.mall()))
}

/// Every Word export, by file name: 5 examples × with/without anvisningar, the årlig analys with
/// the riktlinje's additions filled in, the portfolio over
/// the årlig analys and a second leverantör's copy of it, and the sammanställning over the three
/// tjänsteplaner.
fn exporter() -> Vec<(String, Vec<u8>)> {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let dokument = exempeldokument();
    let mut ut = Vec::new();
    for (namn, d) in &dokument {
        for anvisningar in [true, false] {
            let val = Docxval {
                anvisningar,
                datum: datum(),
            };
            let bytes =
                skriv_docx(d, mall_for(d, &mallar), &val).unwrap_or_else(|e| panic!("{namn}: {e}"));
            let tillagg = if anvisningar { "" } else { "-utan-anvisningar" };
            ut.push((format!("{namn}{tillagg}.docx"), bytes));
        }
    }

    let analys = exempelanalys(&dokument);
    // The årlig analys once more with every field the riktlinje adds filled in, so the
    // captions, rows and tables printed under "Enligt riktlinjen" are validated too.
    let med_riktlinjen = common::med_riktlinjen(Dokument::ArligAnalys(Box::new(analys.clone())));
    ut.push((
        "arlig-analys-med-riktlinjen.docx".into(),
        skriv_docx(
            &med_riktlinjen,
            mall_for(&med_riktlinjen, &mallar),
            &Docxval {
                anvisningar: true,
                datum: datum(),
            },
        )
        .unwrap_or_else(|e| panic!("{e}")),
    ));
    ut.push((
        "portfolj.docx".into(),
        portfoljexport(analys, &mallar, |p| skriv_portfolj_docx(p, datum())),
    ));

    let planer: Vec<_> = dokument
        .iter()
        .filter_map(|(_, d)| match d {
            Dokument::Tjansteplan(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    assert_eq!(planer.len(), 3, "exemplen har tre tjänsteplaner");
    ut.push((
        "sammanstallning.docx".into(),
        skriv_sammanstallning_docx(&planer, datum()).unwrap_or_else(|e| panic!("{e}")),
    ));
    ut
}

/// The examples as parsed documents, with their names.
fn exempeldokument() -> Vec<(&'static str, Dokument)> {
    EXEMPEL
        .iter()
        .map(|(namn, _, json)| {
            (
                *namn,
                exchange::las(json.as_bytes()).unwrap_or_else(|e| panic!("{namn}: {e}")),
            )
        })
        .collect()
}

/// The bundled årlig analys among the examples.
fn exempelanalys(dokument: &[(&str, Dokument)]) -> underlag::model::ArligAnalys {
    dokument
        .iter()
        .find_map(|(_, d)| match d {
            Dokument::ArligAnalys(a) => Some(a.as_ref().clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("exemplen har ingen årlig analys"))
}

/// The portfolio over `analys` and a second leverantör's copy of it, written by `skriv`.
fn portfoljexport<E: std::fmt::Display>(
    analys: underlag::model::ArligAnalys,
    mallar: &Mallbibliotek,
    skriv: impl Fn(&underlag::portfolj::Portfolj) -> Result<Vec<u8>, E>,
) -> Vec<u8> {
    let mut andra = analys.clone();
    andra.meta.organisation = "Intraservice".into();
    let analyser = [
        Dokument::ArligAnalys(Box::new(analys)),
        Dokument::ArligAnalys(Box::new(andra)),
    ];
    let kallor: Vec<Kalla<'_>> = analyser
        .iter()
        .zip(1..)
        .map(|(dokument, id)| Kalla {
            id,
            dokument,
            mall: mall_for(dokument, mallar),
        })
        .collect();
    let p = portfolj(&kallor, &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    skriv(&p).unwrap_or_else(|e| panic!("{e}"))
}

/// Every example's Excel export and the portfolio's workbook, whose PIOS matrix is a scatter
/// chart (rust_xlsxwriter writes its series out of the schema's order; `paket::ordna_diagrammen`
/// puts them back).
#[test]
fn every_excel_export_is_valid_ooxml() {
    let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
    let dokument = exempeldokument();
    let mut filer: Vec<(String, Vec<u8>)> = dokument
        .iter()
        .map(|(namn, d)| {
            let bytes =
                skriv_xlsx(d, mall_for(d, &mallar)).unwrap_or_else(|e| panic!("{namn}: {e}"));
            (format!("{namn}.xlsx"), bytes)
        })
        .collect();
    let analys = exempelanalys(&dokument);
    let portfolj = portfoljexport(analys, &mallar, skriv_portfolj_xlsx);
    assert!(
        zip::ZipArchive::new(std::io::Cursor::new(&portfolj))
            .unwrap_or_else(|e| panic!("{e}"))
            .file_names()
            .filter(|n| n.starts_with("xl/charts/chart"))
            .count()
            >= 4,
        "portföljens arbetsbok har sina diagram"
    );
    filer.push(("portfolj.xlsx".into(), portfolj));
    common::openxml::kraver_giltiga(&filer, "Excel-exporterna");
}

/// A copy of `docx` with the attribute docx-rs used to write on every grid column put back:
/// the violation the validator must find, so a validator that finds nothing fails the test.
fn med_kant_fel(docx: &[u8]) -> Vec<u8> {
    let mut arkiv =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut ut = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..arkiv.len() {
        let mut post = arkiv.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let namn = post.name().to_string();
        let mut innehall = Vec::new();
        post.read_to_end(&mut innehall)
            .unwrap_or_else(|e| panic!("{e}"));
        if namn == "word/document.xml" {
            let text = String::from_utf8(innehall).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                text.contains("<w:gridCol w:w=\""),
                "ingen tabell att förstöra"
            );
            innehall = text
                .replacen("<w:gridCol w:w=\"", "<w:gridCol w:type=\"dxa\" w:w=\"", 1)
                .into_bytes();
        }
        ut.start_file(namn, zip::write::SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        ut.write_all(&innehall).unwrap_or_else(|e| panic!("{e}"));
    }
    ut.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

#[test]
fn every_word_export_is_valid_ooxml() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let exporter = exporter();
    for (namn, bytes) in &exporter {
        std::fs::write(katalog.path().join(namn), bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    let kontroll = "kontroll-med-kant-fel.docx";
    let sammanstallning = exporter
        .iter()
        .find(|(n, _)| n == "sammanstallning.docx")
        .map(|(_, b)| med_kant_fel(b))
        .unwrap_or_default();
    std::fs::write(katalog.path().join(kontroll), sammanstallning)
        .unwrap_or_else(|e| panic!("{e}"));

    let resultat = validera(katalog.path());

    let (kontroller, resultat): (Vec<_>, Vec<_>) =
        resultat.into_iter().partition(|(n, _)| n == kontroll);
    let mut namn: Vec<&str> = resultat.iter().map(|(n, _)| n.as_str()).collect();
    namn.sort_unstable();
    let mut vantade: Vec<&str> = exporter.iter().map(|(n, _)| n.as_str()).collect();
    vantade.sort_unstable();
    assert_eq!(namn, vantade, "valideraren granskade inte varje fil");

    let fel: String = resultat
        .iter()
        .filter(|(_, r)| r.har_fel())
        .map(|(n, r)| beskriv(n, r))
        .collect();
    assert!(
        fel.is_empty(),
        "Word-exporterna bryter mot OOXML-schemat (openxml-audit, office2016):\n{fel}"
    );

    // Last, so a real regression is reported as such rather than as a doubtful validator.
    let kontroll = kontroller
        .first()
        .map(|(_, r)| r)
        .unwrap_or_else(|| panic!("valideraren rapporterade inte {kontroll}"));
    assert!(
        kontroll
            .errors
            .iter()
            .any(|f| f.path.ends_with("/gridCol[1]")
                && f.part_uri == "/word/document.xml"
                && f.description.contains("'type'")),
        "valideraren hittade inte det inplanterade felet, så den kan inte lita på:\n{}",
        beskriv("kontroll", kontroll)
    );
}

#[test]
fn every_word_export_opens_and_renders_in_libreoffice() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (namn, bytes) in exporter() {
        let egen = katalog.path().join(namn.trim_end_matches(".docx"));
        std::fs::create_dir_all(&egen).unwrap_or_else(|e| panic!("{e}"));
        let pdf = common::docx_till_pdf(&bytes, &egen);
        let ut = Command::new("pdftotext")
            .args([pdf.as_os_str(), "-".as_ref()])
            .output()
            .unwrap_or_else(|e| panic!("pdftotext: {e} (apt-get install poppler-utils)"));
        let text = String::from_utf8_lossy(&ut.stdout);
        // The document's first text run is its title: it must be on the rendered page.
        let dokumenttext = common::dokumenttext(&bytes);
        let titel = dokumenttext.split('|').next().unwrap_or_default();
        assert!(
            !titel.is_empty() && text.contains(titel),
            "{namn}: titeln \"{titel}\" syns inte i PDF:en:\n{text}"
        );
    }
}
