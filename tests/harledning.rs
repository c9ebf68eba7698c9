//! 3.1 derived from 2.2 in the app (issue 19, item 2): the cells follow 2.2 without being
//! typed, rows 2.2 calls for appear, a deviation needs a written reason that reaches the
//! Granskning and the Word document, and 3.2's current key follows the tjänstekatalog.
//! Expected figures are the example's own (its 2.2 proposals in kronor), never the code's.

mod common;
use common::{TESTNYCKEL, dokumenttext, rader, vid};
use std::io::Cursor;
use std::path::Path;

use serde_json::{Value, json};
use underlag::app::{
    AndraArg, Dokumentvy, ExempelArg, ExportArg, Exportformat, Felkod, FoljArg, IdArg, Kommandofel,
    OverstyrArg, Program, Svar,
};
use underlag::edit::Andring;
use underlag::store::nyckel::Nyckelval;

fn ok<T>(svar: Svar<T>) -> T {
    svar.unwrap_or_else(|e| panic!("kommandot misslyckades: {e:?}"))
}

fn fel<T: std::fmt::Debug>(svar: Svar<T>) -> Kommandofel {
    match svar {
        Err(e) => e,
        Ok(v) => panic!("kommandot skulle ha misslyckats men gav {v:?}"),
    }
}

fn med_exempel() -> (tempfile::TempDir, Program, Dokumentvy) {
    let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = katalog.path().join("db.sqlite");
    let mut p = ok(Program::oppna(&db, &Nyckelval::med_nyckel(TESTNYCKEL, &db)));
    let vy = ok(p.oppna_exempel(ExempelArg::default()));
    (katalog, p, vy)
}

/// Exports the document (confirming past its fel, as the example has some) and reads the file.
fn exportera(p: &mut Program, id: i64, format: Exportformat, fil: &Path) -> Vec<u8> {
    ok(p.exportera(ExportArg {
        id,
        format,
        sokvag: fil.to_string_lossy().into_owned(),
        anvisningar: false,
        slutlig: false,
        bekraftat: true,
        datum: None,
        arbete: None,
    }));
    std::fs::read(fil).unwrap_or_else(|e| panic!("{e}"))
}

fn andra(p: &mut Program, vy: &Dokumentvy, andring: Andring) -> Svar<Dokumentvy> {
    p.andra(AndraArg { id: vy.id, andring })
}

fn satt(falt: &str, varde: Value) -> Andring {
    Andring::Satt {
        falt: falt.into(),
        varde,
    }
}

/// The index of the row of `lista` whose `nyckel` is `varde`.
fn rad(vy: &Dokumentvy, lista: &str, nyckel: &str, varde: &str) -> usize {
    rader(&vy.dokument, lista)
        .iter()
        .position(|r| r.get(nyckel).is_some_and(|v| v == varde))
        .unwrap_or_else(|| panic!("ingen rad med {nyckel} = {varde} i {lista}"))
}

/// The index of the proposal with id `id` in 2.2.
fn forslag(vy: &Dokumentvy, id: &str) -> usize {
    rad(vy, "foreslagna_insatser.insatser", "id", id)
}

/// The sum, in kronor, of field `falt` over the proposals developing `tjanst`, read from the
/// document as the author wrote 2.2.
fn summa_2_2(vy: &Dokumentvy, tjanst: &str, falt: &str) -> i64 {
    rader(&vy.dokument, "foreslagna_insatser.insatser")
        .iter()
        .filter(|x| {
            vid(x, "strategisk.tjanster")
                .get(0)
                .is_some_and(|t| t == tjanst)
        })
        .filter_map(|x| vid(x, falt).as_i64())
        .sum()
}

fn fynd_for<'v>(vy: &'v Dokumentvy, sokvag: &str) -> Vec<(&'v str, &'v str)> {
    vy.fynd
        .iter()
        .filter(|f| f.sokvag == sokvag)
        .map(|f| (f.regel, f.meddelande.as_str()))
        .collect()
}

const PROGNOS_EXTERN: &str = "kostnader.utveckling.rader[0].kostnad.prognos";

#[test]
fn a_changed_projektbudget_in_22_is_followed_by_its_31_cell_and_undone_with_it() {
    let (_k, mut p, vy) = med_exempel();
    assert_eq!(
        rad(
            &vy,
            "kostnader.utveckling.rader",
            "tjanst",
            "extern-service"
        ),
        0
    );
    let i = forslag(&vy, "forslag-2");
    let fore = vid(&vy.dokument, PROGNOS_EXTERN).as_i64();
    assert_eq!(
        fore,
        Some(summa_2_2(
            &vy,
            "extern-service",
            "ekonomisk.projektbudget.ar"
        )),
        "exemplets cell följer 2.2"
    );

    let efter = ok(p.andra(AndraArg {
        id: vy.id,
        andring: Andring::SattBelopp {
            falt: format!("foreslagna_insatser.insatser[{i}].ekonomisk.projektbudget.ar"),
            text: "500 000".into(),
            enhet: underlag::belopp::Enhet::Kronor,
        },
    }));
    let vantat = summa_2_2(&efter, "extern-service", "ekonomisk.projektbudget.ar");
    assert_eq!(vantat, fore.unwrap_or(0) + 200_000);
    assert_eq!(vid(&efter.dokument, PROGNOS_EXTERN).as_i64(), Some(vantat));
    assert!(
        fynd_for(&efter, PROGNOS_EXTERN).is_empty(),
        "{:?}",
        efter.fynd
    );

    // One edit, one undo step: 2.2 and 3.1 go back together.
    let angrad = ok(p.angra(IdArg { id: vy.id }));
    assert_eq!(angrad.dokument, vy.dokument);
}

#[test]
fn a_value_typed_into_a_derived_cell_that_disagrees_is_refused_and_nothing_changes() {
    let (_k, mut p, vy) = med_exempel();
    let e = fel(p.andra(AndraArg {
        id: vy.id,
        andring: Andring::SattBelopp {
            falt: PROGNOS_EXTERN.into(),
            text: "5 000".into(),
            enhet: underlag::belopp::Enhet::Tkr,
        },
    }));
    assert_eq!(e.kod, Felkod::Ogiltig);
    assert_eq!(e.falt.as_deref(), Some(PROGNOS_EXTERN));
    assert!(e.meddelande.contains("Extern service"), "{}", e.meddelande);
    assert!(e.meddelande.contains("4 250 tkr"), "{}", e.meddelande);
    assert!(e.meddelande.contains("Avvik från 2.2"), "{}", e.meddelande);
    let nu = ok(p.hamta_dokument(IdArg { id: vy.id }));
    assert_eq!(nu.dokument, vy.dokument);
    assert_eq!(nu.revision, vy.revision);

    // The same amount as 2.2 gives is accepted (rounded to whole tkr by whoever typed it).
    ok(p.andra(AndraArg {
        id: vy.id,
        andring: Andring::SattBelopp {
            falt: PROGNOS_EXTERN.into(),
            text: "4 250".into(),
            enhet: underlag::belopp::Enhet::Tkr,
        },
    }));
}

#[test]
fn an_override_needs_a_reason_shows_it_in_the_granskning_and_stays_until_followed_again() {
    let (katalog, mut p, vy) = med_exempel();
    let overstyr = |p: &mut Program, motivering: &str| {
        p.overstyr_harledning(OverstyrArg {
            id: vy.id,
            sokvag: PROGNOS_EXTERN.into(),
            text: "4 000".into(),
            motivering: motivering.into(),
        })
    };

    let e = fel(overstyr(&mut p, "   "));
    assert_eq!(e.falt.as_deref(), Some(PROGNOS_EXTERN));
    assert!(e.meddelande.contains("Skriv skälet"), "{}", e.meddelande);
    assert!(
        e.meddelande.contains("prognos budget 2024"),
        "{}",
        e.meddelande
    );
    assert_eq!(
        ok(p.hamta_dokument(IdArg { id: vy.id })).dokument,
        vy.dokument
    );

    let skal = "Nämnden beslutade 2023-10-12 att skjuta upp 250 tkr av sökfunktionen.";
    let efter = ok(overstyr(&mut p, skal));
    assert_eq!(
        vid(&efter.dokument, PROGNOS_EXTERN).as_i64(),
        Some(4_000_000)
    );
    let h = efter
        .harledningar
        .iter()
        .find(|h| h.sokvag == PROGNOS_EXTERN)
        .unwrap_or_else(|| panic!("ingen härledning"));
    assert_eq!(h.motivering.as_deref(), Some(skal));
    assert!(h.avviker);
    // A varning that shows the reason, not the fel of an unexplained difference.
    let fynd = fynd_for(&efter, PROGNOS_EXTERN);
    assert_eq!(fynd.len(), 1, "{fynd:?}");
    assert_eq!(fynd[0].0, "AA-3.1-avvikelse");
    assert!(fynd[0].1.contains(skal), "{}", fynd[0].1);
    assert!(fynd[0].1.contains("4 000 tkr") && fynd[0].1.contains("4 250 tkr"));
    let granskning = efter
        .fynd
        .iter()
        .find(|f| f.regel == "AA-3.1-avvikelse")
        .unwrap_or_else(|| panic!("ingen avvikelse i granskningen"));
    assert_eq!(granskning.avsnitt, "3.1");

    // 2.2 changes; the overridden cell keeps its amount.
    let i = forslag(&efter, "forslag-5");
    let andrad = ok(andra(
        &mut p,
        &efter,
        satt(
            &format!("foreslagna_insatser.insatser[{i}].ekonomisk.projektbudget.ar"),
            json!(400_000),
        ),
    ));
    assert_eq!(
        vid(&andrad.dokument, PROGNOS_EXTERN).as_i64(),
        Some(4_000_000)
    );
    // … and the cell may be edited directly while it is overridden.
    let andrad = ok(andra(
        &mut p,
        &andrad,
        satt(PROGNOS_EXTERN, json!(4_100_000)),
    ));
    assert_eq!(
        vid(&andrad.dokument, PROGNOS_EXTERN).as_i64(),
        Some(4_100_000)
    );

    // The reason reaches the Word document, under the 3.1 table.
    let docx = exportera(
        &mut p,
        vy.id,
        Exportformat::Docx,
        &katalog.path().join("analys.docx"),
    );
    let text = dokumenttext(&docx);
    let rad = text
        .split('|')
        .find(|r| r.starts_with("Avviker från avsnitt 2.2 (rad 1, Prognos budget 2024): "))
        .unwrap_or_else(|| panic!("ingen avvikelse i Word"));
    assert!(rad.contains("Extern service"), "{rad}");
    assert!(rad.contains("4 100 tkr"), "{rad}");
    assert!(rad.contains("4 450 tkr"), "{rad}");
    assert!(rad.ends_with(&format!("Skäl: {skal}")), "{rad}");
    let tabell = text.find("Totalkostnad").unwrap_or(usize::MAX);
    assert!(text.find(rad).is_some_and(|i| i > tabell), "under tabellen");

    // Följ 2.2 igen: the cell takes 2.2's sum and the override is gone.
    let foljd = ok(p.folj_harledning(FoljArg {
        id: vy.id,
        sokvag: PROGNOS_EXTERN.into(),
    }));
    let summa = summa_2_2(&foljd, "extern-service", "ekonomisk.projektbudget.ar");
    assert_eq!(summa, 4_450_000);
    assert_eq!(vid(&foljd.dokument, PROGNOS_EXTERN).as_i64(), Some(summa));
    assert!(
        rader(
            &foljd.dokument,
            "kostnader.utveckling.rader[0].overstyrningar"
        )
        .is_empty()
    );
    assert!(
        fynd_for(&foljd, PROGNOS_EXTERN).is_empty(),
        "{:?}",
        foljd.fynd
    );
}

#[test]
fn an_imported_cell_that_disagrees_is_left_alone_and_can_take_22s_figure() {
    let (_k, mut p, vy) = med_exempel();
    // As an imported analysis may: the cell states 5 000 tkr where 2.2 gives 4 250.
    let mut dokument = vy.dokument.clone();
    dokument["kostnader"]["utveckling"]["rader"][0]["kostnad"]["prognos"] = json!(5_000_000);
    let vy = ok(andra(&mut p, &vy, Andring::Aterstall { dokument }));
    assert_eq!(fynd_for(&vy, PROGNOS_EXTERN)[0].0, "AA-3.1-derivation");

    // Another proposal of the same tjänst changes: the disagreeing cell is not overwritten.
    let i = forslag(&vy, "forslag-4");
    let vy = ok(andra(
        &mut p,
        &vy,
        satt(
            &format!("foreslagna_insatser.insatser[{i}].ekonomisk.projektbudget.ar"),
            json!(350_000),
        ),
    ));
    assert_eq!(vid(&vy.dokument, PROGNOS_EXTERN).as_i64(), Some(5_000_000));
    let (regel, meddelande) = fynd_for(&vy, PROGNOS_EXTERN)[0];
    assert_eq!(regel, "AA-3.1-derivation");
    assert!(meddelande.contains("Avvik från 2.2"), "{meddelande}");

    // "Använd 2.2:s belopp".
    let vy = ok(p.folj_harledning(FoljArg {
        id: vy.id,
        sokvag: PROGNOS_EXTERN.into(),
    }));
    assert_eq!(vid(&vy.dokument, PROGNOS_EXTERN).as_i64(), Some(4_300_000));
    assert!(fynd_for(&vy, PROGNOS_EXTERN).is_empty());

    // A path that is no derived cell is refused by name.
    let e = fel(p.folj_harledning(FoljArg {
        id: vy.id,
        sokvag: "kostnader.utveckling.rader[0].kostnad.budget".into(),
    }));
    assert_eq!(
        e.falt.as_deref(),
        Some("kostnader.utveckling.rader[0].kostnad.budget")
    );
}

#[test]
fn a_proposal_for_a_new_tjanst_gets_its_31_row_filled_and_takes_it_along_when_removed() {
    let (_k, mut p, vy) = med_exempel();
    let nya = rader(&vy.dokument, "kostnader.nya_insatser.rader").len();
    let forslag_fore = rader(&vy.dokument, "foreslagna_insatser.insatser").len();
    let vy = ok(andra(
        &mut p,
        &vy,
        Andring::LaggTill {
            lista: "foreslagna_insatser.insatser".into(),
            index: None,
            varde: json!({
                "id": "forslag-ny",
                "namn": "Digital brevlåda",
                "strategisk": { "tjanster": [], "formaga": "ny_tjanst" },
                "ekonomisk": {
                    "projektbudget": { "ar": 800_000, "ar_plus_1": 200_000 },
                    "paverkan_forvaltningskostnad": {
                        "ar_plus_1": 120_000, "ar_plus_2": 120_000
                    },
                },
            }),
        },
    ));
    let rader_nu = rader(&vy.dokument, "kostnader.nya_insatser.rader");
    assert_eq!(rader_nu.len(), nya + 1);
    let ny = &rader_nu[nya];
    assert_eq!(ny["insats"], "forslag-ny");
    assert_eq!(ny["kostnad"]["ar"], 800_000);
    assert_eq!(ny["kostnad"]["ar_plus_1"], 200_000);
    assert!(ny["kostnad"]["ar_plus_2"].is_null());
    assert!(ny["paverkan_forvaltningskostnad"]["ar"].is_null());
    assert_eq!(ny["paverkan_forvaltningskostnad"]["ar_plus_1"], 120_000);
    assert_eq!(ny["paverkan_forvaltningskostnad"]["ar_plus_2"], 120_000);
    assert!(
        !vy.fynd
            .iter()
            .any(|f| f.regel.starts_with("AA-3.1-derivation")
                && f.sokvag
                    .starts_with(&format!("kostnader.nya_insatser.rader[{nya}]"))),
        "{:?}",
        vy.fynd
    );

    let vy = ok(andra(
        &mut p,
        &vy,
        Andring::TaBort {
            lista: "foreslagna_insatser.insatser".into(),
            index: forslag_fore,
        },
    ));
    assert_eq!(
        rader(&vy.dokument, "kostnader.nya_insatser.rader").len(),
        nya
    );
}

#[test]
fn a_proposal_with_money_for_a_tjanst_without_a_31_row_adds_the_row() {
    let (_k, mut p, vy) = med_exempel();
    assert!(
        !rader(&vy.dokument, "kostnader.utveckling.rader")
            .iter()
            .any(|r| r["tjanst"] == "oppna-data")
    );
    let vy = ok(andra(
        &mut p,
        &vy,
        Andring::LaggTill {
            lista: "foreslagna_insatser.insatser".into(),
            index: None,
            varde: json!({
                "id": "forslag-data",
                "namn": "Fler datamängder",
                "strategisk": { "tjanster": ["oppna-data"], "formaga": "befintlig_tjanst" },
                "ekonomisk": { "projektbudget": { "ar": 150_000 } },
            }),
        },
    ));
    let i = rad(&vy, "kostnader.utveckling.rader", "tjanst", "oppna-data");
    let rad = &rader(&vy.dokument, "kostnader.utveckling.rader")[i];
    assert_eq!(rad["kostnad"]["prognos"], 150_000);
    assert!(rad["kostnad"]["budget"].is_null(), "budget är inte härledd");
    assert!(
        !vy.fynd
            .iter()
            .any(|f| f.regel == "AA-3.1-derivation-saknas"),
        "{:?}",
        vy.fynd
    );
}

#[test]
fn the_current_key_in_32_follows_the_tjanstekatalog() {
    let (_k, mut p, vy) = med_exempel();
    let t = rad(&vy, "tjanstekatalog", "id", "oppna-data");
    let r = rad(&vy, "fordelningsnycklar.rader", "tjanst", "oppna-data");
    let nyckel = "Antal publicerade datamängder per nämnd";
    let vy = ok(andra(
        &mut p,
        &vy,
        satt(
            &format!("tjanstekatalog[{t}].nuvarande_fordelningsnyckel"),
            json!(nyckel),
        ),
    ));
    assert_eq!(
        vid(
            &vy.dokument,
            &format!("fordelningsnycklar.rader[{r}].nuvarande")
        ),
        nyckel
    );
    // A row the author wrote differently is not overwritten: only one that said what the
    // catalogue said.
    let k = rad(&vy, "fordelningsnycklar.rader", "tjanst", "kontaktcenter");
    let egen = "Grundbelopp enligt avtal";
    let vy = ok(andra(
        &mut p,
        &vy,
        satt(
            &format!("fordelningsnycklar.rader[{k}].nuvarande"),
            json!(egen),
        ),
    ));
    let tk = rad(&vy, "tjanstekatalog", "id", "kontaktcenter");
    let vy = ok(andra(
        &mut p,
        &vy,
        satt(
            &format!("tjanstekatalog[{tk}].nuvarande_fordelningsnyckel"),
            json!("Antal ärenden"),
        ),
    ));
    assert_eq!(
        vid(
            &vy.dokument,
            &format!("fordelningsnycklar.rader[{k}].nuvarande")
        ),
        egen
    );

    // A new row is filled from the catalogue.
    let vy = ok(andra(
        &mut p,
        &vy,
        Andring::LaggTill {
            lista: "fordelningsnycklar.rader".into(),
            index: None,
            varde: json!({ "tjanst": "kontaktcenter" }),
        },
    ));
    let sista = rader(&vy.dokument, "fordelningsnycklar.rader").len() - 1;
    assert_eq!(
        vid(
            &vy.dokument,
            &format!("fordelningsnycklar.rader[{sista}].nuvarande")
        ),
        "Antal ärenden"
    );
}

#[test]
fn an_override_travels_in_the_exchange_file_which_older_versions_refuse_by_version() {
    let (_k, mut p, vy) = med_exempel();
    let utan = underlag::exchange::skriv(&ok(p.dokument(vy.id)));
    let version = |fil: &str| -> Value {
        serde_json::from_str::<Value>(fil).unwrap_or_else(|e| panic!("{e}"))["format_version"]
            .clone()
    };
    assert_eq!(version(&utan), 1, "utan avvikelse skrivs filen som förut");

    let skal = "Beslut i nämnden";
    ok(p.overstyr_harledning(OverstyrArg {
        id: vy.id,
        sokvag: PROGNOS_EXTERN.into(),
        text: "4 000".into(),
        motivering: skal.into(),
    }));
    let dokument = ok(p.dokument(vy.id));
    let fil = underlag::exchange::skriv(&dokument);
    assert_eq!(version(&fil), 3);
    let tillbaka = underlag::exchange::las(fil.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tillbaka, dokument);
    let v = tillbaka.to_value();
    assert_eq!(
        vid(
            &v,
            "kostnader.utveckling.rader[0].overstyrningar[0].motivering"
        ),
        skal
    );
}

#[test]
fn the_kontroller_sheet_names_an_override_with_its_reason() {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let (katalog, mut p, vy) = med_exempel();
    let skal = "Beslut i nämnden om att skjuta upp en del";
    ok(p.overstyr_harledning(OverstyrArg {
        id: vy.id,
        sokvag: PROGNOS_EXTERN.into(),
        text: "4 000".into(),
        motivering: skal.into(),
    }));
    let bytes = exportera(
        &mut p,
        vy.id,
        Exportformat::Xlsx,
        &katalog.path().join("analys.xlsx"),
    );
    let mut bok: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let blad = bok
        .worksheet_range("Kontroller")
        .unwrap_or_else(|e| panic!("{e}"));
    let rader: Vec<Vec<String>> = blad
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(
        rader[0].get(7).map(String::as_str),
        Some("Skäl till avvikelse")
    );
    let avvikande: Vec<&Vec<String>> = rader
        .iter()
        .filter(|r| r.get(6).is_some_and(|c| c == "AA-3.1-avvikelse"))
        .collect();
    assert_eq!(avvikande.len(), 1, "{rader:?}");
    let rad = avvikande[0];
    assert_eq!(rad[5], "Avvikelse");
    assert_eq!(rad[7], skal);
    assert!(rad[0].contains("Prognos budget 2024"), "{rad:?}");
    assert!(rad[1].contains("Extern service"), "{rad:?}");
}

#[test]
fn a_31_row_that_22_calls_for_cannot_be_removed_while_its_proposals_have_money() {
    let (_k, mut p, vy) = med_exempel();
    let e = fel(andra(
        &mut p,
        &vy,
        Andring::TaBort {
            lista: "kostnader.utveckling.rader".into(),
            index: 0,
        },
    ));
    assert_eq!(e.kod, Felkod::Ogiltig);
    assert_eq!(e.falt.as_deref(), Some("kostnader.utveckling.rader"));
    assert!(
        e.meddelande.contains("Extern service och kommunikation") && e.meddelande.contains("2.2"),
        "{}",
        e.meddelande
    );
    assert_eq!(
        ok(p.hamta_dokument(IdArg { id: vy.id })).dokument,
        vy.dokument
    );
}
