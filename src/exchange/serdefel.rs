//! serde reports type errors in English; users read Swedish. This rewrites the messages serde
//! and serde_json produce into Swedish, keeping the values they quote.

/// Rewrites one serde / serde_json error message into Swedish.
pub fn pa_svenska(meddelande: &str) -> String {
    // serde_json appends " at line L column C"; the caller reports position separately.
    let kort = match meddelande.rfind(" at line ") {
        Some(i) => &meddelande[..i],
        None => meddelande,
    };
    if let Some((fick, vantade)) = kort
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return format!(
            "fel typ: fick {}, väntade {}",
            beskriv_varde(fick),
            beskriv_forvantan(vantade)
        );
    }
    if let Some((fick, vantade)) = kort
        .strip_prefix("invalid value: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return format!(
            "ogiltigt värde {}, väntade {}",
            beskriv_varde(fick),
            beskriv_forvantan(vantade)
        );
    }
    if let Some(rest) = kort.strip_prefix("unknown variant ") {
        return match rest.split_once(", expected ") {
            Some((varde, tillatna)) => format!(
                "okänt värde {}; tillåtna värden är {}",
                varde.replace('`', "\""),
                tillatna.replace("one of ", "").replace('`', "\"")
            ),
            None => format!("okänt värde {}", rest.replace('`', "\"")),
        };
    }
    if let Some(rest) = kort.strip_prefix("unknown field ") {
        let falt = rest.split(',').next().unwrap_or(rest).replace('`', "");
        return format!(
            "okänt fält \"{falt}\"; kontrollera stavningen mot utbytesformatets schema"
        );
    }
    if let Some(rest) = kort.strip_prefix("missing field ") {
        return format!("fältet \"{}\" saknas", rest.replace('`', ""));
    }
    if let Some(rest) = kort.strip_prefix("duplicate field ") {
        return format!("fältet \"{}\" står två gånger", rest.replace('`', ""));
    }
    // chrono's messages for a date that does not parse.
    const DATUMFEL: [&str; 5] = [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "input is not enough",
        "trailing input",
    ];
    if DATUMFEL.iter().any(|d| kort.starts_with(d)) {
        return "ogiltigt datum; skriv ÅÅÅÅ-MM-DD, till exempel 2024-03-28".into();
    }
    if kort.starts_with("EOF while parsing") {
        return "filen tar slut mitt i (avkortad)".into();
    }
    if kort.starts_with("trailing characters") {
        return "det finns text efter JSON-objektets slut".into();
    }
    if kort.starts_with("expected")
        || kort.starts_with("key must be")
        || kort.starts_with("control character")
        || kort.starts_with("invalid")
    {
        return format!("felaktig JSON-syntax ({kort})");
    }
    if kort.starts_with("number out of range") {
        return "talet är för stort".into();
    }
    kort.to_string()
}

fn beskriv_varde(fick: &str) -> String {
    if let Some(s) = fick.strip_prefix("string ") {
        return format!("texten {s}");
    }
    if let Some(n) = fick.strip_prefix("integer ") {
        return format!("talet {n}");
    }
    if let Some(n) = fick.strip_prefix("floating point ") {
        return format!("decimaltalet {n}");
    }
    match fick {
        "null" => "null (tomt)".into(),
        "map" => "ett objekt".into(),
        "sequence" => "en lista".into(),
        "boolean `true`" | "boolean `false`" => format!(
            "sanningsvärdet {}",
            fick.trim_start_matches("boolean ").replace('`', "")
        ),
        other => other.replace('`', "\""),
    }
}

fn beskriv_forvantan(vantade: &str) -> String {
    match vantade {
        "i64" | "i32" | "u32" | "u64" | "usize" => {
            "ett heltal (belopp anges i hela kronor, utan mellanslag eller enhet)".into()
        }
        "f64" | "f32" => "ett tal".into(),
        "a string" => "en text".into(),
        "a boolean" => "true eller false".into(),
        "a sequence" => "en lista".into(),
        v if v.starts_with("struct ") => "ett objekt".into(),
        v if v.starts_with("internally tagged enum") => "ett objekt med fältet \"status\"".into(),
        v if v.contains("date") || v.contains("Date") => "ett datum som ÅÅÅÅ-MM-DD".into(),
        v => v.replace('`', "\""),
    }
}

#[cfg(test)]
mod tests {
    use super::pa_svenska;

    #[test]
    fn rewrites_the_common_messages() {
        assert_eq!(
            pa_svenska("invalid type: string \"tre\", expected i64"),
            "fel typ: fick texten \"tre\", väntade ett heltal (belopp anges i hela kronor, utan mellanslag eller enhet)"
        );
        assert_eq!(
            pa_svenska("unknown variant `jättestor`, expected one of `mindre`, `mattlig`, `stor`"),
            "okänt värde \"jättestor\"; tillåtna värden är \"mindre\", \"mattlig\", \"stor\""
        );
        assert_eq!(
            pa_svenska("missing field `organisation`"),
            "fältet \"organisation\" saknas"
        );
        assert_eq!(
            pa_svenska("EOF while parsing an object at line 3 column 1"),
            "filen tar slut mitt i (avkortad)"
        );
    }
}
