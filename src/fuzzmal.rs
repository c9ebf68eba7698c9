//! The code paths the fuzz targets in `fuzz/` drive, one function per target.
//!
//! They live in the core rather than in a file `include!`d by both the fuzz crate and
//! `tests/fuzz_regressions.rs` so that the stable build, clippy and rustfmt see them like any
//! other code, and a regression test on stable runs exactly what the fuzzer ran on nightly.
//!
//! Each function takes the raw input, returns `Ok(())` when the input was accepted or
//! `Err(message)` with the Swedish message a user would read, and panics only when an
//! invariant is broken (a panic is what the fuzzer reports as a finding).

use std::sync::OnceLock;

use crate::belopp::{self, Enhet};
use crate::exchange;
use crate::export;
use crate::model::{Dokument, Dokumenttyp, Kronor};
use crate::template::{Mall, Mallbibliotek};
use crate::validate;

/// The file name template errors are reported against.
pub const MALLFIL: &str = "fuzz.toml";

fn inbyggda() -> &'static Mallbibliotek {
    static MALLAR: OnceLock<Mallbibliotek> = OnceLock::new();
    MALLAR.get_or_init(|| {
        Mallbibliotek::inbyggda()
            .unwrap_or_else(|e| panic!("de inbyggda mallarna går inte att läsa: {e}"))
    })
}

fn krav_pa_meddelande(meddelande: String) -> String {
    assert!(
        !meddelande.trim().is_empty(),
        "ett fel utan meddelande når användaren"
    );
    meddelande
}

/// The import of an exchange file and what the app does next with the document: validation
/// against its template, and export → import, which must give back an equal document.
pub fn utbytesimport(bytes: &[u8]) -> Result<(), String> {
    // Callers check a file's length before reading it; any length must give an answer.
    if let Some(langd) = bytes.first_chunk::<8>()
        && let Err(e) = exchange::kontrollera_storlek(u64::from_le_bytes(*langd))
    {
        krav_pa_meddelande(e.to_string());
    }
    let dokument = exchange::las(bytes).map_err(|e| krav_pa_meddelande(e.to_string()))?;
    let mallar = inbyggda();
    if let Some(mall) = mallar
        .hamta(dokument.mall())
        .or_else(|| mallar.for_ar(dokument.typ().as_str(), dokument.ar()))
    {
        let _fynd = validate::validera(&dokument, mall);
    }
    let text = exchange::skriv(&dokument);
    let igen = exchange::las(text.as_bytes())
        .unwrap_or_else(|e| panic!("en exporterad fil går inte att läsa in igen: {e}\n{text}"));
    assert!(
        igen == dokument,
        "export följd av import ger ett annat dokument:\n{text}"
    );
    Ok(())
}

/// A valid document, as the fuzz target `genererat` builds from its input with the test suite's
/// generator (`tests/common/generator.rs`): its invariants hold, validation answers, the
/// exchange file's export → import gives it back, and the Word and Excel exports accept it.
/// Every failure is a panic: the document was valid, so any refusal is a finding.
pub fn genererat(dokument: &Dokument) -> Result<(), String> {
    let brott = crate::model::kontrollera_referenser(dokument);
    assert!(
        brott.is_empty(),
        "generatorn gav ett dokument som bryter mot invarianterna: {brott:?}"
    );
    let mall = inbyggda()
        .hamta(dokument.mall())
        .unwrap_or_else(|| panic!("generatorns mall {} är inte inbyggd", dokument.mall()));
    let _fynd = validate::validera(dokument, mall);
    let text = exchange::skriv(dokument);
    let igen = exchange::las(text.as_bytes())
        .unwrap_or_else(|e| panic!("ett giltigt dokument går inte att läsa in igen: {e}"));
    assert!(
        igen == *dokument,
        "export följd av import ger ett annat dokument:\n{text}"
    );
    let val = export::Docxval {
        anvisningar: true,
        datum: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
    };
    if let Err(e) = export::skriv_docx(dokument, mall, &val) {
        panic!("Word-exporten vägrade ett giltigt dokument: {e}");
    }
    if let Err(e) = export::skriv_xlsx(dokument, mall) {
        panic!("Excel-exporten vägrade ett giltigt dokument: {e}");
    }
    Ok(())
}

/// Loading a template file, then validating an empty document against it as a template
/// directory's file would be used.
pub fn mallinlasning(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let mall = Mall::fran_toml(text, MALLFIL).map_err(|e| krav_pa_meddelande(e.to_string()))?;
    if let Some(typ) = Dokumenttyp::parse(mall.mall.dokumenttyp.get_ref()) {
        let dokument = Dokument::nytt(typ, "Fuzzförvaltningen", mall.mall.ar, &mall.mall.id);
        let _fynd = validate::validera(&dokument, &mall);
    }
    Ok(())
}

/// Parsing an amount and formatting it back. The first byte chooses the field's unit; what
/// `formatera_kr` and `formatera_tkr` write must parse back to the same amount.
pub fn beloppstolkning(bytes: &[u8]) -> Result<(), String> {
    let Some((forsta, rest)) = bytes.split_first() else {
        return Ok(());
    };
    let standard = match forsta % 3 {
        0 => Enhet::Kronor,
        1 => Enhet::Tkr,
        _ => Enhet::Mnkr,
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return Ok(());
    };
    let tolkat =
        belopp::tolka_belopp(text, standard).map_err(|e| krav_pa_meddelande(e.to_string()))?;
    let Kronor(kronor) = tolkat.kronor;
    let _ = belopp::formatera_heltal(kronor);
    let _ = belopp::formatera_i_tkr(tolkat.kronor);
    for skrivet in [
        belopp::formatera_kr(tolkat.kronor),
        belopp::formatera_tkr(tolkat.kronor),
    ] {
        match belopp::tolka_belopp(&skrivet, Enhet::Kronor) {
            Ok(igen) => assert!(
                igen.kronor == tolkat.kronor,
                "\"{text}\" gav {kronor} kr, skrevs \"{skrivet}\" och lästes tillbaka som {} kr",
                igen.kronor.0
            ),
            Err(e) => panic!("\"{skrivet}\" (skrivet från \"{text}\") går inte att läsa: {e}"),
        }
    }
    Ok(())
}

/// A Word file imported as an årlig analys: any bytes give a document whose invariants hold, or
/// a Swedish refusal. An imported document then survives what the store and the app do with
/// it: validation, and the exchange file's export → import.
pub fn ordimport(bytes: &[u8]) -> Result<(), String> {
    let mallar = inbyggda();
    let import = crate::ordimport::las_docx(bytes, mallar, &Default::default())
        .map_err(|e| krav_pa_meddelande(e.to_string()))?;
    let brott = crate::model::kontrollera_referenser(&import.dokument);
    assert!(
        brott.is_empty(),
        "importen gav ett dokument som bryter mot invarianterna: {brott:?}"
    );
    if let Some(mall) = mallar.hamta(import.dokument.mall()) {
        let _fynd = validate::validera(&import.dokument, mall);
    }
    let text = exchange::skriv(&import.dokument);
    let igen = exchange::las(text.as_bytes())
        .unwrap_or_else(|e| panic!("ett importerat dokument går inte att läsa in igen: {e}"));
    assert!(
        igen == import.dokument,
        "export följd av import ger ett annat dokument"
    );
    Ok(())
}
