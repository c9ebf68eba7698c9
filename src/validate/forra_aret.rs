//! This year's analysis against last year's, when the store has it: an insats that is pågående
//! now was proposed (2.2) or pågående (1.4) last year, and last year's pågående insatser are
//! accounted for, as pågående or as genomförda in 1.1. Stadsledningskontoret reads the
//! analyses year after year and asks where an insats came from or where it went.
//!
//! Insatser are matched by id (the year change keeps it) or by name, since a document read
//! from Word gets new ids.

use super::Granskning;
use crate::model::{ArligAnalys, InsatsId, namnnyckel};

pub(super) fn granska(g: &mut Granskning<'_>, forra: &ArligAnalys) {
    let analys = g.analys;
    let ar = analys.meta.analysar;
    // Another year's analysis says nothing about this one's.
    if forra.meta.analysar.checked_add(1) != Some(ar) || !g.aktivt("pagaende_insatser") {
        return;
    }
    let forra_ar = forra.meta.analysar;
    let fanns = |id: &InsatsId, namn: &str| {
        let foreslagen = forra
            .foreslagna_insatser
            .insatser
            .iter()
            .any(|x| x.id == *id || samma_namn(&x.namn, namn));
        let pagaende = forra
            .pagaende_insatser
            .insatser
            .iter()
            .any(|x| x.id == *id || samma_namn(&x.namn, namn));
        foreslagen || pagaende
    };
    for (i, insats) in analys.pagaende_insatser.insatser.iter().enumerate() {
        if insats.namn.trim().is_empty() || fanns(&insats.id, &insats.namn) {
            continue;
        }
        g.rapportera(
            "AA-forra-aret",
            format!("pagaende_insatser.insatser[{i}].namn"),
            format!(
                "Pågående förändringsinsats {} (\"{}\") finns inte i analysen för {forra_ar}, varken bland de föreslagna insatserna i 2.2 eller de pågående i 1.4. En insats föreslås och godkänns innan den pågår: använd samma namn som i förslaget, eller beskriv i leverantörens analys hur den beslutades.",
                i + 1,
                insats.namn.trim()
            ),
        );
    }
    let redovisad = |namn: &str| {
        let pagaende = analys
            .pagaende_insatser
            .insatser
            .iter()
            .any(|x| samma_namn(&x.namn, namn));
        let genomford = analys
            .effekthemtagning
            .rader
            .iter()
            .any(|r| namnnyckel(&r.genomforda_forandringsinsatser).contains(&namnnyckel(namn)));
        let i_analysen =
            namnnyckel(&analys.pagaende_insatser.leverantorens_analys).contains(&namnnyckel(namn));
        pagaende || genomford || i_analysen
    };
    for tidigare in &forra.pagaende_insatser.insatser {
        let kvar = analys
            .pagaende_insatser
            .insatser
            .iter()
            .any(|x| x.id == tidigare.id);
        if tidigare.namn.trim().is_empty() || kvar || redovisad(&tidigare.namn) {
            continue;
        }
        g.rapportera(
            "AA-forra-aret",
            "pagaende_insatser.insatser",
            format!(
                "\"{}\" var pågående i analysen för {forra_ar} men redovisas varken som pågående i 1.4 eller som genomförd i 1.1. Redovisa den som pågående, eller som genomförd med sin hemtagna effekt; har den avbrutits, skriv det i leverantörens analys i 1.4.",
                tidigare.namn.trim()
            ),
        );
    }
}

/// Names compared as the rest of the program compares them (`namnnyckel`: case, punctuation
/// and spacing do not matter).
fn samma_namn(a: &str, b: &str) -> bool {
    let (a, b) = (namnnyckel(a), namnnyckel(b));
    !a.is_empty() && a == b
}
