//! The exchange format and the bundled example: faithful to the checked transcription of seed
//! 003, round-trips byte for byte, and refuses bad files with Swedish messages naming the path.

use serde_json::{Value, json};
use underlag::example::{EXEMPEL_JSON, exempel};
use underlag::exchange::{self, FORMAT_VERSION, Importfel};
use underlag::model::{
    ArligAnalys, Dokument, EffektivitetInnovation, InternExtern, JaNej, Komplexitet, Kronor,
    TjanstId,
};

const TRANSKRIPTION: &str = include_str!("fixtures/arlig-analys-2024-transkription.json");

fn analys() -> ArligAnalys {
    match exempel() {
        Ok(Dokument::ArligAnalys(a)) => *a,
        Ok(annat) => panic!("exemplet ska vara en årlig analys, inte {}", annat.typ()),
        Err(e) => panic!("exemplet kan inte läsas: {e}"),
    }
}

fn transkription() -> Value {
    serde_json::from_str(TRANSKRIPTION).unwrap_or_else(|e| panic!("{e}"))
}

fn tkr(v: &Value) -> Option<Kronor> {
    v.as_i64().map(|t| Kronor(t * 1000))
}

fn namn(a: &ArligAnalys, id: &TjanstId) -> String {
    a.tjanstekatalog.namn(id).to_string()
}

#[test]
fn the_example_round_trips_byte_for_byte() {
    let dokument = exempel().unwrap_or_else(|e| panic!("{e}"));
    let forsta = exchange::skriv(&dokument);
    let igen = exchange::las(forsta.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(igen, dokument);
    assert_eq!(exchange::skriv(&igen), forsta);
    // The shipped file is already in the canonical form the writer produces.
    assert_eq!(forsta, EXEMPEL_JSON);
}

#[test]
fn the_example_carries_every_bastjanst_and_every_entry_of_the_seed() {
    let a = analys();
    let t = transkription();
    let bastjanster: Vec<&str> = t["bastjanster"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["namn"].as_str())
        .collect();
    assert_eq!(bastjanster.len(), 4);
    for b in &bastjanster {
        assert!(
            a.tjanstekatalog.iter().any(|k| k.namn == *b),
            "{b} saknas i katalogen"
        );
    }
    assert_eq!(a.meta.analysar, 2024);
    assert_eq!(
        a.meta.organisation,
        "Nämnden för demokrati och medborgarservice"
    );
    assert_eq!(a.pagaende_insatser.insatser.len(), 8);
    assert_eq!(a.foreslagna_insatser.insatser.len(), 8);
    assert_eq!(a.konsolidering.rader.len(), 3);
    assert_eq!(a.fordelningsnycklar.rader.len(), 4);
    assert_eq!(
        a.portfoljanalys.total_projektbudget.belopp,
        Some(Kronor(7_591_000))
    );
}

#[test]
fn every_text_of_the_proposals_is_verbatim() {
    let a = analys();
    let t = transkription();
    let kallor = t["avsnitt_2_2"]["foreslagna_forandringsinsatser"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(kallor.len(), a.foreslagna_insatser.insatser.len());
    for (kalla, insats) in kallor.iter().zip(&a.foreslagna_insatser.insatser) {
        let s = &kalla["strategisk_del"];
        assert_eq!(insats.namn, kalla["namn"].as_str().unwrap_or_default());
        assert_eq!(
            insats.strategisk.behovsbeskrivning,
            s["behovsbeskrivning"].as_str().unwrap_or_default()
        );
        assert_eq!(
            insats.strategisk.nytta,
            s["nytta"].as_str().unwrap_or_default()
        );
        assert_eq!(
            insats.strategisk.effektmal,
            s["effektmal"].as_str().unwrap_or_default()
        );
        assert_eq!(
            insats.strategisk.koppling_till_beslutade_mal,
            s["dokumenterad_koppling_till_beslutade_mal"]
                .as_str()
                .unwrap_or_default()
        );
        let kopplad = s["kopplat_till_befintlig_bastjanst_eller_infratjanst"]
            .as_str()
            .unwrap_or_default();
        let tjanster: Vec<String> = insats
            .strategisk
            .tjanster
            .iter()
            .map(|id| namn(&a, id))
            .collect();
        assert_eq!(
            tjanster,
            vec![kopplad.trim_end_matches('.').to_string()],
            "{}",
            insats.namn
        );
        let e = &kalla["ekonomisk_del"];
        assert_eq!(
            insats.ekonomisk.projektbudget.text,
            e["total_projektbudget_text"].as_str().unwrap_or_default()
        );
        assert_eq!(
            insats.ekonomisk.paverkan_forvaltningskostnad.text,
            e["forvaltningskostnad_text"].as_str().unwrap_or_default()
        );
        assert_eq!(
            insats.ekonomisk.kundgrupp_som_finansierar,
            e["kundgrupp_som_finansierar"].as_str().unwrap_or_default()
        );
        assert_eq!(
            insats.ekonomisk.forslag_fordelningsnyckel,
            e["forslag_fordelningsnyckel"].as_str().unwrap_or_default()
        );
        // A JA/NEJ cell is split into answer and kommentar; together they hold the whole text.
        samma_svar(
            kalla["informationssakerhet"]["informationsklassning_genomford"]
                .as_str()
                .unwrap_or_default(),
            &insats.informationssakerhet.informationsklassning,
        );
    }
    let forsta = &a.foreslagna_insatser.insatser[0];
    assert_eq!(forsta.ekonomisk.projektbudget.ar, Some(Kronor(3_000_000)));
    assert_eq!(
        forsta.strategisk.komplexitet_kund.niva,
        Some(Komplexitet::Mindre)
    );
    let sjatte = &a.foreslagna_insatser.insatser[5];
    assert_eq!(sjatte.ekonomisk.projektbudget.ar, Some(Kronor(300_000)));
    assert!(
        sjatte.ekonomisk.projektbudget.uppskattning,
        "\"Uppskattas till cirka\" är en uppskattning"
    );
    let sjunde = &a.foreslagna_insatser.insatser[6]
        .ekonomisk
        .paverkan_forvaltningskostnad;
    assert!(sjunde.indexerad && sjunde.aterkommande);
    assert_eq!(sjunde.ar, Some(Kronor(30_000)));
}

/// A JA/NEJ cell of the seed, split into answer and kommentar, still says what the cell said.
fn samma_svar(cell: &str, svar: &underlag::model::JaNejSvar) {
    assert!(
        cell.ends_with(&svar.kommentar),
        "{cell} / {}",
        svar.kommentar
    );
    let borjan = cell.trim().to_lowercase();
    match svar.svar {
        Some(JaNej::Ja) => assert!(borjan.starts_with("ja"), "{cell}"),
        Some(JaNej::Nej) => assert!(borjan.starts_with("nej"), "{cell}"),
        None => assert_eq!(svar.kommentar, cell.trim()),
    }
}

#[test]
fn every_answer_and_classification_of_the_proposals_follows_the_seed() {
    let a = analys();
    let t = transkription();
    let kallor = t["avsnitt_2_2"]["foreslagna_forandringsinsatser"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (kalla, x) in kallor.iter().zip(&a.foreslagna_insatser.insatser) {
        let s = &kalla["strategisk_del"];
        let intern = match x.strategisk.intern_extern_nytta {
            Some(InternExtern::Intern) => "Intern",
            Some(InternExtern::Extern) => "Extern",
            Some(InternExtern::InternOchExtern) => "Intern och extern",
            None => "",
        };
        assert_eq!(
            intern,
            s["intern_extern_nytta"].as_str().unwrap_or_default(),
            "{}",
            x.namn
        );
        let effekt = match x.strategisk.effektivitet_innovation {
            Some(EffektivitetInnovation::Effektivitet) => "Effektivitet",
            Some(_) => "annat",
            None => "",
        };
        assert_eq!(
            effekt,
            s["effektivitet_innovation"].as_str().unwrap_or_default(),
            "{}",
            x.namn
        );
        samma_svar(
            s["projektform_ja_nej"].as_str().unwrap_or_default(),
            &x.strategisk.projektform,
        );
        for (cell, svar) in [
            (
                &kalla["informationssakerhet"]["troskel_och_konsekvensanalys_genomford"],
                &x.informationssakerhet.troskel_och_konsekvensanalys,
            ),
            (
                &kalla["teknisk_del"]["teknisk_it_sakerhetsbedomning_genomford"],
                &x.teknisk.it_sakerhetsbedomning,
            ),
            (
                &kalla["teknisk_del"]["arkitekturbedomning_genomford"],
                &x.teknisk.arkitekturbedomning,
            ),
            (
                &kalla["teknisk_del"]["paverkan_pa_digital_infrastruktur"],
                &x.teknisk.paverkan_digital_infrastruktur,
            ),
        ] {
            samma_svar(cell.as_str().unwrap_or_default(), svar);
        }
        for (kolumn, bedomning) in [
            ("komplexitet_kundperspektiv", &x.strategisk.komplexitet_kund),
            (
                "komplexitet_leverantorsperspektiv",
                &x.strategisk.komplexitet_leverantor,
            ),
        ] {
            let cell = s[kolumn].as_str().unwrap_or_default();
            let vantad = if cell.starts_with("Mindre") {
                Some(Komplexitet::Mindre)
            } else if cell.starts_with("Måttlig") {
                Some(Komplexitet::Mattlig)
            } else if cell.starts_with("Stor") {
                Some(Komplexitet::Stor)
            } else {
                None
            };
            assert_eq!(bedomning.niva, vantad, "{kolumn}: {cell}");
            if vantad.is_none() {
                assert_eq!(bedomning.kommentar, cell);
            }
        }
    }
}

#[test]
fn the_konsolidering_and_fordelningsnyckel_rows_follow_the_seed() {
    let a = analys();
    let t = transkription();
    let rader = t["avsnitt_1_2"]["rader"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rader.len(), a.konsolidering.rader.len());
    for (kalla, rad) in rader.iter().zip(&a.konsolidering.rader) {
        assert_eq!(
            namn(&a, &rad.tjanst),
            kalla["bastjanst_och_digital_infrastruktur"]
                .as_str()
                .unwrap_or_default()
        );
        assert_eq!(
            rad.konsolideringsplan_nya_kunder,
            kalla["konsolideringsplan_nya_kunder"]
                .as_str()
                .unwrap_or_default()
        );
        assert_eq!(
            rad.andel_befintliga_kunder_procent,
            kalla["andel_procent_befintliga_kunder"].as_f64()
        );
        assert_eq!(
            rad.avsteg_och_avvikelser,
            underlag::model::AvstegOchAvvikelser::EjIfyllt,
            "cellen är tom i källan"
        );
    }
    let rader = t["avsnitt_3_2"]["rader"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rader.len(), a.fordelningsnycklar.rader.len());
    for (kalla, rad) in rader.iter().zip(&a.fordelningsnycklar.rader) {
        assert_eq!(
            namn(&a, &rad.tjanst),
            kalla["tjanst"].as_str().unwrap_or_default()
        );
        assert_eq!(
            rad.nuvarande,
            kalla["nuvarande_fordelningsnyckel"]
                .as_str()
                .unwrap_or_default()
        );
        assert_eq!(
            rad.forslag_justering,
            kalla["forslag_justering"].as_str().unwrap_or_default()
        );
        assert_eq!(
            rad.motivering,
            kalla["motivering"].as_str().unwrap_or_default()
        );
        let katalog = a
            .tjanstekatalog
            .get(&rad.tjanst)
            .map(|k| k.nuvarande_fordelningsnyckel.as_str());
        assert_eq!(
            katalog,
            Some(rad.nuvarande.as_str()),
            "katalogens nyckel ska vara den som gäller"
        );
    }
    assert!(
        a.kostnader.nya_insatser.rader.is_empty(),
        "källans tabell för nya förändringsinsatser är tom"
    );
    assert_eq!(
        t["avsnitt_3_1"]["kostnader_nya_forandringsinsatser_ej_befintlig_tjanst"]["rader"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
fn the_cost_tables_keep_the_seeds_figures_even_where_they_do_not_add_up() {
    let a = analys();
    let t = transkription();
    let forvaltning = &t["avsnitt_3_1"]["forvaltningskostnader_befintliga_tjanster"];
    let rader = forvaltning["rader"].as_array().cloned().unwrap_or_default();
    assert_eq!(rader.len(), a.kostnader.forvaltning.rader.len());
    for (kalla, rad) in rader.iter().zip(&a.kostnader.forvaltning.rader) {
        assert_eq!(
            namn(&a, &rad.tjanst),
            kalla["tjanst"].as_str().unwrap_or_default()
        );
        assert_eq!(rad.kostnad.utfall, tkr(&kalla["utfall_2022"]));
        assert_eq!(rad.kostnad.budget, tkr(&kalla["budget_2023"]));
        assert_eq!(rad.kostnad.prognos, tkr(&kalla["prognos_budget_2024"]));
    }
    let angiven = a
        .kostnader
        .forvaltning
        .angiven_totalkostnad
        .clone()
        .unwrap_or_default();
    assert_eq!(
        angiven.budget,
        tkr(&forvaltning["totalkostnad_angiven"]["budget_2023"])
    );
    // The seed states 77 587 tkr, its rows add up to 77 547 tkr: kept for the validator.
    assert_eq!(angiven.budget, Some(Kronor(77_587_000)));
    assert_eq!(
        a.kostnader.forvaltning.totalkostnad().budget,
        Some(Kronor(77_547_000))
    );
    assert_eq!(
        a.kostnader.forvaltning.totalkostnad().prognos,
        Some(Kronor(82_242_000))
    );
    assert_eq!(a.kostnader.forvaltning.totalkostnad().utfall, None);
    assert_eq!(a.kostnader.forvaltning.indexupprakning_procent, Some(6.0));

    let utveckling = &t["avsnitt_3_1"]["utvecklingskostnader_befintliga_tjanster"];
    let rader = utveckling["rader"].as_array().cloned().unwrap_or_default();
    assert_eq!(rader.len(), a.kostnader.utveckling.rader.len());
    for (kalla, rad) in rader.iter().zip(&a.kostnader.utveckling.rader) {
        assert_eq!(
            namn(&a, &rad.tjanst),
            kalla["tjanst"].as_str().unwrap_or_default()
        );
        assert_eq!(rad.kostnad.budget, tkr(&kalla["budget_2023"]));
        assert_eq!(rad.kostnad.prognos, tkr(&kalla["prognos_budget_2024"]));
        assert_eq!(
            rad.paverkan_forvaltningskostnad.ar,
            tkr(&kalla["forvaltningspaverkan_2024"])
        );
        assert_eq!(
            rad.paverkan_forvaltningskostnad.ar_plus_1,
            tkr(&kalla["forvaltningspaverkan_2025"])
        );
        assert_eq!(
            rad.paverkan_forvaltningskostnad.ar_plus_2,
            tkr(&kalla["forvaltningspaverkan_2026"])
        );
    }
    let summa = a.kostnader.utveckling.totalkostnad();
    assert_eq!(summa.kostnad.prognos, Some(Kronor(5_190_000)));
    let angiven = a
        .kostnader
        .utveckling
        .angiven_totalkostnad
        .clone()
        .unwrap_or_default();
    assert_eq!(angiven.kostnad.prognos, Some(Kronor(5_090_000)));
    assert_eq!(
        summa.paverkan_forvaltningskostnad.ar_plus_2,
        Some(Kronor(348_000))
    );
    // 2.2 → 3.1: the proposals linked to Extern service add up to its 4 250 tkr.
    let extern_service: Kronor = a
        .foreslagna_insatser
        .insatser
        .iter()
        .filter(|i| {
            i.strategisk
                .tjanster
                .iter()
                .any(|t| namn(&a, t) == "Extern service och kommunikation")
        })
        .map(|i| i.ekonomisk.projektbudget.summa())
        .sum();
    assert_eq!(extern_service, Kronor(4_250_000));
}

#[test]
fn every_analysis_text_is_verbatim() {
    let a = analys();
    let t = transkription();
    let par = [
        (
            &a.konsolidering.leverantorens_analys,
            &t["avsnitt_1_2"]["leverantorens_analys"],
        ),
        (
            &a.portfoljanalys.leverantorens_analys,
            &t["avsnitt_1_3"]["leverantorens_analys"],
        ),
        (
            &a.framatsyftande_portfoljanalys.leverantorens_analys,
            &t["avsnitt_2_1"]["leverantorens_analys"],
        ),
        (
            &a.foreslagna_insatser.leverantorens_analys,
            &t["avsnitt_2_2"]["leverantorens_analys"],
        ),
        (
            &a.kostnader.forvaltning.leverantorens_analys,
            &t["avsnitt_3_1"]["forvaltningskostnader_befintliga_tjanster"]["leverantorens_analys"],
        ),
        (
            &a.kostnader.utveckling.leverantorens_analys,
            &t["avsnitt_3_1"]["utvecklingskostnader_befintliga_tjanster"]["leverantorens_analys"],
        ),
        (
            &a.kostnader.nya_insatser.leverantorens_analys,
            &t["avsnitt_3_1"]["kostnader_nya_forandringsinsatser_ej_befintlig_tjanst"]["leverantorens_analys"],
        ),
        (
            &a.fordelningsnycklar.leverantorens_analys,
            &t["avsnitt_3_2"]["leverantorens_analys"],
        ),
        (
            &a.langsiktig_utveckling.leverantorens_analys,
            &t["avsnitt_4"]["leverantorens_analys"],
        ),
        (
            &a.effekthemtagning.leverantorens_analys,
            &t["avsnitt_1_1"]["leverantorens_analys"],
        ),
    ];
    for (var, kalla) in par {
        let kalla = kalla.as_str().unwrap_or_else(|| panic!("källtext saknas"));
        assert_eq!(var, kalla);
    }
    let pagaende = t["avsnitt_1_4"]["pagaende_forandringsinsatser"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (kalla, insats) in pagaende.iter().zip(&a.pagaende_insatser.insatser) {
        for (var, nyckel) in [
            (&insats.namn, "namn"),
            (&insats.effektmal, "effektmal"),
            (&insats.projektmal, "projektmal"),
            (&insats.tidplan, "tidplan"),
            (&insats.kommentar_avvikelser, "kommentar_avvikelser"),
        ] {
            assert_eq!(var, kalla[nyckel].as_str().unwrap_or_default(), "{nyckel}");
        }
    }
}

fn exempelvarde() -> Value {
    serde_json::from_str(EXEMPEL_JSON).unwrap_or_else(|e| panic!("{e}"))
}

fn las(varde: &Value) -> Importfel {
    match exchange::las(varde.to_string().as_bytes()) {
        Err(e) => e,
        Ok(_) => panic!("filen borde ha underkänts"),
    }
}

#[test]
fn a_newer_format_version_is_refused() {
    let mut v = exempelvarde();
    v["format_version"] = json!(FORMAT_VERSION + 1);
    let fel = las(&v);
    assert_eq!(
        fel,
        Importfel::NyareFormat {
            version: u64::from(FORMAT_VERSION) + 1
        }
    );
    assert!(fel.to_string().contains("Uppdatera Underlag"));
}

#[test]
fn a_wrong_type_names_the_json_path() {
    let mut v = exempelvarde();
    v["dokument"]["kostnader"]["forvaltning"]["rader"][1]["kostnad"]["budget"] =
        json!("50 733 tkr");
    let fel = las(&v).to_string();
    assert!(
        fel.starts_with("Fel i dokument.kostnader.forvaltning.rader[1].kostnad.budget:"),
        "{fel}"
    );
    assert!(fel.contains("fick texten \"50 733 tkr\""), "{fel}");
    assert!(fel.contains("heltal"), "{fel}");
}

#[test]
fn an_unknown_enumeration_value_names_the_path_and_the_allowed_values() {
    let mut v = exempelvarde();
    v["dokument"]["foreslagna_insatser"]["insatser"][3]["strategisk"]["komplexitet_kund"]["niva"] =
        json!("enorm");
    let fel = las(&v).to_string();
    assert!(
        fel.starts_with(
            "Fel i dokument.foreslagna_insatser.insatser[3].strategisk.komplexitet_kund.niva:"
        ),
        "{fel}"
    );
    assert!(fel.contains("okänt värde \"enorm\""), "{fel}");
    assert!(fel.contains("\"mattlig\""), "{fel}");
}

#[test]
fn a_reference_to_a_missing_catalogue_id_is_refused() {
    let mut v = exempelvarde();
    v["dokument"]["fordelningsnycklar"]["rader"][2]["tjanst"] = json!("oppna-data-gammal");
    let fel = las(&v).to_string();
    assert!(
        fel.starts_with("Fel i dokument.fordelningsnycklar.rader[2].tjanst:"),
        "{fel}"
    );
    assert!(
        fel.contains("\"oppna-data-gammal\" finns inte i tjänstekatalogen"),
        "{fel}"
    );
}

#[test]
fn a_date_that_is_no_date_names_the_path() {
    let mut v = exempelvarde();
    v["dokument"]["versionshantering"] =
        json!([{"datum": "28 mars 2023", "version": "1.0", "beskrivning": "x", "andrad_av": "y"}]);
    let fel = las(&v).to_string();
    assert_eq!(
        fel,
        "Fel i dokument.versionshantering[0].datum: ogiltigt datum; skriv ÅÅÅÅ-MM-DD, till exempel 2024-03-28"
    );
}

#[test]
fn an_empty_organisation_is_refused() {
    let mut v = exempelvarde();
    v["dokument"]["meta"]["organisation"] = json!("  ");
    let fel = las(&v).to_string();
    assert!(
        fel.starts_with("Fel i dokument.meta.organisation: Organisation saknas."),
        "{fel}"
    );
}

#[test]
fn truncated_json_and_unknown_fields_are_refused() {
    let halva = &EXEMPEL_JSON.as_bytes()[..EXEMPEL_JSON.len() / 2];
    let fel = exchange::las(halva)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        fel.contains("inte giltig JSON") && fel.contains("avkortad"),
        "{fel}"
    );

    let mut v = exempelvarde();
    v["dokument"]["konsolidering"]["rader"][0]["andel"] = json!(40);
    let fel = las(&v).to_string();
    assert!(
        fel.starts_with("Fel i dokument.konsolidering.rader[0]"),
        "{fel}"
    );
    assert!(fel.contains("okänt fält \"andel\""), "{fel}");
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let stor = vec![b' '; 100 * 1024 * 1024];
    let fel = exchange::las(&stor)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(fel.starts_with("Filen är 100,0 MB."), "{fel}");
}

#[test]
fn the_committed_json_schema_is_current() {
    let genererat =
        serde_json::to_string_pretty(&underlag::schema::utbytesformat()).unwrap_or_default() + "\n";
    let incheckat = include_str!("../schema/underlag.schema.json");
    assert!(
        genererat == incheckat,
        "schema/underlag.schema.json är inaktuellt; kör `cargo run -- schema -o schema/underlag.schema.json`"
    );
    let schema: Value = serde_json::from_str(incheckat).unwrap_or_default();
    // `dokument` is any of the kinds; each kind's definition is in the schema.
    assert_eq!(
        schema["properties"]["dokument"]["$ref"],
        "#/$defs/Utbytesdokument"
    );
    let varianter: Vec<&str> = schema["$defs"]["Utbytesdokument"]["anyOf"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["$ref"].as_str())
        .collect();
    assert_eq!(
        varianter,
        [
            "#/$defs/ArligAnalys",
            "#/$defs/Tjansteplan",
            "#/$defs/Digitaliseringsplan"
        ]
    );
    assert!(
        schema["$defs"]["Komplexitet"]["enum"]
            .as_array()
            .is_some_and(|e| e.len() == 3)
            || schema["$defs"]["Komplexitet"]["oneOf"].is_array()
    );
}
