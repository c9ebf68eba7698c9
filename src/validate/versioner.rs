//! The versionshantering of every kind read as a history: each row dated no earlier than the
//! row above it, as the template's table lists versions from the first to the latest. A row
//! out of order is usually a mistyped year, and the sammanställning and the status both read
//! the latest row as the latest version.

use super::{Fynd, nytt_fynd};
use crate::model::{Dokument, Versionspost};
use crate::template::Mall;

pub(super) fn granska(dokument: &Dokument, mall: &Mall, fynd: &mut Vec<Fynd>) {
    let mut tabeller: Vec<(&str, &[Versionspost])> =
        vec![("versionshantering", dokument.versionshantering())];
    // The tjänsteplan's bilaga keeps a history of its own.
    if let Dokument::Tjansteplan(t) = dokument {
        tabeller.push(("bilaga.versionshantering", &t.bilaga.versionshantering));
    }
    for (tabell, rader) in tabeller {
        for (i, par) in rader.windows(2).enumerate() {
            let [fore, rad] = par else { continue };
            if rad.datum < fore.datum {
                fynd.push(nytt_fynd(
                    mall,
                    "ALLA-versionsordning",
                    format!("{tabell}[{}].datum", i + 1),
                    format!(
                        "Version {} är daterad {}, före version {} ({}) som står ovanför i versionshanteringen. Rätta datumet, eller ordningen om raderna står fel.",
                        rad.version.trim(),
                        rad.datum,
                        fore.version.trim(),
                        fore.datum
                    ),
                    None,
                    None,
                ));
            }
        }
    }
}
