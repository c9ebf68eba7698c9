//! Characters that do not show: control characters, bidi overrides and isolates, zero-width
//! characters. The document keeps them as written (the exchange file loses nothing) and the
//! Word and Excel exports drop the ones XML cannot carry (`export::sakert`); this rule tells the
//! author where they are, because a right-to-left override (U+202E) can make "faktura", U+202E,
//! "fdp.exe" read as "fakturaexe.pdf" and a control character pasted from another program silently vanishes.

use serde_json::Value;

use super::{Fynd, nytt_fynd};
use crate::template::Mall;

/// What a character that does not show is, in Swedish; `None` for an ordinary character.
/// Tab and line breaks are ordinary text.
pub fn dolt_tecken(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some("styrtecken"),
        '\u{202a}'..='\u{202e}' => Some("riktningsåsidosättning"),
        '\u{2066}'..='\u{2069}' => Some("riktningsisolering"),
        '\u{200b}' | '\u{2060}' | '\u{feff}' => Some("osynligt tecken med noll bredd"),
        '\u{fffe}' | '\u{ffff}' => Some("icke-tecken"),
        _ => None,
    }
}

/// One finding per text that holds a character that does not show.
pub(super) fn granska(mall: &Mall, json: &Value, fynd: &mut Vec<Fynd>) {
    crate::model::for_varje_lov(json, &mut |sokvag, v| {
        let Some(text) = v.as_str() else { return };
        let mut sedda: Vec<char> = Vec::new();
        let mut antal = 0usize;
        for c in text.chars().filter(|&c| dolt_tecken(c).is_some()) {
            antal += 1;
            if !sedda.contains(&c) {
                sedda.push(c);
            }
        }
        if antal == 0 {
            return;
        }
        let mut vilka: Vec<String> = sedda
            .iter()
            .take(5)
            .map(|&c| {
                format!(
                    "U+{:04X} ({})",
                    c as u32,
                    dolt_tecken(c).unwrap_or_default()
                )
            })
            .collect();
        if sedda.len() > 5 {
            vilka.push(format!("och {} till", sedda.len() - 5));
        }
        // The field as the template prints it; the finding's path takes the reader there.
        let var = match mall.etikett_for_sokvag(sokvag) {
            Some((Some(a), etikett)) => format!("Fältet \"{etikett}\" i avsnitt {}", a.nummer()),
            Some((None, etikett)) => format!("Fältet \"{etikett}\" i dokumentets uppgifter"),
            None => mall
                .avsnitt_for_sokvag(sokvag)
                .map_or("En text i dokumentet".into(), |a| {
                    format!("En text i avsnitt {}", a.nummer())
                }),
        };
        let meddelande = format!(
            "{var} innehåller {antal} tecken som inte syns: {}. Sådana tecken kan vända visningsordningen (\"faktura\" följt av U+202E och \"fdp.exe\" visas som \"fakturaexe.pdf\") eller följa med inklistrad text; styrtecken tas bort i Word- och Excel-exporten, som inte kan bära dem. Ta bort dem om de inte är avsiktliga.",
            vilka.join(", ")
        );
        fynd.push(nytt_fynd(
            mall,
            "ALLA-dolda-tecken",
            sokvag.to_string(),
            meddelande,
            None,
            None,
        ));
    });
}

#[cfg(test)]
mod tests {
    use super::dolt_tecken;

    #[test]
    fn ordinary_text_tabs_and_line_breaks_are_not_hidden_characters() {
        for c in "Åsa\töl\r\n€ – “”\u{a0}\u{200d}".chars() {
            assert_eq!(dolt_tecken(c), None, "{c:?}");
        }
        for c in [
            '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}', '\u{2068}', '\u{200b}', '\u{feff}',
            '\u{ffff}',
        ] {
            assert!(dolt_tecken(c).is_some(), "{c:?}");
        }
    }
}
