//! The Excel export read back with calamine (values, cached formula results, formulas) and as a
//! package (formats, tables, print settings); user text never becomes a formula; and, last,
//! LibreOffice recalculates the workbook and every total and check agrees with the core.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::process::Command;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use underlag::example::exempel;
use underlag::export::{skriv_samlad_xlsx, skriv_xlsx};
use underlag::model::{Dokument, Kronor, Tjanst, TjanstId, Tjanstekategori};
use underlag::template::{Mall, Mallbibliotek};
use underlag::validate::validera;

fn mall() -> Mall {
    Mallbibliotek::inbyggda()
        .ok()
        .and_then(|b| b.hamta("arlig-analys-2024").cloned())
        .unwrap_or_else(|| panic!("mallen saknas"))
}

fn bok(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap_or_else(|e| panic!("{e}"))
}

fn blad(bok: &mut Xlsx<Cursor<Vec<u8>>>, namn: &str) -> Range<Data> {
    bok.worksheet_range(namn)
        .unwrap_or_else(|e| panic!("{namn}: {e}"))
}

fn formler(bok: &mut Xlsx<Cursor<Vec<u8>>>, namn: &str) -> Range<String> {
    bok.worksheet_formula(namn)
        .unwrap_or_else(|e| panic!("{namn}: {e}"))
}

fn text(r: &Range<Data>, rad: u32, kol: u32) -> String {
    r.get_value((rad, kol))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

fn tal(r: &Range<Data>, rad: u32, kol: u32) -> Option<f64> {
    match r.get_value((rad, kol)) {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        _ => None,
    }
}

fn delar(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut arkiv = zip::ZipArchive::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    (0..arkiv.len())
        .map(|i| {
            let mut p = arkiv.by_index(i).unwrap_or_else(|e| panic!("{e}"));
            let mut s = String::new();
            p.read_to_string(&mut s).unwrap_or_default();
            (p.name().to_string(), s)
        })
        .collect()
}

fn exempelbok() -> Vec<u8> {
    skriv_xlsx(&exempel().unwrap_or_else(|e| panic!("{e}")), &mall())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn sheets_come_in_template_order_with_numbers_as_numbers() {
    let bytes = exempelbok();
    let mut b = bok(&bytes);
    assert_eq!(
        b.sheet_names(),
        vec![
            "Förvaltningskostnader",
            "Utvecklingskostnader",
            "Nya förändringsinsatser",
            "Förslag",
            "Fördelningsnycklar",
            "Effekthemtagning",
            "Konsolidering",
            "Förslag på avveckling av tjänst",
            "Enligt riktlinjen",
            "Kontroller"
        ]
    );
    let f = blad(&mut b, "Förvaltningskostnader");
    let rubriker: Vec<String> = (0..4).map(|k| text(&f, 0, k)).collect();
    assert_eq!(
        rubriker,
        vec![
            "Tjänst",
            "Utfall 2022",
            "Budget 2023",
            "Prognos budget 2024"
        ]
    );
    assert_eq!(text(&f, 1, 0), "Göteborgs Stads kontaktcenter");
    assert_eq!(
        (tal(&f, 1, 1), tal(&f, 1, 2), tal(&f, 1, 3)),
        (None, Some(23_588.0), Some(25_003.0))
    );
    assert_eq!(text(&f, 5, 0), "Totalkostnad");
    // The cached results of the total formulas are the core's totals (77 547, not the seed's 77 587).
    assert_eq!(
        (tal(&f, 5, 2), tal(&f, 5, 3)),
        (Some(77_547.0), Some(82_242.0))
    );
    let ff = formler(&mut b, "Förvaltningskostnader");
    assert_eq!(ff.get_value((5, 2)).map(String::as_str), Some("SUM(C2:C5)"));

    let u = blad(&mut b, "Utvecklingskostnader");
    assert_eq!(text(&u, 0, 4), "Påverkan förvaltningskostnad 2024");
    assert_eq!((tal(&u, 4, 3), tal(&u, 4, 6)), (Some(5_190.0), Some(348.0)));

    let forslag = blad(&mut b, "Förslag");
    assert_eq!(text(&forslag, 0, 3), "Projektbudget 2024");
    assert_eq!(
        text(&forslag, 1, 1),
        "Utvecklad funktionalitet på goteborg.se"
    );
    assert_eq!(tal(&forslag, 1, 3), Some(3_000.0));
    // Proposal 7's 30 000 kr a year "plus indexuppräkning", at the declared 6 %.
    assert_eq!(
        (
            tal(&forslag, 7, 7),
            tal(&forslag, 7, 8),
            tal(&forslag, 7, 9)
        ),
        (Some(30.0), Some(31.8), Some(33.708))
    );
    assert_eq!(text(&forslag, 7, 10), "Ja");
}

#[test]
fn the_kontroller_sheet_finds_what_the_validator_finds() {
    let dokument = exempel().unwrap_or_else(|e| panic!("{e}"));
    let bytes = skriv_xlsx(&dokument, &mall()).unwrap_or_else(|e| panic!("{e}"));
    let mut b = bok(&bytes);
    let k = blad(&mut b, "Kontroller");
    let kf = formler(&mut b, "Kontroller");
    let mut avvikelser = Vec::new();
    for r in 1..k.height() as u32 {
        assert!(
            matches!(text(&k, r, 5).as_str(), "OK" | "Avvikelse"),
            "rad {r}"
        );
        assert!(
            kf.get_value((r, 5))
                .is_some_and(|f| f.starts_with("IF(ABS(E") && f.contains("<=")),
            "rad {r}"
        );
        if text(&k, r, 5) == "Avvikelse" {
            avvikelser.push((text(&k, r, 6), tal(&k, r, 2), tal(&k, r, 3)));
        }
        let status = kf.get_value((r, 5)).cloned().unwrap_or_default();
        assert!(status.starts_with("IF(ABS(E"), "{status}");
    }
    let fynd = validera(&dokument, &mall());
    let mut pengar: Vec<(String, Option<f64>, Option<f64>)> = fynd
        .iter()
        .filter(|f| ["AA-3.1-derivation", "AA-summa", "AA-3.1-index"].contains(&f.regel))
        .map(|f| {
            (
                f.regel.to_string(),
                f.angivet.map(|k| k.0 as f64 / 1000.0),
                f.harlett.map(|k| k.0 as f64 / 1000.0),
            )
        })
        .collect();
    pengar.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
    });
    avvikelser.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
    });
    assert_eq!(
        avvikelser.len(),
        pengar.len(),
        "{avvikelser:?} / {pengar:?}"
    );
    for ((regel, angivet, harlett), (vregel, vangivet, vharlett)) in avvikelser.iter().zip(&pengar)
    {
        assert_eq!(regel, vregel);
        assert_eq!(angivet, vangivet);
        let (h, vh) = (harlett.unwrap_or_default(), vharlett.unwrap_or_default());
        assert!((h - vh).abs() < 0.001, "{regel}: {h} / {vh}");
    }
    // The derived side is a formula over Förslag, matched on the tjänst's own cell.
    let forsta = kf.get_value((1, 3)).cloned().unwrap_or_default();
    assert_eq!(
        forsta,
        "SUMPRODUCT(EXACT('Förslag'!$C$2:$C$9,$B2)*('Förslag'!$L$2:$L$9=\"Nej\")*'Förslag'!$D$2:$D$9)"
    );
}

#[test]
fn no_checks_over_a_section_marked_not_applicable() {
    let Dokument::ArligAnalys(mut a) = exempel().unwrap_or_else(|e| panic!("{e}")) else {
        panic!("dokumentet är en årlig analys")
    };
    a.foreslagna_insatser.tillamplighet = underlag::model::Tillamplighet::EjTillamplig {
        skal: "Inga förslag i år".into(),
    };
    let bytes =
        skriv_xlsx(&Dokument::ArligAnalys(a.clone()), &mall()).unwrap_or_else(|e| panic!("{e}"));
    let k = blad(&mut bok(&bytes), "Kontroller");
    let regler: Vec<String> = (1..k.height() as u32).map(|r| text(&k, r, 6)).collect();
    assert!(
        !regler.is_empty() && !regler.iter().any(|r| r == "AA-3.1-derivation"),
        "{regler:?}"
    );
    assert!(regler.iter().any(|r| r == "AA-summa"));
    a.kostnader.tillamplighet = underlag::model::Tillamplighet::EjTillamplig {
        skal: "Inga kostnader".into(),
    };
    let bytes = skriv_xlsx(&Dokument::ArligAnalys(a), &mall()).unwrap_or_else(|e| panic!("{e}"));
    let k = blad(&mut bok(&bytes), "Kontroller");
    assert_eq!(k.height(), 1, "bara rubrikraden");
}

#[test]
fn formats_tables_and_print_settings_are_set() {
    let d = delar(&exempelbok());
    let stilar = &d["xl/styles.xml"];
    assert!(
        stilar.contains("formatCode=\"#,##0 &quot;tkr&quot;\""),
        "{stilar}"
    );
    assert!(!stilar.contains("# ##0"));
    let antal_tabeller = d
        .keys()
        .filter(|k| k.starts_with("xl/tables/table"))
        .count();
    // The seven sheets of the printed template and the riktlinje's two (avvecklingar and the
    // rest of its additions).
    assert_eq!(antal_tabeller, 9);
    assert!(
        d.iter()
            .filter(|(k, _)| k.starts_with("xl/tables/"))
            .all(|(_, v)| v.contains("<autoFilter"))
    );
    assert!(
        !d.values().any(|v| v.contains("SUBTOTAL(109")),
        "LibreOffice kan inte läsa tabellsummor med strukturreferenser"
    );
    let blad1 = &d["xl/worksheets/sheet1.xml"];
    assert!(
        blad1.contains("ySplit=\"1\"") && blad1.contains("orientation=\"landscape\""),
        "{blad1}"
    );
    assert!(d["xl/workbook.xml"].contains("_xlnm.Print_Titles"));
    let diagram = d
        .iter()
        .find(|(k, _)| k.starts_with("xl/charts/chart"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    assert!(
        diagram.contains("<c:barChart>") && diagram.contains("Budget 2023"),
        "ett stapeldiagram saknas"
    );
    let kärna = &d["docProps/core.xml"];
    assert!(kärna.contains("Nämnden för demokrati och medborgarservice"));
}

#[test]
fn user_text_is_never_a_formula() {
    let Dokument::ArligAnalys(mut a) = exempel().unwrap_or_else(|e| panic!("{e}")) else {
        panic!("dokumentet är en årlig analys")
    };
    let fientliga = [
        "=HYPERLINK(\"http://example.invalid\",\"klicka\")",
        "+1+1",
        "@SUM(A1)",
        "-2+3",
        "\tflik",
        "vanlig text",
    ];
    a.foreslagna_insatser.insatser[0]
        .ekonomisk
        .kundgrupp_som_finansierar = fientliga[0].into();
    a.foreslagna_insatser.insatser[1]
        .ekonomisk
        .kundgrupp_som_finansierar = fientliga[1].into();
    a.foreslagna_insatser.insatser[2]
        .ekonomisk
        .kundgrupp_som_finansierar = fientliga[2].into();
    a.foreslagna_insatser.insatser[3]
        .ekonomisk
        .kundgrupp_som_finansierar = fientliga[3].into();
    a.foreslagna_insatser.insatser[4]
        .ekonomisk
        .kundgrupp_som_finansierar = fientliga[4].into();
    a.foreslagna_insatser.insatser[5]
        .ekonomisk
        .kundgrupp_som_finansierar = fientliga[5].into();
    a.tjanstekatalog.0.push(Tjanst {
        id: TjanstId("ond".into()),
        namn: "=1+1".into(),
        kategori: Tjanstekategori::Bastjanst,
        malgrupp: None,
        annan_leverantor: None,
        informationssakerhetsniva: String::new(),
        finansiering: None,
        nuvarande_fordelningsnyckel: String::new(),
    });
    a.kostnader.forvaltning.rader[0].tjanst = TjanstId("ond".into());
    a.kostnader.forvaltning.rader[0].kostnad.budget = Some(Kronor(-5_000));
    let bytes = skriv_xlsx(&Dokument::ArligAnalys(a), &mall()).unwrap_or_else(|e| panic!("{e}"));
    let mut b = bok(&bytes);
    let forslag = blad(&mut b, "Förslag");
    let formler_forslag = formler(&mut b, "Förslag");
    for (i, t) in fientliga.iter().enumerate() {
        let r = i as u32 + 1;
        assert_eq!(text(&forslag, 0, 12), "Kundgrupp som finansierar");
        assert_eq!(text(&forslag, r, 12), *t);
        assert!(
            formler_forslag
                .get_value((r, 12))
                .is_none_or(String::is_empty),
            "{t} blev en formel"
        );
    }
    let f = blad(&mut b, "Förvaltningskostnader");
    assert_eq!(text(&f, 1, 0), "=1+1");
    assert!(
        formler(&mut b, "Förvaltningskostnader")
            .get_value((1, 0))
            .is_none_or(String::is_empty)
    );
    // A negative number stays a number, never prefixed.
    assert_eq!(tal(&f, 1, 2), Some(-5.0));
    let d = delar(&bytes);
    assert!(
        d["xl/styles.xml"].contains("quotePrefix=\"1\""),
        "text som liknar formler ska ha citattecken-prefix"
    );
}

#[test]
fn a_combined_workbook_sums_per_organisation_and_tjanst() {
    let exempel = exempel().unwrap_or_else(|e| panic!("{e}"));
    let Dokument::ArligAnalys(mut annan) = exempel.clone() else {
        panic!("dokumentet är en årlig analys")
    };
    annan.meta.organisation = "Intraservicenämnden".into();
    annan.meta.analysar = 2025;
    let bytes = skriv_samlad_xlsx(&[exempel, Dokument::ArligAnalys(annan)])
        .unwrap_or_else(|e| panic!("{e}"));
    let mut b = bok(&bytes);
    assert_eq!(
        b.sheet_names(),
        vec!["Kostnader", "Per organisation", "Per bastjänst"]
    );
    let k = blad(&mut b, "Kostnader");
    let rubriker: Vec<String> = (0..7).map(|c| text(&k, 0, c)).collect();
    assert_eq!(
        rubriker,
        vec![
            "Organisation",
            "Analysår",
            "Tjänst",
            "Radtyp",
            "Kostnadsslag",
            "Avser år",
            "Belopp"
        ]
    );
    // Per document, the filled amounts: förvaltning 4 rows × budget and prognos (utfall 2022 is
    // empty in the seed) = 8; utveckling Extern service 4 (budget, prognos, påverkan 2025 and
    // 2026), Demokrati 5, kontaktcenter 1 (prognos) = 10.
    let per_dok = 8 + 10;
    assert_eq!(k.height() - 1, 2 * per_dok, "rader i den långa tabellen");
    assert_eq!(tal(&k, 1, 1), Some(2024.0));
    let o = blad(&mut b, "Per organisation");
    let of = formler(&mut b, "Per organisation");
    let rad = (1..o.height() as u32)
        .find(|r| text(&o, *r, 0) == "Nämnden för demokrati och medborgarservice")
        .unwrap_or_else(|| panic!("saknas"));
    assert_eq!(text(&o, 0, 2), "Förvaltning prognos");
    assert_eq!(tal(&o, rad, 1), Some(2024.0));
    assert_eq!(tal(&o, rad, 2), Some(82_242.0));
    assert_eq!(tal(&o, rad, 3), Some(77_547.0));
    assert_eq!(tal(&o, rad, 4), Some(5_190.0));
    assert_eq!(
        tal(&o, rad, 5),
        Some(30.0 + 331.0 + 348.0),
        "påverkan under planperioden"
    );
    assert!(
        of.get_value((rad, 2))
            .is_some_and(|f| f.starts_with("SUMPRODUCT(EXACT('Kostnader'!$A$2:"))
    );
    let t = blad(&mut b, "Per bastjänst");
    // One row per bastjänst and analysår: the two documents are different years.
    let esk: Vec<u32> = (1..t.height() as u32)
        .filter(|r| text(&t, *r, 0) == "Extern service och kommunikation")
        .collect();
    assert_eq!(esk.len(), 2);
    assert_eq!(
        (tal(&t, esk[0], 1), tal(&t, esk[0], 2)),
        (Some(2024.0), Some(53_820.0))
    );
    assert_eq!(
        (tal(&t, esk[1], 1), tal(&t, esk[1], 2)),
        (Some(2025.0), Some(53_820.0))
    );
}

/// LibreOffice recalculates every formula on load (a profile that forces it) and writes each
/// sheet as UTF-8 CSV; the recalculated totals and checks must be the core's.
#[test]
fn libreoffice_recalculates_to_the_cores_totals() {
    assert!(
        Command::new("soffice")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
        "LibreOffice saknas. Installera med: bash scripts/setup --test (apt-get install libreoffice-calc)"
    );
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let profil = katalog.path().join("profil");
    std::fs::create_dir_all(profil.join("user")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        profil.join("user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let xlsx = katalog.path().join("kostnader.xlsx");
    std::fs::write(&xlsx, exempelbok()).unwrap_or_else(|e| panic!("{e}"));
    let ut = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profil.display()))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
        ])
        .arg(katalog.path())
        .arg(&xlsx)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ut.status.success(),
        "{}",
        String::from_utf8_lossy(&ut.stderr)
    );
    let las = |blad: &str| {
        std::fs::read_to_string(katalog.path().join(format!("kostnader-{blad}.csv")))
            .unwrap_or_else(|e| panic!("{blad}: {e}"))
    };
    let forvaltning = las("Förvaltningskostnader");
    let total = forvaltning
        .lines()
        .find(|l| l.starts_with("Totalkostnad"))
        .unwrap_or_else(|| panic!("{forvaltning}"));
    let siffror: String = total.chars().filter(char::is_ascii_digit).collect();
    assert!(
        siffror.contains("77547") && siffror.contains("82242"),
        "{total}"
    );
    let utveckling = las("Utvecklingskostnader");
    let total = utveckling
        .lines()
        .find(|l| l.starts_with("Totalkostnad"))
        .unwrap_or_default();
    let siffror: String = total.chars().filter(char::is_ascii_digit).collect();
    assert!(
        siffror.contains("7000") && siffror.contains("5190") && siffror.contains("348"),
        "{total}"
    );
    let kontroller = las("Kontroller");
    let avvikelser = kontroller
        .lines()
        .filter(|l| l.contains(",Avvikelse,"))
        .count();
    let ok = kontroller.lines().filter(|l| l.contains(",OK,")).count();
    assert_eq!(avvikelser, 4, "{kontroller}");
    assert!(ok >= 10, "{kontroller}");
}
