//! What the loader checks beyond TOML syntax: every key a template names exists in the model,
//! numbering is unique and in order, placeholders and enumerations are known. A template that
//! passes can be rendered for any year without a runtime surprise.

use toml::Spanned;

use super::{Falt, Falttyp, Mall, Upprakning, arsetikett};
use crate::model::Dokumenttyp;
use crate::schema::{self, Nod};

pub(super) struct Kontrollfel {
    pub position: usize,
    pub nyckel: String,
    pub meddelande: String,
}

fn fel<T>(spann: &Spanned<T>, nyckel: &str, meddelande: String) -> Kontrollfel {
    Kontrollfel {
        position: spann.span().start,
        nyckel: nyckel.to_string(),
        meddelande,
    }
}

/// The model's enumerations a template may label, by the template's key.
const UPPRAKNINGAR: [(&str, &str); 24] = [
    ("organisationsform", "Organisationsform"),
    ("vardokument", "Vardokument"),
    ("dimiosomrade", "Dimiosomrade"),
    ("malomrade", "Malomrade"),
    ("systematgard", "Systematgard"),
    ("versionshandelse", "Versionshandelse"),
    ("forum", "Forum"),
    ("nyttoslag", "Nyttoslag"),
    ("paverkansniva", "Paverkansniva"),
    ("initiativstatus", "Initiativstatus"),
    ("lagrum", "Lagrum"),
    ("budgetklass", "Budgetklass"),
    ("tillamplighet", "Tillamplighet"),
    ("avsteg_och_avvikelser", "AvstegOchAvvikelser"),
    ("komplexitet", "Komplexitet"),
    ("intern_extern", "InternExtern"),
    ("effektivitet_innovation", "EffektivitetInnovation"),
    ("ja_nej", "JaNej"),
    ("formaga", "Formaga"),
    ("tjanstekategori", "Tjanstekategori"),
    ("malgrupp", "Malgrupp"),
    ("finansiering", "Finansiering"),
    ("status", "Status"),
    ("avvikelsetyp", "Avvikelsetyp"),
];

/// Enumerations that are the template's own: the model stores their values as text, so a later
/// year's template may reword, drop or replace them (`ersatter`) without a new Underlag, and a
/// value a document holds that its template lacks is kept and flagged, not refused.
pub const MALLENS_UPPRAKNINGAR: [&str; 3] =
    ["overgripande_mal", "prioriterade_nyttor", "inriktningar"];

pub(super) fn kontrollera(mall: &Mall) -> Result<(), Kontrollfel> {
    let huvud = &mall.mall;
    let Some(typ) = Dokumenttyp::parse(huvud.dokumenttyp.get_ref()) else {
        return Err(fel(
            &huvud.dokumenttyp,
            "mall.dokumenttyp",
            format!(
                "okänd dokumenttyp \"{}\"; kända är arlig-analys, tjansteplan och digitaliseringsplan",
                huvud.dokumenttyp.get_ref()
            ),
        ));
    };
    let rot_schema = schema::dokument(typ);
    let rot = Nod::rot(&rot_schema);
    let platshallare = |text: &str, spann: &Spanned<String>, nyckel: &str| {
        arsetikett(text, huvud.ar)
            .map(|_| ())
            .map_err(|e| fel(spann, nyckel, e.to_string()))
    };
    platshallare(&huvud.sidhuvud, &huvud.dokumenttyp, "mall.sidhuvud")?;

    let meta = rot
        .falt("meta")
        .ok_or_else(|| fel(&huvud.dokumenttyp, "meta", "modellen saknar meta".into()))?;
    kontrollera_falt(mall, &mall.metafalt, meta, "metafalt")?;
    if let Some(katalog) = rot.falt("tjanstekatalog").and_then(Nod::element) {
        kontrollera_falt(mall, &mall.katalogfalt, katalog, "katalogfalt")?;
    }
    if let Some(versioner) = rot.falt("versionshantering").and_then(Nod::element) {
        kontrollera_falt(
            mall,
            &mall.versionshantering.kolumner,
            versioner,
            "versionshantering.kolumner",
        )?;
    }

    let mut foregaende: Option<Vec<u32>> = None;
    for avsnitt in &mall.avsnitt {
        let nummer = avsnitt.nummer.get_ref();
        let delar: Option<Vec<u32>> = nummer.split('.').map(|d| d.parse().ok()).collect();
        let Some(delar) = delar else {
            return Err(fel(
                &avsnitt.nummer,
                "avsnitt.nummer",
                format!("\"{nummer}\" är inget avsnittsnummer som 1, 1.2 eller 3.1"),
            ));
        };
        if let Some(f) = &foregaende
            && delar <= *f
        {
            return Err(fel(
                &avsnitt.nummer,
                "avsnitt.nummer",
                format!(
                    "avsnitt {nummer} kommer efter ett avsnitt med samma eller högre nummer; avsnitten ska stå i dokumentets ordning"
                ),
            ));
        }
        foregaende = Some(delar);
        // A catalogue field a chapter prints must be one the template labels, or the export
        // would silently print nothing for it.
        if let Some(okant) = avsnitt
            .katalogfalt
            .iter()
            .find(|n| !mall.katalogfalt.iter().any(|f| f.nyckel() == n.as_str()))
        {
            return Err(fel(
                &avsnitt.nummer,
                "avsnitt.katalogfalt",
                format!(
                    "avsnitt {nummer} nämner katalogfältet \"{okant}\", som mallens katalogfalt saknar"
                ),
            ));
        }
        platshallare(
            &avsnitt.rubrik,
            &avsnitt.nummer,
            &format!("avsnitt {nummer}.rubrik"),
        )?;

        let Some(nyckel) = &avsnitt.nyckel else {
            if !avsnitt.falt.is_empty()
                || !avsnitt.tabeller.is_empty()
                || avsnitt.insats.is_some()
                || avsnitt.analys.is_some()
            {
                return Err(fel(
                    &avsnitt.nummer,
                    "avsnitt.nyckel",
                    format!(
                        "avsnitt {nummer} har fält men ingen nyckel som säger var i dokumentet de finns"
                    ),
                ));
            }
            continue;
        };
        let Some(sektion) = rot.falt(nyckel.get_ref()) else {
            return Err(fel(
                nyckel,
                "avsnitt.nyckel",
                format!("dokumentet har inget avsnitt \"{}\"", nyckel.get_ref()),
            ));
        };
        let sammanhang = format!("avsnitt {nummer}");
        if let Some(analys) = &avsnitt.analys {
            kontrollera_sokvag(sektion, &analys.nyckel, &format!("{sammanhang}.analys"))?;
        }
        kontrollera_falt(mall, &avsnitt.falt, sektion, &format!("{sammanhang}.falt"))?;
        for tabell in &avsnitt.tabeller {
            let lista =
                kontrollera_sokvag(sektion, &tabell.nyckel, &format!("{sammanhang}.tabeller"))?;
            let Some(rad) = lista.element() else {
                return Err(fel(
                    &tabell.nyckel,
                    &format!("{sammanhang}.tabeller"),
                    format!("\"{}\" är ingen lista av rader", tabell.nyckel.get_ref()),
                ));
            };
            if let Some(analys) = &tabell.analys {
                kontrollera_sokvag(
                    sektion,
                    &analys.nyckel,
                    &format!("{sammanhang}.tabeller.analys"),
                )?;
            }
            kontrollera_falt(
                mall,
                &tabell.kolumner,
                rad,
                &format!("{sammanhang}.tabeller.kolumner"),
            )?;
        }
        if let Some(insats) = &avsnitt.insats {
            let lista =
                kontrollera_sokvag(sektion, &insats.nyckel, &format!("{sammanhang}.insats"))?;
            let Some(element) = lista.element() else {
                return Err(fel(
                    &insats.nyckel,
                    &format!("{sammanhang}.insats"),
                    format!("\"{}\" är ingen lista av insatser", insats.nyckel.get_ref()),
                ));
            };
            for grupp in &insats.grupper {
                kontrollera_falt(
                    mall,
                    &grupp.falt,
                    element,
                    &format!("{sammanhang}.insats.grupper.falt"),
                )?;
            }
        }
    }

    for upprakning in &mall.upprakningar {
        let namn = upprakning.nyckel.get_ref();
        if MALLENS_UPPRAKNINGAR.contains(&namn.as_str()) {
            kontrollera_egen_upprakning(upprakning)?;
            continue;
        }
        if let Some(v) = upprakning.varden.iter().find(|v| !v.ersatter.is_empty()) {
            return Err(fel(
                &v.varde,
                &format!("upprakningar {namn}.varden"),
                format!(
                    "\"ersatter\" går bara i mallens egna uppräkningar ({}); modellen har inga andra värden att ersätta",
                    MALLENS_UPPRAKNINGAR.join(", ")
                ),
            ));
        }
        let Some((_, definition)) = UPPRAKNINGAR.iter().find(|(n, _)| n == namn) else {
            let kanda: Vec<&str> = UPPRAKNINGAR.iter().map(|(n, _)| *n).collect();
            return Err(fel(
                &upprakning.nyckel,
                "upprakningar.nyckel",
                format!("okänd uppräkning \"{namn}\"; kända är {}", kanda.join(", ")),
            ));
        };
        let modellens = Nod::definition(&rot_schema, definition)
            .map(Nod::enumvarden)
            .unwrap_or_default();
        for varde in &upprakning.varden {
            if !modellens.iter().any(|m| m == varde.varde.get_ref()) {
                return Err(fel(
                    &varde.varde,
                    &format!("upprakningar {namn}.varden"),
                    format!(
                        "\"{}\" är inget värde i modellen; modellens värden är {}",
                        varde.varde.get_ref(),
                        modellens.join(", ")
                    ),
                ));
            }
        }
        for m in &modellens {
            if !upprakning.varden.iter().any(|v| v.varde.get_ref() == m) {
                return Err(fel(
                    &upprakning.nyckel,
                    &format!("upprakningar {namn}"),
                    format!("värdet \"{m}\" saknar etikett i mallen"),
                ));
            }
        }
    }
    Ok(())
}

/// One of the template's own enumerations: values unique and not empty, and a replaced value
/// no longer among them (else a document holding it would be offered what it already has).
fn kontrollera_egen_upprakning(upprakning: &Upprakning) -> Result<(), Kontrollfel> {
    let namn = upprakning.nyckel.get_ref();
    let sammanhang = format!("upprakningar {namn}.varden");
    for (i, v) in upprakning.varden.iter().enumerate() {
        let varde = v.varde.get_ref();
        if varde.trim().is_empty() || v.etikett.trim().is_empty() {
            return Err(fel(
                &v.varde,
                &sammanhang,
                "ett värde saknar namn eller etikett".to_string(),
            ));
        }
        if upprakning.varden[..i]
            .iter()
            .any(|w| w.varde.get_ref() == varde)
        {
            return Err(fel(
                &v.varde,
                &sammanhang,
                format!("värdet \"{varde}\" står två gånger"),
            ));
        }
        if let Some(gammal) = v
            .ersatter
            .iter()
            .find(|g| upprakning.varden.iter().any(|w| w.varde.get_ref() == *g))
        {
            return Err(fel(
                &v.varde,
                &sammanhang,
                format!("\"{varde}\" ersätter \"{gammal}\", som finns kvar i samma uppräkning"),
            ));
        }
    }
    Ok(())
}

fn kontrollera_sokvag<'a>(
    nod: Nod<'a>,
    nyckel: &Spanned<String>,
    sammanhang: &str,
) -> Result<Nod<'a>, Kontrollfel> {
    nod.sokvag(nyckel.get_ref()).ok_or_else(|| {
        fel(
            nyckel,
            sammanhang,
            format!("\"{}\" finns inte i dokumentmodellen", nyckel.get_ref()),
        )
    })
}

fn kontrollera_falt(
    mall: &Mall,
    falt: &[Falt],
    nod: Nod<'_>,
    sammanhang: &str,
) -> Result<(), Kontrollfel> {
    for f in falt {
        kontrollera_sokvag(nod, &f.nyckel, sammanhang)?;
        arsetikett(&f.etikett, mall.mall.ar)
            .map_err(|e| fel(&f.nyckel, sammanhang, e.to_string()))?;
        match (&f.upprakning, f.typ) {
            (None, Falttyp::Val | Falttyp::Flerval) => {
                return Err(fel(
                    &f.nyckel,
                    sammanhang,
                    format!(
                        "fältet \"{}\" är ett val men anger ingen uppräkning",
                        f.nyckel.get_ref()
                    ),
                ));
            }
            (Some(u), _) if mall.upprakning(u.get_ref()).is_none() => {
                return Err(fel(
                    u,
                    sammanhang,
                    format!("uppräkningen \"{}\" finns inte i mallen", u.get_ref()),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}
