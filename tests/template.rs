//! The template file against the seed it was taken from, and the template as data: a changed
//! file changes what the core reports without a code change.

use underlag::example::exempel;
use underlag::report::disposition;
use underlag::template::{Mall, MallFel, Mallbibliotek};

const MALL_2024: &str = include_str!("../templates/arlig-analys-2024.toml");
const SEED_003: &str = include_str!("fixtures/seed-003-arlig-analys-2024.txt");

fn normalisera(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn mall() -> Mall {
    Mall::fran_toml(MALL_2024, "arlig-analys-2024.toml").unwrap_or_else(|e| panic!("{e}"))
}

/// Every label the template renders for a year, in document order.
fn etiketter(mall: &Mall, ar: i32) -> Vec<String> {
    let r = |t: &str| underlag::template::arsetikett(t, ar).unwrap_or_else(|e| panic!("{t}: {e}"));
    let mut ut = Vec::new();
    for a in &mall.avsnitt {
        ut.push(a.rubrik_for_ar(ar).unwrap_or_else(|e| panic!("{e}")));
        for f in &a.falt {
            ut.push(r(&f.etikett));
        }
        for t in &a.tabeller {
            for k in &t.kolumner {
                ut.push(r(&k.etikett));
            }
            ut.extend(t.summarad.clone());
            ut.extend(t.analys.as_ref().map(|x| x.etikett.clone()));
        }
        if let Some(i) = &a.insats {
            ut.push(i.rubrik_for(1, ""));
            for g in &i.grupper {
                if !g.rubrik.is_empty() {
                    ut.push(g.rubrik.clone());
                }
                for f in &g.falt {
                    ut.push(r(&f.etikett));
                }
            }
        }
        ut.extend(a.analys.as_ref().map(|x| x.etikett.clone()));
    }
    ut
}

/// The seed's own words, section by section, in the order the seed prints them.
const SEED_ETIKETTER: &[&[&str]] = &[
    &["1 Befintliga bastjänster och digital infrastruktur"],
    &[
        "1.1 Genomförd effekthemtagning",
        "Namn på bastjänst eller infrastrukturtjänst",
        "Genomförda förändringsinsatser",
        "Effekthemtagning leverantör samt möjliggjord effekthemtagning för förvaltningar och bolag",
        "Leverantörens analys",
    ],
    &[
        "1.2 Status konsolidering",
        "Bastjänst och digital infrastruktur",
        "Andel (%) befintliga kunder*",
        "Konsolideringsplan nya kunder",
        "Eventuella avsteg eller avvikelser under året (se riktlinje för definition)",
        "Leverantörens analys",
    ],
    &["1.3 Portföljanalys", "Leverantörens analys"],
    &[
        "1.4 Pågående förändringsinsatser",
        "Pågående förändringsinsats 1",
        "Bastjänst eller infrastrukturtjänst det gäller",
        "Namn på förändringsinsats",
        "Effektmål",
        "Projektmål",
        "Tidplan",
        "Kommentar avvikelser",
    ],
    &["2 Förslag på nya förändringsinsatser"],
    &["2.1 Framåtsyftande portföljanalys", "Leverantörens analys"],
    &[
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
        "Dokumenterad koppling till beslutade mål (KF budget, program, planer, Agenda2030)",
        "Bedömning förändringsinsatsens komplexitet - kundperspektiv",
        "Bedömning förändringsinsatsens komplexitet - leverantörsperspektiv",
        "Informationssäkerhet",
        "Är informationsklassning genomförd? JA / NEJ + kommentar",
        "Tröskel- och konsekvensanalys genomförd? JA / NEJ + kommentar",
        "Teknisk del",
        "Är teknisk bedömning / IT-säkerhetsbedömning genomförd utifrån informationsklassning? JA / NEJ + kommentar",
        "Är arkitekturbedömning genomförd? JA / NEJ + kommentar",
        "Får påverkan på digital infrastruktur? JA / NEJ + kommentar",
        "Ekonomisk del",
        "Total projektbudget samt påverkan förvaltningskostnad år 2024, 2025, 2026 eller senare",
        "Kundgrupp som finansierar",
        "Förslag fördelningsnyckel",
        "Leverantörens analys",
    ],
    &["3 Kostnader och fördelningsnycklar"],
    &[
        "3.1 Kostnader förvaltning och utveckling 2024–2026",
        "Tjänst",
        "Utfall 2022",
        "Budget 2023",
        "Prognos budget 2024",
        "Totalkostnad",
        "Leverantörens analys",
        "Tjänst",
        "Utfall 2022",
        "Budget 2023",
        "Prognos budget 2024",
        "2024",
        "2025",
        "2026",
        "Totalkostnad",
        "Leverantörens analys",
        "Förändringsinsats",
        "År 2024",
        "År 2025",
        "År 2026",
        "2024",
        "2025",
        "2026",
        "Totalkostnad",
        "Leverantörens analys",
    ],
    &[
        "3.2 Förslag justering av fördelningsnycklar",
        "Tjänst",
        "Nuvarande fördelningsnyckel",
        "Förslag justering",
        "Motivering",
        "Leverantörens analys",
    ],
    &[
        "4 Långsiktig utveckling och avveckling av bastjänster och digital infrastruktur",
        "Leverantörens analys",
    ],
];

#[test]
fn the_list_of_labels_is_the_seeds_own_words() {
    // The extraction split "IT-säkerhetsbedömning" at its hyphen over a line break.
    let seed = normalisera(SEED_003).replace("IT- säkerhets", "IT-säkerhets");
    for avsnitt in SEED_ETIKETTER {
        for etikett in *avsnitt {
            // The seed wraps "2024–2026" over a line break and prints "Totalkostnad:" once.
            let hittad = seed.contains(&normalisera(etikett))
                || seed.contains(&normalisera(&etikett.replace("2024–2026", "2024– 2026")));
            assert!(hittad, "\"{etikett}\" står inte i seed 003");
        }
    }
}

#[test]
fn every_section_label_and_column_of_the_seed_is_in_the_template_in_order() {
    let mall = mall();
    let renderade = etiketter(&mall, 2024);
    for avsnitt in SEED_ETIKETTER {
        let rubrik = avsnitt[0];
        let start = renderade
            .iter()
            .position(|e| e == rubrik)
            .unwrap_or_else(|| panic!("rubriken \"{rubrik}\" saknas i mallen"));
        let mut position = start;
        for etikett in &avsnitt[1..] {
            let hittad = renderade[position + 1..]
                .iter()
                .position(|e| e == etikett)
                .unwrap_or_else(|| {
                    panic!(
                        "\"{etikett}\" saknas i mallen efter position {position} under \"{rubrik}\""
                    )
                });
            position += 1 + hittad;
        }
        // The label belongs to this section: no later heading came in between.
        let nasta_rubrik = renderade[start + 1..=position]
            .iter()
            .find(|e| SEED_ETIKETTER.iter().any(|a| a[0] == e.as_str()));
        assert!(
            nasta_rubrik.is_none(),
            "etiketter för {rubrik} hittades först under {nasta_rubrik:?}"
        );
    }
}

#[test]
fn every_anvisning_is_verbatim_from_the_seed() {
    let seed = normalisera(SEED_003).replace("• ", "");
    let mall = mall();
    let mut anvisningar: Vec<(String, &str)> = mall
        .avsnitt
        .iter()
        .filter_map(|a| Some((a.nummer().to_string(), a.anvisning.as_deref()?)))
        .collect();
    anvisningar.push((
        "inledning".into(),
        mall.mall.anvisning.as_deref().unwrap_or(""),
    ));
    assert!(
        anvisningar.len() >= 9,
        "för få anvisningar: {}",
        anvisningar.len()
    );
    for (nummer, text) in anvisningar {
        assert!(!text.trim().is_empty(), "tom anvisning i {nummer}");
        for stycke in text.split("\n\n").flat_map(|s| s.split('\n')) {
            let stycke = normalisera(&stycke.replace("• ", ""));
            if stycke.is_empty() {
                continue;
            }
            assert!(
                seed.contains(&stycke),
                "anvisningen i {nummer} står inte ordagrant i seed 003: {stycke}"
            );
        }
    }
}

#[test]
fn section_2_1_is_inactive_in_2024_as_the_seed_says() {
    let mall = mall();
    let avsnitt = mall.avsnitt("2.1").unwrap_or_else(|| panic!("2.1 saknas"));
    assert!(!avsnitt.aktiv);
    assert_eq!(
        avsnitt.inaktiv_text.as_deref(),
        Some("ANVÄNDS INTE FÖR 2024")
    );
    assert!(normalisera(SEED_003).contains("ANVÄNDS INTE FÖR 2024"));
    for nummer in ["1.1", "1.2", "1.3", "1.4", "2.2", "3.1", "3.2", "4"] {
        assert!(
            mall.avsnitt(nummer).is_some_and(|a| a.aktiv),
            "{nummer} ska vara aktivt"
        );
    }
}

#[test]
fn year_relative_columns_follow_the_analysis_year() {
    let mall = mall();
    let e2025 = etiketter(&mall, 2025);
    for etikett in [
        "Utfall 2023",
        "Budget 2024",
        "Prognos budget 2025",
        "3.1 Kostnader förvaltning och utveckling 2025–2027",
        "År 2027",
    ] {
        assert!(
            e2025.iter().any(|e| e == etikett),
            "{etikett} saknas för 2025"
        );
    }
    assert!(!e2025.iter().any(|e| e == "Utfall 2022"));
}

#[test]
fn a_changed_label_and_a_deactivated_section_change_the_report_without_code() {
    let dokument = exempel().unwrap_or_else(|e| panic!("{e}"));
    let fore = disposition(&dokument, &mall()).to_string();
    assert!(fore.contains("Konsolideringsplan nya kunder"));
    assert!(fore.contains("Pågående förändringsinsats 8: Införande av digital demokratiplattform"));

    let andrad_text = MALL_2024
        .replace("etikett = \"Konsolideringsplan nya kunder\"", "etikett = \"Plan för anslutning av nya kunder\"")
        .replacen(
            "nummer = \"1.4\"\nrubrik = \"Pågående förändringsinsatser\"\nnyckel = \"pagaende_insatser\"\naktiv = true",
            "nummer = \"1.4\"\nrubrik = \"Pågående förändringsinsatser\"\nnyckel = \"pagaende_insatser\"\naktiv = false\ninaktiv_text = \"UTGÅR 2025\"",
            1,
        );
    assert_ne!(
        andrad_text, MALL_2024,
        "ersättningen träffade inget i mallen"
    );
    let andrad = Mall::fran_toml(&andrad_text, "andrad.toml").unwrap_or_else(|e| panic!("{e}"));
    let efter = disposition(&dokument, &andrad).to_string();
    assert!(
        efter.contains("Plan för anslutning av nya kunder"),
        "{efter}"
    );
    assert!(!efter.contains("Konsolideringsplan nya kunder"));
    assert!(
        efter.contains("1.4 Pågående förändringsinsatser\n    Används inte i mallen (UTGÅR 2025)"),
        "{efter}"
    );
    assert!(!efter.contains("Pågående förändringsinsats 8"));
}

fn fel(text: &str) -> String {
    match Mall::fran_toml(text, "trasig.toml") {
        Err(e) => e.to_string(),
        Ok(_) => panic!("mallen borde ha underkänts"),
    }
}

fn rad_for(text: &str, monster: &str) -> usize {
    let byte = text
        .find(monster)
        .unwrap_or_else(|| panic!("{monster} saknas"));
    text[..byte].matches('\n').count() + 1
}

#[test]
fn a_key_missing_from_the_model_is_named_with_file_and_line() {
    let trasig = MALL_2024.replacen(
        "nyckel = \"strategisk.behovsbeskrivning\"",
        "nyckel = \"strategisk.behovsbeskrivningar\"",
        1,
    );
    let rad = rad_for(&trasig, "strategisk.behovsbeskrivningar");
    let meddelande = fel(&trasig);
    assert!(
        meddelande.starts_with(&format!(
            "trasig.toml, rad {rad}, nyckel avsnitt 2.2.insats.grupper.falt:"
        )),
        "{meddelande}"
    );
    assert!(
        meddelande.contains("\"strategisk.behovsbeskrivningar\" finns inte i dokumentmodellen"),
        "{meddelande}"
    );
}

#[test]
fn syntax_errors_unknown_keys_and_bad_placeholders_are_named() {
    let syntax = MALL_2024.replacen("aktiv = true", "aktiv = tru", 1);
    let meddelande = fel(&syntax);
    assert!(
        meddelande.starts_with(&format!(
            "trasig.toml, rad {}",
            rad_for(&syntax, "aktiv = tru")
        )),
        "{meddelande}"
    );

    let okand = MALL_2024.replacen("aktiv = true", "aktiv = true\nfarg = \"blå\"", 1);
    let meddelande = fel(&okand);
    assert!(meddelande.contains("farg"), "{meddelande}");
    assert!(
        meddelande.contains(&format!("rad {}", rad_for(&okand, "farg"))),
        "{meddelande}"
    );

    let platshallare = MALL_2024.replacen("\"Utfall {år-2}\"", "\"Utfall {månad}\"", 1);
    let meddelande = fel(&platshallare);
    assert!(
        meddelande.contains("okänd platshållare \"{månad}\""),
        "{meddelande}"
    );

    let ordning = MALL_2024.replacen("nummer = \"3.2\"", "nummer = \"3.0\"", 1);
    assert!(fel(&ordning).contains("avsnitten ska stå i dokumentets ordning"));

    let varde = MALL_2024.replacen("varde = \"mattlig\"", "varde = \"medel\"", 1);
    let meddelande = fel(&varde);
    assert!(
        meddelande.contains("\"medel\" är inget värde i modellen"),
        "{meddelande}"
    );
}

#[test]
fn several_templates_load_side_by_side() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mall_2025 = MALL_2024
        .replacen(
            "id = \"arlig-analys-2024\"",
            "id = \"arlig-analys-2025\"",
            1,
        )
        .replacen("ar = 2024", "ar = 2025", 1)
        .replacen(
            "aktiv = false\ninaktiv_text = \"ANVÄNDS INTE FÖR 2024\"",
            "aktiv = true",
            1,
        );
    std::fs::write(katalog.path().join("arlig-analys-2025.toml"), &mall_2025)
        .unwrap_or_else(|e| panic!("{e}"));
    let bibliotek = Mallbibliotek::med_katalog(katalog.path()).unwrap_or_else(|e| panic!("{e}"));
    let m2024 = bibliotek
        .hamta("arlig-analys-2024")
        .unwrap_or_else(|| panic!("2024 saknas"));
    let m2025 = bibliotek
        .hamta("arlig-analys-2025")
        .unwrap_or_else(|| panic!("2025 saknas"));
    assert!(!m2024.avsnitt("2.1").is_some_and(|a| a.aktiv));
    assert!(m2025.avsnitt("2.1").is_some_and(|a| a.aktiv));
    assert_eq!(
        bibliotek
            .for_ar("arlig-analys", 2026)
            .map(|m| m.mall.id.as_str()),
        Some("arlig-analys-2025")
    );
    assert_eq!(
        bibliotek
            .for_ar("arlig-analys", 2024)
            .map(|m| m.mall.id.as_str()),
        Some("arlig-analys-2024")
    );

    std::fs::write(katalog.path().join("trasig.toml"), "[mall]\nid = 3\n")
        .unwrap_or_else(|e| panic!("{e}"));
    match Mallbibliotek::med_katalog(katalog.path()) {
        Err(MallFel::Ogiltig { fil, rad, .. }) => {
            assert!(fil.ends_with("trasig.toml"), "{fil}");
            assert_eq!(rad, 2);
        }
        other => panic!("väntade ett fel om trasig.toml, fick {other:?}"),
    }
}
