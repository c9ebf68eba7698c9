//! The money rules: 3.1 derived from 2.2, stated totals against their rows, the declared index
//! uplift, and amounts that cannot be negative or look typed in the wrong unit.

use super::Granskning;
use super::belopp::{Belopp, Beloppsfel, prova};
use crate::belopp::{formatera_procent, formatera_procent_avrundad, formatera_tkr};
use crate::model::Kronor;
use crate::model::ekonomi::{self, Jamforelse, Kostnadstabell, Slag, kronor};
use crate::template::arsetikett;

pub(super) fn granska(g: &mut Granskning<'_>) {
    if g.aktivt("kostnader") {
        let med_forslag = g.aktivt("foreslagna_insatser");
        for j in ekonomi::jamforelser(g.analys, med_forslag) {
            if j.avviker() {
                rapportera(g, &j);
            }
        }
        saknade_rader(g, med_forslag);
    }
    if g.aktivt("foreslagna_insatser") {
        finansiering(g);
    }
    belopp(g);
}

/// A proposal that asks for money says who pays: the template leaves "Kundgrupp som
/// finansierar" open for a proposal without a budget, the riktlinje not for one with.
fn finansiering(g: &mut Granskning<'_>) {
    let a = g.analys;
    for (j, x) in a.foreslagna_insatser.insatser.iter().enumerate() {
        if x.ekonomisk.projektbudget.summa() != Kronor::ZERO
            && x.ekonomisk.kundgrupp_som_finansierar.trim().is_empty()
        {
            g.rapportera(
                "AA-finansiering",
                format!("foreslagna_insatser.insatser[{j}].ekonomisk.kundgrupp_som_finansierar"),
                format!(
                    "Föreslagen förändringsinsats {} ({}) har en projektbudget men anger inte vem som finansierar den. Fyll i Kundgrupp som finansierar.",
                    j + 1,
                    super::innehall::citera(&x.namn)
                ),
            );
        }
    }
}

/// The rule a money check belongs to; the Kontroller sheet names it beside each check. A
/// derived cell kept apart from 2.2 with a reason is a deviation, not an error.
pub fn regel(j: &Jamforelse) -> &'static str {
    match j.slag {
        Slag::Harledning
            if j.harledning
                .as_ref()
                .is_some_and(|h| h.motivering.is_some()) =>
        {
            "AA-3.1-avvikelse"
        }
        Slag::Harledning => "AA-3.1-derivation",
        Slag::Summa { .. } => "AA-summa",
        Slag::Index { .. } => "AA-3.1-index",
    }
}

fn rapportera(g: &mut Granskning<'_>, j: &Jamforelse) {
    let ar = g.analys.meta.analysar;
    let angivet = j.angivet.unwrap_or(Kronor::ZERO);
    let regel = regel(j);
    let meddelande = match (&j.slag, &j.harledning) {
        (Slag::Harledning, Some(h)) => {
            let skillnad = format!("{}.", h.skillnad());
            match &h.motivering {
                Some(skal) => format!(
                    "{skillnad} Beloppet avviker med avsikt från avsnitt 2.2. Skäl: {}",
                    skal.trim()
                ),
                None => format!(
                    "{skillnad} Totalkostnaden ska härledas från avsnitt 2.2: rätta insatserna i 2.2, använd 2.2:s belopp, eller välj \"Avvik från 2.2\" och skriv skälet."
                ),
            }
        }
        (Slag::Summa { summa }, _) => format!(
            "Totalkostnad för {} i tabellen {} anges till {} men {}. Totalen räknas fram ur raderna; rätta raderna eller den angivna totalen.",
            kolumnetikett(g, j),
            match j.tabell {
                Kostnadstabell::Forvaltning => "Förvaltningskostnader",
                Kostnadstabell::Utveckling => "Utvecklingskostnader",
                Kostnadstabell::NyaInsatser => "Kostnader för nya förändringsinsatser",
            },
            formatera_tkr(angivet),
            match summa {
                Some(summa) => format!("raderna summerar till {}", formatera_tkr(*summa)),
                None => "raderna har inga belopp i kolumnen".to_string(),
            }
        ),
        (Slag::Index { budget, sats }, _) => {
            let vantat = j.harlett.unwrap_or(0.0);
            let implicit = (angivet.0 as f64 / budget.0 as f64 - 1.0) * 100.0;
            format!(
                "Prognos {ar} för \"{}\" ({}) är {} {} än budget {} ({}), men analysen anger en indexuppräkning på {}; den skulle ge {}. Förklara skillnaden i leverantörens analys eller rätta prognosen.",
                j.namn,
                formatera_tkr(angivet),
                formatera_procent_avrundad(implicit.abs()),
                if implicit < 0.0 { "lägre" } else { "högre" },
                ar.saturating_sub(1),
                formatera_tkr(*budget),
                formatera_procent(*sats),
                formatera_tkr(Kronor(
                    ((vantat / 1000.0).round() as i64).saturating_mul(1000)
                )),
            )
        }
        // Every derivation carries its words.
        (Slag::Harledning, None) => return,
    };
    g.rapportera_belopp(
        regel,
        j.sokvag.clone(),
        meddelande,
        Some(angivet),
        Some(kronor(j.harlett.unwrap_or(0.0))),
    );
}

/// The label of a stated total's column: the template's for the cost columns, else the year.
fn kolumnetikett(g: &Granskning<'_>, j: &Jamforelse) -> String {
    let (grupp, falt) = j.falt.split_once('.').unwrap_or(("", &j.falt));
    match (j.tabell, grupp) {
        (Kostnadstabell::NyaInsatser, "kostnad") => format!("År {}", j.ar),
        (_, "paverkan_forvaltningskostnad") => format!("påverkan {}", j.ar),
        _ => g
            .mall
            .avsnitt_med_nyckel("kostnader")
            .and_then(|s| s.tabeller.iter().find(|t| t.nyckel() == j.tabell.nyckel()))
            .and_then(|t| t.kolumner.iter().find(|k| k.nyckel() == j.falt))
            .and_then(|k| arsetikett(&k.etikett, j.ar).ok())
            .unwrap_or_else(|| falt.to_string()),
    }
}

/// Proposals with money whose 3.1 row is missing: nothing to compare, so no check carries them.
fn saknade_rader(g: &mut Granskning<'_>, med_forslag: bool) {
    let a = g.analys;
    let forslag = ekonomi::forslag(a, med_forslag);
    for (tjanst, grupp) in &ekonomi::forslag_per_tjanst(&forslag) {
        if a.kostnader
            .utveckling
            .rader
            .iter()
            .any(|r| &r.tjanst == *tjanst)
        {
            continue;
        }
        for (j, x) in grupp {
            if x.ekonomisk.projektbudget.summa() != Kronor::ZERO
                || x.ekonomisk.paverkan_forvaltningskostnad.summa() != Kronor::ZERO
            {
                g.rapportera("AA-3.1-derivation-saknas", format!("foreslagna_insatser.insatser[{j}].ekonomisk.projektbudget"), format!("Föreslagen förändringsinsats {} ({}) har belopp men \"{}\" saknar rad i 3.1 Utvecklingskostnader inom befintliga tjänster. Lägg till raden.", j + 1, super::innehall::citera(&x.namn), a.tjanstekatalog.namn(tjanst)));
            }
        }
    }

    for (j, x) in forslag.iter().filter(|(_, x)| x.ar_ny_tjanst()) {
        if a.kostnader.nya_insatser.rad_for(&x.id).is_none()
            && x.ekonomisk.projektbudget.summa() != Kronor::ZERO
        {
            g.rapportera("AA-3.1-derivation-saknas", format!("foreslagna_insatser.insatser[{j}].ekonomisk.projektbudget"), format!("Föreslagen förändringsinsats {} ({}) gäller en ny tjänst men saknar rad i 3.1 Kostnader för nya förändringsinsatser. Lägg till raden.", j + 1, super::innehall::citera(&x.namn)));
        }
    }
}

fn belopp(g: &mut Granskning<'_>) {
    let a = g.analys;
    // (path, amount, may it be negative, is the field in tkr)
    let mut alla: Vec<(String, Kronor, bool, bool)> = Vec::new();
    let mut lagg = |sokvag: String, belopp: Option<Kronor>, negativt_ok: bool, tkr: bool| {
        if let Some(b) = belopp {
            alla.push((sokvag, b, negativt_ok, tkr));
        }
    };
    lagg(
        "portfoljanalys.total_projektbudget.belopp".into(),
        a.portfoljanalys.total_projektbudget.belopp,
        false,
        false,
    );
    for (i, x) in a.foreslagna_insatser.insatser.iter().enumerate() {
        let pb = &x.ekonomisk.projektbudget;
        let pf = &x.ekonomisk.paverkan_forvaltningskostnad;
        for (falt, b, p) in [
            ("ar", pb.ar, pf.ar),
            ("ar_plus_1", pb.ar_plus_1, pf.ar_plus_1),
            ("ar_plus_2", pb.ar_plus_2, pf.ar_plus_2),
            ("senare", pb.senare, pf.senare),
        ] {
            lagg(
                format!("foreslagna_insatser.insatser[{i}].ekonomisk.projektbudget.{falt}"),
                b,
                false,
                false,
            );
            lagg(
                format!(
                    "foreslagna_insatser.insatser[{i}].ekonomisk.paverkan_forvaltningskostnad.{falt}"
                ),
                p,
                true,
                false,
            );
        }
    }
    // Costs, budgets and utfall of both 3.1 tables of existing tjänster.
    let forvaltning = a.kostnader.forvaltning.rader.iter().map(|r| &r.kostnad);
    let utveckling = a.kostnader.utveckling.rader.iter().map(|r| &r.kostnad);
    let tabeller = (forvaltning.enumerate().map(|(i, k)| ("forvaltning", i, k)))
        .chain(utveckling.enumerate().map(|(i, k)| ("utveckling", i, k)));
    for (tabell, i, kostnad) in tabeller {
        for (falt, b) in kostnad.med_falt() {
            lagg(
                format!("kostnader.{tabell}.rader[{i}].kostnad.{falt}"),
                b,
                false,
                true,
            );
        }
    }
    for (i, r) in a.kostnader.utveckling.rader.iter().enumerate() {
        for (falt, b) in r.paverkan_forvaltningskostnad.med_falt() {
            let sokvag =
                format!("kostnader.utveckling.rader[{i}].paverkan_forvaltningskostnad.{falt}");
            lagg(sokvag, b, true, true);
        }
    }
    for (i, r) in a.kostnader.nya_insatser.rader.iter().enumerate() {
        for (falt, b) in r.kostnad.med_falt() {
            lagg(
                format!("kostnader.nya_insatser.rader[{i}].kostnad.{falt}"),
                b,
                false,
                true,
            );
        }
    }
    for (sokvag, belopp, negativt_ok, tkr) in alla {
        let b = Belopp {
            sokvag,
            belopp,
            negativt_ok,
            tkr,
            minskning: Some("påverkan på förvaltningskostnad"),
        };
        match prova(&b) {
            Some((Beloppsfel::Negativt, rad)) => g.rapportera("AA-belopp-negativ", b.sokvag, rad),
            Some((Beloppsfel::Enhet, rad)) => g.rapportera("AA-belopp-enhet", b.sokvag, rad),
            None => {}
        }
    }
}
