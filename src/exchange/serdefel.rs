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
    if let Some(rest) = kort.strip_prefix("invalid length ") {
        let antal = rest.split(',').next().unwrap_or(rest);
        return format!("fel antal element ({antal})");
    }
    const SYNTAX: [(&str, &str); 12] = [
        ("expected value", "ett värde saknas eller är felskrivet"),
        ("expected `,` or `}`", "ett kommatecken eller } saknas"),
        ("expected `,` or `]`", "ett kommatecken eller ] saknas"),
        ("expected `:`", "ett kolon saknas efter en nyckel"),
        (
            "expected ident",
            "ett ord är felstavat (true, false eller null?)",
        ),
        ("key must be a string", "nycklar ska stå inom citattecken"),
        (
            "control character",
            "en text innehåller ett otillåtet styrtecken",
        ),
        ("invalid escape", "en text innehåller en ogiltig \\-sekvens"),
        (
            "invalid unicode code point",
            "en text innehåller ett ogiltigt tecken",
        ),
        ("invalid number", "ett tal är felskrivet"),
        (
            "recursion limit exceeded",
            "filen är för djupt nästlad för att vara en utbytesfil",
        ),
        (
            "lone leading surrogate",
            "en text innehåller ett ogiltigt tecken",
        ),
    ];
    if let Some((_, svenska)) = SYNTAX
        .iter()
        .find(|(engelska, _)| kort.starts_with(engelska))
    {
        return format!("felaktig JSON: {svenska}");
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
        return format!("talet {}", n.replace('`', ""));
    }
    if let Some(n) = fick.strip_prefix("floating point ") {
        return format!("decimaltalet {}", n.replace('`', ""));
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
        // Every i64 in a document is an amount in kronor (`Kronor`).
        "i64" => "ett heltal (belopp anges i hela kronor, utan mellanslag eller enhet)".into(),
        "i32" | "u32" | "u64" | "usize" => "ett heltal".into(),
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
            pa_svenska("invalid type: floating point `1e20`, expected u32"),
            "fel typ: fick decimaltalet 1e20, väntade ett heltal"
        );
        assert_eq!(
            pa_svenska("expected value at line 1 column 1"),
            "felaktig JSON: ett värde saknas eller är felskrivet"
        );
        assert_eq!(
            pa_svenska("recursion limit exceeded at line 1 column 129"),
            "felaktig JSON: filen är för djupt nästlad för att vara en utbytesfil"
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
