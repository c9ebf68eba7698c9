//! Template placeholders ("[Publiceringsdatum]", "[Namn på tjänsteområde]") left in a
//! document's text. The tjänsteplan's rule reports them; the Word and Excel writers refuse a
//! document that still has one, so a placeholder never reaches an exported document.

use serde_json::Value;

/// "[Publiceringsdatum]": a bracketed word starting with a capital letter, as templates write
/// them; a reference like "[1]" or a legal citation "(C-311/18)" is not one.
pub fn hitta_platshallare(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        let efter = &rest[start + 1..];
        let Some(slut) = efter.find(']') else { break };
        let inre = &efter[..slut];
        if inre.chars().next().is_some_and(char::is_uppercase)
            && inre.chars().count() <= 40
            && inre
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        {
            return Some(&rest[start..start + slut + 2]);
        }
        rest = &efter[slut + 1..];
    }
    None
}

/// The first placeholder in any text of `dokument`, with its path.
pub fn forsta_platshallare(dokument: &Value) -> Option<(String, String)> {
    let mut funnen = None;
    super::for_varje_lov(dokument, &mut |sokvag, v| {
        if funnen.is_none()
            && let Some(ph) = v.as_str().and_then(hitta_platshallare)
        {
            funnen = Some((sokvag.to_string(), ph.to_string()));
        }
    });
    funnen
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_template_placeholders_only() {
        assert_eq!(
            hitta_platshallare("Publicerad [Publiceringsdatum]"),
            Some("[Publiceringsdatum]")
        );
        assert_eq!(hitta_platshallare("se källa [1] och [a]"), None);
        assert_eq!(hitta_platshallare("Schrems II (C-311/18)"), None);
        assert_eq!(
            hitta_platshallare("[Namn på tjänsteområde]"),
            Some("[Namn på tjänsteområde]")
        );
    }

    #[test]
    fn the_first_placeholder_comes_with_its_path() {
        let d = json!({"meta": {"version": "2.0"}, "nyttor": {"poster": [{"beskrivning": "Klart [Datum]"}]}});
        assert_eq!(
            forsta_platshallare(&d),
            Some(("nyttor.poster[0].beskrivning".into(), "[Datum]".into()))
        );
        assert_eq!(forsta_platshallare(&json!({"a": "utan"})), None);
    }
}
