//! Year-relative labels: "Utfall {år-2}" in a 2024 analysis reads "Utfall 2022".

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "okänd platshållare \"{{{platshallare}}}\"; skriv {{år}}, {{år-1}}, {{år+2}} och så vidare"
)]
pub struct ArsetikettFel {
    pub platshallare: String,
}

/// Replaces `{år}`, `{år-N}` and `{år+N}` with years counted from `ar`.
pub fn arsetikett(mall: &str, ar: i32) -> Result<String, ArsetikettFel> {
    let mut ut = String::with_capacity(mall.len());
    let mut rest = mall;
    while let Some(start) = rest.find('{') {
        ut.push_str(&rest[..start]);
        let efter = &rest[start + 1..];
        let Some(slut) = efter.find('}') else {
            return Err(ArsetikettFel {
                platshallare: efter.to_string(),
            });
        };
        let innehall = &efter[..slut];
        ut.push_str(&tolka(innehall, ar)?.to_string());
        rest = &efter[slut + 1..];
    }
    ut.push_str(rest);
    Ok(ut)
}

fn tolka(innehall: &str, ar: i32) -> Result<i32, ArsetikettFel> {
    let fel = || ArsetikettFel {
        platshallare: innehall.to_string(),
    };
    let kompakt: String = innehall.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(forskjutning) = kompakt.strip_prefix("år") else {
        return Err(fel());
    };
    if forskjutning.is_empty() {
        return Ok(ar);
    }
    let mut tecken = forskjutning.chars();
    let riktning = tecken.next();
    let tal: i32 = tecken.as_str().parse().map_err(|_| fel())?;
    match riktning {
        Some('+') => ar.checked_add(tal).ok_or_else(fel),
        Some('-') => ar.checked_sub(tal).ok_or_else(fel),
        _ => Err(fel()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_years_from_the_analysis_year() {
        assert_eq!(arsetikett("Utfall {år-2}", 2024).unwrap(), "Utfall 2022");
        assert_eq!(
            arsetikett("Prognos budget {år}", 2025).unwrap(),
            "Prognos budget 2025"
        );
        assert_eq!(
            arsetikett("Kostnader {år}–{år+2}", 2024).unwrap(),
            "Kostnader 2024–2026"
        );
        assert_eq!(arsetikett("Utan år", 2024).unwrap(), "Utan år");
    }

    #[test]
    fn rejects_unknown_placeholders() {
        assert!(arsetikett("{månad}", 2024).is_err());
        assert!(arsetikett("{år*2}", 2024).is_err());
        assert!(arsetikett("{år", 2024).is_err());
        assert!(arsetikett("{år\u{2212}2}", 2024).is_err());
        assert!(arsetikett("{åråå}", 2024).is_err());
    }
}
