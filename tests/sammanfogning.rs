//! Merging a colleague's part ("Sammanfoga del") through the app's commands, the store and the
//! CLI: what is new, changed or in conflict, with and without a common base; that nothing is
//! taken without a choice; the journal row; refused parts; and that a merge is all or nothing.
//! Parts are the bundled example with edits made here, so expected values are the example's own
//! text or the text the test wrote.

mod common;
use common::TESTNYCKEL;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use underlag::app::{
    AndraArg, DelArg, ExempelArg, Felkod, IdArg, Kommandofel, Program, SammanfogaArg,
    Sammanfogningsvy, Svar,
};
use underlag::edit::Andring;
use underlag::exchange::{self, Ursprung};
use underlag::model::{Dokument, Dokumenttyp, kontrollera_referenser};
use underlag::sammanfogning::{Posttyp, Sammanfogningspost, Sammanfogningsval};
use underlag::store::NySammanfogning;
use underlag::store::nyckel::Nyckelval;

const EXEMPEL: &str = include_str!("../examples/arlig-analys-2024.underlag.json");

fn ok<T>(svar: Svar<T>) -> T {
    svar.unwrap_or_else(|e| panic!("kommandot misslyckades: {e:?}"))
}

fn fel<T: std::fmt::Debug>(svar: Svar<T>) -> Kommandofel {
    match svar {
        Err(e) => e,
        Ok(v) => panic!("kommandot skulle ha misslyckats men gav {v:?}"),
    }
}

struct Miljo {
    katalog: tempfile::TempDir,
    p: Program,
    id: i64,
}

impl Miljo {
    /// A fresh database with the example as the coordinator's document.
    fn ny() -> Miljo {
        let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = katalog.path().join("db.sqlite");
        let mut p = ok(Program::oppna(&db, &Nyckelval::med_nyckel(TESTNYCKEL, &db)));
        let id = ok(p.oppna_exempel(ExempelArg::default())).id;
        Miljo { katalog, p, id }
    }

    fn dokument(&self) -> Value {
        self.p
            .store()
            .hamta(self.id)
            .unwrap_or_else(|e| panic!("{e}"))
            .0
            .to_value()
    }

    /// Writes `dokument` (the exchange file's `dokument` member) as a part, with `ursprung`.
    fn del(&self, namn: &str, dokument: &Value, ursprung: Option<&Ursprung>) -> PathBuf {
        let typ = Dokumenttyp::parse(
            dokument
                .pointer("/meta/mall")
                .and_then(Value::as_str)
                .map(|m| m.rsplit_once('-').map_or(m, |(t, _)| t))
                .unwrap_or("arlig-analys"),
        )
        .unwrap_or(Dokumenttyp::ArligAnalys);
        let d = exchange::dokument_fran_json(typ, dokument.clone())
            .unwrap_or_else(|e| panic!("delen är ingen giltig analys: {e:?}"));
        let fil = self.katalog.path().join(namn);
        std::fs::write(&fil, exchange::skriv_med_ursprung(&d, ursprung))
            .unwrap_or_else(|e| panic!("{e}"));
        fil
    }

    fn forhandsgranska(&self, fil: &Path) -> Svar<Sammanfogningsvy> {
        self.p.forhandsgranska_sammanfogning(DelArg {
            id: self.id,
            sokvag: fil.display().to_string(),
        })
    }

    fn sammanfoga(
        &mut self,
        fil: &Path,
        vy: &Sammanfogningsvy,
        val: Sammanfogningsval,
    ) -> Svar<()> {
        self.p
            .sammanfoga(SammanfogaArg {
                id: self.id,
                sokvag: fil.display().to_string(),
                revision: vy.revision,
                fil_sha256: vy.fil_sha256.clone(),
                val,
                av: "Kim Samordnare".into(),
            })
            .map(|_| ())
    }
}

fn exempel() -> Value {
    let fil: Value = serde_json::from_str(EXEMPEL).unwrap_or_else(|e| panic!("{e}"));
    fil["dokument"].clone()
}

fn poster(vy: &Sammanfogningsvy) -> Vec<&Sammanfogningspost> {
    vy.avsnitt
        .iter()
        .flat_map(|a| &a.grupper)
        .flat_map(|g| &g.poster)
        .collect()
}

fn post<'a>(vy: &'a Sammanfogningsvy, id: &str) -> &'a Sammanfogningspost {
    poster(vy)
        .into_iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| {
            panic!(
                "ingen post {id}; fanns {:?}",
                poster(vy).iter().map(|p| &p.id).collect::<Vec<_>>()
            )
        })
}

fn ta(ids: &[&str]) -> Sammanfogningsval {
    Sammanfogningsval {
        ta: ids.iter().map(|s| s.to_string()).collect(),
        ta_alla_nya: false,
    }
}

const NYTTA_1: &str = "foreslagna_insatser.insatser:forslag-1:strategisk.nytta";

fn ny_insats(id: &str, namn: &str) -> Value {
    let mut insats = exempel()["foreslagna_insatser"]["insatser"][1].clone();
    insats["id"] = json!(id);
    insats["namn"] = json!(namn);
    insats["strategisk"]["nytta"] = json!("Ett sökbart e-arkiv för hela staden");
    insats
}

#[test]
fn a_new_insats_is_offered_and_nothing_is_taken_without_a_choice() {
    let mut m = Miljo::ny();
    let fore = m.dokument();
    let mut del = exempel();
    let insatser = del["foreslagna_insatser"]["insatser"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("inga insatser"));
    insatser.push(ny_insats("forslag-9", "E-arkiv"));
    let fil = m.del("del.underlag.json", &del, None);

    let vy = ok(m.forhandsgranska(&fil));
    assert_eq!((vy.nya, vy.andrade, vy.konflikter), (1, 0, 0), "{vy:#?}");
    assert!(!vy.med_bas);
    let p = post(&vy, "ny:foreslagna_insatser.insatser:forslag-9");
    assert_eq!(p.typ, Posttyp::Ny);
    assert_eq!(p.avsnitt, "2.2 Förslag på nya förändringsinsatser");
    assert!(
        p.inkommande.contains("Ett sökbart e-arkiv för hela staden"),
        "{}",
        p.inkommande
    );
    assert!(
        p.grupp.as_deref().unwrap_or_default().contains("E-arkiv"),
        "{:?}",
        p.grupp
    );
    // The preview stores nothing.
    assert_eq!(m.dokument(), fore);

    // A merge with no choice keeps everything, and the journal says so.
    ok(m.sammanfoga(&fil, &vy, Sammanfogningsval::default()));
    assert_eq!(m.dokument(), fore);
    let historik = ok(m.p.sammanfogningar(IdArg { id: m.id }));
    assert_eq!(historik.len(), 1);
    assert_eq!(historik[0].av, "Kim Samordnare");
    assert_eq!(historik[0].filnamn, "del.underlag.json");
    assert!(historik[0].tagna.is_empty());
    assert_eq!(historik[0].behallna.len(), 1);
    assert_eq!(historik[0].behallna[0].id, p.id);
    assert_eq!(historik[0].revision_fore, historik[0].revision_efter);
    let bytes = std::fs::read(&fil).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(historik[0].fil_sha256, underlag::store::sha256(&bytes));
    assert_eq!(historik[0].fil_sha256.len(), 64);

    // "Take all new" is a choice, and takes it.
    let vy = ok(m.forhandsgranska(&fil));
    ok(m.sammanfoga(
        &fil,
        &vy,
        Sammanfogningsval {
            ta: Vec::new(),
            ta_alla_nya: true,
        },
    ));
    let efter = m.dokument();
    let sista = &efter["foreslagna_insatser"]["insatser"][8];
    assert_eq!(sista["id"], "forslag-9");
    assert_eq!(sista["namn"], "E-arkiv");
    let historik = ok(m.p.sammanfogningar(IdArg { id: m.id }));
    assert_eq!(historik[1].tagna.len(), 1);
    assert_eq!(historik[1].revision_efter, historik[1].revision_fore + 1);
    // Merged again, the part has nothing new.
    let vy = ok(m.forhandsgranska(&fil));
    assert_eq!((vy.nya, vy.andrade, vy.konflikter), (0, 0, 0), "{vy:#?}");
}

#[test]
fn without_a_base_filling_an_empty_field_is_a_change_and_different_text_a_conflict() {
    let mut m = Miljo::ny();
    let mut del = exempel();
    let insats = &mut del["foreslagna_insatser"]["insatser"][0];
    assert_eq!(insats["strategisk"]["koppling_till_beslutade_mal"], "");
    insats["strategisk"]["koppling_till_beslutade_mal"] = json!("Kommunfullmäktiges budget 2024");
    insats["strategisk"]["nytta"] = json!("En webbplats som besökarna hittar rätt på");
    // Emptied in the part: without a base that says nothing.
    del["foreslagna_insatser"]["insatser"][1]["strategisk"]["nytta"] = json!("");
    let fil = m.del("del.underlag.json", &del, None);

    let vy = ok(m.forhandsgranska(&fil));
    assert_eq!((vy.nya, vy.andrade, vy.konflikter), (0, 1, 1), "{vy:#?}");
    let andrad = post(
        &vy,
        "foreslagna_insatser.insatser:forslag-1:strategisk.koppling_till_beslutade_mal",
    );
    assert_eq!(andrad.typ, Posttyp::Andrad);
    assert_eq!(andrad.nuvarande, "");
    assert_eq!(andrad.inkommande, "Kommunfullmäktiges budget 2024");
    assert_eq!(
        andrad.etikett,
        "Dokumenterad koppling till beslutade mål (KF budget, program, planer, Agenda2030)"
    );
    let konflikt = post(&vy, NYTTA_1);
    assert_eq!(konflikt.typ, Posttyp::Konflikt);
    assert_eq!(konflikt.nuvarande, "En modern och effektiv webbplats");
    assert_eq!(
        konflikt.inkommande,
        "En webbplats som besökarna hittar rätt på"
    );
    assert_eq!(konflikt.etikett, "Nytta");
    assert_eq!(
        konflikt.grupp.as_deref(),
        Some("Föreslagen förändringsinsats 1: Utvecklad funktionalitet på goteborg.se")
    );

    // Keep the current text in the conflict, take the change.
    ok(m.sammanfoga(&fil, &vy, ta(&[&andrad.id])));
    let efter = m.dokument();
    let insats = &efter["foreslagna_insatser"]["insatser"][0]["strategisk"];
    assert_eq!(
        insats["koppling_till_beslutade_mal"],
        "Kommunfullmäktiges budget 2024"
    );
    assert_eq!(insats["nytta"], "En modern och effektiv webbplats");
    let historik = ok(m.p.sammanfogningar(IdArg { id: m.id }));
    assert_eq!(historik[0].tagna.len(), 1);
    assert_eq!(historik[0].behallna[0].id, NYTTA_1);

    // Taking the incoming side of a conflict is a choice too.
    let vy = ok(m.forhandsgranska(&fil));
    ok(m.sammanfoga(&fil, &vy, ta(&[NYTTA_1])));
    assert_eq!(
        m.dokument()["foreslagna_insatser"]["insatser"][0]["strategisk"]["nytta"],
        "En webbplats som besökarna hittar rätt på"
    );
}

#[test]
fn with_the_base_only_what_both_changed_is_a_conflict() {
    let mut m = Miljo::ny();
    // The coordinator hands the document out as a part …
    let (utlamnad, ursprung) =
        m.p.store()
            .hamta(m.id)
            .map(|_| ())
            .and_then(|()| {
                let db = m.katalog.path().join("db.sqlite");
                let (mut store, _) =
                    underlag::store::Store::oppna(&db, &Nyckelval::med_nyckel(TESTNYCKEL, &db))?;
                store.lamna_ut(m.id)
            })
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ursprung.dokument, m.id);
    // … then edits two texts herself.
    for (falt, text) in [
        (
            "foreslagna_insatser.insatser[0].strategisk.nytta",
            "Samordnarens text",
        ),
        (
            "foreslagna_insatser.insatser[2].strategisk.nytta",
            "Bara samordnaren ändrade",
        ),
    ] {
        ok(m.p.andra(AndraArg {
            id: m.id,
            andring: Andring::Satt {
                falt: falt.into(),
                varde: json!(text),
            },
        }));
    }
    // The colleague changed the first of them, and another one.
    let mut del = utlamnad.to_value();
    del["foreslagna_insatser"]["insatser"][0]["strategisk"]["nytta"] = json!("Kollegans text");
    del["foreslagna_insatser"]["insatser"][1]["strategisk"]["nytta"] =
        json!("Bara kollegan ändrade");
    let med_bas = m.del("med-bas.underlag.json", &del, Some(&ursprung));
    let utan_bas = m.del("utan-bas.underlag.json", &del, None);

    let vy = ok(m.forhandsgranska(&med_bas));
    assert!(vy.med_bas);
    assert_eq!((vy.nya, vy.andrade, vy.konflikter), (0, 1, 1), "{vy:#?}");
    let konflikt = post(&vy, NYTTA_1);
    assert_eq!(konflikt.typ, Posttyp::Konflikt);
    assert_eq!(konflikt.nuvarande, "Samordnarens text");
    assert_eq!(konflikt.inkommande, "Kollegans text");
    assert_eq!(
        konflikt.bas.as_deref(),
        Some("En modern och effektiv webbplats")
    );
    let andrad = post(
        &vy,
        "foreslagna_insatser.insatser:forslag-2:strategisk.nytta",
    );
    assert_eq!(andrad.typ, Posttyp::Andrad);
    assert_eq!(andrad.inkommande, "Bara kollegan ändrade");
    // What only the coordinator changed is not offered back.
    assert!(
        poster(&vy)
            .iter()
            .all(|p| p.id != "foreslagna_insatser.insatser:forslag-3:strategisk.nytta")
    );

    // Without the base the same content is three conflicts: nothing tells who changed what.
    let vy_utan = ok(m.forhandsgranska(&utan_bas));
    assert!(!vy_utan.med_bas);
    assert_eq!(
        (vy_utan.andrade, vy_utan.konflikter),
        (0, 3),
        "{vy_utan:#?}"
    );

    ok(m.sammanfoga(&med_bas, &vy, ta(&[&andrad.id])));
    let efter = m.dokument();
    let insatser = &efter["foreslagna_insatser"]["insatser"];
    assert_eq!(insatser[0]["strategisk"]["nytta"], "Samordnarens text");
    assert_eq!(insatser[1]["strategisk"]["nytta"], "Bara kollegan ändrade");
    assert_eq!(
        insatser[2]["strategisk"]["nytta"],
        "Bara samordnaren ändrade"
    );
    assert!(ok(m.p.sammanfogningar(IdArg { id: m.id }))[0].med_bas);
}

#[test]
fn a_base_from_another_database_is_named_and_the_merge_falls_back_to_two_way() {
    let m = Miljo::ny();
    let mut del = exempel();
    del["foreslagna_insatser"]["insatser"][0]["strategisk"]["nytta"] = json!("Kollegans text");
    let ursprung = Ursprung {
        dokument: m.id,
        revision: 3,
        sha256: "0".repeat(64),
    };
    let fil = m.del("del.underlag.json", &del, Some(&ursprung));
    let vy = ok(m.forhandsgranska(&fil));
    assert!(!vy.med_bas);
    assert_eq!(vy.konflikter, 1);
    assert!(
        vy.varningar
            .iter()
            .any(|v| v.contains("revision 3") && v.contains("utan gemensam")),
        "{:?}",
        vy.varningar
    );
}

#[test]
fn a_new_tjanst_is_an_item_and_a_row_naming_it_brings_it_along() {
    let mut m = Miljo::ny();
    let mut del = exempel();
    // The colleague's catalogue names a tjänst by another id; it is the same tjänst by name.
    let omdopt = del.to_string().replace("\"oppna-data\"", "\"open-data\"");
    del = serde_json::from_str(&omdopt).unwrap_or_else(|e| panic!("{e}"));
    del["tjanstekatalog"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("ingen katalog"))
        .push(json!({"id": "e-arkiv", "namn": "E-arkiv", "kategori": "bastjanst", "malgrupp": "samtliga"}));
    del["kostnader"]["forvaltning"]["rader"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("inga rader"))
        .push(json!({"tjanst": "e-arkiv", "kostnad": {"utfall": null, "budget": null, "prognos": 1200000}}));
    let fil = m.del("del.underlag.json", &del, None);

    let vy = ok(m.forhandsgranska(&fil));
    assert_eq!((vy.nya, vy.andrade, vy.konflikter), (2, 0, 0), "{vy:#?}");
    let tjanst = post(&vy, "tjanst:e-arkiv");
    assert_eq!(tjanst.typ, Posttyp::Ny);
    assert_eq!(tjanst.inkommande, "E-arkiv");
    assert_eq!(tjanst.avsnitt, "Tjänstekatalog");
    let rad = post(&vy, "ny:kostnader.forvaltning.rader:e-arkiv");
    assert_eq!(rad.kraver, vec!["tjanst:e-arkiv".to_string()]);
    assert_eq!(rad.grupp.as_deref(), Some("E-arkiv"));
    assert!(rad.inkommande.contains("1 200 tkr"), "{}", rad.inkommande);

    // Taking the row alone takes the tjänst it needs.
    ok(m.sammanfoga(&fil, &vy, ta(&[&rad.id])));
    let efter = m.dokument();
    let katalog = efter["tjanstekatalog"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(katalog.len(), 6);
    assert!(
        katalog
            .iter()
            .any(|t| t["id"] == "e-arkiv" && t["namn"] == "E-arkiv")
    );
    // The renamed id did not come in: the row names the document's own id.
    assert!(!efter.to_string().contains("open-data"));
    let rader = efter["kostnader"]["forvaltning"]["rader"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        rader.last().map(|r| r["tjanst"].clone()),
        Some(json!("e-arkiv"))
    );
    let historik = ok(m.p.sammanfogningar(IdArg { id: m.id }));
    let tagna: Vec<&str> = historik[0].tagna.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        tagna,
        ["tjanst:e-arkiv", "ny:kostnader.forvaltning.rader:e-arkiv"]
    );
    let (lagrat, _) = m.p.store().hamta(m.id).unwrap_or_else(|e| panic!("{e}"));
    assert!(kontrollera_referenser(&lagrat).is_empty());
}

#[test]
fn table_rows_are_matched_by_tjanst_and_ongoing_insatser_by_id() {
    let mut m = Miljo::ny();
    let mut del = exempel();
    // The colleague lists the rows of 3.1 in another order and fills in an empty Utfall.
    let rader = del["kostnader"]["forvaltning"]["rader"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("inga rader"));
    rader.swap(0, 1);
    assert_eq!(rader[0]["tjanst"], "extern-service");
    rader[0]["kostnad"]["utfall"] = json!(49_000_000);
    del["pagaende_insatser"]["insatser"][1]["kommentar_avvikelser"] =
        json!("Lanseringen skedde i mars 2023.");
    del["konsolidering"]["rader"][0]["andel_befintliga_kunder_procent"] = json!(40.0);
    del["langsiktig_utveckling"]["leverantorens_analys"] = json!("Kollegans analys");
    let fil = m.del("del.underlag.json", &del, None);

    let vy = ok(m.forhandsgranska(&fil));
    assert_eq!((vy.nya, vy.andrade, vy.konflikter), (0, 2, 2), "{vy:#?}");
    // In the template's order, whatever the kind of item.
    let avsnitt: Vec<&str> = vy.avsnitt.iter().map(|a| &a.rubrik[..3]).collect();
    assert_eq!(avsnitt, ["1.2", "1.4", "3.1", "4 L"]);
    let utfall = post(
        &vy,
        "kostnader.forvaltning.rader:extern-service:kostnad.utfall",
    );
    assert_eq!(utfall.typ, Posttyp::Andrad);
    assert_eq!(utfall.etikett, "Utfall 2022");
    assert_eq!(
        utfall.avsnitt,
        "3.1 Kostnader förvaltning och utveckling 2024–2026"
    );
    assert_eq!(
        utfall.grupp.as_deref(),
        Some("Extern service och kommunikation")
    );
    assert_eq!(utfall.inkommande, "49 000 tkr");
    let andel = post(
        &vy,
        "konsolidering.rader:extern-service:andel_befintliga_kunder_procent",
    );
    assert_eq!(andel.typ, Posttyp::Andrad);
    let kommentar = post(
        &vy,
        "pagaende_insatser.insatser:pagaende-2:kommentar_avvikelser",
    );
    assert_eq!(kommentar.typ, Posttyp::Konflikt);
    assert_eq!(kommentar.avsnitt, "1.4 Pågående förändringsinsatser");
    assert_eq!(
        kommentar.grupp.as_deref(),
        Some("Pågående förändringsinsats 2: Revidering goteborg.se")
    );
    assert!(
        kommentar
            .nuvarande
            .starts_with("Lansering av version 1.0 är försenad")
    );

    ok(m.sammanfoga(&fil, &vy, ta(&[&utfall.id, &kommentar.id])));
    let efter = m.dokument();
    // The document's own order is kept; the value lands in its row for the tjänst.
    assert_eq!(
        efter["kostnader"]["forvaltning"]["rader"][1]["tjanst"],
        "extern-service"
    );
    assert_eq!(
        efter["kostnader"]["forvaltning"]["rader"][1]["kostnad"]["utfall"],
        49_000_000
    );
    assert_eq!(
        efter["kostnader"]["forvaltning"]["rader"][0]["kostnad"]["utfall"],
        Value::Null
    );
    assert_eq!(
        efter["pagaende_insatser"]["insatser"][1]["kommentar_avvikelser"],
        "Lanseringen skedde i mars 2023."
    );
    assert_eq!(
        efter["konsolidering"]["rader"][0]["andel_befintliga_kunder_procent"],
        Value::Null
    );
}

#[test]
fn applicability_reads_as_the_template_names_it() {
    let m = Miljo::ny();
    let mut del = exempel();
    del["portfoljanalys"]["tillamplighet"] =
        json!({"status": "ej_tillamplig", "skal": "Inga pågående insatser i år."});
    let fil = m.del("del.underlag.json", &del, None);
    let vy = ok(m.forhandsgranska(&fil));
    let p = post(&vy, "falt:portfoljanalys.tillamplighet");
    assert_eq!(p.typ, Posttyp::Konflikt);
    assert_eq!(p.avsnitt, "1.3 Portföljanalys");
    assert_eq!(p.etikett, "Avsnittet är tillämpligt");
    assert_eq!(p.nuvarande, "Tillämpligt");
    assert_eq!(p.inkommande, "Ej tillämpligt: Inga pågående insatser i år.");
}

#[test]
fn a_part_whose_id_names_another_insats_brings_a_new_one_with_a_free_id() {
    let mut m = Miljo::ny();
    let mut del = exempel();
    // The colleague's "forslag-1" is a different insats from the coordinator's.
    del["foreslagna_insatser"]["insatser"][0] = ny_insats("forslag-1", "E-arkiv");
    let fil = m.del("del.underlag.json", &del, None);
    let vy = ok(m.forhandsgranska(&fil));
    let ny = post(&vy, "ny:foreslagna_insatser.insatser:forslag-1");
    assert_eq!(ny.typ, Posttyp::Ny);
    assert!(
        ny.anmarkning
            .as_deref()
            .unwrap_or_default()
            .contains("forslag-9"),
        "{:?}",
        ny.anmarkning
    );
    // The coordinator's forslag-1 is not compared with it, field by field.
    assert!(poster(&vy).iter().all(|p| p.id != NYTTA_1));
    ok(m.sammanfoga(&fil, &vy, ta(&[&ny.id])));
    let efter = m.dokument();
    let insatser = efter["foreslagna_insatser"]["insatser"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(insatser.len(), 9);
    assert_eq!(
        insatser[0]["namn"],
        "Utvecklad funktionalitet på goteborg.se"
    );
    assert_eq!(insatser[8]["id"], "forslag-9");
    assert_eq!(insatser[8]["namn"], "E-arkiv");
}

#[test]
fn an_insats_renamed_in_the_part_is_found_by_name_when_its_id_differs() {
    let m = Miljo::ny();
    let mut del = exempel();
    del["foreslagna_insatser"]["insatser"][0]["id"] = json!("annat-id");
    del["foreslagna_insatser"]["insatser"][0]["strategisk"]["nytta"] = json!("Ny nytta");
    let fil = m.del("del.underlag.json", &del, None);
    let vy = ok(m.forhandsgranska(&fil));
    assert_eq!((vy.nya, vy.konflikter), (0, 1), "{vy:#?}");
    assert_eq!(
        post(
            &vy,
            "foreslagna_insatser.insatser:annat-id:strategisk.nytta"
        )
        .nuvarande,
        "En modern och effektiv webbplats"
    );
}

#[test]
fn a_part_of_another_kind_or_year_is_refused_and_another_organisation_warned() {
    let m = Miljo::ny();
    let plan = Dokument::nytt(
        Dokumenttyp::Tjansteplan,
        "Intraservice",
        2024,
        "tjansteplan-2023",
    );
    let fil = m.katalog.path().join("plan.underlag.json");
    std::fs::write(&fil, exchange::skriv(&plan)).unwrap_or_else(|e| panic!("{e}"));
    let e = fel(m.forhandsgranska(&fil));
    assert_eq!(e.kod, Felkod::Ogiltig);
    assert!(
        e.meddelande.contains("samma slags dokument"),
        "{}",
        e.meddelande
    );

    let mut del = exempel();
    del["meta"]["analysar"] = json!(2025);
    let fil = m.del("2025.underlag.json", &del, None);
    let e = fel(m.forhandsgranska(&fil));
    assert!(
        e.meddelande.contains("år 2025") && e.meddelande.contains("år 2024"),
        "{}",
        e.meddelande
    );

    let mut del = exempel();
    del["meta"]["organisation"] = json!("Intraservicenämnden");
    let fil = m.del("annan.underlag.json", &del, None);
    let vy = ok(m.forhandsgranska(&fil));
    assert!(
        vy.varningar
            .iter()
            .any(|v| v.contains("Intraservicenämnden")),
        "{:?}",
        vy.varningar
    );
    // A file that is no exchange file is the reader's Swedish error.
    let trasig = m.katalog.path().join("trasig.underlag.json");
    std::fs::write(&trasig, "{\"format_version\": 1").unwrap_or_else(|e| panic!("{e}"));
    let e = fel(m.forhandsgranska(&trasig));
    assert_eq!(e.kod, Felkod::Import);
    assert!(
        e.meddelande.contains("inte giltig JSON"),
        "{}",
        e.meddelande
    );
}

#[test]
fn stale_input_is_refused_and_changes_nothing() {
    let mut m = Miljo::ny();
    let mut del = exempel();
    del["foreslagna_insatser"]["insatser"][0]["strategisk"]["koppling_till_beslutade_mal"] =
        json!("Budget 2024");
    let fil = m.del("del.underlag.json", &del, None);
    let vy = ok(m.forhandsgranska(&fil));
    let id = poster(&vy)[0].id.clone();

    // The document was edited after the preview.
    ok(m.p.andra(AndraArg {
        id: m.id,
        andring: Andring::Satt {
            falt: "effekthemtagning.leverantorens_analys".into(),
            varde: json!("Ändrad efter förhandsgranskningen"),
        },
    }));
    let fore = m.dokument();
    let e = fel(m.sammanfoga(&fil, &vy, ta(&[&id])));
    assert!(
        e.meddelande.contains("Förhandsgranska delen igen"),
        "{}",
        e.meddelande
    );
    // The file was replaced after the preview.
    let vy = ok(m.forhandsgranska(&fil));
    del["foreslagna_insatser"]["insatser"][0]["strategisk"]["koppling_till_beslutade_mal"] =
        json!("Något annat");
    m.del("del.underlag.json", &del, None);
    let e = fel(m.sammanfoga(&fil, &vy, ta(&[&id])));
    assert!(
        e.meddelande
            .contains("har ändrats sedan förhandsgranskningen"),
        "{}",
        e.meddelande
    );
    // An item the comparison does not have.
    let vy = ok(m.forhandsgranska(&fil));
    let e = fel(m.sammanfoga(&fil, &vy, ta(&["falt:finns.inte"])));
    assert!(e.meddelande.contains("falt:finns.inte"), "{}", e.meddelande);
    // No name.
    let e = fel(m.p.sammanfoga(SammanfogaArg {
        id: m.id,
        sokvag: fil.display().to_string(),
        revision: vy.revision,
        fil_sha256: vy.fil_sha256.clone(),
        val: ta(&[&id]),
        av: "  ".into(),
    }));
    assert_eq!(e.falt.as_deref(), Some("av"));
    assert_eq!(m.dokument(), fore);
    assert!(ok(m.p.sammanfogningar(IdArg { id: m.id })).is_empty());
}

#[test]
fn a_merge_that_would_break_an_invariant_changes_nothing() {
    let m = Miljo::ny();
    let db = m.katalog.path().join("db.sqlite");
    let (mut store, _) =
        underlag::store::Store::oppna(&db, &Nyckelval::med_nyckel(TESTNYCKEL, &db))
            .unwrap_or_else(|e| panic!("{e}"));
    let (fore, revision) = store.hamta(m.id).unwrap_or_else(|e| panic!("{e}"));
    let journal = store.journal(m.id).unwrap_or_else(|e| panic!("{e}")).len();
    let andringar = [
        Andring::Satt {
            falt: "effekthemtagning.leverantorens_analys".into(),
            varde: json!("Första ändringen gick bra"),
        },
        // The second names a tjänst the catalogue lacks.
        Andring::Satt {
            falt: "kostnader.forvaltning.rader[0].tjanst".into(),
            varde: json!("finns-inte"),
        },
    ];
    let e = store
        .sammanfoga(
            m.id,
            revision,
            &andringar,
            &NySammanfogning {
                av: "Kim",
                filnamn: "del.underlag.json",
                fil_sha256: "ab",
                med_bas: false,
                tagna: &[],
                behallna: &[],
            },
        )
        .err()
        .unwrap_or_else(|| panic!("sammanfogningen skulle ha nekats"));
    assert!(e.to_string().contains("finns-inte"), "{e}");
    let (efter, revision_efter) = store.hamta(m.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(efter, fore);
    assert_eq!(revision_efter, revision);
    assert_eq!(
        store.journal(m.id).unwrap_or_else(|e| panic!("{e}")).len(),
        journal
    );
    assert!(
        store
            .sammanfogningar(m.id)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
}

#[test]
fn a_merge_is_journaled_edits_and_one_undo_step() {
    let mut m = Miljo::ny();
    let fore = m.dokument();
    let journal =
        m.p.store()
            .journal(m.id)
            .unwrap_or_else(|e| panic!("{e}"))
            .len();
    let mut del = exempel();
    del["foreslagna_insatser"]["insatser"][0]["strategisk"]["koppling_till_beslutade_mal"] =
        json!("Budget 2024");
    del["foreslagna_insatser"]["insatser"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("inga insatser"))
        .push(ny_insats("forslag-9", "E-arkiv"));
    let fil = m.del("del.underlag.json", &del, None);
    let vy = ok(m.forhandsgranska(&fil));
    let alla: Vec<String> = poster(&vy).iter().map(|p| p.id.clone()).collect();
    assert_eq!(alla.len(), 2);
    ok(m.sammanfoga(
        &fil,
        &vy,
        Sammanfogningsval {
            ta: alla,
            ta_alla_nya: false,
        },
    ));
    let poster_i_journal = m.p.store().journal(m.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(poster_i_journal.len(), journal + 2);
    assert!(matches!(
        poster_i_journal[journal].andring,
        Andring::LaggTill { .. }
    ));
    assert!(matches!(
        poster_i_journal[journal + 1].andring,
        Andring::Satt { .. }
    ));
    let vy = ok(m.p.angra(IdArg { id: m.id }));
    assert!(!vy.kan_angra);
    assert_eq!(m.dokument(), fore);
}

#[test]
fn a_part_file_carries_its_origin_and_old_files_still_read() {
    let gammal = exchange::las(EXEMPEL.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    // Without an origin the file is exactly what version 1 wrote.
    assert_eq!(exchange::skriv(&gammal), EXEMPEL);
    let ursprung = Ursprung {
        dokument: 4,
        revision: 17,
        sha256: "ab".repeat(32),
    };
    let text = exchange::skriv_med_ursprung(&gammal, Some(&ursprung));
    assert!(
        text.starts_with("{\n  \"format_version\": 2,"),
        "{}",
        &text[..60]
    );
    let (las, u) = exchange::las_med_ursprung(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(las, gammal);
    assert_eq!(u, Some(ursprung));
    let (_, u) = exchange::las_med_ursprung(EXEMPEL.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(u, None);
    // A version 1 file has no `ursprung`: one claiming to is refused, as before.
    let v1 = text.replacen("\"format_version\": 2", "\"format_version\": 1", 1);
    let e = exchange::las(v1.as_bytes())
        .err()
        .unwrap_or_else(|| panic!("skulle nekas"));
    assert!(
        e.to_string().contains("ursprung") && e.to_string().contains("okänt fält"),
        "{e}"
    );
}

#[test]
fn a_database_from_before_merging_is_backed_up_and_upgraded() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = katalog.path().join("underlag.db");
    let nyckel = underlag::store::nyckel::Nyckel::fran_hex(TESTNYCKEL, "test")
        .unwrap_or_else(|e| panic!("{e}"));
    {
        let mut store =
            underlag::store::Store::open(&db, &nyckel).unwrap_or_else(|e| panic!("{e}"));
        let dokument = exchange::las(EXEMPEL.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        store.skapa(&dokument).unwrap_or_else(|e| panic!("{e}"));
    }
    // Back to schema 2, as the release before merging left it.
    {
        let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "key", format!("x'{TESTNYCKEL}'"))
            .unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(
            "DELETE FROM refinery_schema_history WHERE version > 2;
             DROP TABLE utlamnad_del; DROP TABLE sammanfogning; DROP TABLE statusbyte;
             DROP TRIGGER version_tas_inte_bort;
             CREATE TRIGGER version_tas_inte_bort BEFORE DELETE ON version
             BEGIN SELECT RAISE(ABORT, 'En registrerad version kan inte tas bort.'); END;
             ALTER TABLE dokument DROP COLUMN namn; ALTER TABLE dokument DROP COLUMN arkiverad;
             ALTER TABLE dokument DROP COLUMN borttagen;
             ALTER TABLE version DROP COLUMN handelse; ALTER TABLE version DROP COLUMN forum;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut store = underlag::store::Store::open(&db, &nyckel).unwrap_or_else(|e| panic!("{e}"));
    let kopior = store.sakerhetskopior().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        kopior
            .iter()
            .filter(|k| k.orsak == underlag::store::sakerhetskopia::Orsak::ForeMigrering)
            .count(),
        1,
        "{kopior:?}"
    );
    // The new tables work on the upgraded database.
    let (_, ursprung) = store.lamna_ut(1).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        store
            .utgangslage(1, &ursprung)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_some()
    );
    assert!(
        store
            .sammanfogningar(1)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
}

// ----------------------------------------------------------------------------------------------
// The command line

fn cli(katalog: &Path, argument: &[&str]) -> (bool, String, String) {
    let ut = Command::new(env!("CARGO_BIN_EXE_underlag"))
        .args(argument)
        .env("UNDERLAG_DB", katalog.join("db.sqlite"))
        .env("UNDERLAG_DB_KEY", TESTNYCKEL)
        .env("USER", "kim")
        .env_remove("UNDERLAG_MALLAR")
        .current_dir(katalog)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        ut.status.success(),
        String::from_utf8_lossy(&ut.stdout).into_owned(),
        String::from_utf8_lossy(&ut.stderr).into_owned(),
    )
}

#[test]
fn the_cli_hands_out_a_part_lists_it_and_merges_only_what_is_taken() {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let k = katalog.path();
    std::fs::write(k.join("a.underlag.json"), EXEMPEL).unwrap_or_else(|e| panic!("{e}"));
    assert!(cli(k, &["import", "a.underlag.json"]).0);
    let (klar, _, fel) = cli(
        k,
        &["export-json", "1", "-o", "del.underlag.json", "--part"],
    );
    assert!(klar, "{fel}");
    let mut fil: Value = serde_json::from_slice(
        &std::fs::read(k.join("del.underlag.json")).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fil["format_version"], 2);
    assert_eq!(fil["ursprung"]["dokument"], 1);
    fil["dokument"]["foreslagna_insatser"]["insatser"][1]["strategisk"]["nytta"] =
        json!("Kollegans nytta");
    fil["dokument"]["foreslagna_insatser"]["insatser"]
        .as_array_mut()
        .unwrap_or_else(|| panic!("inga insatser"))
        .push(ny_insats("forslag-9", "E-arkiv"));
    std::fs::write(k.join("del.underlag.json"), fil.to_string()).unwrap_or_else(|e| panic!("{e}"));

    // No choice: the list, and nothing stored.
    let (klar, ut, fel) = cli(k, &["merge", "1", "del.underlag.json"]);
    assert!(klar, "{fel}");
    assert!(
        ut.contains("[ändrad] foreslagna_insatser.insatser:forslag-2:strategisk.nytta"),
        "{ut}"
    );
    assert!(
        ut.contains("[ny] ny:foreslagna_insatser.insatser:forslag-9"),
        "{ut}"
    );
    assert!(ut.contains("jämfört med den utlämnade versionen"), "{ut}");
    assert!(ut.contains("Inget har sparats"), "{ut}");
    let (_, ut, _) = cli(k, &["merges", "1"]);
    assert_eq!(ut, "");

    let (klar, ut, _) = cli(
        k,
        &["merge", "1", "del.underlag.json", "--take-new", "--dry-run"],
    );
    assert!(klar && ut.contains("Inget sparat (--dry-run)"), "{ut}");
    let (_, visat, _) = cli(k, &["show", "1"]);
    assert!(!visat.contains("E-arkiv"));

    let (klar, ut, fel) = cli(
        k,
        &[
            "merge",
            "1",
            "del.underlag.json",
            "--take",
            "foreslagna_insatser.insatser:forslag-2:strategisk.nytta",
        ],
    );
    assert!(klar, "{fel}");
    assert!(ut.contains("1 tagna, 1 behållna, av kim"), "{ut}");
    let (_, ut, _) = cli(k, &["merges", "1"]);
    assert!(
        ut.contains("del.underlag.json  av kim: 1 tagna, 1 behållna"),
        "{ut}"
    );
    assert!(ut.contains("med gemensam bas"), "{ut}");
    assert!(
        ut.contains("behöll ny:foreslagna_insatser.insatser:forslag-9"),
        "{ut}"
    );
    let (_, json_ut, _) = cli(k, &["export-json", "1", "-o", "b.underlag.json"]);
    assert!(json_ut.contains("b.underlag.json"));
    let b = std::fs::read_to_string(k.join("b.underlag.json")).unwrap_or_default();
    assert!(b.contains("Kollegans nytta") && !b.contains("E-arkiv"));

    let (klar, _, fel) = cli(k, &["merge", "1", "del.underlag.json", "--take", "okänd"]);
    assert!(!klar);
    assert!(fel.contains("Posten \"okänd\" finns inte"), "{fel}");
}
