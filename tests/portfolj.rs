//! The portfolio over several årliga analyser: the insats list, the counting rules, the filters,
//! the cost development's precedence, the charts (SVG escaping, PNG), and the Word and Excel
//! exports read back.

mod common;

use std::io::Read;

use underlag::example::exempel;
use underlag::model::{ArligAnalys, Dokument, Kronor, TjanstId};
use underlag::portfolj::diagram;
use underlag::portfolj::{Insatsstatus, Kalla, Kostnadsslag, Portfoljfilter, portfolj};
use underlag::template::{Mall, Mallbibliotek};

fn mall() -> Mall {
    Mallbibliotek::inbyggda()
        .ok()
        .and_then(|b| b.hamta("arlig-analys-2024").cloned())
        .unwrap_or_else(|| panic!("mallen finns inbyggd"))
}

fn analys() -> ArligAnalys {
    match exempel().unwrap_or_else(|e| panic!("{e}")) {
        Dokument::ArligAnalys(a) => *a,
        _ => panic!("exemplet är en årlig analys"),
    }
}

/// The example, a second leverantör with a tjänst of the same name, and the example's
/// leverantör two years on with an utfall for 2024.
fn tre() -> Vec<Dokument> {
    let forsta = analys();
    let mut andra = analys();
    andra.meta.organisation = "Intraservice".into();
    andra.foreslagna_insatser.insatser.truncate(2);
    // One proposal on two tjänster, 1 001 kr: split 501 + 500.
    let i = &mut andra.foreslagna_insatser.insatser[0];
    i.namn = "Portal <script>alert(1)</script> & co".into();
    i.strategisk.tjanster = vec![
        TjanstId("extern-service".into()),
        TjanstId("oppna-data".into()),
    ];
    i.ekonomisk.projektbudget.ar = Some(Kronor(1_001));
    i.ekonomisk.projektbudget.ar_plus_1 = None;
    i.ekonomisk.kundgrupp_som_finansierar = "Bolagen".into();
    andra.pagaende_insatser.insatser.clear();
    let mut tredje = analys();
    tredje.meta.analysar = 2026;
    tredje.foreslagna_insatser.insatser.truncate(1);
    tredje.foreslagna_insatser.insatser[0]
        .ekonomisk
        .projektbudget
        .ar_plus_2 = Some(Kronor(7_000));
    tredje.foreslagna_insatser.insatser[0]
        .ekonomisk
        .projektbudget
        .senare = Some(Kronor(9_000));
    tredje.pagaende_insatser.insatser.clear();
    for r in &mut tredje.kostnader.forvaltning.rader {
        r.kostnad.utfall = Some(Kronor(1_000_000));
    }
    for r in &mut tredje.kostnader.utveckling.rader {
        r.kostnad.utfall = None;
    }
    [forsta, andra, tredje]
        .into_iter()
        .map(|a| Dokument::ArligAnalys(Box::new(a)))
        .collect()
}

fn kallor<'a>(d: &'a [Dokument], m: &'a Mall) -> Vec<Kalla<'a>> {
    d.iter()
        .enumerate()
        .map(|(i, dokument)| Kalla {
            id: i as i64 + 1,
            dokument,
            mall: m,
        })
        .collect()
}

#[test]
fn alla_insatser_med_leverantor_ar_status_och_tjanster() {
    let m = mall();
    let d = tre();
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    // 8 + 8 in the example, 2 in the second, 1 in the third.
    assert_eq!(p.insatser.len(), 19);
    let pagaende = p
        .insatser
        .iter()
        .filter(|i| i.status == Insatsstatus::Pagaende)
        .count();
    assert_eq!(pagaende, 8);
    let forsta = &p.insatser[0];
    assert_eq!(
        forsta.leverantor,
        "Nämnden för demokrati och medborgarservice"
    );
    assert_eq!(forsta.analysar, 2024);
    assert_eq!(forsta.namn, "Utvecklad funktionalitet på goteborg.se");
    assert_eq!(forsta.intern_extern.as_deref(), Some("Extern"));
    assert_eq!(
        forsta.effektivitet_innovation.as_deref(),
        Some("Effektivitet")
    );
    assert_eq!(forsta.kundgrupp, "Stadens nämnder och styrelser");
    assert_eq!(forsta.projektbudget.kronor, Some(Kronor(3_000_000)));
    assert_eq!(forsta.projektbudget.visning, "3 000 tkr");
    // Equal names of two leverantörer are two bastjänster, and the labels say whose.
    assert_eq!(
        forsta.tjanster,
        vec!["Extern service och kommunikation (Nämnden för demokrati och medborgarservice)"]
    );
    let portal = p
        .insatser
        .iter()
        .find(|i| i.leverantor == "Intraservice" && i.namn.starts_with("Portal"))
        .unwrap_or_else(|| panic!("Intraservices insats"));
    assert_eq!(
        portal.tjanster,
        vec![
            "Extern service och kommunikation (Intraservice)",
            "Öppna data (Intraservice)"
        ]
    );
    // Intraservice's grundtelefoni, named in the example's catalogue as Intraservice's, is
    // one bastjänst whoever refers to it: no owner suffix since only one owner has the name.
    let pag = p
        .insatser
        .iter()
        .find(|i| i.insats_id == "pagaende-1")
        .unwrap_or_else(|| panic!("pagaende-1"));
    assert!(
        pag.tjanster
            .contains(&"Stadens digitala infrastruktur (grundtelefoni)".to_string()),
        "{:?}",
        pag.tjanster
    );
    assert_eq!(pag.projektbudget.kronor, None);
    assert_eq!(pag.projektbudget.visning, "");
    // The validation counts per document.
    assert_eq!(p.dokument.len(), 3);
    let ren = underlag::validate::validera(&d[0], &m);
    assert_eq!(
        p.dokument[0].fel + p.dokument[0].varningar,
        ren.len(),
        "counts are the validator's findings"
    );
}

#[test]
fn summor_raknar_varje_krona_en_gang() {
    let m = mall();
    let d = tre();
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    let s = &p.summor;
    // The example's proposals: 3 000 000 + 300 000 + 450 000 + 300 000 + 200 000 + 300 000 +
    // 540 000 + 100 000 = 5 190 000; Intraservice 1 001 + 300 000; the third 3 000 000 + 7 000
    // + 9 000.
    let totalt = 5_190_000 + 1_001 + 300_000 + 3_016_000;
    assert_eq!(s.totalt.belopp.kronor, Some(Kronor(totalt)));
    for lista in [
        &s.per_bastjanst,
        &s.per_leverantor,
        &s.per_kundgrupp,
        &s.per_ar,
    ] {
        let summa: i64 = lista
            .iter()
            .filter_map(|x| x.belopp.kronor)
            .map(|k| k.0)
            .sum();
        assert_eq!(summa, totalt, "{lista:?}");
    }
    let post = |lista: &[underlag::portfolj::Summapost], e: &str| {
        lista
            .iter()
            .find(|x| x.etikett == e)
            .cloned()
            .unwrap_or_else(|| panic!("{e} saknas i {lista:?}"))
    };
    // 1 001 kr over two tjänster: 501 to the first, 500 to the second.
    assert_eq!(
        post(&s.per_bastjanst, "Öppna data (Intraservice)")
            .belopp
            .kronor,
        Some(Kronor(500))
    );
    assert_eq!(
        post(
            &s.per_bastjanst,
            "Extern service och kommunikation (Intraservice)"
        )
        .belopp
        .kronor,
        Some(Kronor(501 + 300_000))
    );
    assert_eq!(
        post(&s.per_kundgrupp, "Bolagen").belopp.visning,
        "1,001 tkr"
    );
    // Years made absolute: the third analysis's {år+2} is 2028, "senare" is last.
    assert_eq!(post(&s.per_ar, "2028").belopp.kronor, Some(Kronor(7_000)));
    assert_eq!(
        s.per_ar.last().map(|x| x.etikett.as_str()),
        Some("Senare år")
    );
    // Pågående insatser count, with no amount: a group of only them sums to None.
    let telefoni = post(
        &s.per_bastjanst,
        "Stadens digitala infrastruktur (grundtelefoni)",
    );
    assert_eq!(telefoni.belopp.kronor, None);
    assert_eq!(telefoni.antal, 1);
    // Largest first.
    assert!(
        s.per_leverantor
            .windows(2)
            .all(|w| w[0].belopp.kronor >= w[1].belopp.kronor)
    );
}

#[test]
fn filter_begransar_listan_summorna_och_matrisen() {
    let m = mall();
    let d = tre();
    let k = kallor(&d, &m);
    let alla = portfolj(&k, &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(alla.filterval.leverantorer.len(), 2);
    assert_eq!(alla.filterval.ar, vec![2024, 2026]);
    assert!(
        alla.filterval
            .kundgrupper
            .contains(&"Ingen kundgrupp angiven".to_string())
    );

    let intra = Portfoljfilter {
        leverantorer: vec!["Intraservice".into()],
        ..Default::default()
    };
    let p = portfolj(&k, &intra).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.insatser.len(), 2);
    assert_eq!(p.summor.totalt.belopp.kronor, Some(Kronor(301_001)));
    assert_eq!(p.matris.len(), 2);
    // The filter values stay those of the whole portfolio.
    assert_eq!(p.filterval, alla.filterval);

    let foreslagna_2026 = Portfoljfilter {
        ar: vec![2026],
        status: vec![Insatsstatus::Foreslagen],
        ..Default::default()
    };
    let p = portfolj(&k, &foreslagna_2026).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.insatser.len(), 1);
    assert_eq!(p.summor.totalt.belopp.kronor, Some(Kronor(3_016_000)));

    let fritext = Portfoljfilter {
        fritext: "GÖTEBORGSFÖRSLAGET".into(),
        ..Default::default()
    };
    let p = portfolj(&k, &fritext).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.insatser.len(), 2);

    let tjanst = Portfoljfilter {
        tjanster: vec!["Öppna data (Intraservice)".into()],
        ..Default::default()
    };
    let p = portfolj(&k, &tjanst).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.insatser.len(), 1);
    assert_eq!(p.kostnadsutveckling.len(), 1);
    assert_eq!(
        p.kostnadsutveckling[0].bastjanst,
        "Öppna data (Intraservice)"
    );
}

#[test]
fn nyare_analysens_utfall_vinner_over_aldre_prognos() {
    let m = mall();
    let d = tre();
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    // Intraservice's copy has a tjänst of the same name: the label names the owner.
    let egen = "Göteborgs Stads kontaktcenter (Nämnden för demokrati och medborgarservice)";
    let serie = p
        .kostnadsutveckling
        .iter()
        .find(|s| s.bastjanst == egen)
        .unwrap_or_else(|| panic!("{egen} saknas: {:?}", p.kostnadsutveckling));
    let ar: Vec<i32> = serie.punkter.iter().map(|q| q.ar).collect();
    // 2024's budget 2023, prognos 2024; 2026's utfall 2024, budget 2025, prognos 2026.
    assert_eq!(ar, vec![2023, 2024, 2025, 2026]);
    let ar_2024 = &serie.punkter[1];
    assert_eq!(ar_2024.slag, Kostnadsslag::Utfall);
    assert_eq!(ar_2024.analysar, 2026);
    assert_eq!(ar_2024.belopp.kronor, Some(Kronor(1_000_000)));
    // 2023: the 2024 analysis's budget, förvaltning 23 588 000 (utveckling has none).
    assert_eq!(serie.punkter[0].slag, Kostnadsslag::Budget);
    assert_eq!(serie.punkter[0].belopp.kronor, Some(Kronor(23_588_000)));
    // 2026: förvaltning 25 003 000 + utveckling 100 000.
    assert_eq!(serie.punkter[3].belopp.kronor, Some(Kronor(25_103_000)));
}

#[test]
fn bara_arliga_analyser_och_minst_en() {
    let m = mall();
    let tom: Vec<Kalla<'_>> = Vec::new();
    assert!(portfolj(&tom, &Portfoljfilter::default()).is_err());
    let plan = Dokument::nytt(
        underlag::model::Dokumenttyp::Tjansteplan,
        "Intraservice",
        2024,
        "tjansteplan-2024",
    );
    let d = vec![plan];
    let fel = portfolj(&kallor(&d, &m), &Portfoljfilter::default())
        .err()
        .unwrap_or_else(|| panic!("en tjänsteplan ska inte tas"))
        .to_string();
    assert!(fel.contains("bara årliga analyser"), "{fel}");
}

/// The same leverantör's analysis for the same year twice (an imported copy beside the stored
/// one) would count every insats twice: refused, naming both documents.
#[test]
fn samma_leverantor_och_ar_tva_ganger_nekas() {
    let m = mall();
    let mut d = tre();
    let mut kopia = analys();
    // Only the spacing differs: still the same nämnd.
    kopia.meta.organisation = format!(" {} ", kopia.meta.organisation);
    d.push(Dokument::ArligAnalys(Box::new(kopia)));
    let fel = portfolj(&kallor(&d, &m), &Portfoljfilter::default())
        .err()
        .unwrap_or_else(|| panic!("samma analys två gånger ska nekas"))
        .to_string();
    assert!(fel.contains("finns två gånger i portföljen"), "{fel}");
    assert!(fel.contains("(dokument 1 och 4)"), "{fel}");
    // Another year of the same nämnd is a portfolio over years, not a duplicate.
    let d = tre();
    assert!(portfolj(&kallor(&d, &m), &Portfoljfilter::default()).is_ok());
}

#[test]
fn diagrammen_har_alt_text_tabell_och_skyddad_svg() {
    let m = mall();
    let d = tre();
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    let vyer = diagram::alla_svg(&p);
    let id: Vec<&str> = vyer.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(
        id,
        vec![
            "pios-matris",
            "per-bastjanst",
            "per-leverantor",
            "kostnadsutveckling"
        ]
    );
    for v in &vyer {
        assert!(
            v.svg.starts_with("<svg"),
            "{}: {}",
            v.id,
            &v.svg[..v.svg.len().min(80)]
        );
        assert!(!v.svg.contains("<script"), "{}", v.id);
        assert!(!v.alt_text.is_empty());
        assert!(!v.tabell.rader.is_empty(), "{}", v.id);
    }
    let matris = &vyer[0];
    // The largest proposal first in the table and named in the alt text.
    assert_eq!(
        matris.tabell.rader[0][1],
        "Utvecklad funktionalitet på goteborg.se"
    );
    assert!(
        matris
            .alt_text
            .contains("Utvecklad funktionalitet på goteborg.se")
    );
    assert!(
        matris.alt_text.contains("1 föreslagna insatser saknar"),
        "{}",
        matris.alt_text
    );
    let per_lev = &vyer[2];
    assert!(
        per_lev
            .alt_text
            .contains("Nämnden för demokrati och medborgarservice 8 206 tkr"),
        "{}",
        per_lev.alt_text
    );
    assert!(per_lev.svg.contains("8 206 tkr"));
    // The user's text in the chart is escaped: the SVG is still well-formed XML and says it.
    let namn_i_diagram = diagram::alla_svg(
        &portfolj(
            &kallor(&d, &m),
            &Portfoljfilter {
                leverantorer: vec!["Intraservice".into()],
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}")),
    );
    let bastjanst = &namn_i_diagram[1];
    assert!(
        bastjanst
            .tabell
            .rader
            .iter()
            .any(|r| r[0] == "Öppna data (Intraservice)")
    );
    let mut med_skript = p.clone();
    med_skript.summor.per_leverantor[0].etikett = "<script>alert(1)</script> & Co".into();
    let svg = diagram::alla_svg(&med_skript)
        .into_iter()
        .find(|v| v.id == "per-leverantor")
        .unwrap_or_else(|| panic!("per-leverantor"))
        .svg;
    assert!(!svg.contains("<script>"));
    assert!(
        svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"),
        "{svg}"
    );
    let mut las = quick_xml::Reader::from_str(&svg);
    let mut texter = String::new();
    loop {
        match las.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                texter.push_str(&t.decode().unwrap_or_else(|e| panic!("{e}")));
                texter.push('|');
            }
            Ok(_) => {}
            Err(e) => panic!("SVG:n är inte välformad: {e}"),
        }
    }
    assert!(texter.contains("Projektbudget (tkr)"), "{texter}");
}

#[test]
fn png_ritas_med_inbaddat_typsnitt() {
    let m = mall();
    let d = tre();
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    for dia in diagram::diagram(&p) {
        let png = diagram::png(&dia).unwrap_or_else(|e| panic!("{e}"));
        let bild = image::load_from_memory(&png).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (bild.width(), bild.height()),
            (diagram::BREDD, diagram::HOJD)
        );
        // Something is drawn: not one colour, and dark pixels (text, axes) exist.
        let rgb = bild.to_rgb8();
        let morka = rgb.pixels().filter(|p| p.0.iter().all(|&c| c < 80)).count();
        assert!(morka > 500, "{}: {morka} mörka pixlar", dia.id);
    }
}

#[test]
fn inbaddade_typsnitten_tacker_svensk_text_och_diagrammens_tecken() {
    use ab_glyph::{Font, FontRef};
    for (namn, data) in [
        ("DejaVu Sans", diagram::TYPSNITT),
        ("DejaVu Sans Bold", diagram::TYPSNITT_FETSTIL),
    ] {
        let typsnitt = FontRef::try_from_slice(data).unwrap_or_else(|e| panic!("{namn}: {e}"));
        let text = "Göteborgs Stad ÅÄÖ åäö é ü ß Łódź Ørsted Ærø Şişli Пётр Ελλάδα 1 234 567 tkr – − … % € § ½ → ×";
        for tecken in text.chars() {
            assert_ne!(
                typsnitt.glyph_id(tecken).0,
                0,
                "{namn} saknar {tecken:?} (U+{:04X})",
                tecken as u32
            );
        }
        // The subset is a subset: an Armenian letter (in the whole font) is outside it and draws as the empty box.
        assert_eq!(typsnitt.glyph_id('Ա').0, 0, "{namn}");
    }
}

fn del(paket: &[u8], namn: &str) -> String {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(paket)).unwrap_or_else(|e| panic!("{e}"));
    let mut s = String::new();
    zip.by_name(namn)
        .unwrap_or_else(|e| panic!("{namn}: {e}"))
        .read_to_string(&mut s)
        .unwrap_or_else(|e| panic!("{e}"));
    s
}

fn delnamn(paket: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(paket)).unwrap_or_else(|e| panic!("{e}"));
    zip.file_names().map(str::to_string).collect()
}

#[test]
fn word_exporten_har_bilder_med_alt_text_och_tabellerna() {
    let m = mall();
    let d = tre();
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    let datum = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let docx = underlag::export::skriv_portfolj_docx(&p, datum).unwrap_or_else(|e| panic!("{e}"));
    let bilder = delnamn(&docx)
        .into_iter()
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect::<Vec<_>>();
    assert_eq!(bilder.len(), 4, "{bilder:?}");
    let xml = del(&docx, "word/document.xml");
    let mut las = quick_xml::Reader::from_str(&xml);
    let mut descr = Vec::new();
    let mut sidstorlek = Vec::new();
    loop {
        match las.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Empty(e)) | Ok(quick_xml::events::Event::Start(e))
                if e.name().as_ref() == b"wp:docPr" =>
            {
                for a in e.attributes().flatten() {
                    if a.key.as_ref() == b"descr" {
                        descr.push(
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap_or_else(|e| panic!("{e}"))
                                .to_string(),
                        );
                    }
                }
            }
            // The seven-column insats table needs the width: the page is A4 landscape.
            Ok(quick_xml::events::Event::Empty(e)) if e.name().as_ref() == b"w:pgSz" => {
                for a in e.attributes().flatten() {
                    sidstorlek.push((
                        String::from_utf8_lossy(a.key.as_ref()).to_string(),
                        String::from_utf8_lossy(&a.value).to_string(),
                    ));
                }
            }
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    }
    let vantat: Vec<String> = diagram::diagram(&p)
        .into_iter()
        .map(|d| d.alt_text)
        .collect();
    assert_eq!(descr, vantat);
    for (nyckel, varde) in [
        ("w:w", "16838"),
        ("w:h", "11906"),
        ("w:orient", "landscape"),
    ] {
        assert!(
            sidstorlek.iter().any(|(k, v)| k == nyckel && v == varde),
            "{nyckel}={varde} saknas i {sidstorlek:?}"
        );
    }
    let text = common::dokumenttext(&docx);
    assert!(text.contains("Stadens portfölj av förändringsinsatser"));
    assert!(text.contains("Intraservice|2024|"), "the documents table");
    assert!(
        text.contains("Öppna data (Intraservice)|0,5 tkr|1"),
        "{text}"
    );
    assert!(text.contains("Totalt|8 507,001 tkr|19"), "{text}");
    // The user's text reaches Word as text.
    assert!(xml.contains("Portal &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
}

#[test]
fn excel_exporten_har_formler_med_resultat_och_diagram() {
    use calamine::{Data, Reader, Xlsx};
    let m = mall();
    let d = tre();
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    let xlsx = underlag::export::skriv_portfolj_xlsx(&p).unwrap_or_else(|e| panic!("{e}"));
    let mut bok: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(xlsx.clone())).unwrap_or_else(|e| panic!("{e}"));
    let insatser = bok
        .worksheet_range("Insatser")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(insatser.height(), 20);
    assert_eq!(
        insatser.get((0, 9)),
        Some(&Data::String("Projektbudget".into()))
    );
    let bas = bok
        .worksheet_range("Per bastjänst")
        .unwrap_or_else(|e| panic!("{e}"));
    let formler = bok
        .worksheet_formula("Per bastjänst")
        .unwrap_or_else(|e| panic!("{e}"));
    let rad = (1..bas.height())
        .find(|r| bas.get((*r, 0)) == Some(&Data::String("Öppna data (Intraservice)".into())))
        .unwrap_or_else(|| panic!("raden finns"));
    assert_eq!(bas.get((rad, 1)), Some(&Data::Float(0.5)));
    let formel = formler
        .get_value((rad as u32, 1))
        .cloned()
        .unwrap_or_default();
    assert!(
        formel.starts_with("SUMPRODUCT(EXACT('Fördelning'!$C$2:$C$"),
        "{formel}"
    );
    let sista = bas.height() - 1;
    assert_eq!(bas.get((sista, 0)), Some(&Data::String("Totalt".into())));
    assert_eq!(bas.get((sista, 1)), Some(&Data::Float(8_507.001)));
    assert!(
        formler
            .get_value((sista as u32, 1))
            .is_some_and(|f| f.starts_with("SUM(B2:B"))
    );
    let lev = bok
        .worksheet_range("Per leverantör")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        lev.get((1, 0)),
        Some(&Data::String(
            "Nämnden för demokrati och medborgarservice".into()
        ))
    );
    assert_eq!(lev.get((1, 1)), Some(&Data::Float(8_206.0)));
    assert_eq!(lev.get((1, 2)), Some(&Data::Float(17.0)));

    // Native charts: a bar chart per bastjänst and leverantör, a line, a scatter matrix.
    let diagramdelar: Vec<String> = delnamn(&xlsx)
        .into_iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(diagramdelar.len(), 4, "{diagramdelar:?}");
    let mut typer = Vec::new();
    let mut referenser = Vec::new();
    for n in &diagramdelar {
        let xml = del(&xlsx, n);
        let mut las = quick_xml::Reader::from_str(&xml);
        let mut i_f = false;
        loop {
            match las.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(e)) => {
                    let namn = String::from_utf8_lossy(e.name().as_ref()).to_string();
                    if ["c:barChart", "c:lineChart", "c:scatterChart"].contains(&namn.as_str()) {
                        typer.push(namn.clone());
                    }
                    i_f = namn == "c:f";
                }
                Ok(quick_xml::events::Event::Text(t)) if i_f => {
                    referenser.push(t.decode().unwrap_or_else(|e| panic!("{e}")).to_string());
                }
                Ok(quick_xml::events::Event::End(_)) => i_f = false,
                Ok(_) => {}
                Err(e) => panic!("{e}"),
            }
        }
    }
    typer.sort();
    assert_eq!(
        typer,
        vec!["c:barChart", "c:barChart", "c:lineChart", "c:scatterChart"]
    );
    assert!(
        referenser.iter().any(|r| r == "'Per bastjänst'!$B$2:$B$7"),
        "{referenser:?}"
    );
    assert!(
        referenser.iter().any(|r| r == "'Per leverantör'!$A$2:$A$3"),
        "{referenser:?}"
    );
    assert!(
        referenser
            .iter()
            .any(|r| r.starts_with("Kostnadsutveckling!$B$1:$")),
        "{referenser:?}"
    );
}

#[test]
fn appens_kommandon_oppnar_och_exporterar_portfoljen() {
    use underlag::app::{ExempelArg, Program};
    use underlag::store::nyckel::Nyckelval;
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = katalog.path().join("db.sqlite");
    let mut p = Program::oppna(&db, &Nyckelval::med_nyckel(common::TESTNYCKEL, &db))
        .unwrap_or_else(|e| panic!("{e}"));
    let a = p
        .oppna_exempel(ExempelArg::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    let b = p
        .oppna_exempel(ExempelArg::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    // The same nämnd's analysis twice in one year would count it twice: refused, naming both.
    let fel = p
        .utfor(
            "oppna_portfolj",
            serde_json::json!({"dokument": [a, b], "filter": {}}),
        )
        .err()
        .unwrap_or_else(|| panic!("samma analys två gånger ska nekas"));
    assert_eq!(fel.kod, underlag::app::Felkod::Ogiltig);
    assert!(
        fel.meddelande.contains(&format!("(dokument {a} och {b})")),
        "{}",
        fel.meddelande
    );
    // The second copy becomes the next year's analysis: a portfolio over two years.
    p.utfor(
        "andra",
        serde_json::json!({"id": b, "andring": {"typ": "satt", "falt": "meta.analysar", "varde": 2025}}),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Through the same dispatch the test server uses, with the UI's JSON.
    let vy = p
        .utfor(
            "oppna_portfolj",
            serde_json::json!({
                "dokument": [a, b],
                "filter": {"status": ["foreslagen"], "fritext": "goteborg.se"}
            }),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(vy["dokument"].as_array().map(Vec::len), Some(2));
    // forslag-1, -3, -4, -5 name goteborg.se, in each of the two years.
    assert_eq!(vy["insatser"].as_array().map(Vec::len), Some(8));
    // 3 000 000 + 450 000 + 300 000 + 200 000, twice.
    assert_eq!(vy["summor"]["totalt"]["belopp"]["visning"], "7 900 tkr");
    assert_eq!(vy["summor"]["totalt"]["belopp"]["kronor"], 7_900_000);
    let diagram = vy["diagram"].as_array().cloned().unwrap_or_default();
    assert_eq!(diagram.len(), 4);
    assert!(
        diagram[0]["svg"]
            .as_str()
            .is_some_and(|s| s.starts_with("<svg"))
    );
    assert!(diagram[0]["tabell"]["kolumner"].is_array());

    let ut = katalog.path().join("portfolj.xlsx");
    let svar = p
        .utfor(
            "exportera_portfolj",
            serde_json::json!({
                "dokument": [a, b],
                "format": "xlsx",
                "sokvag": ut.to_string_lossy(),
            }),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = std::fs::read(&ut).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(svar["byte"], bytes.len());
    use calamine::{Data, Reader, Xlsx};
    let mut bok: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let lev = bok
        .worksheet_range("Per leverantör")
        .unwrap_or_else(|e| panic!("{e}"));
    // Both copies have the same organisation: one leverantör, 2 × 5 190 tkr.
    assert_eq!(lev.get((1, 1)), Some(&Data::Float(10_380.0)));

    let fel = p
        .utfor(
            "oppna_portfolj",
            serde_json::json!({"dokument": [a, 9_999]}),
        )
        .err()
        .unwrap_or_else(|| panic!("ett okänt dokument ska avvisas"));
    assert_eq!(fel.kod, underlag::app::Felkod::Saknas);
    let fel = p
        .utfor(
            "exportera_portfolj",
            serde_json::json!({"dokument": [a], "format": "json", "sokvag": "x.json"}),
        )
        .err()
        .unwrap_or_else(|| panic!("portföljen har ingen JSON-export"));
    assert_eq!(fel.falt.as_deref(), Some("format"));
}

#[test]
fn ingen_platshallare_i_portfoljens_export() {
    let m = mall();
    let mut d = tre();
    if let Dokument::ArligAnalys(a) = &mut d[1] {
        a.foreslagna_insatser.insatser[1].namn = "[Namn på insatsen]".into();
    }
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    let datum = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    for fel in [
        underlag::export::skriv_portfolj_docx(&p, datum).err(),
        underlag::export::skriv_portfolj_xlsx(&p).err(),
    ] {
        let fel = fel
            .unwrap_or_else(|| panic!("platshållaren ska stoppa exporten"))
            .to_string();
        assert!(fel.contains("[Namn på insatsen]"), "{fel}");
        assert!(
            fel.contains("Intraservice 2024, insats forslag-2: namn"),
            "{fel}"
        );
    }
}

/// The Word file opens in LibreOffice: its text and its four chart images reach the PDF.
#[test]
fn word_exporten_ritas_i_libreoffice_med_diagrammen() {
    use std::process::Command;
    let m = mall();
    let d = tre();
    let p = portfolj(&kallor(&d, &m), &Portfoljfilter::default()).unwrap_or_else(|e| panic!("{e}"));
    let datum = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pdf = common::docx_till_pdf(
        &underlag::export::skriv_portfolj_docx(&p, datum).unwrap_or_else(|e| panic!("{e}")),
        katalog.path(),
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext saknas (apt-get install poppler-utils): {e}"));
    let text: String = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Stadens portfölj av förändringsinsatser"),
        "{text}"
    );
    assert!(text.contains("PIOS-matris"), "{text}");
    // pdftotext reads tables column by column: the figures are there, not side by side.
    assert!(text.contains("Öppna data (Intraservice)"), "{text}");
    assert!(text.contains("8 507,001 tkr"), "{text}");
    assert!(
        text.contains("Bubbeldiagram (PIOS-matris) med 10 föreslagna insatser"),
        "{text}"
    );
    let bilder = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .unwrap_or_else(|e| panic!("pdfimages saknas (apt-get install poppler-utils): {e}"));
    let lista = String::from_utf8_lossy(&bilder.stdout);
    // Two header lines, then one line per image (an image with a soft mask counts twice).
    let bildrader = lista
        .lines()
        .skip(2)
        .filter(|r| r.split_whitespace().nth(2) == Some("image"))
        .count();
    assert_eq!(bildrader, 4, "{lista}");
}
