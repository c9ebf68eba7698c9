//! Import from Word: our own export read back section by section, a hand-made file that
//! follows the template loosely (merged cells, blank rows, amounts in words, stray text), and
//! files that are not an årlig analys.

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
use serde_json::Value;
use underlag::example::exempel;
use underlag::export::{Docxval, skriv_docx};
use underlag::model::{
    AvstegOchAvvikelser, Avvikelsetyp, Dokument, InternExtern, JaNej, Komplexitet, Kronor,
    Tillamplighet,
};
use underlag::ordimport::{Importval, Ordimport, OrdimportFel, las_docx};
use underlag::template::Mallbibliotek;

fn mallar() -> Mallbibliotek {
    Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"))
}

fn exporterat(anvisningar: bool) -> (Dokument, Vec<u8>) {
    // With the riktlinje's additions filled in, so that reading them back is tested too.
    let original = common::med_riktlinjen(exempel().unwrap_or_else(|e| panic!("{e}")));
    let m = mallar();
    let mall = m
        .hamta(original.mall())
        .unwrap_or_else(|| panic!("mallen saknas"));
    let val = Docxval {
        anvisningar,
        datum: chrono::NaiveDate::from_ymd_opt(2023, 9, 1).unwrap_or_default(),
    };
    let docx = skriv_docx(&original, mall, &val).unwrap_or_else(|e| panic!("{e}"));
    (original, docx)
}

fn importera(docx: &[u8]) -> Ordimport {
    las_docx(docx, &mallar(), &Importval::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn fel(docx: &[u8]) -> OrdimportFel {
    match las_docx(docx, &mallar(), &Importval::default()) {
        Ok(_) => panic!("importen skulle ha misslyckats"),
        Err(e) => e,
    }
}

/// The document with every tjänst reference replaced by the tjänst's name (the import makes
/// its own ids) and texts split into lines as the export prints them.
fn med_namn(d: &Dokument) -> Value {
    let mut v = d.to_value();
    let namn: BTreeMap<String, String> = v["tjanstekatalog"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["id"].as_str().unwrap_or_default().to_string(),
                t["namn"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    fn ersatt(v: &mut Value, namn: &BTreeMap<String, String>, nyckel: &str) {
        match v {
            Value::Object(o) => {
                for (k, x) in o.iter_mut() {
                    ersatt(x, namn, k);
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| ersatt(x, namn, nyckel)),
            Value::String(s) if nyckel == "tjanst" || nyckel == "tjanster" => {
                if let Some(n) = namn.get(s.as_str()) {
                    *s = n.clone();
                }
            }
            Value::String(s) => {
                *s = s
                    .split('\n')
                    .map(str::trim_end)
                    .filter(|r| !r.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            _ => {}
        }
    }
    ersatt(&mut v, &namn, "");
    v
}

/// Removes what Word does not carry: the counts of anslutna kunder in 1.2, which the export
/// does not print, and the stated totals, which the export prints as computed sums. The
/// riktlinje's other additions are printed under "Enligt riktlinjen" and read back.
fn utan_det_word_saknar(v: &mut Value) {
    let ta_bort = |v: &mut Value, sokvag: &str| {
        let (foralder, falt) = sokvag.rsplit_once('/').unwrap_or(("", sokvag));
        if let Some(o) = v.pointer_mut(foralder).and_then(Value::as_object_mut) {
            o.remove(falt);
        }
    };
    for s in [
        "/pagaende_insatser/insatser",
        "/foreslagna_insatser/insatser",
    ] {
        let antal = v.pointer(s).and_then(Value::as_array).map_or(0, Vec::len);
        for i in 0..antal {
            for falt in ["anslutna_namnder", "anslutna_bolagsstyrelser"] {
                ta_bort(v, &format!("{s}/{i}/{falt}"));
            }
        }
    }
    for s in [
        "/kostnader/forvaltning/angiven_totalkostnad",
        "/kostnader/utveckling/angiven_totalkostnad",
        "/kostnader/nya_insatser/angiven_totalkostnad",
    ] {
        ta_bort(v, s);
    }
}

#[test]
fn our_own_export_reads_back_section_by_section() {
    for anvisningar in [true, false] {
        let (original, docx) = exporterat(anvisningar);
        let imp = importera(&docx);
        let mut fore = med_namn(&original);
        let mut efter = med_namn(&imp.dokument);
        utan_det_word_saknar(&mut fore);
        utan_det_word_saknar(&mut efter);
        assert_eq!(efter["meta"]["organisation"], fore["meta"]["organisation"]);
        assert_eq!(efter["meta"]["analysar"], fore["meta"]["analysar"]);
        assert_eq!(efter["meta"]["mall"], fore["meta"]["mall"]);
        assert_eq!(efter["versionshantering"], fore["versionshantering"]);
        assert_eq!(
            efter["meta"]["berord_namnd_informerad"],
            fore["meta"]["berord_namnd_informerad"]
        );
        for avsnitt in [
            "effekthemtagning",
            "konsolidering",
            "portfoljanalys",
            "pagaende_insatser",
            "foreslagna_insatser",
            "kostnader",
            "fordelningsnycklar",
            "langsiktig_utveckling",
        ] {
            assert_eq!(
                efter[avsnitt], fore[avsnitt],
                "avsnittet {avsnitt} skiljer sig (anvisningar: {anvisningar})"
            );
        }
        // Every tjänst a table or form names is in the catalogue, under the original's name,
        // with the fördelningsnyckel 3.2 states.
        let katalog = |v: &Value| -> BTreeMap<String, String> {
            v["tjanstekatalog"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| {
                    (
                        t["namn"].as_str().unwrap_or_default().to_string(),
                        format!(
                            "{} / {}",
                            t["nuvarande_fordelningsnyckel"]
                                .as_str()
                                .unwrap_or_default(),
                            t["informationssakerhetsniva"].as_str().unwrap_or_default()
                        ),
                    )
                })
                .collect()
        };
        assert_eq!(katalog(&efter), katalog(&fore));
        // The stated 3.1 totals are the sums Word shows.
        let Dokument::ArligAnalys(a) = &imp.dokument else {
            panic!("ingen årlig analys");
        };
        let stated = a
            .kostnader
            .forvaltning
            .angiven_totalkostnad
            .clone()
            .unwrap_or_default();
        assert_eq!(stated.budget, Some(Kronor(77_547_000)));
        assert_eq!(stated.prognos, Some(Kronor(82_242_000)));

        // The export's table of contents has its entries written out: every heading's text
        // stands twice in the file, once as an entry and once as the heading. The sections
        // above came out right and the report below names none of the entries, so the import
        // neither took an entry for a heading nor left one over.
        let texter = common::dokumenttext(&docx);
        let mall = mallar();
        let avsnitt = &mall
            .hamta(original.mall())
            .unwrap_or_else(|| panic!("mallen saknas"))
            .avsnitt;
        for a in avsnitt {
            let rubrik = a.rubrik_for_ar(original.ar()).unwrap_or_default();
            assert_eq!(
                texter.split('|').filter(|t| *t == rubrik).count(),
                2,
                "\"{rubrik}\" ska stå i innehållsförteckningen och som rubrik"
            );
        }
        // Nothing is left over: the title page's date and version are the export's own.
        let kvar: Vec<&str> = imp
            .rapport
            .ej_mappat
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(kvar, Vec::<&str>::new(), "{kvar:?}");
        let per_avsnitt: BTreeMap<&str, (u32, u32, bool)> = imp
            .rapport
            .avsnitt
            .iter()
            .map(|r| {
                (
                    r.rubrik.split(' ').next().unwrap_or_default(),
                    (r.tabellrader, r.insatser, r.ej_tillamplig),
                )
            })
            .collect();
        assert_eq!(per_avsnitt["1.1"], (0, 0, true));
        assert_eq!(per_avsnitt["1.2"], (3, 0, false));
        assert_eq!(per_avsnitt["1.4"], (0, 8, false));
        assert_eq!(per_avsnitt["2.2"], (0, 8, false));
        assert_eq!(per_avsnitt["3.1"], (7, 0, false));
        assert_eq!(per_avsnitt["3.2"], (4, 0, false));
        assert!(imp.rapport.avsnitt.iter().all(|r| r.hittat));
        assert_eq!(imp.rapport.tjanster, 5);
    }
}

// -------------------------------------------------------------------------------------------
// A hand-made file

fn p(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn rubrik(text: &str, niva: usize) -> Paragraph {
    p(text).style(if niva == 1 { "Heading1" } else { "Heading2" })
}

fn c(text: &str) -> TableCell {
    TableCell::new().add_paragraph(p(text))
}

fn rad(celler: &[&str]) -> TableRow {
    TableRow::new(celler.iter().map(|t| c(t)).collect())
}

fn form(rubrik: &str, rader: &[(&str, &str)]) -> Table {
    let mut r = vec![TableRow::new(vec![c(rubrik).grid_span(2)])];
    for (etikett, varde) in rader {
        if varde.is_empty() && !etikett.is_empty() {
            // A group heading over both columns.
            r.push(TableRow::new(vec![c(etikett).grid_span(2)]));
        } else {
            r.push(rad(&[etikett, varde]));
        }
    }
    Table::new(r)
}

fn handgjord() -> Vec<u8> {
    let d = Docx::new()
        .add_paragraph(p("Årlig analys av digital utveckling och förvaltning 2025"))
        .add_paragraph(p("Leverantörsnämnd: Testnämnden för digital service"))
        .add_paragraph(p("Utkast som skickas till förvaltningsledningen för synpunkter"))
        .add_paragraph(rubrik(
            "1 Befintliga bastjänster och digital infrastruktur",
            1,
        ))
        .add_paragraph(rubrik("1.2 Status konsolidering", 2))
        .add_table(Table::new(vec![
            rad(&[
                "Bastjänst och digital infrastruktur",
                "Andel (%) befintliga kunder*",
                "Konsolideringsplan nya kunder",
                "Eventuella avsteg eller avvikelser under året (se riktlinje för definition)",
            ]),
            rad(&["E-arkiv", "80 %", "Bolagen 2025", "Inga"]),
            rad(&["", "", "", ""]),
            rad(&[
                "Kontaktcenter",
                "100",
                "",
                "Avvikelse: Bolagen kan inte anslutas förrän 2026",
            ]),
        ]))
        .add_paragraph(p("Leverantörs analys"))
        .add_paragraph(p("Alla nämnder är anslutna till e-arkivet."))
        // Word numbers this heading itself: only the style says it is one.
        .add_paragraph(rubrik("Pågående förändringsinsatser", 2))
        .add_table(form(
            "Pågående förändringsinsats 1",
            &[
                ("Bastjänst eller infrastrukturtjänst det gäller", "E-arkiv"),
                ("Namn på förändringsinsats", "Nytt e-arkiv"),
                ("Effektmål", "Halverad handläggningstid till 2026"),
                ("", ""),
                ("Tidplan", "Hela 2025"),
            ],
        ))
        .add_paragraph(rubrik("2 Förslag på nya förändringsinsatser", 1))
        .add_paragraph(rubrik("2.2 Förslag på nya förändringsinsatser", 2))
        .add_table(form(
            "Föreslagen förändringsinsats 1",
            &[
                ("Namn på förändringsinsats", "Digital brevlåda"),
                ("Strategisk del", ""),
                ("Kopplat till befintlig bastjänst eller infratjänst", "E-arkiv"),
                ("Intern - extern nytta", "Intern och extern"),
                (
                    "Kommer arbetet bedrivas i projektform? JA/NEJ",
                    "Ja, i samverkan med Intraservice",
                ),
                (
                    "Bedömning förändringsinsatsens komplexitet - kundperspektiv",
                    "Måttlig påverkan. Kräver utbildning",
                ),
                ("Informationssäkerhet", ""),
                ("Är informationsklassning genomförd? JA / NEJ + kommentar", "NEJ"),
                ("Ekonomisk del", ""),
                (
                    "Total projektbudget samt påverkan förvaltningskostnad år 2025, 2026, 2027 eller senare",
                    "3 miljoner kronor",
                ),
                (
                    "Påverkan förvaltningskostnad år 2025, 2026, 2027 eller senare",
                    "cirka 300 000 kr",
                ),
                ("Kontaktperson", "Anna Andersson"),
            ],
        ))
        .add_paragraph(rubrik("3 Kostnader och fördelningsnycklar", 1))
        .add_paragraph(p("Siffrorna är preliminära."))
        .add_paragraph(rubrik(
            "3.1 Kostnader förvaltning och utveckling 2025–2027",
            2,
        ))
        .add_table(Table::new(vec![
            rad(&["Tjänst", "Utfall 2023", "Budget 2024", "Prognos budget 2025"]),
            rad(&["E-arkiv", "1 200", "1 300", "1 400"]),
            rad(&["", "", "", ""]),
            rad(&["Kontaktcenter", "", "3 miljoner kronor", "cirka 300 000 kr"]),
            rad(&["Totalkostnad", "1 200", "4 300", "1 700"]),
        ]))
        .add_paragraph(p("Leverantörens analys: Förvaltningen växer med e-arkivet."))
        .add_table(Table::new(vec![
            TableRow::new(vec![
                c("Tjänst"),
                c("Utfall 2023"),
                c("Budget 2024"),
                c("Prognos budget 2025"),
                c("Påverkan förvaltningskostnad").grid_span(3),
            ]),
            rad(&["", "", "", "", "2025", "2026", "2027"]),
            TableRow::new(vec![
                c("E-arkiv").vertical_merge(VMergeType::Restart),
                c(""),
                c("500"),
                c("800"),
                c(""),
                c(""),
                c(""),
            ]),
            TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(Paragraph::new())
                    .vertical_merge(VMergeType::Continue),
                c(""),
                c(""),
                c(""),
                c("10"),
                c("20"),
                c("30"),
            ]),
        ]))
        .add_paragraph(p("Leverantörens analys"))
        .add_paragraph(p("Utvecklingen gäller sökfunktionen."))
        .add_paragraph(rubrik("3.2 Förslag justering av fördelningsnycklar", 2))
        // The tjänst column under a heading of its own.
        .add_table(Table::new(vec![
            rad(&[
                "Bastjänst",
                "Nuvarande fördelningsnyckel",
                "Förslag justering",
                "Motivering",
            ]),
            rad(&["E-arkiv", "Antal användare", "Ingen justering", ""]),
        ]))
        .add_paragraph(rubrik(
            "4 Långsiktig utveckling och avveckling av bastjänster och digital infrastruktur",
            1,
        ))
        .add_paragraph(p("Ej tillämpligt: Inga avvecklingar planeras."));
    let mut ut = Cursor::new(Vec::new());
    d.build().pack(&mut ut).unwrap_or_else(|e| panic!("{e}"));
    ut.into_inner()
}

#[test]
fn a_hand_made_file_maps_and_reports_what_it_could_not() {
    let imp = importera(&handgjord());
    let Dokument::ArligAnalys(a) = &imp.dokument else {
        panic!("ingen årlig analys");
    };
    assert_eq!(a.meta.organisation, "Testnämnden för digital service");
    assert_eq!(a.meta.analysar, 2025);
    let id = |namn: &str| {
        a.tjanstekatalog
            .iter()
            .find(|t| t.namn == namn)
            .map(|t| t.id.clone())
            .unwrap_or_else(|| panic!("{namn} saknas i katalogen"))
    };
    let (earkiv, kontaktcenter) = (id("E-arkiv"), id("Kontaktcenter"));
    assert_eq!(a.tjanstekatalog.iter().count(), 2);

    // 1.2: the blank row is skipped; "Inga" and an avvikelse are told apart.
    let k = &a.konsolidering.rader;
    assert_eq!(k.len(), 2);
    assert_eq!(k[0].tjanst, earkiv);
    assert_eq!(k[0].andel_befintliga_kunder_procent, Some(80.0));
    assert_eq!(k[0].konsolideringsplan_nya_kunder, "Bolagen 2025");
    assert_eq!(k[0].avsteg_och_avvikelser, AvstegOchAvvikelser::Inga);
    assert_eq!(k[1].andel_befintliga_kunder_procent, Some(100.0));
    let AvstegOchAvvikelser::Angivna { poster } = &k[1].avsteg_och_avvikelser else {
        panic!("avvikelsen saknas: {:?}", k[1].avsteg_och_avvikelser);
    };
    assert_eq!(poster[0].typ, Avvikelsetyp::Avvikelse);
    assert_eq!(
        poster[0].beskrivning,
        "Bolagen kan inte anslutas förrän 2026"
    );
    assert_eq!(
        a.konsolidering.leverantorens_analys,
        "Alla nämnder är anslutna till e-arkivet."
    );

    // 1.4 under a heading without its number.
    let pag = &a.pagaende_insatser.insatser;
    assert_eq!(pag.len(), 1);
    assert_eq!(pag[0].tjanster, vec![earkiv.clone()]);
    assert_eq!(pag[0].namn, "Nytt e-arkiv");
    assert_eq!(pag[0].effektmal, "Halverad handläggningstid till 2026");
    assert_eq!(pag[0].tidplan, "Hela 2025");

    // 2.2 with its groups, JA/NEJ with kommentar, enumerations and amounts in words.
    let f = &a.foreslagna_insatser.insatser;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].namn, "Digital brevlåda");
    assert_eq!(f[0].strategisk.tjanster, vec![earkiv.clone()]);
    assert_eq!(
        f[0].strategisk.intern_extern_nytta,
        Some(InternExtern::InternOchExtern)
    );
    assert_eq!(f[0].strategisk.projektform.svar, Some(JaNej::Ja));
    assert_eq!(
        f[0].strategisk.projektform.kommentar,
        "i samverkan med Intraservice"
    );
    assert_eq!(
        f[0].strategisk.komplexitet_kund.niva,
        Some(Komplexitet::Mattlig)
    );
    assert_eq!(
        f[0].strategisk.komplexitet_kund.kommentar,
        "Kräver utbildning"
    );
    assert_eq!(
        f[0].informationssakerhet.informationsklassning.svar,
        Some(JaNej::Nej)
    );
    let budget = &f[0].ekonomisk.projektbudget;
    assert_eq!(budget.ar, Some(Kronor(3_000_000)));
    assert!(!budget.uppskattning);
    assert_eq!(budget.text, "3 miljoner kronor");
    let paverkan = &f[0].ekonomisk.paverkan_forvaltningskostnad;
    assert_eq!(paverkan.ar, Some(Kronor(300_000)));
    assert!(paverkan.uppskattning);

    // 3.1: tkr columns, amounts in words, the stated total, a two-row heading and a tjänst
    // cell merged over two rows.
    let fv = &a.kostnader.forvaltning;
    assert_eq!(fv.rader.len(), 2);
    assert_eq!(fv.rader[0].tjanst, earkiv);
    assert_eq!(fv.rader[0].kostnad.utfall, Some(Kronor(1_200_000)));
    assert_eq!(fv.rader[0].kostnad.prognos, Some(Kronor(1_400_000)));
    assert_eq!(fv.rader[1].tjanst, kontaktcenter);
    assert_eq!(fv.rader[1].kostnad.budget, Some(Kronor(3_000_000)));
    assert_eq!(fv.rader[1].kostnad.prognos, Some(Kronor(300_000)));
    assert_eq!(
        fv.angiven_totalkostnad.as_ref().and_then(|t| t.budget),
        Some(Kronor(4_300_000))
    );
    assert_eq!(
        fv.leverantorens_analys,
        "Förvaltningen växer med e-arkivet."
    );
    let ut = &a.kostnader.utveckling;
    assert_eq!(ut.rader.len(), 2);
    assert!(ut.rader.iter().all(|r| r.tjanst == earkiv));
    assert_eq!(ut.rader[0].kostnad.budget, Some(Kronor(500_000)));
    assert_eq!(ut.rader[0].kostnad.prognos, Some(Kronor(800_000)));
    assert_eq!(
        ut.rader[1].paverkan_forvaltningskostnad.tre_ar(),
        [
            Some(Kronor(10_000)),
            Some(Kronor(20_000)),
            Some(Kronor(30_000))
        ]
    );
    assert_eq!(
        ut.leverantorens_analys,
        "Utvecklingen gäller sökfunktionen."
    );

    let nycklar = &a.fordelningsnycklar.rader;
    assert_eq!(nycklar.len(), 1);
    assert_eq!(nycklar[0].tjanst, earkiv);
    assert_eq!(nycklar[0].forslag_justering, "Ingen justering");
    assert_eq!(
        a.tjanstekatalog
            .get(&earkiv)
            .map(|t| t.nuvarande_fordelningsnyckel.as_str()),
        Some("Antal användare")
    );

    assert_eq!(
        a.langsiktig_utveckling.tillamplighet,
        Tillamplighet::EjTillamplig {
            skal: "Inga avvecklingar planeras.".into()
        }
    );

    // What found no place is reported with its text and where it stood.
    let ej: Vec<(&str, Option<&str>, Option<u32>, &str)> = imp
        .rapport
        .ej_mappat
        .iter()
        .map(|e| {
            (
                e.avsnitt.as_str(),
                e.tabell.as_deref(),
                e.rad,
                e.text.as_str(),
            )
        })
        .collect();
    assert!(
        ej.contains(&(
            "Före första rubriken",
            None,
            None,
            "Utkast som skickas till förvaltningsledningen för synpunkter"
        )),
        "{ej:?}"
    );
    assert!(
        ej.contains(&(
            "3 Kostnader och fördelningsnycklar",
            None,
            None,
            "Siffrorna är preliminära."
        )),
        "{ej:?}"
    );
    assert!(
        ej.iter().any(|(avsnitt, tabell, rad, text)| *avsnitt
            == "2.2 Förslag på nya förändringsinsatser"
            && *tabell == Some("Föreslagen förändringsinsats 1")
            && *rad == Some(13)
            && *text == "Kontaktperson | Anna Andersson"),
        "{ej:?}"
    );
    assert!(
        ej.iter()
            .any(|(avsnitt, _, rad, text)| avsnitt.starts_with("3.1")
                && *rad == Some(4)
                && *text == "cirka 300 000 kr"),
        "the estimate in a tkr cell is reported: {ej:?}"
    );
    assert_eq!(ej.len(), 4, "{ej:?}");
    let r: BTreeMap<&str, (u32, u32, u32)> = imp
        .rapport
        .avsnitt
        .iter()
        .map(|r| {
            (
                r.rubrik.split(' ').next().unwrap_or_default(),
                (r.tabellrader, r.insatser, r.texter),
            )
        })
        .collect();
    assert_eq!(r["1.2"], (2, 0, 1));
    assert_eq!(r["1.4"], (0, 1, 0));
    assert_eq!(r["2.2"], (0, 1, 0));
    assert_eq!(r["3.1"], (4, 0, 2));
    // The import never hands the store a document it would refuse.
    assert!(underlag::model::kontrollera_referenser(&imp.dokument).is_empty());
}

// -------------------------------------------------------------------------------------------
// Files that are not an årlig analys

#[test]
fn what_is_not_a_docx_gets_a_swedish_reason() {
    let e = fel(b"Detta ar en textfil och ingen Word-fil.");
    assert!(matches!(e, OrdimportFel::InteZip), "{e}");
    assert!(e.to_string().contains("inte ett zip-paket"), "{e}");

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("mimetype", zip::write::SimpleFileOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap_or_else(|e| panic!("{e}"));
    let utan_dokument = zip.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
    let e = fel(&utan_dokument);
    assert!(matches!(e, OrdimportFel::InteWord), "{e}");
    assert!(e.to_string().contains("word/document.xml saknas"), "{e}");

    let (_, docx) = exporterat(false);
    let e = fel(&docx[..docx.len() / 2]);
    assert!(matches!(e, OrdimportFel::TrasigZip(_)), "{e}");
    assert!(e.to_string().contains("skadad"), "{e}");

    let mut ut = Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(p("Mötesanteckningar").style("Heading1"))
        .add_paragraph(p("Närvarande: styrgruppen"))
        .add_table(Table::new(vec![rad(&["Punkt", "Beslut"])]))
        .build()
        .pack(&mut ut)
        .unwrap_or_else(|e| panic!("{e}"));
    let e = fel(&ut.into_inner());
    assert!(matches!(e, OrdimportFel::OkantDokument { .. }), "{e}");
    assert!(
        e.to_string()
            .contains("ser inte ut som något av Underlags dokument"),
        "{e}"
    );
}

#[test]
fn a_missing_organisation_can_be_given() {
    let docx = {
        let mut ut = Cursor::new(Vec::new());
        Docx::new()
            .add_paragraph(p("Årlig analys av digital utveckling och förvaltning 2024"))
            .add_paragraph(rubrik("1.1 Genomförd effekthemtagning", 2))
            .add_paragraph(p("Leverantörens analys"))
            .add_paragraph(p("Allt gick enligt plan."))
            .build()
            .pack(&mut ut)
            .unwrap_or_else(|e| panic!("{e}"));
        ut.into_inner()
    };
    let e = fel(&docx);
    assert!(matches!(e, OrdimportFel::IngenOrganisation), "{e}");
    assert!(e.to_string().contains("--organisation"), "{e}");
    let val = Importval {
        organisation: Some("Kulturnämnden".into()),
        analysar: None,
    };
    let imp = las_docx(&docx, &mallar(), &val).unwrap_or_else(|e| panic!("{e}"));
    let Dokument::ArligAnalys(a) = &imp.dokument else {
        panic!("ingen årlig analys");
    };
    assert_eq!(a.meta.organisation, "Kulturnämnden");
    assert_eq!(
        a.effekthemtagning.leverantorens_analys,
        "Allt gick enligt plan."
    );

    // Without the title the year is unknown; the sections still say it is an årlig analys.
    let utan_titel = {
        let mut ut = Cursor::new(Vec::new());
        Docx::new()
            .add_paragraph(p("Organisation: Kulturnämnden"))
            .add_paragraph(rubrik("1.1 Genomförd effekthemtagning", 2))
            .add_paragraph(rubrik("1.2 Status konsolidering", 2))
            .build()
            .pack(&mut ut)
            .unwrap_or_else(|e| panic!("{e}"));
        ut.into_inner()
    };
    let e = fel(&utan_titel);
    assert!(matches!(e, OrdimportFel::IngetAr { .. }), "{e}");
    assert!(e.to_string().contains("Analysår"), "{e}");
    let val = Importval {
        organisation: None,
        analysar: Some(2025),
    };
    let imp = las_docx(&utan_titel, &mallar(), &val).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imp.dokument.ar(), 2025);
    assert_eq!(imp.rapport.avsnitt.iter().filter(|a| a.hittat).count(), 2);
}

// -------------------------------------------------------------------------------------------
// The app's commands

#[test]
fn the_app_previews_without_storing_and_imports_as_a_new_document() {
    use underlag::app::{ArbeteArg, Felkod, OrdimportArg, Program};
    use underlag::store::nyckel::Nyckelval;
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = katalog.path().join("underlag.db");
    let mut program = Program::oppna(&db, &Nyckelval::med_nyckel(common::TESTNYCKEL, &db))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let (_, docx) = exporterat(true);
    let fil = katalog.path().join("analys.docx");
    std::fs::write(&fil, &docx).unwrap_or_else(|e| panic!("{e}"));
    let arg = OrdimportArg {
        sokvag: fil.display().to_string(),
        organisation: None,
        analysar: None,
        forhandsgranskad_sha256: None,
        arbete: None,
    };

    let rapport = program
        .forhandsgranska_word(arg.clone())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(rapport.ej_mappat, []);
    assert_eq!(rapport.fil_sha256, underlag::store::sha256(&docx));
    let arg = OrdimportArg {
        forhandsgranskad_sha256: Some(rapport.fil_sha256.clone()),
        ..arg
    };
    let lista = |p: &mut Program| {
        p.utfor("dokumentlista", serde_json::json!({}))
            .unwrap_or_else(|e| panic!("{e:?}"))
    };
    assert_eq!(lista(&mut program), serde_json::json!([]));

    // A file replaced after the preview was shown is refused, and nothing is stored.
    let (_, annan) = exporterat(false);
    std::fs::write(&fil, &annan).unwrap_or_else(|e| panic!("{e}"));
    let fel = program
        .importera_word(arg.clone())
        .err()
        .unwrap_or_else(|| panic!("en ändrad fil skulle avvisas"));
    assert!(
        fel.meddelande
            .contains("har ändrats sedan förhandsgranskningen"),
        "{}",
        fel.meddelande
    );
    assert_eq!(fel.falt.as_deref(), Some("sokvag"));
    assert_eq!(lista(&mut program), serde_json::json!([]));
    std::fs::write(&fil, &docx).unwrap_or_else(|e| panic!("{e}"));

    // The user's "Avbryt" (here before the reading had its turn): the preview and the import
    // stop, say so, and store nothing.
    let arbeten = program.arbeten();
    for (nummer, importera) in [(1, false), (2, true)] {
        arbeten
            .avbryt_arbete(ArbeteArg { arbete: nummer })
            .unwrap_or_else(|e| panic!("{e:?}"));
        let avbruten = OrdimportArg {
            arbete: Some(nummer),
            ..arg.clone()
        };
        let fel = if importera {
            program.importera_word(avbruten).err()
        } else {
            program.forhandsgranska_word(avbruten).err()
        }
        .unwrap_or_else(|| panic!("ett avbrutet arbete skulle inte bli klart"));
        assert_eq!(fel.kod, Felkod::Avbrutet);
        assert_eq!(fel.meddelande, "Importen avbröts. Inget sparades.");
        assert_eq!(lista(&mut program), serde_json::json!([]));
    }

    let svar = program
        .importera_word(arg)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(svar.rapport, rapport);
    assert_eq!(
        svar.vy.dokument["meta"]["organisation"],
        "Nämnden för demokrati och medborgarservice"
    );
    assert_eq!(lista(&mut program).as_array().map(Vec::len), Some(1));

    // The test server's route reaches the same command; a file that is no Word file is an
    // import error naming no field, and the store is unchanged.
    let ej_word = katalog.path().join("ej.docx");
    std::fs::write(&ej_word, "text").unwrap_or_else(|e| panic!("{e}"));
    let fel = program
        .utfor(
            "forhandsgranska_word",
            serde_json::json!({ "sokvag": ej_word.display().to_string() }),
        )
        .err()
        .unwrap_or_else(|| panic!("filen skulle avvisas"));
    assert!(
        fel.meddelande.contains("inte ett zip-paket"),
        "{}",
        fel.meddelande
    );
    assert_eq!(lista(&mut program).as_array().map(Vec::len), Some(1));
}

#[test]
fn a_figure_comes_back_and_an_image_elsewhere_is_reported() {
    use base64::Engine;
    let Dokument::ArligAnalys(mut a) = exempel().unwrap_or_else(|e| panic!("{e}")) else {
        panic!("ingen årlig analys");
    };
    let mut png = Cursor::new(Vec::new());
    image::RgbImage::from_pixel(40, 20, image::Rgb([31, 56, 100]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    let png = png.into_inner();
    let data_base64 = base64::engine::general_purpose::STANDARD.encode(&png);
    a.portfoljanalys.figurer = vec![underlag::model::Figur {
        filnamn: "pios.png".into(),
        mediatyp: "image/png".into(),
        data_base64: data_base64.clone(),
        alt_text: "Portföljen i PIOS".into(),
        bildtext: "Bild från PIOS".into(),
    }];
    let m = mallar();
    let mall = m
        .hamta("arlig-analys-2024")
        .unwrap_or_else(|| panic!("mallen saknas"));
    let val = Docxval {
        anvisningar: false,
        datum: chrono::NaiveDate::from_ymd_opt(2023, 9, 1).unwrap_or_default(),
    };
    let docx = skriv_docx(&Dokument::ArligAnalys(a), mall, &val).unwrap_or_else(|e| panic!("{e}"));
    let imp = importera(&docx);
    let Dokument::ArligAnalys(b) = &imp.dokument else {
        panic!("ingen årlig analys");
    };
    let figurer: Vec<(&str, &str, &str)> = b
        .portfoljanalys
        .figurer
        .iter()
        .map(|f| {
            (
                f.alt_text.as_str(),
                f.bildtext.as_str(),
                f.data_base64.as_str(),
            )
        })
        .collect();
    assert_eq!(
        figurer,
        [("Portföljen i PIOS", "Bild från PIOS", data_base64.as_str())]
    );
    assert_eq!(imp.rapport.ej_mappat, []);

    // A picture under a section that takes none is reported, not dropped.
    let mut ut = Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(p("Årlig analys av digital utveckling och förvaltning 2024"))
        .add_paragraph(p("Organisation: Kulturnämnden"))
        .add_paragraph(rubrik("1.1 Genomförd effekthemtagning", 2))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_image(docx_rs::Pic::new_with_dimensions(
                png.clone(),
                40,
                20,
            ))),
        )
        .add_paragraph(rubrik("1.2 Status konsolidering", 2))
        .build()
        .pack(&mut ut)
        .unwrap_or_else(|e| panic!("{e}"));
    let imp = importera(&ut.into_inner());
    let bilder: Vec<(&str, &str)> = imp
        .rapport
        .ej_mappat
        .iter()
        .filter(|e| e.text == "[bild]")
        .map(|e| (e.avsnitt.as_str(), e.orsak.as_str()))
        .collect();
    assert_eq!(bilder.len(), 1, "{bilder:?}");
    assert_eq!(bilder[0].0, "1.1 Genomförd effekthemtagning");
    assert!(bilder[0].1.contains("bilder från PIOS"), "{}", bilder[0].1);
}

#[test]
fn a_part_that_unpacks_beyond_the_limit_is_refused() {
    // A megabyte more spaces than the limit compress to a small file; reading stops at it.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let block = vec![b' '; 1024 * 1024];
    let mb = underlag::ordimport::STORSTA_UPPACKAT / (1024 * 1024);
    for _ in 0..=mb {
        zip.write_all(&block).unwrap_or_else(|e| panic!("{e}"));
    }
    let bomb = zip.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
    assert!(bomb.len() < 1024 * 1024);
    let e = fel(&bomb);
    assert!(matches!(e, OrdimportFel::ForStor { grans_mb: 256 }), "{e}");
    assert!(e.to_string().contains("256 MB"), "{e}");
}
