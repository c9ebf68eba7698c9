//! What the fuzzer found, kept found: every input in `tests/fixtures/fuzz/<target>/` (past
//! crashes and timeouts) and every seed in `fuzz/seeds/<target>/` goes through the same code
//! path as the fuzz target (`underlag::fuzzmal`), on stable, in the ordinary test run. Each
//! must come back without panicking, and a refusal must carry a Swedish message.

use std::path::{Path, PathBuf};

use underlag::fuzzmal;

type Mal = fn(&[u8]) -> Result<(), String>;

/// English that reaching the user would mean a message went untranslated.
const ENGELSKA: [&str; 10] = [
    "invalid type",
    "invalid value",
    "invalid length",
    "missing field",
    "unknown field",
    "unknown variant",
    "duplicate field",
    "while parsing",
    "trailing characters",
    "expected ",
];

fn filer_i(katalog: &Path) -> Vec<PathBuf> {
    let Ok(poster) = std::fs::read_dir(katalog) else {
        return Vec::new();
    };
    let mut filer: Vec<PathBuf> = poster
        .filter_map(Result::ok)
        .map(|p| p.path())
        .filter(|p| p.is_file())
        .collect();
    filer.sort();
    filer
}

fn indata(mal: &str) -> Vec<PathBuf> {
    let rot = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut filer = filer_i(&rot.join("fuzz/seeds").join(mal));
    assert!(
        !filer.is_empty(),
        "fuzz/seeds/{mal} är tom; testet ska aldrig vara tomt"
    );
    filer.extend(filer_i(&rot.join("tests/fixtures/fuzz").join(mal)));
    filer
}

/// Runs every input of `mal` through `kor`, checks each refusal's message with `svensk`, and
/// returns how many inputs were accepted and how many refused.
fn kor_alla(mal: &str, kor: Mal, svensk: fn(&str) -> bool) -> (usize, usize) {
    let mut godtagna = 0;
    let mut avvisade = 0;
    for fil in indata(mal) {
        let bytes = std::fs::read(&fil).unwrap_or_else(|e| panic!("{}: {e}", fil.display()));
        // A panic inside `kor` fails the test with the fuzz target's own message.
        match kor(&bytes) {
            Ok(()) => godtagna += 1,
            Err(meddelande) => {
                avvisade += 1;
                assert!(
                    !meddelande.trim().is_empty(),
                    "{}: avvisades utan meddelande",
                    fil.display()
                );
                assert!(
                    svensk(&meddelande),
                    "{}: meddelandet är inte svensk text: {meddelande}",
                    fil.display()
                );
            }
        }
    }
    (godtagna, avvisade)
}

fn utan_engelska(meddelande: &str) -> bool {
    !ENGELSKA.iter().any(|e| meddelande.contains(e))
}

#[test]
fn exchange_import_inputs_import_or_are_refused_in_swedish() {
    let (_, avvisade) = kor_alla("exchange_import", fuzzmal::utbytesimport, utan_engelska);
    assert!(avvisade > 0, "fröna ska täcka avvisade filer");
}

#[test]
fn the_real_exchange_files_import_validate_and_round_trip() {
    let rot = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut filer = filer_i(&rot.join("examples"));
    filer.push(rot.join("tests/fixtures/ren-analys.underlag.json"));
    filer.retain(|f| f.to_string_lossy().ends_with(".underlag.json"));
    assert!(filer.len() >= 2);
    for fil in filer {
        let bytes = std::fs::read(&fil).unwrap_or_else(|e| panic!("{}: {e}", fil.display()));
        if let Err(e) = fuzzmal::utbytesimport(&bytes) {
            panic!("{}: {e}", fil.display());
        }
    }
}

#[test]
fn template_inputs_load_or_are_refused_naming_file_and_line() {
    // The frame (file, line, key) is Swedish; the TOML parser's own detail is not ours to
    // translate, so only the frame is checked here.
    let (_, avvisade) = kor_alla("mall", fuzzmal::mallinlasning, |m| {
        m.starts_with(&format!("{}, rad ", fuzzmal::MALLFIL))
    });
    assert!(avvisade > 0, "fröna ska täcka avvisade mallar");
}

#[test]
fn the_real_templates_load_and_validate_an_empty_document() {
    let rot = Path::new(env!("CARGO_MANIFEST_DIR"));
    let filer = filer_i(&rot.join("templates"));
    assert!(filer.len() >= 3);
    for fil in filer {
        let bytes = std::fs::read(&fil).unwrap_or_else(|e| panic!("{}: {e}", fil.display()));
        if let Err(e) = fuzzmal::mallinlasning(&bytes) {
            panic!("{}: {e}", fil.display());
        }
    }
}

#[test]
fn amount_inputs_parse_and_format_back_or_are_refused_in_swedish() {
    let (godtagna, avvisade) = kor_alla("belopp", fuzzmal::beloppstolkning, utan_engelska);
    assert!(
        godtagna > 0 && avvisade > 0,
        "fröna ska täcka båda utfallen"
    );
}

#[test]
fn word_inputs_import_with_invariants_or_are_refused_in_swedish() {
    let (godtagna, avvisade) = kor_alla("ordimport", fuzzmal::ordimport, utan_engelska);
    assert!(
        godtagna >= 2 && avvisade >= 4,
        "fröna ska täcka båda utfallen ({godtagna} godtagna, {avvisade} avvisade)"
    );
}
