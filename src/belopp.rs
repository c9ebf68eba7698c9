//! Swedish amounts: one parser for what people type and one formatter for what they read.
//!
//! Parsing accepts `77587`, `77 587` (space, NBSP or narrow NBSP between groups), `77 587 tkr`,
//! `3 miljoner kronor`, `3 mnkr`, `3,5 mnkr`, `cirka 300 000 kr` (marked as an estimate) and a
//! leading minus written as `-` or `−` (U+2212). A bare number is read in the unit of the field
//! it was typed into (3.1 is in tkr, 2.2 in kronor). Formatting writes `77 587 tkr`.

use num_format::{CustomFormat, Grouping, ToFormattedString};
use thiserror::Error;

use crate::model::Kronor;

/// The unit an amount is written in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Enhet {
    Kronor,
    Tkr,
    Mnkr,
}

impl Enhet {
    fn kronor_per_enhet(self) -> i128 {
        match self {
            Enhet::Kronor => 1,
            Enhet::Tkr => 1_000,
            Enhet::Mnkr => 1_000_000,
        }
    }
}

/// An amount read from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TolkatBelopp {
    pub kronor: Kronor,
    /// The text said "cirka", "ca", "ungefär", "uppskattas till" or similar.
    pub uppskattning: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BeloppFel {
    #[error("Beloppet är tomt. Skriv ett belopp, till exempel 77 587 tkr.")]
    Tomt,
    #[error(
        "\"{text}\" går inte att läsa som ett belopp. Skriv siffror med mellanslag mellan \
         tusentalen och eventuellt en enhet, till exempel 77 587, 77 587 tkr, 3 mnkr, \
         3 miljoner kronor eller cirka 300 000 kr."
    )]
    Olasligt { text: String },
    #[error(
        "\"{enhet}\" är ingen enhet som Underlag känner till. Använd kr, kronor, tkr, \
         tusen kronor, mnkr eller miljoner kronor."
    )]
    OkandEnhet { enhet: String },
    #[error(
        "\"{text}\" har fel tusentalsgruppering: grupperna efter den första ska ha tre siffror, till exempel 1 234 567."
    )]
    FelGruppering { text: String },
    #[error("\"{text}\" anger en del av en krona. Belopp räknas i hela kronor.")]
    DelAvKrona { text: String },
    #[error(
        "\"{text}\" är för stort för att vara ett belopp. Kontrollera antalet nollor och enheten (tkr, mnkr)."
    )]
    ForStort { text: String },
    #[error(
        "\"{text}\" är tvetydigt: punkten kan vara tusentalsavgränsare eller decimaltecken. Skriv mellanslag mellan tusentalen (77 587) eller decimalkomma (77,5)."
    )]
    Tvetydigt { text: String },
}

pub(crate) const UPPSKATTNINGSORD: [&str; 11] = [
    "uppskattningsvis",
    "uppskattas till",
    "uppskattat",
    "ungefär",
    "omkring",
    "cirka",
    "c:a",
    "ca.",
    "ca",
    "~",
    "≈",
];

/// Reads an amount as people write it. `standard` is the unit of a bare number.
pub fn tolka_belopp(text: &str, standard: Enhet) -> Result<TolkatBelopp, BeloppFel> {
    let normaliserad: String = text
        .chars()
        .map(|c| match c {
            '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\t' => ' ',
            '\u{2212}' | '\u{2013}' => '-',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    // Runs of spaces count as one (people type two by mistake).
    let normaliserad = normaliserad
        .split(' ')
        .filter(|d| !d.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut rest = normaliserad.trim().trim_end_matches('.').trim();
    if rest.is_empty() {
        return Err(BeloppFel::Tomt);
    }

    let mut uppskattning = false;
    'ord: loop {
        for ord in UPPSKATTNINGSORD {
            if let Some(efter) = rest.strip_prefix(ord) {
                // "ca" must be a word of its own, not the start of "cabinet".
                if efter.is_empty()
                    || efter.starts_with(' ')
                    || !ord.chars().all(char::is_alphabetic)
                {
                    uppskattning = true;
                    rest = efter.trim_start();
                    continue 'ord;
                }
            }
        }
        break;
    }

    let olasligt = || BeloppFel::Olasligt {
        text: text.trim().to_string(),
    };
    let (negativ, siffror_och_enhet) = match rest.strip_prefix('-') {
        Some(r) => (true, r.trim_start()),
        None => (false, rest.strip_prefix('+').unwrap_or(rest).trim_start()),
    };

    // The number ends where something other than digits, grouping spaces or one decimal
    // separator begins; a space counts as grouping only when a digit follows it.
    let tecken: Vec<char> = siffror_och_enhet.chars().collect();
    let mut slut = 0;
    while slut < tecken.len() {
        let c = tecken[slut];
        let grupp = c == ' ' && tecken.get(slut + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || grupp || c == ',' || c == '.' {
            slut += 1;
        } else {
            break;
        }
    }
    let tal: String = tecken[..slut].iter().collect();
    let tal = tal.trim_end_matches(['.', ',']);
    let enhetstext: String = tecken[slut..].iter().collect();
    if tal.is_empty() || !tal.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(olasligt());
    }

    let (heltal, decimaler) = match tal.split_once([',', '.']) {
        // "77.587" is a thousands separator in some programs and a decimal point in others:
        // a thousandfold difference is not to be guessed.
        Some((_, d)) if tal.contains('.') && d.len() == 3 => {
            return Err(BeloppFel::Tvetydigt {
                text: text.trim().to_string(),
            });
        }
        Some((h, d)) if !d.contains([',', '.', ' ']) => (h, d.trim_end_matches('0')),
        Some(_) => return Err(olasligt()),
        None => (tal, ""),
    };
    let grupper: Vec<&str> = heltal.split(' ').collect();
    if grupper.len() > 1
        && (grupper[0].is_empty()
            || grupper[0].len() > 3
            || grupper[1..].iter().any(|g| g.len() != 3))
    {
        return Err(BeloppFel::FelGruppering {
            text: text.trim().to_string(),
        });
    }
    let heltal: String = grupper.concat();

    let enhet = tolka_enhet(enhetstext.trim(), standard)?;
    let for_stort = || BeloppFel::ForStort {
        text: text.trim().to_string(),
    };
    let multiplikator = enhet.kronor_per_enhet();
    let heltal: i128 = heltal.parse().map_err(|_| for_stort())?;
    let mut kronor = heltal.checked_mul(multiplikator).ok_or_else(for_stort)?;
    if !decimaler.is_empty() {
        let namnare = 10_i128
            .checked_pow(u32::try_from(decimaler.len()).map_err(|_| for_stort())?)
            .ok_or_else(for_stort)?;
        let taljare: i128 = decimaler.parse().map_err(|_| olasligt())?;
        let del = taljare.checked_mul(multiplikator).ok_or_else(for_stort)?;
        if del % namnare != 0 {
            return Err(BeloppFel::DelAvKrona {
                text: text.trim().to_string(),
            });
        }
        kronor = kronor.checked_add(del / namnare).ok_or_else(for_stort)?;
    }
    if negativ {
        kronor = -kronor;
    }
    let kronor = i64::try_from(kronor).map_err(|_| for_stort())?;
    Ok(TolkatBelopp {
        kronor: Kronor(kronor),
        uppskattning,
    })
}

fn tolka_enhet(enhet: &str, standard: Enhet) -> Result<Enhet, BeloppFel> {
    let ord: Vec<&str> = enhet.split_whitespace().collect();
    let enhet_normal = ord.join(" ");
    Ok(match enhet_normal.trim_end_matches('.') {
        "" => standard,
        "kr" | "kronor" | "krona" | "sek" | ":-" => Enhet::Kronor,
        "tkr" | "tusen kronor" | "tusen kr" | "tusen" | "tsek" | "ksek" | "kkr" => Enhet::Tkr,
        "mnkr" | "mkr" | "mn kr" | "milj kr" | "milj. kr" | "miljoner kronor" | "miljon kronor"
        | "miljoner kr" | "miljon kr" | "miljoner" | "miljon" | "msek" | "mn" | "milj" => {
            Enhet::Mnkr
        }
        _ => {
            return Err(BeloppFel::OkandEnhet {
                enhet: enhet.to_string(),
            });
        }
    })
}

fn gruppering() -> CustomFormat {
    // Building this fixed format cannot fail; fall back to the plain locale-free format if a
    // future num-format disagrees rather than panic.
    CustomFormat::builder()
        .grouping(Grouping::Standard)
        .separator(" ")
        .minus_sign("-")
        .build()
        .unwrap_or_default()
}

/// `77 587` (space between thousands).
pub fn formatera_heltal(tal: i64) -> String {
    tal.to_formatted_string(&gruppering())
}

/// `7 591 000 kr`
pub fn formatera_kr(belopp: Kronor) -> String {
    format!("{} kr", formatera_heltal(belopp.0))
}

/// `77 587 tkr`; amounts that are not whole tkr keep their decimals (`0,5 tkr`).
pub fn formatera_tkr(belopp: Kronor) -> String {
    format!("{} tkr", formatera_i_tkr(belopp))
}

/// The number part of `formatera_tkr`, for table cells whose header says tkr.
pub fn formatera_i_tkr(belopp: Kronor) -> String {
    let kr = belopp.0;
    let hela = kr / 1000;
    let rest = (kr % 1000).unsigned_abs();
    let tecken = if kr < 0 && hela == 0 { "-" } else { "" };
    if rest == 0 {
        return formatera_heltal(hela);
    }
    let decimaler = format!("{rest:03}");
    format!(
        "{tecken}{},{}",
        formatera_heltal(hela),
        decimaler.trim_end_matches('0')
    )
}

/// The amount in a text that may go on after it ("7 591 000 kronor (innehåller …)"): the
/// longest leading run of words that `tolka_belopp` reads.
pub fn belopp_i_text(text: &str, standard: Enhet) -> Option<TolkatBelopp> {
    let ord: Vec<&str> = text.split_whitespace().collect();
    (1..=ord.len().min(12))
        .rev()
        .find_map(|n| tolka_belopp(&ord[..n].join(" "), standard).ok())
}

/// `6,0 %`; `2,25 %` when the value has more decimals, so what was typed is what is printed
/// (and what the Word import reads back).
pub fn formatera_procent(procent: f64) -> String {
    let sex = format!("{procent:.6}");
    let (hel, decimaler) = sex.split_once('.').unwrap_or((&sex, "0"));
    let decimaler = decimaler.trim_end_matches('0');
    let decimaler = if decimaler.is_empty() { "0" } else { decimaler };
    format!("{hel},{decimaler} %")
}

/// A computed share, to one decimal as a reader compares it: `58,1 %`, not `58,064516 %`.
pub fn formatera_procent_avrundad(procent: f64) -> String {
    formatera_procent((procent * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentages_keep_their_decimals() {
        assert_eq!(super::formatera_procent(6.0), "6,0 %");
        assert_eq!(super::formatera_procent(2.25), "2,25 %");
        assert_eq!(super::formatera_procent(0.1 + 0.2), "0,3 %");
        assert_eq!(super::formatera_procent(-1.5), "-1,5 %");
    }

    use super::*;

    fn kr(text: &str, standard: Enhet) -> i64 {
        match tolka_belopp(text, standard) {
            Ok(b) => b.kronor.0,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn reads_what_people_type() {
        assert_eq!(kr("77587", Enhet::Tkr), 77_587_000);
        assert_eq!(kr("77 587", Enhet::Tkr), 77_587_000);
        assert_eq!(kr("77\u{00A0}587", Enhet::Tkr), 77_587_000);
        assert_eq!(kr("77\u{202F}587", Enhet::Tkr), 77_587_000);
        assert_eq!(kr("77 587 tkr", Enhet::Kronor), 77_587_000);
        assert_eq!(kr("3 miljoner kronor", Enhet::Tkr), 3_000_000);
        assert_eq!(kr("3 mnkr", Enhet::Kronor), 3_000_000);
        assert_eq!(kr("3,5 mnkr", Enhet::Kronor), 3_500_000);
        assert_eq!(kr("300 000 kr", Enhet::Tkr), 300_000);
        assert_eq!(kr("\u{2212}30", Enhet::Tkr), -30_000);
        assert_eq!(kr("-30 tkr", Enhet::Kronor), -30_000);
        assert_eq!(kr("540 000 kronor.", Enhet::Kronor), 540_000);
    }

    #[test]
    fn marks_estimates() {
        let b = tolka_belopp("cirka 300 000 kr", Enhet::Tkr).unwrap();
        assert_eq!(
            b,
            TolkatBelopp {
                kronor: Kronor(300_000),
                uppskattning: true
            }
        );
        let b = tolka_belopp("Uppskattas till cirka 300 000 kronor", Enhet::Kronor).unwrap();
        assert!(b.uppskattning);
        assert_eq!(b.kronor, Kronor(300_000));
        assert!(
            tolka_belopp("ca 5 tkr", Enhet::Kronor)
                .unwrap()
                .uppskattning
        );
        assert!(!tolka_belopp("5 tkr", Enhet::Kronor).unwrap().uppskattning);
    }

    #[test]
    fn rejects_with_a_message_that_says_what_was_expected() {
        let fel = tolka_belopp("många pengar", Enhet::Tkr).unwrap_err();
        assert!(matches!(fel, BeloppFel::Olasligt { .. }));
        assert!(fel.to_string().contains("77 587 tkr"), "{fel}");
        assert_eq!(tolka_belopp("  ", Enhet::Tkr), Err(BeloppFel::Tomt));
        assert!(matches!(
            tolka_belopp("12 euro", Enhet::Tkr),
            Err(BeloppFel::OkandEnhet { .. })
        ));
        assert!(matches!(
            tolka_belopp("1 23 456", Enhet::Tkr),
            Err(BeloppFel::FelGruppering { .. })
        ));
        assert!(matches!(
            tolka_belopp("1,5 kr", Enhet::Tkr),
            Err(BeloppFel::DelAvKrona { .. })
        ));
        assert!(matches!(
            tolka_belopp("99999999999999999999 mnkr", Enhet::Tkr),
            Err(BeloppFel::ForStort { .. })
        ));
        assert!(tolka_belopp("1,2,3", Enhet::Tkr).is_err());
        assert!(matches!(
            tolka_belopp("77.587 tkr", Enhet::Tkr),
            Err(BeloppFel::Tvetydigt { .. })
        ));
        assert_eq!(kr("3.5 mnkr", Enhet::Kronor), 3_500_000);
        assert_eq!(kr("77  587", Enhet::Tkr), 77_587_000);
        assert_eq!(
            kr(
                "1,5000000000000000000000000000000000000000 mnkr",
                Enhet::Kronor
            ),
            1_500_000
        );
        assert!(tolka_belopp("capsule 3", Enhet::Tkr).is_err());
    }

    #[test]
    fn formats_the_swedish_way() {
        assert_eq!(formatera_tkr(Kronor(77_587_000)), "77 587 tkr");
        assert_eq!(formatera_tkr(Kronor(500)), "0,5 tkr");
        assert_eq!(formatera_tkr(Kronor(-30_000)), "-30 tkr");
        assert_eq!(formatera_tkr(Kronor(-500)), "-0,5 tkr");
        assert_eq!(formatera_kr(Kronor(7_591_000)), "7 591 000 kr");
        assert_eq!(formatera_procent(6.0), "6,0 %");
    }

    #[test]
    fn formatted_amounts_parse_back() {
        for k in [0, 1_000, 77_587_000, -30_000, 1_234_567_000, 500, 150_250] {
            let text = formatera_tkr(Kronor(k));
            assert_eq!(kr(&text, Enhet::Kronor), k, "{text}");
        }
    }
}
