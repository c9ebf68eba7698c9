//! 3.1 kept in step with 2.2, and 3.2's current key with the tjänstekatalog: the consequences of
//! one edit, as further edits.
//!
//! The template says 3.1's totals "ska härledas från avsnitt 2.2", so no amount is typed twice:
//! an edit that changes 2.2 (or adds a 3.1 row) brings the 3.1 cells derived from it along, and
//! an edit that puts a derived cell out of step with 2.2 is refused unless the cell carries an
//! override with a written reason (`Overstyrning`). The consequences are ordinary `Andring`s,
//! stored and journaled with the edit in one transaction, so undo takes them back together and
//! a merge replays them like anything else.
//!
//! Only cells that were in step (or empty, or new) follow. A cell that already disagreed, as an
//! imported analysis may, is left as it stands: the validator names it and the app offers
//! "Använd 2.2:s belopp" or an override, so nothing the author wrote is silently replaced.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::belopp::formatera_tkr;
use crate::edit::{Andring, Andringsfel};
use crate::model::ekonomi::{self, Harledning};
use crate::model::{ArligAnalys, Dokument, Kronor};
use crate::template::Mall;
use crate::validate::{avsnitt_aktivt, harledningar_i};

const FORSLAG: &str = "foreslagna_insatser.insatser";
const UTVECKLING: &str = "kostnader.utveckling.rader";
const NYA: &str = "kostnader.nya_insatser.rader";
const NYCKLAR: &str = "fordelningsnycklar.rader";

/// The edits that carry out `andring` on `fore`: the edit itself with what must go before it
/// (a removed proposal's own 3.1 row) and after it (derived cells and rows kept in step).
/// Refuses, naming the cell, an edit that would put a derived cell out of step with 2.2.
pub fn med_foljder(
    fore: &Dokument,
    andring: Andring,
    mall: &Mall,
) -> Result<Vec<Andring>, Andringsfel> {
    let Dokument::ArligAnalys(analys) = fore else {
        return Ok(vec![andring]);
    };
    // An undo or redo restores a whole state, derived cells included.
    if matches!(andring, Andring::Aterstall { .. }) {
        return Ok(vec![andring]);
    }
    if !kan_paverka(andring.sokvag()) {
        return Ok(vec![andring]);
    }
    let mut plan = fore_andringen(analys, &andring);
    plan.push(andring);
    let mut efter = fore.clone();
    for a in &plan {
        efter = a.tillampa(&efter)?;
    }
    if let Some(andring) = plan.last() {
        vagra_avvikelse(&efter, andring, mall)?;
    }
    let saknade = saknade_rader(&efter, mall);
    // Until consequences are added, the plan's last edit is the user's own.
    vagra_borttagning(analys, plan.last(), &saknade)?;
    for a in saknade {
        efter = a.tillampa(&efter)?;
        plan.push(a);
    }
    for a in i_takt(fore, &efter, mall)
        .into_iter()
        .chain(nycklar_i_takt(fore, &efter, mall))
    {
        efter = a.tillampa(&efter)?;
        plan.push(a);
    }
    Ok(plan)
}

/// The parts of an analysis a derivation reads (2.2, 3.1, 3.2, the catalogue, and `meta` for the
/// year): an edit elsewhere has no consequence, and costs no more than before derivation.
const LASTA_AVSNITT: [&str; 5] = [
    "foreslagna_insatser",
    "kostnader",
    "fordelningsnycklar",
    "tjanstekatalog",
    "meta",
];

fn kan_paverka(sokvag: &str) -> bool {
    let rot = sokvag.split(['.', '[']).next().unwrap_or_default();
    LASTA_AVSNITT.contains(&rot)
}

/// The edits that set the derived cell at `sokvag` back to what 2.2 gives and drop its
/// override: "Följ 2.2 igen" and "Använd 2.2:s belopp".
pub fn folj(dokument: &Dokument, sokvag: &str, mall: &Mall) -> Result<Vec<Andring>, Andringsfel> {
    let h = harledning_vid(dokument, sokvag, mall)?;
    let (ovriga, hade) = ovriga_overstyrningar(dokument, &h);
    let mut plan = Vec::new();
    if hade {
        plan.push(Andring::Satt {
            falt: format!("{}.overstyrningar", h.rad_sokvag),
            varde: Value::Array(ovriga),
        });
    }
    plan.push(Andring::Satt {
        falt: h.sokvag.clone(),
        varde: belopp_som_json(h.harlett_i_hela_tkr()),
    });
    Ok(plan)
}

/// The edits that keep the derived cell at `sokvag` at `belopp` for the reason `motivering`,
/// replacing an earlier override of the same cell.
pub fn overstyr(
    dokument: &Dokument,
    sokvag: &str,
    belopp: Option<Kronor>,
    motivering: &str,
    mall: &Mall,
) -> Result<Vec<Andring>, Andringsfel> {
    let h = harledning_vid(dokument, sokvag, mall)?;
    if motivering.trim().is_empty() {
        return Err(Andringsfel::Vagrad {
            sokvag: sokvag.to_string(),
            meddelande: format!(
                "Skriv skälet till att {} avviker från avsnitt 2.2; en avvikelse utan skäl godtas inte.",
                forsta_liten(&h.vad)
            ),
        });
    }
    let (mut overstyrningar, _) = ovriga_overstyrningar(dokument, &h);
    overstyrningar.push(json!({ "falt": h.falt, "motivering": motivering.trim() }));
    Ok(vec![
        Andring::Satt {
            falt: format!("{}.overstyrningar", h.rad_sokvag),
            varde: Value::Array(overstyrningar),
        },
        Andring::Satt {
            falt: h.sokvag.clone(),
            varde: belopp_som_json(belopp),
        },
    ])
}

fn harledning_vid(
    dokument: &Dokument,
    sokvag: &str,
    mall: &Mall,
) -> Result<Harledning, Andringsfel> {
    harledningar_i(dokument, mall)
        .into_iter()
        .find(|h| h.sokvag == sokvag)
        .ok_or_else(|| Andringsfel::Vagrad {
            sokvag: sokvag.to_string(),
            meddelande: "Fältet är ingen cell i 3.1 som härleds från avsnitt 2.2.".into(),
        })
}

/// The row's overrides of other cells than `h`'s, and whether it had one of `h`'s.
fn ovriga_overstyrningar(dokument: &Dokument, h: &Harledning) -> (Vec<Value>, bool) {
    let alla = match dokument {
        Dokument::ArligAnalys(a) if h.rad_sokvag.starts_with(UTVECKLING) => a
            .kostnader
            .utveckling
            .rader
            .iter()
            .find(|r| r.tjanst.0 == h.rad)
            .map(|r| r.overstyrningar.as_slice()),
        Dokument::ArligAnalys(a) => a
            .kostnader
            .nya_insatser
            .rader
            .iter()
            .find(|r| r.insats.0 == h.rad)
            .map(|r| r.overstyrningar.as_slice()),
        _ => None,
    }
    .unwrap_or_default();
    let ovriga: Vec<Value> = alla
        .iter()
        .filter(|o| o.falt != h.falt)
        .map(|o| json!({ "falt": o.falt, "motivering": o.motivering }))
        .collect();
    let hade = ovriga.len() != alla.len();
    (ovriga, hade)
}

fn belopp_som_json(belopp: Option<Kronor>) -> Value {
    belopp.map_or(Value::Null, |k| Value::from(k.0))
}

fn forsta_liten(text: &str) -> String {
    let mut tecken = text.chars();
    tecken.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(tecken).collect::<String>()
    })
}

/// A proposal's row in 3.1 nya förändringsinsatser refers to it, so removing the proposal
/// removes that row first.
fn fore_andringen(analys: &ArligAnalys, andring: &Andring) -> Vec<Andring> {
    let Andring::TaBort { lista, index } = andring else {
        return Vec::new();
    };
    if lista != FORSLAG {
        return Vec::new();
    }
    analys
        .foreslagna_insatser
        .insatser
        .get(*index)
        .and_then(|x| analys.kostnader.nya_insatser.rad_for(&x.id))
        .map(|(rad, _)| Andring::TaBort {
            lista: NYA.into(),
            index: rad,
        })
        .into_iter()
        .collect()
}

/// Refuses a value typed into a derived cell that disagrees with 2.2 while the cell has no
/// override: the author either changes 2.2 or writes why the cell differs.
fn vagra_avvikelse(efter: &Dokument, andring: &Andring, mall: &Mall) -> Result<(), Andringsfel> {
    if !matches!(
        andring,
        Andring::Satt { .. } | Andring::SattBelopp { .. } | Andring::SattTal { .. }
    ) {
        return Ok(());
    }
    let sokvag = andring.sokvag();
    let Some(h) = harledningar_i(efter, mall)
        .into_iter()
        .find(|h| h.sokvag == sokvag)
    else {
        return Ok(());
    };
    if h.motivering.is_some() || !h.avviker() {
        return Ok(());
    }
    let harlett = h
        .harlett_i_hela_tkr()
        .map_or_else(|| "inget belopp".to_string(), formatera_tkr);
    Err(Andringsfel::Vagrad {
        sokvag: sokvag.to_string(),
        meddelande: format!(
            "{} härleds från avsnitt 2.2: {} ger {harlett}. Ändra insatserna i 2.2, eller välj \"Avvik från 2.2\" och skriv skälet till avvikelsen.",
            h.vad, h.kalla
        ),
    })
}

/// Refuses removing a 3.1 row that 2.2 calls for (it would come straight back): the author
/// changes 2.2 instead.
fn vagra_borttagning(
    analys: &ArligAnalys,
    andring: Option<&Andring>,
    saknade: &[Andring],
) -> Result<(), Andringsfel> {
    let Some(Andring::TaBort { lista, index }) = andring else {
        return Ok(());
    };
    let (nyckel, id, namn) = match lista.as_str() {
        UTVECKLING => match analys.kostnader.utveckling.rader.get(*index) {
            Some(r) => (
                "tjanst",
                r.tjanst.0.as_str(),
                analys.tjanstekatalog.namn(&r.tjanst),
            ),
            None => return Ok(()),
        },
        NYA => match analys.kostnader.nya_insatser.rader.get(*index) {
            Some(r) => {
                let namn = analys
                    .foreslagna_insatser
                    .insatser
                    .iter()
                    .find(|x| x.id == r.insats)
                    .map_or(r.insats.0.as_str(), |x| x.namn.as_str());
                ("insats", r.insats.0.as_str(), namn)
            }
            None => return Ok(()),
        },
        _ => return Ok(()),
    };
    let kommer_tillbaka = saknade.iter().any(|a| {
        matches!(a, Andring::LaggTill { varde, .. } if varde.get(nyckel).and_then(Value::as_str) == Some(id))
    });
    if kommer_tillbaka {
        return Err(Andringsfel::Vagrad {
            sokvag: lista.clone(),
            meddelande: format!(
                "Raden för \"{namn}\" härleds från förslagen med belopp i avsnitt 2.2 och kan inte tas bort så länge de finns. Ändra eller ta bort förslagen i 2.2."
            ),
        });
    }
    Ok(())
}

/// 3.1 rows that 2.2 calls for and that are missing: a row per existing tjänst that proposals
/// with money develop, and a row per proposal with money for a new tjänst.
fn saknade_rader(efter: &Dokument, mall: &Mall) -> Vec<Andring> {
    let Dokument::ArligAnalys(a) = efter else {
        return Vec::new();
    };
    let json = efter.to_value();
    if !avsnitt_aktivt(mall, &json, "kostnader")
        || !avsnitt_aktivt(mall, &json, "foreslagna_insatser")
    {
        return Vec::new();
    }
    let forslag = ekonomi::forslag(a, true);
    let har_belopp = |x: &crate::model::ForeslagenInsats| {
        x.ekonomisk.projektbudget.summa() != Kronor::ZERO
            || x.ekonomisk.paverkan_forvaltningskostnad.summa() != Kronor::ZERO
    };
    let mut ut = Vec::new();
    for (tjanst, grupp) in ekonomi::forslag_per_tjanst(&forslag) {
        let finns = a
            .kostnader
            .utveckling
            .rader
            .iter()
            .any(|r| &r.tjanst == tjanst);
        if !finns && grupp.iter().any(|(_, x)| har_belopp(x)) {
            ut.push(Andring::LaggTill {
                lista: UTVECKLING.into(),
                index: None,
                varde: json!({ "tjanst": tjanst }),
            });
        }
    }
    for (_, x) in forslag.iter().filter(|(_, x)| x.ar_ny_tjanst()) {
        if a.kostnader.nya_insatser.rad_for(&x.id).is_none() && har_belopp(x) {
            ut.push(Andring::LaggTill {
                lista: NYA.into(),
                index: None,
                varde: json!({ "insats": x.id }),
            });
        }
    }
    ut
}

/// A derived cell by what it is, not where it is: table, row identity and column.
fn nyckel(h: &Harledning) -> (String, String, String) {
    let tabell = h.rad_sokvag.split('[').next().unwrap_or_default();
    (tabell.to_string(), h.rad.clone(), h.falt.clone())
}

/// Derived cells that were in step (or did not exist) before the edit and are not after it,
/// set to what 2.2 now gives.
fn i_takt(fore: &Dokument, efter: &Dokument, mall: &Mall) -> Vec<Andring> {
    let tidigare: BTreeMap<_, _> = harledningar_i(fore, mall)
        .into_iter()
        .map(|h| (nyckel(&h), h))
        .collect();
    harledningar_i(efter, mall)
        .into_iter()
        .filter(|h| h.motivering.is_none())
        .filter(|h| {
            tidigare
                .get(&nyckel(h))
                .is_none_or(|f| f.motivering.is_none() && !f.avviker())
        })
        .filter(|h| {
            let mal = h.harlett_i_hela_tkr();
            h.avviker() || h.angivet.is_none() != mal.is_none()
        })
        .map(|h| Andring::Satt {
            varde: belopp_som_json(h.harlett_i_hela_tkr()),
            falt: h.sokvag,
        })
        .collect()
}

/// 3.2's "Nuvarande fördelningsnyckel" from the tjänstekatalog: filled where empty, and
/// following the catalogue where it said what the catalogue said before the edit.
fn nycklar_i_takt(fore: &Dokument, efter: &Dokument, mall: &Mall) -> Vec<Andring> {
    let (Dokument::ArligAnalys(f), Dokument::ArligAnalys(e)) = (fore, efter) else {
        return Vec::new();
    };
    if !avsnitt_aktivt(mall, &efter.to_value(), "fordelningsnycklar") {
        return Vec::new();
    }
    let katalogens = |a: &ArligAnalys, tjanst: &crate::model::TjanstId| {
        a.tjanstekatalog
            .get(tjanst)
            .map(|t| t.nuvarande_fordelningsnyckel.trim().to_string())
            .unwrap_or_default()
    };
    e.fordelningsnycklar
        .rader
        .iter()
        .enumerate()
        .filter_map(|(i, rad)| {
            let nu = katalogens(e, &rad.tjanst);
            let angiven = rad.nuvarande.trim();
            let foljde = angiven.is_empty() || angiven == katalogens(f, &rad.tjanst);
            (!nu.is_empty() && angiven != nu && foljde).then(|| Andring::Satt {
                falt: format!("{NYCKLAR}[{i}].nuvarande"),
                varde: Value::String(nu),
            })
        })
        .collect()
}
