//! The money rules: 3.1 derived from 2.2, stated totals against their rows, the declared index
//! uplift, and amounts that cannot be negative or look typed in the wrong unit.

use std::collections::BTreeMap;

use super::Granskning;
use crate::belopp::{formatera_kr, formatera_procent, formatera_tkr};
use serde::Serialize;

use crate::model::{ArligAnalys, Arsbelopp, ForeslagenInsats, Kronor, TjanstId};
use crate::template::arsetikett;

/// 3.1 is written in whole tkr while 2.2 is in kronor: a difference below one tkr is rounding.
const AVRUNDNING: i64 = 999;
/// Above this an amount is implausible for one tjänst: probably kronor typed where tkr was meant.
const ORIMLIGT_STORT: Kronor = Kronor(10_000_000_000);
/// Below this (but above zero) a kronor amount is probably tkr typed where kronor was meant.
const ORIMLIGT_LITET: Kronor = Kronor(1_000);

pub(super) fn granska(g: &mut Granskning<'_>) {
    if g.aktivt("kostnader") {
        harledning(g);
        angivna_summor(g);
        index(g);
    }
    belopp(g);
}

/// Year k (0 = {år}) of an impact, raised by its index when the proposal says it is indexed.
/// `None` when the proposal states nothing for that year.
pub(super) fn arsbelopp_med_index(
    b: &Arsbelopp,
    k: usize,
    dokumentets_index: Option<f64>,
) -> Option<f64> {
    let ar = b.tre_ar();
    let belopp = ar.get(k).copied().flatten()?;
    let sats = b
        .indexsats_procent
        .or(dokumentets_index)
        .filter(|_| b.indexerad)
        .unwrap_or(0.0);
    let forsta = ar.iter().position(Option::is_some).unwrap_or(k);
    let steg = i32::try_from(k.saturating_sub(forsta)).unwrap_or(0);
    Some(belopp.0 as f64 * (1.0 + sats / 100.0).powi(steg))
}

fn summa(varden: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    varden
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
}

fn kronor(v: f64) -> Kronor {
    Kronor(v.round() as i64)
}

/// A 3.1 cell that is derived from 2.2: what the document states there, what 2.2 gives, and
/// in words where that comes from. The validator compares the two; the app shows the derived
/// figure beside the cell.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Harledning {
    /// Path of the 3.1 cell.
    pub sokvag: String,
    /// "Prognos budget 2024 för \"Extern service\""
    pub vad: String,
    /// "summan av projektbudget 2024 i 2.2 (föreslagna insatser 1, 3)"
    pub kalla: String,
    pub angivet: Option<Kronor>,
    /// Not rounded: indexed impacts have fractions of a krona until they are compared.
    pub harlett: Option<f64>,
}

impl Harledning {
    pub fn harlett_kronor(&self) -> Option<Kronor> {
        self.harlett.map(kronor)
    }

    /// Whether the stated cell differs from 2.2 by more than rounding to whole tkr.
    pub fn avviker(&self) -> bool {
        avviker(self.angivet, self.harlett)
    }
}

fn avviker(angivet: Option<Kronor>, harlett: Option<f64>) -> bool {
    if angivet.is_none() && harlett.is_none() {
        return false;
    }
    let angivet = angivet.unwrap_or(Kronor::ZERO).0 as f64;
    (angivet - harlett.unwrap_or(0.0)).abs() > AVRUNDNING as f64
}

/// Every 3.1 cell that 2.2 determines. `med_forslag` is false when 2.2 is inactive or not
/// applicable: then every derived figure is empty.
pub fn harledningar(a: &ArligAnalys, med_forslag: bool) -> Vec<Harledning> {
    let ar = a.meta.analysar;
    let index = a.kostnader.forvaltning.indexupprakning_procent;
    let forslag: Vec<(usize, &ForeslagenInsats)> = if med_forslag {
        a.foreslagna_insatser.insatser.iter().enumerate().collect()
    } else {
        Vec::new()
    };
    let per_tjanst = per_tjanst(&forslag);
    let mut ut = Vec::new();

    for (i, rad) in a.kostnader.utveckling.rader.iter().enumerate() {
        let namn = a.tjanstekatalog.namn(&rad.tjanst).to_string();
        let grupp = per_tjanst.get(&rad.tjanst).cloned().unwrap_or_default();
        let kallor = if grupp.is_empty() {
            "inga föreslagna insatser i 2.2".to_string()
        } else {
            format!(
                "föreslagna insatser {}",
                grupp
                    .iter()
                    .map(|(j, _)| (j + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        ut.push(Harledning {
            sokvag: format!("kostnader.utveckling.rader[{i}].kostnad.prognos"),
            vad: format!("Prognos budget {ar} för \"{namn}\""),
            kalla: format!("summan av projektbudget {ar} i 2.2 ({kallor})"),
            angivet: rad.kostnad.prognos,
            harlett: summa(
                grupp
                    .iter()
                    .map(|(_, x)| x.ekonomisk.projektbudget.ar.map(|k| k.0 as f64)),
            ),
        });
        for (k, angivet) in rad
            .paverkan_forvaltningskostnad
            .tre_ar()
            .into_iter()
            .enumerate()
        {
            let falt = ["ar", "ar_plus_1", "ar_plus_2"][k];
            ut.push(Harledning {
                sokvag: format!(
                    "kostnader.utveckling.rader[{i}].paverkan_forvaltningskostnad.{falt}"
                ),
                vad: format!(
                    "Påverkan på förvaltningskostnad {} för \"{namn}\"",
                    ar.saturating_add(k as i32)
                ),
                kalla: format!("summan av påverkan i 2.2 ({kallor})"),
                angivet,
                harlett: summa(grupp.iter().map(|(_, x)| {
                    arsbelopp_med_index(&x.ekonomisk.paverkan_forvaltningskostnad, k, index)
                })),
            });
        }
    }

    for (j, x) in forslag.iter().filter(|(_, x)| x.ar_ny_tjanst()) {
        let Some((i, rad)) = a.kostnader.nya_insatser.rad_for(&x.id) else {
            continue;
        };
        let kalla = format!("föreslagen insats {}", j + 1);
        for k in 0..3 {
            let falt = ["ar", "ar_plus_1", "ar_plus_2"][k];
            let ar_k = ar.saturating_add(k as i32);
            ut.push(Harledning {
                sokvag: format!("kostnader.nya_insatser.rader[{i}].kostnad.{falt}"),
                vad: format!("Kostnad år {ar_k} för \"{}\"", x.namn),
                kalla: format!("projektbudgeten i 2.2 ({kalla})"),
                angivet: rad.kostnad.tre_ar()[k],
                harlett: x.ekonomisk.projektbudget.tre_ar()[k].map(|b| b.0 as f64),
            });
            ut.push(Harledning {
                sokvag: format!(
                    "kostnader.nya_insatser.rader[{i}].paverkan_forvaltningskostnad.{falt}"
                ),
                vad: format!("Påverkan på förvaltningskostnad {ar_k} för \"{}\"", x.namn),
                kalla: format!("påverkan i 2.2 ({kalla})"),
                angivet: rad.paverkan_forvaltningskostnad.tre_ar()[k],
                harlett: arsbelopp_med_index(&x.ekonomisk.paverkan_forvaltningskostnad, k, index),
            });
        }
    }
    ut
}

/// Proposals that develop an existing tjänst, grouped by the tjänst they name first.
fn per_tjanst<'a>(
    forslag: &[(usize, &'a ForeslagenInsats)],
) -> BTreeMap<&'a TjanstId, Vec<(usize, &'a ForeslagenInsats)>> {
    let mut per_tjanst: BTreeMap<&TjanstId, Vec<(usize, &ForeslagenInsats)>> = BTreeMap::new();
    for (i, x) in forslag {
        if let Some(t) = x.utvecklar_tjanst() {
            per_tjanst.entry(t).or_default().push((*i, *x));
        }
    }
    per_tjanst
}

fn harledning(g: &mut Granskning<'_>) {
    let a = g.analys;
    let aktiva_forslag = g.aktivt("foreslagna_insatser");
    for h in harledningar(a, aktiva_forslag) {
        jamfor(g, h.angivet, h.harlett, &h.sokvag, &h.vad, &h.kalla);
    }

    let forslag: Vec<(usize, &ForeslagenInsats)> = if aktiva_forslag {
        a.foreslagna_insatser.insatser.iter().enumerate().collect()
    } else {
        Vec::new()
    };
    for (tjanst, grupp) in &per_tjanst(&forslag) {
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

fn jamfor(
    g: &mut Granskning<'_>,
    angivet: Option<Kronor>,
    harlett: Option<f64>,
    sokvag: &str,
    vad: &str,
    kalla: &str,
) {
    if !avviker(angivet, harlett) {
        return;
    }
    let angivet_k = angivet.unwrap_or(Kronor::ZERO);
    let harlett_k = kronor(harlett.unwrap_or(0.0));
    let visa = |k: Option<Kronor>| k.map_or("tomt".to_string(), formatera_tkr);
    g.rapportera_belopp(
        "AA-3.1-derivation",
        sokvag,
        format!("{vad} är {} men {kalla} ger {}. Totalkostnaden ska härledas från avsnitt 2.2: rätta beloppet i 3.1 eller insatserna i 2.2.", visa(angivet), visa(harlett.map(kronor))),
        Some(angivet_k),
        Some(harlett_k),
    );
}

fn angivna_summor(g: &mut Granskning<'_>) {
    let a = g.analys;
    let ar = a.meta.analysar;
    let etikett = |tabell: &str, kolumn: &str, reserv: &str| {
        g.mall
            .avsnitt_med_nyckel("kostnader")
            .and_then(|s| s.tabeller.iter().find(|t| t.nyckel() == tabell))
            .and_then(|t| t.kolumner.iter().find(|k| k.nyckel() == kolumn))
            .and_then(|k| arsetikett(&k.etikett, ar).ok())
            .unwrap_or_else(|| reserv.to_string())
    };
    // (path of the stated total, column label, stated, sum of rows, table)
    type Jamforelse = (String, String, Option<Kronor>, Option<Kronor>, &'static str);
    let mut jamforelser: Vec<Jamforelse> = Vec::new();
    if let Some(angiven) = &a.kostnader.forvaltning.angiven_totalkostnad {
        let summa = a.kostnader.forvaltning.totalkostnad();
        for (falt, s, v) in [
            ("utfall", summa.utfall, angiven.utfall),
            ("budget", summa.budget, angiven.budget),
            ("prognos", summa.prognos, angiven.prognos),
        ] {
            jamforelser.push((
                format!("kostnader.forvaltning.angiven_totalkostnad.{falt}"),
                etikett("forvaltning.rader", &format!("kostnad.{falt}"), falt),
                v,
                s,
                "Förvaltningskostnader",
            ));
        }
    }
    if let Some(angiven) = &a.kostnader.utveckling.angiven_totalkostnad {
        let summa = a.kostnader.utveckling.totalkostnad();
        for (falt, s, v) in [
            ("utfall", summa.kostnad.utfall, angiven.kostnad.utfall),
            ("budget", summa.kostnad.budget, angiven.kostnad.budget),
            ("prognos", summa.kostnad.prognos, angiven.kostnad.prognos),
        ] {
            jamforelser.push((
                format!("kostnader.utveckling.angiven_totalkostnad.kostnad.{falt}"),
                etikett("utveckling.rader", &format!("kostnad.{falt}"), falt),
                v,
                s,
                "Utvecklingskostnader",
            ));
        }
        for (k, (s, v)) in summa
            .paverkan_forvaltningskostnad
            .tre_ar()
            .into_iter()
            .zip(angiven.paverkan_forvaltningskostnad.tre_ar())
            .enumerate()
        {
            let falt = ["ar", "ar_plus_1", "ar_plus_2"][k];
            let namn = format!("påverkan {}", ar.saturating_add(k as i32));
            jamforelser.push((
                format!(
                    "kostnader.utveckling.angiven_totalkostnad.paverkan_forvaltningskostnad.{falt}"
                ),
                namn,
                v,
                s,
                "Utvecklingskostnader",
            ));
        }
    }
    if let Some(angiven) = &a.kostnader.nya_insatser.angiven_totalkostnad {
        let summa = a.kostnader.nya_insatser.totalkostnad();
        for (k, (s, v)) in summa
            .kostnad
            .tre_ar()
            .into_iter()
            .zip(angiven.kostnad.tre_ar())
            .enumerate()
        {
            let falt = ["ar", "ar_plus_1", "ar_plus_2"][k];
            jamforelser.push((
                format!("kostnader.nya_insatser.angiven_totalkostnad.kostnad.{falt}"),
                format!("År {}", ar.saturating_add(k as i32)),
                v,
                s,
                "Kostnader för nya förändringsinsatser",
            ));
        }
        for (k, (s, v)) in summa
            .paverkan_forvaltningskostnad
            .tre_ar()
            .into_iter()
            .zip(angiven.paverkan_forvaltningskostnad.tre_ar())
            .enumerate()
        {
            let falt = ["ar", "ar_plus_1", "ar_plus_2"][k];
            jamforelser.push((format!("kostnader.nya_insatser.angiven_totalkostnad.paverkan_forvaltningskostnad.{falt}"), format!("påverkan {}", ar.saturating_add(k as i32)), v, s, "Kostnader för nya förändringsinsatser"));
        }
    }
    for (sokvag, kolumn, angivet, summa, tabell) in jamforelser {
        let Some(angivet) = angivet else { continue };
        let summa_k = summa.unwrap_or(Kronor::ZERO);
        if angivet != summa_k {
            g.rapportera_belopp(
                "AA-summa",
                sokvag,
                format!("Totalkostnad för {kolumn} i tabellen {tabell} anges till {} men raderna summerar till {}. Totalen räknas fram ur raderna; rätta raderna eller den angivna totalen.", formatera_tkr(angivet), formatera_tkr(summa_k)),
                Some(angivet),
                Some(summa_k),
            );
        }
    }
}

fn index(g: &mut Granskning<'_>) {
    let a = g.analys;
    let Some(sats) = a.kostnader.forvaltning.indexupprakning_procent else {
        return;
    };
    let ar = a.meta.analysar;
    for (i, rad) in a.kostnader.forvaltning.rader.iter().enumerate() {
        let (Some(budget), Some(prognos)) = (rad.kostnad.budget, rad.kostnad.prognos) else {
            continue;
        };
        if budget.0 <= 0 {
            continue;
        }
        let vantat = budget.0 as f64 * (1.0 + sats / 100.0);
        // Both amounts are whole tkr: allow their rounding.
        if (prognos.0 as f64 - vantat).abs() <= 1_000.0 {
            continue;
        }
        let implicit = (prognos.0 as f64 / budget.0 as f64 - 1.0) * 100.0;
        let namn = a.tjanstekatalog.namn(&rad.tjanst).to_string();
        g.rapportera_belopp(
            "AA-3.1-index",
            format!("kostnader.forvaltning.rader[{i}].kostnad.prognos"),
            format!(
                "Prognos {ar} för \"{namn}\" ({}) är {} mer än budget {} ({}), men analysen anger en indexuppräkning på {}; den skulle ge {}. Förklara skillnaden i leverantörens analys eller rätta prognosen.",
                formatera_tkr(prognos),
                formatera_procent(implicit),
                ar.saturating_sub(1),
                formatera_tkr(budget),
                formatera_procent(sats),
                formatera_tkr(Kronor(((vantat / 1000.0).round() as i64).saturating_mul(1000))),
            ),
            Some(prognos),
            Some(kronor(vantat)),
        );
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
    let forvaltning = a
        .kostnader
        .forvaltning
        .rader
        .iter()
        .map(|r| &r.kostnad)
        .enumerate();
    let utveckling = a
        .kostnader
        .utveckling
        .rader
        .iter()
        .map(|r| &r.kostnad)
        .enumerate();
    let tabeller = forvaltning
        .map(|(i, k)| ("forvaltning", i, k))
        .chain(utveckling.map(|(i, k)| ("utveckling", i, k)));
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
    for (sokvag, b, negativt_ok, tkr) in alla {
        let visa = if tkr {
            formatera_tkr(b)
        } else {
            formatera_kr(b)
        };
        if b.0 < 0 && !negativt_ok {
            g.rapportera("AA-belopp-negativ", sokvag, format!("Beloppet {visa} är negativt, men en kostnad eller budget kan inte vara negativ. En minskning anges som påverkan på förvaltningskostnad."));
        } else if b.0.unsigned_abs() >= ORIMLIGT_STORT.0.unsigned_abs() {
            let rad = if tkr {
                "Fältet anges i tkr: har beloppet skrivits i kronor?"
            } else {
                "Har beloppet skrivits fel?"
            };
            g.rapportera(
                "AA-belopp-enhet",
                sokvag,
                format!("Beloppet {visa} är orimligt stort. {rad}"),
            );
        } else if !tkr && b.0 != 0 && b.0.unsigned_abs() < ORIMLIGT_LITET.0.unsigned_abs() {
            g.rapportera("AA-belopp-enhet", sokvag, format!("Beloppet {visa} är mycket litet. Fältet anges i kronor: menades {} tkr, det vill säga {}?", b.0, formatera_kr(Kronor(b.0.saturating_mul(1000)))));
        }
    }
}
