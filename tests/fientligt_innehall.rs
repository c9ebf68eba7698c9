//! Hostile content through the real `underlag` binary: control characters, bidi overrides,
//! zero-width characters, formula-looking text, a 1 MB text field, 10 000 insatser and export
//! paths with `../`, reserved Windows names and names too long for the file system.
//!
//! What must hold: nothing panics and exit codes are the documented 0/1/2; the exchange round
//! trip keeps every character the file held; the Word package is schema-valid (openxml-audit,
//! `tests/common/openxml.rs`, finds no error) XML 1.0 that quick-xml reads end to end, holding the text minus exactly the characters XML 1.0 cannot carry (C0 controls other
//! than tab/LF/CR, U+FFFE, U+FFFF), which are dropped; Excel holds formula-looking text as string
//! cells, never formulas; both files render through LibreOffice; a bad export path gets a Swedish
//! message naming it and leaves nothing behind.

mod common;

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader as _, Xlsx};
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::{Value, json};

struct Miljo {
    _katalog: tempfile::TempDir,
    mapp: PathBuf,
    db: PathBuf,
}

impl Miljo {
    fn ny() -> Miljo {
        let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mapp = katalog.path().join("arbete");
        std::fs::create_dir_all(&mapp).unwrap_or_else(|e| panic!("{e}"));
        let db = katalog.path().join("data").join("underlag.db");
        Miljo {
            _katalog: katalog,
            mapp,
            db,
        }
    }

    fn fil(&self, namn: &str) -> PathBuf {
        self.mapp.join(namn)
    }

    fn kor<S: AsRef<std::ffi::OsStr>>(&self, argument: &[S]) -> Output {
        let ut = Command::new(env!("CARGO_BIN_EXE_underlag"))
            .args(argument)
            .env("UNDERLAG_DB", &self.db)
            .env("UNDERLAG_DB_KEY", common::TESTNYCKEL)
            .env_remove("UNDERLAG_MALLAR")
            .current_dir(&self.mapp)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let fel = String::from_utf8_lossy(&ut.stderr);
        assert!(!fel.contains("panicked"), "panik: {fel}");
        assert!(
            matches!(ut.status.code(), Some(0..=2)),
            "slutkod {:?}: {fel}",
            ut.status.code()
        );
        ut
    }

    fn ok<S: AsRef<std::ffi::OsStr>>(&self, argument: &[S]) -> String {
        let ut = self.kor(argument);
        assert!(
            ut.status.success(),
            "{:?}: {}",
            argument.iter().map(|a| a.as_ref()).collect::<Vec<_>>(),
            String::from_utf8_lossy(&ut.stderr)
        );
        String::from_utf8_lossy(&ut.stdout).into_owned()
    }

    /// A command that must be refused with exit code 2; its stderr.
    fn fel<S: AsRef<std::ffi::OsStr>>(&self, argument: &[S]) -> String {
        let ut = self.kor(argument);
        assert_eq!(ut.status.code(), Some(2));
        String::from_utf8_lossy(&ut.stderr).into_owned()
    }

    fn exempel(&self, namn: Option<&str>) -> Value {
        let fil = self.fil("exempel.underlag.json");
        let mut argument = vec!["example"];
        argument.extend(namn);
        argument.extend(["-o", "exempel.underlag.json"]);
        self.ok(&argument);
        las_json(&fil)
    }

    fn skriv(&self, namn: &str, json: &Value) -> PathBuf {
        let fil = self.fil(namn);
        let text = serde_json::to_string_pretty(json).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&fil, text).unwrap_or_else(|e| panic!("{e}"));
        fil
    }

    /// Imports, and returns the id the CLI printed.
    fn importera(&self, fil: &Path) -> String {
        let ut = self.ok(&[Path::new("import").as_os_str(), fil.as_os_str()]);
        ut.split_once("som dokument ")
            .and_then(|(_, r)| r.split(':').next())
            .filter(|id| id.parse::<u64>().is_ok())
            .unwrap_or_else(|| panic!("inget id i {ut}"))
            .to_string()
    }
}

fn las_json(fil: &Path) -> Value {
    let text = std::fs::read_to_string(fil).unwrap_or_else(|e| panic!("{}: {e}", fil.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", fil.display()))
}

fn satt(json: &mut Value, pekare: &str, varde: &str) {
    *json
        .pointer_mut(pekare)
        .unwrap_or_else(|| panic!("{pekare} finns inte")) = Value::String(varde.into());
}

/// Every C0 control character except tab, line feed and carriage return, DEL, the two
/// noncharacters U+FFFE/U+FFFF and the byte order mark, between two markers.
fn styrtecken() -> String {
    let mut s = String::from("STYRMARKOR");
    for c in (0u32..0x20).filter(|c| ![0x09, 0x0a, 0x0d].contains(c)) {
        s.push(char::from_u32(c).unwrap_or_default());
        s.push('x');
    }
    s.push_str("\u{7f}y\u{fffe}z\u{ffff}w\u{feff}slut");
    s
}

/// The "faktura", U+202E, "fdp.exe" trick and every bidi embedding, override and isolate, with zero-width
/// characters.
const BIDI: &str = "BIDIMARKOR faktura\u{202e}fdp.exe \u{202a}a\u{202b}b\u{202c}c\u{202d}d \u{2066}e\u{2067}f\u{2068}g\u{2069} noll\u{200b}bredd\u{200c}\u{200d}\u{2060}slut";

const FORMLER: [&str; 7] = [
    "=HYPERLINK(\"http://evil\",\"klicka\")",
    "=1+1",
    "+SUM(A1:A2)",
    "-2+3",
    "@SUM(1)",
    "=cmd|' /C calc'!A0",
    "\tflik först",
];

/// A text in a page's markup that must stay text.
const MARKUP: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

/// What the Word and Excel exports hold for a text: the characters XML 1.0 cannot carry dropped.
fn utan_xml_forbjudna(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !matches!(c, '\u{fffe}' | '\u{ffff}')
                && ((c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        })
        .collect()
}

fn tillaten_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{d7ff}').contains(&c)
        || ('\u{e000}'..='\u{fffd}').contains(&c)
        || c >= '\u{10000}'
}

/// Every part of a zip package as text.
fn delar(paket: &[u8]) -> Vec<(String, String)> {
    let mut arkiv = zip::ZipArchive::new(Cursor::new(paket)).unwrap_or_else(|e| panic!("{e}"));
    (0..arkiv.len())
        .map(|i| {
            let mut post = arkiv.by_index(i).unwrap_or_else(|e| panic!("{e}"));
            let mut bytes = Vec::new();
            post.read_to_end(&mut bytes)
                .unwrap_or_else(|e| panic!("{e}"));
            (
                post.name().to_string(),
                String::from_utf8(bytes).unwrap_or_default(),
            )
        })
        .collect()
}

/// Parses every XML part end to end, refuses a character XML 1.0 forbids (Word refuses the
/// whole file for one), and returns the text of each paragraph of word/document.xml.
fn word_stycken(docx: &[u8]) -> Vec<String> {
    let mut stycken = Vec::new();
    for (namn, xml) in delar(docx)
        .iter()
        .filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        if let Some(c) = xml.chars().find(|&c| !tillaten_xml_char(c)) {
            panic!(
                "{namn} innehåller U+{:04X}, som XML 1.0 inte tillåter",
                c as u32
            );
        }
        let mut r = Reader::from_str(xml);
        let (mut text, mut i_t) = (String::new(), false);
        loop {
            match r
                .read_event()
                .unwrap_or_else(|e| panic!("{namn} är inte giltig XML: {e}"))
            {
                Event::Eof => break,
                Event::Start(e) => match e.name().as_ref() {
                    b"w:p" => text.clear(),
                    b"w:t" => i_t = true,
                    _ => {}
                },
                Event::Text(t) if i_t => text.push_str(&t.decode().unwrap_or_default()),
                Event::GeneralRef(g) if i_t => {
                    let namn: &[u8] = &g;
                    let s = match namn {
                        b"amp" => "&".to_string(),
                        b"lt" => "<".to_string(),
                        b"gt" => ">".to_string(),
                        b"quot" => "\"".to_string(),
                        b"apos" => "'".to_string(),
                        _ => match g.resolve_char_ref() {
                            Ok(Some(c)) => c.to_string(),
                            _ => panic!("okänd entitet &{};", String::from_utf8_lossy(namn)),
                        },
                    };
                    text.push_str(&s);
                }
                Event::End(e) => match e.name().as_ref() {
                    b"w:t" => i_t = false,
                    b"w:p" if namn == "word/document.xml" => stycken.push(text.clone()),
                    _ => {}
                },
                _ => {}
            }
        }
    }
    stycken
}

fn arbetsbok(xlsx: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(xlsx.to_vec())).unwrap_or_else(|e| panic!("{e}"))
}

/// Every cell of every sheet: (sheet, value), and every formula of the workbook.
fn celler(xlsx: &[u8]) -> (Vec<(String, Data)>, Vec<String>) {
    let mut bok = arbetsbok(xlsx);
    let mut varden = Vec::new();
    let mut formler = Vec::new();
    for blad in bok.sheet_names() {
        let r = bok
            .worksheet_range(&blad)
            .unwrap_or_else(|e| panic!("{blad}: {e}"));
        varden.extend(r.used_cells().map(|(_, _, d)| (blad.clone(), d.clone())));
        let f = bok
            .worksheet_formula(&blad)
            .unwrap_or_else(|e| panic!("{blad}: {e}"));
        formler.extend(
            f.used_cells()
                .map(|(_, _, s)| s.clone())
                .filter(|s| !s.is_empty()),
        );
    }
    (varden, formler)
}

fn soffice_finns() {
    assert!(
        Command::new("soffice")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
        "LibreOffice saknas. Installera med: bash scripts/setup --test (apt-get install libreoffice-writer libreoffice-calc poppler-utils)"
    );
}

/// Converts a file with LibreOffice (its own profile directory) and returns the output's path.
fn libreoffice(fil: &Path, till: &str) -> PathBuf {
    soffice_finns();
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let profil = katalog.path().join("profil");
    let utmapp = fil.with_extension("lo");
    std::fs::create_dir_all(&utmapp).unwrap_or_else(|e| panic!("{e}"));
    let ut = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profil.display()))
        .args(["--headless", "--convert-to", till, "--outdir"])
        .arg(&utmapp)
        .arg(fil)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ut.status.success(),
        "LibreOffice kunde inte konvertera {}: {}",
        fil.display(),
        String::from_utf8_lossy(&ut.stderr)
    );
    let filandelse = till.split(':').next().unwrap_or(till);
    if filandelse == "csv" {
        // One file per sheet: "{stam}-{blad}.csv".
        return utmapp.join("x.csv");
    }
    let stam = fil
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_else(|| panic!("filnamn"));
    let resultat = utmapp.join(format!("{stam}.{filandelse}"));
    assert!(
        resultat.exists(),
        "LibreOffice skrev ingen {filandelse} för {} ({})",
        fil.display(),
        String::from_utf8_lossy(&ut.stdout)
    );
    resultat
}

/// The text of a file rendered to PDF through LibreOffice, whitespace collapsed.
fn pdftext(fil: &Path) -> String {
    let pdf = libreoffice(fil, "pdf");
    let ut = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext saknas ({e}). Installera med: apt-get install poppler-utils")
        });
    String::from_utf8_lossy(&ut.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The hostile årlig analys: hostile values in running text, table cells, insats fields, the
/// tjänstekatalog and the organisation's name.
fn fientlig_analys(m: &Miljo) -> Value {
    let mut j = m.exempel(None);
    let d = "/dokument";
    satt(
        &mut j,
        &format!("{d}/meta/organisation"),
        "../../CON. Nämnden\u{202e}fdp.exe\u{1b}[31m ",
    );
    satt(
        &mut j,
        &format!("{d}/langsiktig_utveckling/leverantorens_analys"),
        &styrtecken(),
    );
    satt(
        &mut j,
        &format!("{d}/konsolidering/leverantorens_analys"),
        BIDI,
    );
    satt(
        &mut j,
        &format!("{d}/fordelningsnycklar/leverantorens_analys"),
        MARKUP,
    );
    satt(
        &mut j,
        &format!("{d}/konsolidering/rader/0/konsolideringsplan_nya_kunder"),
        &format!("FIENTLIGMARKOR {}", styrtecken()),
    );
    satt(
        &mut j,
        &format!("{d}/tjanstekatalog/0/namn"),
        "=cmd|' /C calc'!A0",
    );
    for (i, f) in FORMLER.iter().enumerate() {
        satt(
            &mut j,
            &format!("{d}/foreslagna_insatser/insatser/{i}/ekonomisk/kundgrupp_som_finansierar"),
            f,
        );
    }
    for (i, f) in FORMLER.iter().take(3).enumerate() {
        satt(
            &mut j,
            &format!("{d}/fordelningsnycklar/rader/{i}/motivering"),
            f,
        );
    }
    satt(
        &mut j,
        &format!("{d}/foreslagna_insatser/insatser/0/strategisk/nytta"),
        &format!("{}{BIDI}", styrtecken()),
    );
    j
}

#[test]
fn hostile_text_survives_the_round_trip_and_every_export() {
    let m = Miljo::ny();
    let fientlig = fientlig_analys(&m);
    let fil = m.skriv("fientlig.underlag.json", &fientlig);

    let id = m.importera(&fil);
    let granskning = m.kor(&["validate", id.as_str()]);
    assert!(matches!(granskning.status.code(), Some(0 | 1)));
    let granskning = String::from_utf8_lossy(&granskning.stdout).into_owned();
    assert!(granskning.contains("ALLA-dolda-tecken"), "{granskning}");
    // The text names the field as the template does; the path is in the JSON.
    let json = m.kor(&["validate", id.as_str(), "--format", "json"]);
    let fynd: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    let dolda = fynd
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| {
            f["regel"] == "ALLA-dolda-tecken"
                && f["sokvag"] == "langsiktig_utveckling.leverantorens_analys"
        })
        .unwrap_or_else(|| panic!("inget fynd i långsiktig utveckling: {fynd}"));
    assert!(
        granskning.contains(&format!("Fält: {}", dolda["falt"].as_str().unwrap_or("?"))),
        "{granskning}"
    );
    // What reaches the terminal carries no escape sequence or override, but shows where it was.
    let visat = m.ok(&["show", id.as_str()]);
    for ut in [&visat, &granskning, &m.ok(&["list"])] {
        assert!(
            !ut.chars().any(|c| c != '\n'
                && c != '\t'
                && (c.is_control() || underlag::validate::dolt_tecken(c).is_some())),
            "ett styrtecken nådde terminalen"
        );
    }
    assert!(
        visat.contains("Nämnden\\u{202e}fdp.exe\\u{1b}[31m"),
        "{}",
        &visat[..visat.len().min(500)]
    );

    // The exchange round trip keeps every character, from the store and from the file.
    m.ok(&["export-json", id.as_str(), "-o", "tillbaka.underlag.json"]);
    let tillbaka = las_json(&m.fil("tillbaka.underlag.json"));
    assert_eq!(
        tillbaka["dokument"], fientlig["dokument"],
        "rundresan tappade något"
    );
    assert!(
        std::fs::read_to_string(m.fil("tillbaka.underlag.json"))
            .unwrap_or_default()
            .contains("\\u0000x"),
        "NUL ska skrivas som \\u0000"
    );

    m.ok(&[
        "export",
        id.as_str(),
        "--docx",
        "analys.docx",
        "--xlsx",
        "analys.xlsx",
        "--date",
        "2024-03-28",
    ]);

    // Word: every part is XML 1.0; each text is there less exactly what XML cannot hold; and the
    // package is schema-valid (openxml-audit finds no error).
    let docx = std::fs::read(m.fil("analys.docx")).unwrap_or_else(|e| panic!("{e}"));
    common::openxml::kraver_giltiga(
        &[("fientlig-analys.docx".into(), docx.clone())],
        "Word-exporten med fientligt innehåll",
    );
    let stycken = word_stycken(&docx);
    for vantad in [
        utan_xml_forbjudna(&styrtecken()),
        BIDI.to_string(),
        MARKUP.to_string(),
        utan_xml_forbjudna(&format!("{}{BIDI}", styrtecken())),
    ]
    .into_iter()
    .chain(FORMLER.iter().map(|f| f.to_string()))
    {
        assert!(
            stycken.contains(&vantad),
            "Word-texten saknar stycket {vantad:?}"
        );
    }
    assert_eq!(
        utan_xml_forbjudna(&styrtecken()),
        "STYRMARKORxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u{7f}yzw\u{feff}slut"
    );
    assert!(
        stycken
            .iter()
            .any(|s| s.contains("FIENTLIGMARKOR STYRMARKORxxx")),
        "tabellcellen saknas"
    );

    // Excel: formula-looking text is a string cell equal to the input, never a formula.
    let xlsx = std::fs::read(m.fil("analys.xlsx")).unwrap_or_else(|e| panic!("{e}"));
    let (varden, formler) = celler(&xlsx);
    for f in FORMLER {
        assert!(
            varden
                .iter()
                .any(|(_, d)| matches!(d, Data::String(s) if s == f)),
            "{f:?} ska stå som text i arbetsboken"
        );
    }
    for f in &formler {
        assert!(
            !["HYPERLINK", "cmd|", "SUM(1)", "SUM(A1:A2)", "evil"]
                .iter()
                .any(|o| f.contains(o)),
            "användartext blev en formel: {f}"
        );
    }
    let cell = format!("FIENTLIGMARKOR {}", utan_xml_forbjudna(&styrtecken()));
    assert!(
        varden
            .iter()
            .any(|(_, d)| matches!(d, Data::String(s) if *s == cell)),
        "tabellcellen med styrtecken ska stå utan de tecken XML inte kan bära"
    );

    // Both render in LibreOffice.
    let word = pdftext(&m.fil("analys.docx"));
    // The marker stands in a narrow 1.2 column, where LibreOffice breaks the long word over
    // two lines: it is there when the line breaks are taken out.
    let hel: String = word.split_whitespace().collect();
    assert!(
        hel.contains("FIENTLIGMARKOR"),
        "{}",
        &word[..word.len().min(2000)]
    );
    assert!(word.contains("BIDIMARKOR"));
    assert!(word.contains("<script>alert(1)</script>"));
    let excel = pdftext(&m.fil("analys.xlsx"));
    assert!(
        excel.contains("FIENTLIGMARKOR"),
        "{}",
        &excel[..excel.len().min(2000)]
    );
    // LibreOffice reads the formula-looking cells as text, too: its CSV holds them verbatim.
    let csv = libreoffice(
        &m.fil("analys.xlsx"),
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
    );
    let forslag = std::fs::read_to_string(csv.with_file_name("analys-Förslag.csv"))
        .unwrap_or_else(|e| panic!("{e}"));
    for f in ["=1+1", "@SUM(1)", "+SUM(A1:A2)", "-2+3"] {
        assert!(forslag.contains(f), "LibreOffice räknade {f}: {forslag}");
    }
}

#[test]
fn hostile_text_in_a_tjansteplan_and_a_digitaliseringsplan() {
    let m = Miljo::ny();
    let mut word = Vec::new();
    for (exempel, pekare) in [
        (
            "tjansteplan-2023-ekonomi",
            "/dokument/kostnadsuppskattning/text",
        ),
        (
            "digitaliseringsplan-2024-exempel",
            "/dokument/inledning/syfte",
        ),
    ] {
        let mut j = m.exempel(Some(exempel));
        let text = format!("PLANMARKOR {} {BIDI} {}", styrtecken(), FORMLER[0]);
        satt(&mut j, pekare, &text);
        let fil = m.skriv(&format!("{exempel}.underlag.json"), &j);
        let id = m.importera(&fil);
        let granskning = m.kor(&["validate", id.as_str()]);
        assert!(matches!(granskning.status.code(), Some(0 | 1)));
        m.ok(&["show", id.as_str()]);
        let ut = format!("{exempel}-tillbaka.underlag.json");
        m.ok(&["export-json", id.as_str(), "-o", ut.as_str()]);
        assert_eq!(las_json(&m.fil(&ut))["dokument"], j["dokument"]);
        let docx = format!("{exempel}.docx");
        let xlsx = format!("{exempel}.xlsx");
        m.ok(&[
            "export",
            id.as_str(),
            "--docx",
            docx.as_str(),
            "--xlsx",
            xlsx.as_str(),
        ]);
        let bytes = std::fs::read(m.fil(&docx)).unwrap_or_else(|e| panic!("{e}"));
        let vantad = utan_xml_forbjudna(&text);
        let stycken = word_stycken(&bytes);
        assert!(
            // A labelled field reads "Etikett: text".
            stycken.iter().any(|s| s.ends_with(&vantad)),
            "{exempel}: Word-texten saknar {vantad:?}; {:?}",
            stycken
                .iter()
                .filter(|s| s.contains("PLANMARKOR"))
                .collect::<Vec<_>>()
        );
        let (_, formler) = celler(&std::fs::read(m.fil(&xlsx)).unwrap_or_else(|e| panic!("{e}")));
        assert!(!formler.iter().any(|f| f.contains("HYPERLINK")));
        assert!(pdftext(&m.fil(&docx)).contains("PLANMARKOR"), "{exempel}");
        word.push((docx, bytes));
    }
    common::openxml::kraver_giltiga(&word, "Planernas Word-exporter med fientligt innehåll");
}

/// 1 048 576 bytes of mixed Swedish text, multibyte characters included.
fn en_megabyte() -> String {
    let mening = "Förvaltningen åtar sig att öka tillgängligheten för invånarna i Göteborg. ";
    let mut s = String::from("MEGAMARKOR ");
    while s.len() + mening.len() <= 1_048_576 {
        s.push_str(mening);
    }
    while s.len() < 1_048_576 {
        s.push('x');
    }
    s
}

/// The example with a 1 MB text in 4 and 10 000 proposals in 2.2, each a copy of the first
/// with its own id and name.
fn stor_analys(m: &Miljo) -> Value {
    let mut j = m.exempel(None);
    satt(
        &mut j,
        "/dokument/langsiktig_utveckling/leverantorens_analys",
        &en_megabyte(),
    );
    let mall = j["dokument"]["foreslagna_insatser"]["insatser"][0].clone();
    let insatser: Vec<Value> = (1..=10_000)
        .map(|n| {
            let mut insats = mall.clone();
            insats["id"] = json!(format!("forslag-{n}"));
            insats["namn"] = json!(format!("Insats {n} =1+1"));
            insats
        })
        .collect();
    j["dokument"]["foreslagna_insatser"]["insatser"] = Value::Array(insatser);
    // The 3.1 rows that named the example's other proposals would now point at nothing.
    j
}

#[test]
fn a_megabyte_field_and_ten_thousand_insatser() {
    let m = Miljo::ny();
    let stor = stor_analys(&m);
    let fil = m.skriv("stor.underlag.json", &stor);
    let id = m.importera(&fil);
    let granskning = m.kor(&["validate", id.as_str()]);
    assert!(matches!(granskning.status.code(), Some(0 | 1)));
    m.ok(&["show", id.as_str()]);
    m.ok(&["export-json", id.as_str(), "-o", "tillbaka.underlag.json"]);
    let tillbaka = las_json(&m.fil("tillbaka.underlag.json"));
    assert_eq!(tillbaka["dokument"], stor["dokument"]);
    // What the store wrote, it reads again.
    let ut = m.fil("tillbaka.underlag.json");
    m.importera(&ut);

    m.ok(&[
        "export",
        id.as_str(),
        "--docx",
        "stor.docx",
        "--xlsx",
        "stor.xlsx",
    ]);
    let stycken = word_stycken(&std::fs::read(m.fil("stor.docx")).unwrap_or_default());
    let lang = en_megabyte();
    assert!(
        stycken.contains(&lang),
        "den långa texten ska stå hel i Word"
    );
    assert!(stycken.iter().any(|s| s.contains("Insats 10000 =1+1")));
    let xlsx = std::fs::read(m.fil("stor.xlsx")).unwrap_or_default();
    let (varden, _) = celler(&xlsx);
    let namn = varden
        .iter()
        .filter(|(blad, d)| {
            blad == "Förslag" && matches!(d, Data::String(s) if s.starts_with("Insats "))
        })
        .count();
    assert_eq!(namn, 10_000, "varje insats ska ha en rad i Förslag");
    // LibreOffice renders the workbook (10 000 rows). The Word file is some thousand pages and
    // takes minutes in LibreOffice, so only the workbook is rendered here; the Word package is
    // checked by parsing it above.
    let text = pdftext(&m.fil("stor.xlsx"));
    assert!(text.contains("Insats 10000 =1+1"));
}

/// The same document's Word export through the schema validator. A test of its own, so that
/// its four minutes in openxml-audit (about 26 ms per insats; the export is some thousand pages)
/// run beside the round trip and LibreOffice rendering above instead of after them.
#[test]
fn a_megabyte_field_and_ten_thousand_insatser_export_schema_valid_word() {
    let m = Miljo::ny();
    m.skriv("stor.underlag.json", &stor_analys(&m));
    m.ok(&["export", "stor.underlag.json", "--docx", "stor.docx"]);
    let docx = std::fs::read(m.fil("stor.docx")).unwrap_or_else(|e| panic!("{e}"));
    common::openxml::kraver_giltiga(
        &[("stor.docx".into(), docx)],
        "Word-exporten med 10 000 insatser och en text på 1 MB",
    );
}

#[test]
fn export_paths_with_dot_dot_reserved_names_and_bad_directories() {
    let m = Miljo::ny();
    m.exempel(None);
    let id = m.importera(&m.fil("exempel.underlag.json"));
    // `../` and an absolute path are paths the user typed: written where they point.
    m.ok(&["export", "exempel.underlag.json", "--docx", "../upp.docx"]);
    assert!(m.mapp.join("../upp.docx").exists());
    let absolut = m.mapp.join("absolut.xlsx");
    m.ok(&[
        Path::new("export"),
        Path::new("exempel.underlag.json"),
        Path::new("--xlsx"),
        &absolut,
    ]);
    assert!(
        !celler(&std::fs::read(&absolut).unwrap_or_default())
            .0
            .is_empty()
    );
    // Names Windows reserves are ordinary names here; each file is a whole package.
    for namn in [
        "CON",
        "PRN",
        "AUX",
        "NUL",
        "COM1",
        "LPT1",
        "con.docx",
        "punkt.",
        "mellanslag ",
    ] {
        m.ok(&["export", "exempel.underlag.json", "--docx", namn]);
        let bytes = std::fs::read(m.fil(namn)).unwrap_or_else(|e| panic!("{namn}: {e}"));
        assert!(!word_stycken(&bytes).is_empty(), "{namn}");
    }

    let fore: Vec<_> = std::fs::read_dir(&m.mapp)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name())
        .collect();
    // A directory that does not exist: Swedish, naming the path.
    let fel = m.fel(&[
        "export",
        "exempel.underlag.json",
        "--docx",
        "saknas/analys.docx",
    ]);
    assert!(fel.contains("saknas/analys.docx"), "{fel}");
    assert!(
        fel.contains("mappen") && fel.contains("finns inte"),
        "{fel}"
    );
    assert!(!fel.contains("No such file"), "engelska: {fel}");
    // A name longer than the file system allows.
    let lang = format!("{}.docx", "å".repeat(200));
    let fel = m.fel(&["export", "exempel.underlag.json", "--xlsx", lang.as_str()]);
    assert!(fel.contains(&lang) && fel.contains("för långt"), "{fel}");
    assert!(!fel.contains("File name too long"), "engelska: {fel}");
    // A directory where the file should be.
    let fel = m.fel(&["export", "exempel.underlag.json", "--docx", "."]);
    assert!(fel.contains("är en mapp"), "{fel}");
    let fel = m.fel(&["export-json", id.as_str(), "-o", "saknas/x.underlag.json"]);
    assert!(fel.contains("finns inte"), "{fel}");
    // Nothing half-written or temporary was left behind.
    let efter: Vec<_> = std::fs::read_dir(&m.mapp)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(fore, efter);
}
