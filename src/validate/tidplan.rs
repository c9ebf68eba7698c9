//! Free-text tidplaner read for the years they name, in every kind: "2025–2024" ends before it
//! begins, and a plan's tidplan that names only years outside the plan period belongs to
//! another plan or has a mistyped year. The årlig analys's passed tidplaner are AA-1.4-tidplan's.

use super::innehall::{artal, artal_med_plats};
use super::{Fynd, nytt_fynd};
use crate::model::Dokument;
use crate::template::Mall;

/// A tidplan's path, the name of its insats or initiative, and its text.
type Tidplan<'a> = (String, &'a str, &'a str);

/// Each element's tidplan: its path under `lista`, its name and its text.
fn tidplaner<'a, T>(
    lista: &'a [T],
    sokvag: impl Fn(usize) -> String,
    falt: impl Fn(&'a T) -> (&'a str, &'a str),
) -> Vec<Tidplan<'a>> {
    lista
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (namn, text) = falt(x);
            (sokvag(i), namn, text)
        })
        .collect()
}

pub(super) fn granska(dokument: &Dokument, mall: &Mall, fynd: &mut Vec<Fynd>) {
    let (tidplaner, period) = match dokument {
        Dokument::ArligAnalys(a) => (
            tidplaner(
                &a.pagaende_insatser.insatser,
                |i| format!("pagaende_insatser.insatser[{i}].tidplan"),
                |x| (x.namn.as_str(), x.tidplan.as_str()),
            ),
            None,
        ),
        Dokument::Tjansteplan(t) => (
            tidplaner(
                &t.kostnadsuppskattning.initiativ,
                |i| format!("kostnadsuppskattning.initiativ[{i}].behov.etapper_och_tidplan"),
                |x| (x.namn.as_str(), x.behov.etapper_och_tidplan.as_str()),
            ),
            Some((t.meta.ar, t.meta.ar.saturating_add(2))),
        ),
        Dokument::Digitaliseringsplan(d) => (
            tidplaner(
                &d.insatser.insatser,
                |i| format!("insatser.insatser[{i}].tidplan"),
                |x| (x.namn.as_str(), x.tidplan.as_str()),
            ),
            // A period that ends before it starts is DP-period's to report.
            Some((d.meta.ar, d.meta.period_slut_ar.unwrap_or(d.meta.ar)))
                .filter(|(forsta, sista)| sista >= forsta),
        ),
    };
    for (sokvag, namn, text) in tidplaner {
        let vem = namn.trim();
        if let Some((fran, till)) = omvant_intervall(text) {
            fynd.push(nytt_fynd(
                mall,
                "ALLA-tidplan",
                sokvag,
                format!("Tidplanen för \"{vem}\" anger {fran}–{till}: den slutar före den börjar. Rätta åren."),
                None,
                None,
            ));
            continue;
        }
        let Some((forsta, sista)) = period else {
            continue;
        };
        let ar = artal(text);
        if !ar.is_empty() && ar.iter().all(|a| *a < forsta || *a > sista) {
            let namnda: Vec<String> = ar.iter().map(i32::to_string).collect();
            fynd.push(nytt_fynd(
                mall,
                "ALLA-tidplan",
                sokvag,
                format!(
                    "Tidplanen för \"{vem}\" nämner bara år utanför planperioden {forsta}–{sista} ({}). Kontrollera åren, eller om insatsen hör till en annan plan.",
                    namnda.join(", ")
                ),
                None,
                None,
            ));
        }
    }
}

/// The first "2025–2024" (or with a hyphen, spaced or not) whose end is before its start.
fn omvant_intervall(text: &str) -> Option<(i32, i32)> {
    artal_med_plats(text).windows(2).find_map(|par| {
        let [(fore, fran), (efter, till)] = par else {
            return None;
        };
        let mellan = text.get(fore.end..efter.start)?.trim();
        let streck = matches!(mellan, "-" | "–" | "—");
        (streck && till < fran).then_some((*fran, *till))
    })
}

#[cfg(test)]
mod tests {
    use super::omvant_intervall;

    #[test]
    fn a_range_that_ends_before_it_begins() {
        assert_eq!(omvant_intervall("Införande 2025–2024"), Some((2025, 2024)));
        assert_eq!(
            omvant_intervall("2026 - 2025, sedan drift"),
            Some((2026, 2025))
        );
        assert_eq!(omvant_intervall("Pilot 2024–2025, drift 2026"), None);
        // Two years side by side but no range between them.
        assert_eq!(omvant_intervall("Klart 2026, förstudie 2024"), None);
    }
}
