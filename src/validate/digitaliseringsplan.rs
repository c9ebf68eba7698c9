//! The digitaliseringsplan's rules: obligatory fields from the template; an avsteg from a
//! bastjänst motivated and decided; reuse of existing city solutions considered; effektmål
//! measurable and time-bound (a varning); nyttorealisering with someone responsible; an
//! avveckling with konsekvensanalys and avvecklingsplan; indicators with baseline and target.

use serde_json::Value;

use super::falt::tomt;
use super::{Fynd, nytt_fynd};
use crate::model::{Digitaliseringsplan, JaNej, Systematgard};
use crate::template::{Falt, Mall, arsetikett, varde_vid};

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
    g.fynd
}

fn obligatoriska(g: &mut Dpgranskning<'_>, json: &Value) {
    let mall = g.mall;
    let ar = g.plan.meta.ar;
    let etikett = |f: &Falt| arsetikett(&f.etikett, ar).unwrap_or_else(|_| f.etikett.clone());
    let saknas =
        |g: &mut Dpgranskning<'_>, f: &Falt, behallare: &Value, sokvag: String, var: &str| {
            if f.obligatorisk && tomt(f.typ, varde_vid(behallare, f.nyckel())) {
                g.rapportera(
                    "DP-obligatoriskt",
                    sokvag,
                    format!(
                        "\"{}\" är inte ifyllt {var}. Fyll i det; mallen kräver det.",
                        etikett(f)
                    ),
                );
            }
        };
    let meta = json.get("meta").unwrap_or(&Value::Null);
    for f in &mall.metafalt {
        saknas(
            g,
            f,
            meta,
            format!("meta.{}", f.nyckel()),
            "i planens uppgifter",
        );
    }
    // The costs table lists the insatser again; their names are asked for once, in the forms.
    let mut sedda_listor: Vec<(String, String)> = Vec::new();
    for a in &mall.avsnitt {
        let Some(nyckel) = a.nyckel() else { continue };
        let sektion = json.get(nyckel).unwrap_or(&Value::Null);
        let rubrik = format!(
            "i {} {}",
            a.nummer(),
            arsetikett(&a.rubrik, ar).unwrap_or_default()
        );
        for f in &a.falt {
            saknas(g, f, sektion, format!("{nyckel}.{}", f.nyckel()), &rubrik);
        }
        for t in &a.tabeller {
            let lista = (nyckel.to_string(), t.nyckel().to_string());
            if sedda_listor.contains(&lista) {
                continue;
            }
            sedda_listor.push(lista);
            let rader = varde_vid(sektion, t.nyckel())
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            for (i, rad) in rader.iter().enumerate() {
                for k in &t.kolumner {
                    saknas(
                        g,
                        k,
                        rad,
                        format!("{nyckel}.{}[{i}].{}", t.nyckel(), k.nyckel()),
                        &format!("{rubrik}, rad {}", i + 1),
                    );
                }
            }
        }
        if let Some(form) = &a.insats {
            sedda_listor.push((nyckel.to_string(), form.nyckel().to_string()));
            let poster = varde_vid(sektion, form.nyckel())
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            for (i, post) in poster.iter().enumerate() {
                for f in form.grupper.iter().flat_map(|gr| &gr.falt) {
                    saknas(
                        g,
                        f,
                        post,
                        format!("{nyckel}.{}[{i}].{}", form.nyckel(), f.nyckel()),
                        &format!("för insats {}", i + 1),
                    );
                }
            }
        }
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

/// An avsteg from a bastjänst needs a motivering and a decision of the nämnd or styrelse.
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
    for (mo, omrade) in [
        ("mo1", &plan.mo1),
        ("mo2", &plan.mo2),
        ("mo3", &plan.mo3),
        ("mo4", &plan.mo4),
    ] {
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
