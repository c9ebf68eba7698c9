//! The digitaliseringsplan's rules: obligatory fields from the template; an avsteg from a
//! bastjänst motivated and decided; reuse of existing city solutions considered; effektmål
//! measurable and time-bound (a varning); nyttorealisering with someone responsible; an
//! avveckling with konsekvensanalys and avvecklingsplan; indicators with baseline and target.

use serde_json::Value;

use super::belopp::{Belopp, Beloppsfel, prova};
use super::falt::tomma_obligatoriska;
use super::{Fynd, nytt_fynd};
use crate::model::{Digitaliseringsplan, JaNej, Systematgard};
use crate::template::Mall;

struct Dpgranskning<'a> {
    mall: &'a Mall,
    plan: &'a Digitaliseringsplan,
    fynd: Vec<Fynd>,
}

impl Dpgranskning<'_> {
    fn rapportera(&mut self, regel: &'static str, sokvag: String, meddelande: String) {
        self.fynd
            .push(nytt_fynd(self.mall, regel, sokvag, meddelande, None, None));
    }
}

pub(super) fn granska(plan: &Digitaliseringsplan, mall: &Mall, json: &Value) -> Vec<Fynd> {
    let mut g = Dpgranskning {
        mall,
        plan,
        fynd: Vec::new(),
    };
    obligatoriska(&mut g, json);
    insatser(&mut g);
    avsteg(&mut g);
    system(&mut g);
    indikatorer(&mut g);
    val_utanfor_mallen(&mut g, json);
    belopp(&mut g);
    perioden(&mut g);
    for (sokvag, meddelande) in super::inaktiv::innehall_som_inte_kommer_med(mall, json) {
        g.rapportera("DP-inaktiv-innehall", sokvag, meddelande);
    }
    g.fynd
}

/// An insats's cost per year as the årlig analys judges its amounts: never negative, never of
/// a size that suggests tkr typed as kronor. The plan's costs are in kronor.
fn belopp(g: &mut Dpgranskning<'_>) {
    let plan = g.plan;
    for (i, x) in plan.insatser.insatser.iter().enumerate() {
        for (falt, b) in x.kostnad.med_falt() {
            let Some(belopp) = b else { continue };
            let b = Belopp {
                sokvag: format!("insatser.insatser[{i}].kostnad.{falt}"),
                belopp,
                negativt_ok: false,
                tkr: false,
                minskning: None,
            };
            let regel = match prova(&b) {
                Some((Beloppsfel::Negativt, rad)) => ("DP-belopp-negativ", rad),
                Some((Beloppsfel::Enhet, rad)) => ("DP-belopp-enhet", rad),
                None => continue,
            };
            g.rapportera(regel.0, b.sokvag, regel.1);
        }
    }
}

/// The plan period (first year to last) and the years the plan sets its indicators for: a
/// period that ends before it starts is a fel (DP-period), an indicator's year outside it a
/// varning (DP-indikator-ar).
fn perioden(g: &mut Dpgranskning<'_>) {
    let forsta = g.plan.meta.ar;
    // A plan for one year states no last year; its indicators may look beyond it.
    let Some(sista) = g.plan.meta.period_slut_ar else {
        return;
    };
    if sista < forsta {
        g.rapportera(
            "DP-period",
            "meta.period_slut_ar".into(),
            format!("Planperioden slutar {sista}, före sitt första år {forsta}. Rätta planperiodens sista år."),
        );
        return;
    }
    let plan = g.plan;
    for (nyckel, mo) in plan.malomraden() {
        for (i, ind) in mo.indikatorer.iter().enumerate() {
            if let Some(ar) = ind.ar.filter(|ar| !(forsta..=sista).contains(ar)) {
                g.rapportera(
                    "DP-indikator-ar",
                    format!("{nyckel}.indikatorer[{i}].ar"),
                    format!("Indikatorn \"{}\" har målår {ar}, utanför planperioden {forsta}–{sista}. Ange ett år inom perioden eller ändra perioden.", super::innehall::citera(&ind.namn)),
                );
            }
        }
    }
}

/// A value of the city plan's lists (section 2) that this template year does not have: kept in
/// the document, since it is the author's choice, and pointed out with its replacement when
/// the template names one.
fn val_utanfor_mallen(g: &mut Dpgranskning<'_>, json: &Value) {
    for o in crate::template::planval::okanda_val(g.mall, json) {
        let rad = match &o.ersattning {
            Some((_, etikett)) => format!(
                "Avsnitt {}, {}: {} Mallen ersätter det med \"{etikett}\"; välj det i stället.",
                o.avsnitt,
                o.etikett,
                o.text()
            ),
            None => format!(
                "Avsnitt {}, {}: {} Valet sparas som det är; välj ett av mallens alternativ eller ta bort det.",
                o.avsnitt,
                o.etikett,
                o.text()
            ),
        };
        g.rapportera("DP-val-utanfor-mallen", o.sokvag, rad);
    }
}

fn obligatoriska(g: &mut Dpgranskning<'_>, json: &Value) {
    let tomma = tomma_obligatoriska(g.mall, json, g.plan.meta.ar, "insats", |_| false);
    for (sokvag, meddelande) in tomma {
        g.rapportera("DP-obligatoriskt", sokvag, meddelande);
    }
}

/// Per insats: reuse of an existing city solution considered, the effektmål measurable and
/// time-bound, someone responsible for realising the benefits.
fn insatser(g: &mut Dpgranskning<'_>) {
    let plan = g.plan;
    for (i, x) in plan.insatser.insatser.iter().enumerate() {
        let namn = if x.namn.trim().is_empty() {
            format!("Insats {}", i + 1)
        } else {
            format!("\"{}\"", x.namn.trim())
        };
        let sokvag = format!("insatser.insatser[{i}]");
        match x.ateranvandning.svar {
            None => g.rapportera(
                "DP-ateranvandning",
                format!("{sokvag}.ateranvandning"),
                format!(
                    "{namn} anger inte om befintliga lösningar inom staden kan återanvändas. Svara JA (vilken lösning) eller NEJ (varför inte); riktlinjen kräver att det prövas."
                ),
            ),
            Some(JaNej::Nej) if x.ateranvandning.kommentar.trim().is_empty() => g.rapportera(
                "DP-ateranvandning",
                format!("{sokvag}.ateranvandning"),
                format!(
                    "{namn} svarar NEJ på återanvändning men säger inte varför befintliga lösningar inom staden inte kan användas. Skriv det i kommentaren."
                ),
            ),
            _ => {}
        }
        if !x.effektmal.trim().is_empty() && !matbart_och_tidsatt(&x.effektmal) {
            g.rapportera(
                "DP-effektmal",
                format!("{sokvag}.effektmal"),
                format!(
                    "Effektmålet för {namn} ser inte mätbart och tidsatt ut: det saknar ett tal att mäta mot eller ett år eller datum då det ska vara uppnått. Skriv till exempel \"från 42 procent till 70 procent till december 2025\"."
                ),
            );
        }
        if x.nyttorealisering.ansvarig.trim().is_empty() {
            g.rapportera(
                "DP-nyttorealisering",
                format!("{sokvag}.nyttorealisering.ansvarig"),
                format!(
                    "{namn} anger ingen ansvarig för nyttorealiseringen. Ange vem som ansvarar för att nyttorna hämtas hem."
                ),
            );
        }
    }
}

/// Measurable and time-bound, simply: a number that is not a year (the quantity), and a year
/// (or a date, which contains one).
fn matbart_och_tidsatt(text: &str) -> bool {
    let tal: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .collect();
    let ar = |t: &&str| t.len() == 4 && (t.starts_with("19") || t.starts_with("20"));
    tal.iter().any(ar) && tal.iter().any(|t| !ar(t))
}

/// An avsteg from a bastjänst needs a motivering and a dated decision of the nämnd or styrelse.
fn avsteg(g: &mut Dpgranskning<'_>) {
    for (i, a) in g.plan.bastjanster.avsteg.iter().enumerate() {
        let tjanst = a.tjanst.trim().to_string();
        if a.motivering.trim().is_empty() {
            g.rapportera(
                "DP-avsteg",
                format!("bastjanster.avsteg[{i}].motivering"),
                format!(
                    "Avsteget från \"{tjanst}\" saknar motivering. Ett avsteg ska motiveras utförligt, efter en gemensam analys med leverantören."
                ),
            );
        }
        if a.datum.is_none() {
            g.rapportera(
                "DP-avsteg",
                format!("bastjanster.avsteg[{i}].datum"),
                format!(
                    "Avsteget från \"{tjanst}\" saknar beslutets datum. Ange när nämnden eller styrelsen beslutade om avsteget."
                ),
            );
        }
        if a.beslut.trim().is_empty() {
            g.rapportera(
                "DP-avsteg",
                format!("bastjanster.avsteg[{i}].beslut"),
                format!(
                    "Avsteget från \"{tjanst}\" saknar beslut. Ett avsteg beslutas av den egna nämnden eller styrelsen; ange beslutet."
                ),
            );
        }
    }
}

/// Avveckling of a verksamhetsspecifikt system needs a konsekvensanalys and an avvecklingsplan.
fn system(g: &mut Dpgranskning<'_>) {
    for (i, s) in g.plan.system.system.iter().enumerate() {
        if s.atgard != Some(Systematgard::Avveckla) {
            continue;
        }
        let namn = s.namn.trim().to_string();
        for (falt, vad) in [
            ("konsekvensanalys", &s.konsekvensanalys),
            ("avvecklingsplan", &s.avvecklingsplan),
        ] {
            if vad.trim().is_empty() {
                g.rapportera(
                    "DP-avveckling",
                    format!("system.system[{i}].{falt}"),
                    format!(
                        "\"{namn}\" ska avvecklas men planen saknar {falt}. Riktlinjen kräver en konsekvensanalys och en avvecklingsplan."
                    ),
                );
            }
        }
    }
}

/// An indicator needs a baseline and a target to be followed up.
fn indikatorer(g: &mut Dpgranskning<'_>) {
    let plan = g.plan;
    for (mo, omrade) in plan.malomraden() {
        for (i, x) in omrade.indikatorer.iter().enumerate() {
            for (falt, varde, vad) in [
                ("utgangsvarde", &x.utgangsvarde, "utgångsvärde"),
                ("malvarde", &x.malvarde, "målvärde"),
            ] {
                if varde.trim().is_empty() {
                    g.rapportera(
                        "DP-indikator",
                        format!("{mo}.indikatorer[{i}].{falt}"),
                        format!(
                            "Indikatorn \"{}\" saknar {vad}. Utan utgångsvärde och målvärde kan den inte följas upp.",
                            x.namn.trim()
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::matbart_och_tidsatt;

    #[test]
    fn measurable_needs_a_quantity_and_a_year() {
        assert!(matbart_och_tidsatt(
            "Andelen digitala ansökningar ökar från 42 procent till 70 procent till december 2025."
        ));
        assert!(matbart_och_tidsatt(
            "Handläggningstiden halveras till 2026-06-30."
        ));
        assert!(!matbart_och_tidsatt("Bättre service för invånarna."));
        assert!(!matbart_och_tidsatt("Bättre service till 2025."));
        assert!(!matbart_och_tidsatt("Minst 80 procent nöjda användare."));
    }
}
