//! Where a document path is, in the template's own words: the field label an author sees in
//! the form and the Word document ("Prognos budget 2024"), or the table or section that holds
//! the path when the path is a whole row list or section. Findings carry it, so that every
//! message names its place as the template prints it and never as a path.

use super::arsetikett;
use super::types::{Avsnitt, Mall, falt_i_lista, tacker};

impl Mall {
    /// The label of the field at `sokvag`, its year placeholders filled in for `ar`; for a
    /// path that is no single field, the label of the table, then of the section, that holds
    /// it. `None` only for a path the template does not know at all.
    pub fn plats_for_sokvag(&self, sokvag: &str, ar: i32) -> Option<String> {
        let etikett = self.etikett_i_mallen(sokvag)?;
        // A label the template check let through always fills; the raw label is still the
        // template's word if it somehow does not.
        Some(arsetikett(etikett, ar).unwrap_or_else(|_| etikett.to_string()))
    }

    fn etikett_i_mallen(&self, sokvag: &str) -> Option<&str> {
        if let Some((_, etikett)) = self.etikett_for_sokvag(sokvag) {
            return Some(etikett);
        }
        // A part of a document uppgift: the date of `meta.berord_namnd_informerad.datum`.
        if let Some(rest) = sokvag.strip_prefix("meta.") {
            let nyckel = rest.split(['.', '[']).next().unwrap_or_default();
            return self
                .metafalt
                .iter()
                .find(|f| f.nyckel() == nyckel)
                .map(|f| f.etikett.as_str());
        }
        if let Some(rest) = sokvag.strip_prefix("versionshantering") {
            let kolumn = rest.split_once("].").map(|(_, k)| k).unwrap_or_default();
            let tabell = &self.versionshantering;
            return Some(
                tabell
                    .kolumner
                    .iter()
                    .find(|k| tacker(k, kolumn))
                    .map_or(tabell.rubrik.as_str(), |k| k.etikett.as_str()),
            );
        }
        let avsnitt = self.avsnitt_for_sokvag(sokvag)?;
        Some(tabell_eller_rubrik(avsnitt, sokvag))
    }
}

/// The table in `avsnitt` whose rows `sokvag` is in, by the text printed above it; else the
/// section's heading.
fn tabell_eller_rubrik<'m>(avsnitt: &'m Avsnitt, sokvag: &str) -> &'m str {
    let rest = avsnitt
        .nyckel()
        .and_then(|n| sokvag.strip_prefix(n))
        .unwrap_or_default()
        .trim_start_matches('.');
    avsnitt
        .tabeller
        .iter()
        .filter(|t| {
            rest == t.nyckel()
                || falt_i_lista(rest, t.nyckel()).is_some()
                || rest
                    .strip_prefix(t.nyckel())
                    .is_some_and(|r| r.starts_with(['.', '[']))
        })
        .find_map(|t| t.rubrik.as_deref())
        .unwrap_or(avsnitt.rubrik.as_str())
}

#[cfg(test)]
mod tests {
    use crate::template::Mallbibliotek;

    fn plats(mall: &str, sokvag: &str) -> Option<String> {
        let mallar = Mallbibliotek::inbyggda().expect("inbyggda mallar");
        let mall = mallar.hamta(mall).expect("mallen finns");
        mall.plats_for_sokvag(sokvag, 2024)
    }

    #[test]
    fn a_field_is_named_by_its_label_with_the_year_filled_in() {
        assert_eq!(
            plats(
                "arlig-analys-2024",
                "kostnader.forvaltning.rader[0].kostnad.prognos"
            )
            .as_deref(),
            Some("Prognos budget 2024")
        );
        assert_eq!(
            plats(
                "arlig-analys-2024",
                "foreslagna_insatser.insatser[3].strategisk.nytta"
            )
            .as_deref(),
            Some("Nytta")
        );
    }

    #[test]
    fn parts_of_uppgifter_versions_and_lists_are_named_by_what_holds_them() {
        assert_eq!(
            plats("arlig-analys-2024", "meta.berord_namnd_informerad.datum").as_deref(),
            Some("Berörd nämnd informerad")
        );
        assert_eq!(
            plats("arlig-analys-2024", "versionshantering[1].datum").as_deref(),
            Some("Datum")
        );
        assert_eq!(
            plats(
                "arlig-analys-2024",
                "pagaende_insatser.insatser[7].tjanster[0]"
            )
            .as_deref(),
            Some("Bastjänst eller infrastrukturtjänst det gäller")
        );
    }

    #[test]
    fn a_whole_section_is_named_by_its_heading() {
        let rubrik = plats("arlig-analys-2024", "framatsyftande_portfoljanalys");
        assert!(
            rubrik
                .as_deref()
                .is_some_and(|r| r.contains("ortföljanalys")),
            "{rubrik:?}"
        );
        assert_eq!(plats("arlig-analys-2024", "finns_inte.alls"), None);
    }
}
