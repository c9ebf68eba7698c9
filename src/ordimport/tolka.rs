//! A cell's or paragraph's text read as the value of a template field, by the field's type:
//! the inverse of `export::varde::visa`, tolerant of how people fill in the template by hand.
//! Amounts go through `crate::belopp`; references to tjänster go through the catalogue being
//! built; an insats is found among the 2.2 proposals read so far.

use serde_json::{Value, json};

use super::katalog::Katalogbygge;
use crate::belopp::{Enhet, tolka_belopp};
use crate::template::{Falt, Falttyp, Mall};

/// What a field's text becomes, or the Swedish reason why it could not be read.
pub type Tolkning = Result<Value, String>;

/// Text that says "nothing here": the export's dash for an empty table, a hand-typed hyphen.
pub fn ar_tom(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "–" | "—" | "- - -")
}

/// Lower case, letters and digits only, single spaces: labels compare in this form, so "Andel
/// (%) befintliga kunder*" and "andel befintliga kunder" are the same heading. It is the form
/// tjänst names compare in (`model::namnnyckel`): a label typed into Word varies the same way.
pub fn normalisera(text: &str) -> String {
    crate::model::namnnyckel(text)
}

/// Whether a label in the document is the template's `etikett`. A question label ("Kommer
/// arbetet bedrivas i projektform? JA/NEJ") matches on the question, whatever answer hint
/// follows it.
pub fn etikett_lika(text: &str, etikett: &str) -> bool {
    let t = normalisera(text);
    if t.is_empty() {
        return false;
    }
    if t == normalisera(etikett) {
        return true;
    }
    match etikett.split_once('?') {
        Some((fraga, _)) => {
            let f = normalisera(fraga);
            !f.is_empty() && (t == f || t.starts_with(&format!("{f} ")))
        }
        None => false,
    }
}

pub use crate::belopp::belopp_i_text;

pub struct Tolkare<'a> {
    pub mall: &'a Mall,
    pub ar: i32,
    pub katalog: &'a mut Katalogbygge,
    /// The 2.2 proposals read so far: id and name.
    pub forslag: &'a [(String, String)],
}

impl Tolkare<'_> {
    /// `tkr` says whether a bare number is in tkr (the 3.1 tables) or kronor.
    pub fn tolka(&mut self, falt: &Falt, text: &str, tkr: bool) -> Tolkning {
        let text = text.trim();
        let standard = if tkr { Enhet::Tkr } else { Enhet::Kronor };
        match falt.typ {
            Falttyp::Text | Falttyp::LangText => {
                Ok(Value::from(if ar_tom(text) { "" } else { text }))
            }
            _ if ar_tom(text) => Ok(tomt_varde(falt.typ)),
            Falttyp::Heltal => match crate::edit::tolka_tal(text)? {
                Value::Number(n) if n.is_u64() => Ok(Value::Number(n)),
                _ => Err(format!("\"{text}\" är inget heltal.")),
            },
            Falttyp::Procent => {
                let utan = text.trim_end_matches('%').trim();
                match crate::edit::tolka_tal(utan)? {
                    Value::Number(n) => Ok(Value::Number(n)),
                    _ => Err(format!("\"{text}\" är ingen procentsats.")),
                }
            }
            Falttyp::Belopp => tolka_belopp(text, standard)
                .map(|b| Value::from(b.kronor.0))
                .map_err(|e| e.to_string()),
            Falttyp::Beloppsuppgift => {
                let b = belopp_i_text(text, Enhet::Kronor);
                Ok(json!({
                    "belopp": b.map(|b| b.kronor.0),
                    "uppskattning": b.is_some_and(|b| b.uppskattning),
                    "text": text,
                }))
            }
            Falttyp::Arsbelopp => Ok(self.arsbelopp(text)),
            Falttyp::Tjanst => Ok(Value::from(self.katalog.id_for(text).0)),
            Falttyp::Tjanster => Ok(Value::from(
                self.katalog
                    .lista(text)
                    .into_iter()
                    .map(|id| Value::from(id.0))
                    .collect::<Vec<_>>(),
            )),
            Falttyp::Insats => {
                let n = normalisera(text);
                self.forslag
                    .iter()
                    .find(|(_, namn)| normalisera(namn) == n)
                    .map(|(id, _)| Value::from(id.as_str()))
                    .ok_or_else(|| {
                        format!(
                            "Det finns ingen föreslagen förändringsinsats i 2.2 som heter \"{text}\"."
                        )
                    })
            }
            Falttyp::JaNej => Ok(self.ja_nej(text)),
            Falttyp::Komplexitet => Ok(self.komplexitet(text)),
            Falttyp::Val => {
                let upprakning = falt.upprakning_id();
                self.varde_for_etikett(upprakning, text)
                    .map(Value::from)
                    .ok_or_else(|| self.okant_val(upprakning, text))
            }
            Falttyp::Flerval => {
                let upprakning = falt.upprakning_id();
                // The export separates choices with "; " (a label may hold commas); a comma
                // list, as earlier exports wrote, is read when the whole piece is no label.
                let egen = crate::template::MALLENS_UPPRAKNINGAR.contains(&upprakning);
                let mut ut = Vec::new();
                for d in text
                    .split([';', '\n'])
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                {
                    if let Some(v) = self.varde_for_etikett(upprakning, d) {
                        ut.push(Value::from(v));
                    } else if egen {
                        // A value of the template's own lists that this year lacks was printed
                        // as itself: it comes back as itself, flagged by the validator.
                        ut.push(Value::from(d));
                    } else {
                        for del in d.split(',').map(str::trim).filter(|x| !x.is_empty()) {
                            let v = self
                                .varde_for_etikett(upprakning, del)
                                .ok_or_else(|| self.okant_val(upprakning, del))?;
                            ut.push(Value::from(v));
                        }
                    }
                }
                Ok(Value::from(ut))
            }
            // Ja/Nej as `export::varde::visa` prints a flag, in any kind's template.
            Falttyp::SantFalskt => match text.trim().to_lowercase().as_str() {
                "ja" => Ok(Value::from(true)),
                "nej" => Ok(Value::from(false)),
                _ => match self.svar(text) {
                    Some((ja, "")) => Ok(Value::from(ja == "ja")),
                    _ => Err(format!("\"{text}\" är varken Ja eller Nej.")),
                },
            },
            Falttyp::Datum => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|d| Value::from(d.to_string()))
                .map_err(|_| format!("\"{text}\" är inget datum; skriv till exempel 2024-01-31.")),
            Falttyp::AvstegOchAvvikelser => self.avsteg(text),
            Falttyp::Tillamplighet | Falttyp::Figurer | Falttyp::NamndInformerad => {
                Err("Fältet kan inte läsas ur en tabellcell; fyll i det i Underlag.".to_string())
            }
        }
    }

    fn okant_val(&self, upprakning: &str, text: &str) -> String {
        let val = self
            .mall
            .upprakning(upprakning)
            .map(|u| {
                u.varden
                    .iter()
                    .map(|v| v.etikett.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        format!("\"{text}\" är inget av mallens val ({val}).")
    }

    /// The model's value of the enumeration label a text names ("Intern och extern").
    fn varde_for_etikett(&self, upprakning: &str, text: &str) -> Option<String> {
        let n = normalisera(text);
        self.mall.upprakning(upprakning).and_then(|u| {
            u.varden
                .iter()
                .find(|v| normalisera(&v.etikett) == n || normalisera(v.varde.get_ref()) == n)
                .map(|v| v.varde.get_ref().clone())
        })
    }

    /// "JA, kommentar" / "Nej – kommentar" / "NEJ": the answer by the template's JA/NEJ labels
    /// and what follows it.
    fn svar<'t>(&self, text: &'t str) -> Option<(String, &'t str)> {
        let u = self.mall.upprakning("ja_nej")?;
        let slut = text
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(text.len());
        let forsta = text[..slut].to_lowercase();
        let v = u
            .varden
            .iter()
            .find(|v| v.etikett.to_lowercase() == forsta)?;
        let rest = text[slut..]
            .trim_start_matches([',', ':', '.', ';', '-', '–', '—', ' ', '\n'])
            .trim();
        Some((v.varde.get_ref().clone(), rest))
    }

    fn ja_nej(&self, text: &str) -> Value {
        match self.svar(text) {
            Some((svar, kommentar)) => json!({ "svar": svar, "kommentar": kommentar }),
            None => json!({ "svar": null, "kommentar": text }),
        }
    }

    /// "Mindre påverkan" on the first line (or the first word, "Mindre"), the rest a kommentar.
    fn komplexitet(&self, text: &str) -> Value {
        let Some(u) = self.mall.upprakning("komplexitet") else {
            return json!({ "niva": null, "kommentar": text });
        };
        // As the export writes it: the level's label alone on the first line, the kommentar
        // on the lines after it, kept as written.
        let (forsta, resten) = text.split_once('\n').unwrap_or((text, ""));
        if let Some(v) = u
            .varden
            .iter()
            .find(|v| normalisera(&v.etikett) == normalisera(forsta))
        {
            return json!({ "niva": v.varde.get_ref(), "kommentar": resten });
        }
        // A kommentar of several lines without a level: the export wrote no label line.
        if !resten.is_empty() {
            return json!({ "niva": null, "kommentar": text });
        }
        let n = normalisera(text);
        for v in &u.varden {
            let etikett = normalisera(&v.etikett);
            let ord = etikett.split(' ').next().unwrap_or_default().to_string();
            // The full label may start a longer text ("Måttlig påverkan. Kräver …"); its first
            // word only stands for it alone ("Måttlig"), since a kommentar may start with it.
            for (prefix, forlangd) in [(etikett, true), (ord, false)] {
                if !prefix.is_empty()
                    && (n == prefix || (forlangd && n.starts_with(&format!("{prefix} "))))
                {
                    let kommentar = kommentar_efter(text, prefix.split(' ').count());
                    return json!({ "niva": v.varde.get_ref(), "kommentar": kommentar });
                }
            }
        }
        json!({ "niva": null, "kommentar": text })
    }

    /// "3 miljoner kronor" with the export's line of amounts per year ("2024: 3 000 000 kr ·
    /// 2025: cirka 300 000 kr"); without that line the first amount in the text is the
    /// analysår's.
    fn arsbelopp(&self, text: &str) -> Value {
        let mut v = json!({ "ar": null, "ar_plus_1": null, "ar_plus_2": null, "senare": null,
            "uppskattning": false, "text": "" });
        let mut rader: Vec<&str> = text.lines().collect();
        // The export's last line "Enligt riktlinjen: Återkommande per år · …" first.
        if let Some(r) = &self.mall.riktlinjen_texter()
            && let Some(sista) = rader.last()
            && let Some(flaggor) = sista
                .split_once(':')
                .filter(|(fore, _)| etikett_lika(fore, &r.markering))
                .map(|(_, efter)| efter)
        {
            for del in flaggor.split('·').map(str::trim) {
                if etikett_lika(del, &r.aterkommande) {
                    v["aterkommande"] = Value::from(true);
                } else if etikett_lika(del, &r.indexerad) {
                    v["indexerad"] = Value::from(true);
                } else if let Some(sats) = del
                    .strip_prefix(r.indexsats.as_str())
                    .map(|s| s.trim().trim_end_matches('%').trim())
                    && let Ok(Value::Number(n)) = crate::edit::tolka_tal(sats)
                {
                    v["indexsats_procent"] = Value::Number(n);
                }
            }
            rader.pop();
        }
        let mut las_ar = false;
        if let Some(sista) = rader.last()
            && let Some(belopp) = self.arsrad(sista)
        {
            for (nyckel, kronor, uppskattning) in belopp {
                if let Some(k) = kronor {
                    v[nyckel] = Value::from(k.0);
                }
                if uppskattning {
                    v["uppskattning"] = Value::from(true);
                }
            }
            rader.pop();
            las_ar = true;
        }
        let fritext = rader.join("\n").trim().to_string();
        if !las_ar && let Some(b) = belopp_i_text(&fritext, Enhet::Kronor) {
            v["ar"] = Value::from(b.kronor.0);
            v["uppskattning"] = Value::from(b.uppskattning);
        }
        v["text"] = Value::from(fritext);
        v
    }

    /// The export's line of amounts per year ("2024: 3 000 000 kr · 2025: cirka 300 000 kr");
    /// a dash is a year stated without an amount ("2024: cirka –").
    #[allow(clippy::type_complexity)]
    fn arsrad(&self, rad: &str) -> Option<Vec<(&'static str, Option<crate::model::Kronor>, bool)>> {
        let mut ut = Vec::new();
        for del in rad.split('·') {
            let (etikett, belopp) = del.split_once(':')?;
            let etikett = etikett.trim();
            let nyckel = match etikett.parse::<i32>().ok().map(|a| a - self.ar) {
                Some(0) => "ar",
                Some(1) => "ar_plus_1",
                Some(2) => "ar_plus_2",
                _ if etikett == "senare" => "senare",
                _ => return None,
            };
            let belopp = belopp.trim();
            let utan_cirka = belopp.strip_prefix("cirka ").map(str::trim);
            match utan_cirka.unwrap_or(belopp) {
                streck if ar_tom(streck) => ut.push((nyckel, None, utan_cirka.is_some())),
                _ => {
                    let b = tolka_belopp(belopp, Enhet::Kronor).ok()?;
                    ut.push((nyckel, Some(b.kronor), b.uppskattning));
                }
            }
        }
        (!ut.is_empty()).then_some(ut)
    }

    /// "Inga", or one line per avsteg or avvikelse ("Avsteg: Bolagen, …").
    fn avsteg(&self, text: &str) -> Tolkning {
        let inga = self.mall.etikett_for_varde("avsteg_och_avvikelser", "inga");
        if normalisera(text) == normalisera(inga) {
            return Ok(json!({ "status": "inga" }));
        }
        // As the export writes a post: the type alone on a line, then "Etikett: text" per
        // field, a field's further lines after it. A hand-written "Avsteg: text" is a post
        // whose text is its beskrivning.
        let falt = crate::model::AvstegEllerAvvikelse::FALT;
        let mut poster: Vec<Value> = Vec::new();
        let mut aktuellt: Option<&str> = None;
        for rad in text.lines() {
            let ren = rad.trim();
            if let Some(typ) = self.varde_for_etikett("avvikelsetyp", ren) {
                poster.push(json!({ "typ": typ }));
                aktuellt = None;
                continue;
            }
            if let Some((fore, rest)) = ren.split_once(':') {
                let (datumnyckel, datumetikett) = crate::model::AvstegEllerAvvikelse::DATUMFALT;
                if etikett_lika(fore, datumetikett)
                    && let Some(p) = poster.last_mut()
                {
                    let datum = chrono::NaiveDate::parse_from_str(rest.trim(), "%Y-%m-%d")
                        .map_err(|_| {
                            format!("{datumetikett} \"{}\" ska skrivas ÅÅÅÅ-MM-DD.", rest.trim())
                        })?;
                    p[datumnyckel] = Value::from(datum.to_string());
                    aktuellt = None;
                    continue;
                }
                if let Some((nyckel, _)) = falt.iter().find(|(_, e)| etikett_lika(fore, e)) {
                    if let Some(p) = poster.last_mut() {
                        p[*nyckel] = Value::from(rest.trim());
                        aktuellt = Some(nyckel);
                        continue;
                    }
                } else if let Some(typ) = self.varde_for_etikett("avvikelsetyp", fore) {
                    poster.push(json!({ "typ": typ, "beskrivning": rest.trim() }));
                    aktuellt = Some("beskrivning");
                    continue;
                }
            }
            match (poster.last_mut(), aktuellt) {
                (Some(p), Some(nyckel)) => {
                    let fore = p[nyckel].as_str().unwrap_or_default().to_string();
                    p[nyckel] = Value::from(format!("{fore}\n{}", rad.trim_end()));
                }
                _ if ren.is_empty() => {}
                _ => {
                    return Err(format!(
                        "\"{ren}\" säger inte om det är ett avsteg eller en avvikelse; skriv \"Avsteg: …\", \"Avvikelse: …\" eller \"{inga}\"."
                    ));
                }
            }
        }
        Ok(json!({ "status": "angivna", "poster": poster }))
    }
}

/// The text after the first `ord` words, with the punctuation that separated them.
fn kommentar_efter(text: &str, ord: usize) -> String {
    let mut rest = text.trim_start();
    for _ in 0..ord {
        let slut = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        rest = rest[slut..].trim_start_matches(|c: char| !c.is_alphanumeric());
    }
    rest.trim().to_string()
}

fn tomt_varde(typ: Falttyp) -> Value {
    match typ {
        Falttyp::Tjanster | Falttyp::Flerval => json!([]),
        Falttyp::JaNej => json!({ "svar": null, "kommentar": "" }),
        Falttyp::Komplexitet => json!({ "niva": null, "kommentar": "" }),
        Falttyp::AvstegOchAvvikelser => json!({ "status": "ej_ifyllt" }),
        Falttyp::Beloppsuppgift => json!({ "belopp": null, "uppskattning": false, "text": "" }),
        Falttyp::Arsbelopp => json!({ "ar": null, "ar_plus_1": null, "ar_plus_2": null,
            "senare": null, "uppskattning": false, "text": "" }),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_without_punctuation_or_answer_hints() {
        assert!(etikett_lika(
            "Andel (%) befintliga kunder*",
            "Andel (%) befintliga kunder*"
        ));
        assert!(etikett_lika(
            "Kommer arbetet bedrivas i projektform?",
            "Kommer arbetet bedrivas i projektform? JA/NEJ"
        ));
        assert!(!etikett_lika("Effektmål", "Projektmål"));
    }

    #[test]
    fn an_amount_may_be_followed_by_words() {
        let b = belopp_i_text(
            "7 591 000 kronor (innehåller projektkostnader även för 2022)",
            Enhet::Kronor,
        )
        .map(|b| b.kronor.0);
        assert_eq!(b, Some(7_591_000));
        assert!(belopp_i_text("Ingen påverkan", Enhet::Kronor).is_none());
    }

    #[test]
    fn a_comment_follows_the_first_words() {
        assert_eq!(
            kommentar_efter("Måttlig påverkan. Kräver stöd", 2),
            "Kräver stöd"
        );
        assert_eq!(kommentar_efter("Mindre", 1), "");
    }
}
