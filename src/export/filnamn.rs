//! The file name the app suggests for an export, made from the document's title and
//! organisation, which a user typed and may hold anything: `/`, `..`, a reserved Windows name
//! ("CON"), control and bidi characters, trailing dots, a thousand characters. The suggestion is
//! made here, once, and the UI only shows it.

use sanitize_filename::{Options, sanitize_with_options};

/// Longest stem suggested, in characters; leaves room for a directory and an extension within
/// the 255 bytes file systems allow.
const STORSTA_STAM: usize = 120;

fn sanera(namn: &str) -> String {
    sanitize_with_options(
        namn,
        Options {
            windows: true,
            truncate: true,
            replacement: "-",
        },
    )
}

/// "Årlig analys av digital utveckling och förvaltning 2024 – Nämnden för …": a stem that stays
/// a valid, visible, single file name on Windows, macOS and Linux with any extension appended
/// (`.docx`, `.underlag.json`): no path separators or `..`, no reserved name, no control,
/// bidi or zero-width characters, no leading or trailing dots or spaces, at most 120 characters.
pub fn filnamnsstam(titel: &str, organisation: &str) -> String {
    let ra = if organisation.trim().is_empty() {
        titel.to_string()
    } else {
        format!("{titel} – {organisation}")
    };
    // Characters that do not show or turn the text around have no place in a file name, and a
    // path separator in a name ("../../x") separates words, not directories.
    let synligt: String = ra
        .chars()
        .map(|c| {
            if c.is_control() || crate::validate::dolt_tecken(c).is_some() || c == '/' || c == '\\'
            {
                ' '
            } else {
                c
            }
        })
        .collect();
    let sanerat = sanera(&synligt);
    // Words of dots and dashes only ("..", "-") go; one space between words; one dot for any
    // run of dots, so no ".." is left.
    let ord: Vec<&str> = sanerat
        .split_whitespace()
        .filter(|o| !o.chars().all(|c| c == '.' || c == '-'))
        .collect();
    let mut stam = String::new();
    for c in ord.join(" ").chars() {
        if !(c == '.' && stam.ends_with('.')) {
            stam.push(c);
        }
    }
    let trimma = |s: &str| {
        s.trim_matches(|c: char| c == '.' || c == '-' || c.is_whitespace())
            .to_string()
    };
    stam = trimma(&stam);
    if stam.chars().count() > STORSTA_STAM {
        stam = trimma(&stam.chars().take(STORSTA_STAM).collect::<String>());
    }
    // A stem Windows reads as a device ("CON", "lpt1"), or nothing at all.
    if stam.is_empty() || sanera(&format!("{stam}.docx")) != format!("{stam}.docx") {
        stam = trimma(&format!("Underlag {stam}"));
    }
    stam
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(stam: &str) {
        for filandelse in ["docx", "xlsx", "underlag.json"] {
            let namn = format!("{stam}.{filandelse}");
            assert_eq!(sanera(&namn), namn, "{namn:?}");
        }
        assert!(
            !stam.contains(['/', '\\']) && !stam.contains(".."),
            "{stam:?}"
        );
        assert!(
            !stam.starts_with(['.', ' ']) && !stam.ends_with(['.', ' ']),
            "{stam:?}"
        );
        assert!(stam.chars().count() <= STORSTA_STAM && !stam.is_empty());
        assert!(
            !stam
                .chars()
                .any(|c| c.is_control() || crate::validate::dolt_tecken(c).is_some())
        );
    }

    #[test]
    fn the_usual_name_is_kept() {
        let s = filnamnsstam(
            "Årlig analys av digital utveckling och förvaltning 2024",
            "Nämnden för demokrati och medborgarservice",
        );
        assert_eq!(
            s,
            "Årlig analys av digital utveckling och förvaltning 2024 – Nämnden för demokrati och medborgarservice"
        );
        ok(&s);
    }

    #[test]
    fn hostile_organisations_give_one_safe_name() {
        for org in [
            "../../etc/passwd",
            "C:\\Windows\\system32",
            "/absolut",
            "CON",
            "con.docx",
            "NUL",
            "COM1",
            "LPT1",
            "PRN.",
            "AUX ",
            "nämnd...",
            "punkt. ",
            "a\u{0}b\u{1b}[31m\u{7f}",
            "faktura\u{202e}fdp.exe\u{2066}\u{200b}",
            "<>:\"|?*",
            "",
            &"långt namn ".repeat(100),
        ] {
            ok(&filnamnsstam("Tjänsteplan 2023", org));
            ok(&filnamnsstam(org, org));
        }
        assert_eq!(filnamnsstam("CON", ""), "Underlag");
        assert_eq!(filnamnsstam("lpt1", "x"), "lpt1 – x");
        assert_eq!(filnamnsstam("", ""), "Underlag");
        assert_eq!(
            filnamnsstam("Plan", "faktura\u{202e}fdp.exe"),
            "Plan – faktura fdp.exe"
        );
        assert_eq!(
            filnamnsstam("Plan 2024", "../../CON. Nämnden\u{202e}fdp.exe\u{7} "),
            "Plan 2024 – CON. Nämnden fdp.exe"
        );
        assert_eq!(filnamnsstam("a/b", "c\\d:e"), "a b – c d-e");
    }
}
