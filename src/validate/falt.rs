//! Rules driven by the template: obligatory fields, Leverantörens analys, JA/NEJ questions.
//! What is obligatory is data (`obligatorisk = true` in the template file), so a new year's
//! template changes these checks without code.

use serde_json::Value;

use super::Granskning;
use crate::template::{Falt, Falttyp, arsetikett, lista_vid, varde_vid};

/// Fields with a rule of their own, which the generic obligatory check leaves to it.
const EGNA_REGLER: [(&str, &str); 1] = [("pagaende_insatser", "effektmal")];

fn text_tom(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str)
        .is_none_or(|s| s.trim().is_empty())
}

/// Whether a field of this type counts as not filled in.
fn tomt(typ: Falttyp, v: Option<&Value>) -> bool {
    let Some(v) = v else { return true };
    match typ {
        Falttyp::Text | Falttyp::LangText | Falttyp::Tjanst | Falttyp::Insats => text_tom(Some(v)),
        Falttyp::Tjanster | Falttyp::Figurer | Falttyp::Flerval => {
            v.as_array().is_none_or(Vec::is_empty)
        }
        Falttyp::Beloppsuppgift => {
            v.get("belopp").is_none_or(Value::is_null) && text_tom(v.get("text"))
        }
        Falttyp::Arsbelopp => ["ar", "ar_plus_1", "ar_plus_2", "senare"]
            .iter()
            .all(|k| v.get(k).is_none_or(Value::is_null)),
        Falttyp::Komplexitet => v.get("niva").is_none_or(Value::is_null),
        Falttyp::JaNej => v.get("svar").is_none_or(Value::is_null),
        Falttyp::Belopp
        | Falttyp::Heltal
        | Falttyp::Procent
        | Falttyp::Datum
        | Falttyp::Val
        | Falttyp::NamndInformerad
        | Falttyp::SantFalskt => v.is_null(),
        Falttyp::Tillamplighet | Falttyp::AvstegOchAvvikelser => false,
    }
}

pub(super) fn granska(g: &mut Granskning<'_>) {
    let ar = g.analys.meta.analysar;
    let mall = g.mall;
    let etikett = |f: &Falt| arsetikett(&f.etikett, ar).unwrap_or_else(|_| f.etikett.clone());

    let json = g.json;
    let meta = json.get("meta").unwrap_or(&Value::Null);
    for f in mall.metafalt.iter().filter(|f| f.obligatorisk) {
        if saknas(f, meta) {
            obligatoriskt(
                g,
                f,
                meta,
                &format!("meta.{}", f.nyckel()),
                &etikett(f),
                "dokumentets uppgifter",
            );
        }
    }
    let katalog = json
        .get("tjanstekatalog")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for (i, tjanst) in katalog.iter().enumerate() {
        let namn = tjanst
            .get("namn")
            .and_then(Value::as_str)
            .unwrap_or_default();
        for f in mall.katalogfalt.iter().filter(|f| f.obligatorisk) {
            if saknas(f, tjanst) {
                obligatoriskt(
                    g,
                    f,
                    tjanst,
                    &format!("tjanstekatalog[{i}].{}", f.nyckel()),
                    &etikett(f),
                    &format!("tjänstekatalogen ({namn})"),
                );
            }
        }
    }

    // The versionshantering's columns, as the template marks them: each row says what changed
    // and who changed it.
    for (i, rad) in lista_vid(json, "versionshantering").iter().enumerate() {
        for f in mall
            .versionshantering
            .kolumner
            .iter()
            .filter(|f| f.obligatorisk)
        {
            if saknas(f, rad) {
                obligatoriskt(
                    g,
                    f,
                    rad,
                    &format!("versionshantering[{i}].{}", f.nyckel()),
                    &etikett(f),
                    &format!("{}, rad {}", mall.versionshantering.rubrik, i + 1),
                );
            }
        }
    }

    for avsnitt in &mall.avsnitt {
        let Some(nyckel) = avsnitt.nyckel() else {
            continue;
        };
        if !avsnitt.aktiv || !g.aktivt(nyckel) {
            continue;
        }
        let sektion = json.get(nyckel).unwrap_or(&Value::Null);
        let var = format!("avsnitt {}", avsnitt.nummer());
        for f in &avsnitt.falt {
            if saknas(f, sektion) {
                obligatoriskt(
                    g,
                    f,
                    sektion,
                    &format!("{nyckel}.{}", f.nyckel()),
                    &etikett(f),
                    &var,
                );
            }
            if f.typ == Falttyp::Figurer {
                figurer_utan_alt_text(g, &format!("{nyckel}.{}", f.nyckel()), sektion, f, &var);
            }
        }
        for tabell in &avsnitt.tabeller {
            let rader = lista_vid(sektion, tabell.nyckel());
            for (i, rad) in rader.iter().enumerate() {
                let radnamn = radnamn(g, rad)
                    .map_or(format!("rad {}", i + 1), |n| format!("rad {} ({n})", i + 1));
                for f in &tabell.kolumner {
                    if saknas(f, rad) {
                        obligatoriskt(
                            g,
                            f,
                            rad,
                            &format!("{nyckel}.{}[{i}].{}", tabell.nyckel(), f.nyckel()),
                            &etikett(f),
                            &format!("{var}, {radnamn}"),
                        );
                    }
                }
            }
            if let Some(analys) = tabell.analys.as_ref().filter(|a| a.obligatorisk)
                && text_tom(varde_vid(sektion, analys.nyckel()))
            {
                let tabellnamn = tabell
                    .rubrik
                    .as_deref()
                    .and_then(|r| r.split(',').next())
                    .unwrap_or("tabellen");
                g.rapportera("AA-analys", format!("{nyckel}.{}", analys.nyckel()), format!("{} saknas efter tabellen {tabellnamn} i {var}. Skriv leverantörens analys av tabellen.", analys.etikett));
            }
        }
        if let Some(form) = &avsnitt.insats {
            for (i, (insats, namn)) in form.insatser(sektion).enumerate() {
                let namn = Some(namn).filter(|n| !n.trim().is_empty());
                let rubrik = form.rubrik_for(i + 1, "");
                let vem = namn.map_or(rubrik.clone(), |n| format!("{rubrik} ({n})"));
                for f in form.grupper.iter().flat_map(|gr| &gr.falt) {
                    let sokvag = || format!("{nyckel}.{}[{i}].{}", form.nyckel(), f.nyckel());
                    if f.typ == Falttyp::JaNej {
                        ja_nej(
                            g,
                            f,
                            varde_vid(insats, f.nyckel()),
                            &sokvag(),
                            &etikett(f),
                            &vem,
                        );
                    } else if !EGNA_REGLER.contains(&(nyckel, f.nyckel())) && saknas(f, insats) {
                        obligatoriskt(g, f, insats, &sokvag(), &etikett(f), &vem);
                    }
                }
            }
        }
        if let Some(analys) = avsnitt.analys.as_ref().filter(|a| a.obligatorisk)
            && text_tom(varde_vid(sektion, analys.nyckel()))
        {
            g.rapportera("AA-analys", format!("{nyckel}.{}", analys.nyckel()), format!("{} saknas i {var}. Skriv leverantörens analys; mallen kräver den i varje avsnitt som används.", analys.etikett));
        }
    }
}

/// A figure without alt text is a fel: a screen reader has nothing to say for it (DOS-lagen),
/// and a file name read aloud helps no one, so the Word export does not invent one.
fn figurer_utan_alt_text(
    g: &mut Granskning<'_>,
    lista: &str,
    sektion: &Value,
    f: &Falt,
    var: &str,
) {
    for (i, figur) in lista_vid(sektion, f.nyckel()).iter().enumerate() {
        if text_tom(figur.get("alt_text")) {
            g.rapportera(
                "AA-figur-alt-text",
                format!("{lista}[{i}].alt_text"),
                format!("Figur {} i {var} saknar alternativtext. Skriv vad bilden visar, så att den som använder skärmläsare får samma information.", i + 1),
            );
        }
    }
}

fn radnamn(g: &Granskning<'_>, rad: &Value) -> Option<String> {
    let id = rad.get("tjanst").and_then(Value::as_str)?;
    Some(
        g.analys
            .tjanstekatalog
            .namn(&crate::model::TjanstId(id.to_string()))
            .to_string(),
    )
}

/// An obligatory field that is empty; checked before any message text is built, since most
/// fields are filled in and validation runs on every keystroke.
fn saknas(f: &Falt, behallare: &Value) -> bool {
    f.obligatorisk && tomt(f.typ, varde_vid(behallare, f.nyckel()))
}

fn obligatoriskt(
    g: &mut Granskning<'_>,
    f: &Falt,
    behallare: &Value,
    sokvag: &str,
    etikett: &str,
    var: &str,
) {
    if !saknas(f, behallare) {
        return;
    }
    let (regel, varfor) = if f.utokat {
        ("AA-obligatoriskt-utokat", "riktlinjen efterfrågar det")
    } else {
        ("AA-obligatoriskt", "mallen kräver det")
    };
    g.rapportera(
        regel,
        sokvag,
        format!("\"{etikett}\" är inte ifyllt i {var}. Fyll i det; {varfor}."),
    );
}

fn ja_nej(
    g: &mut Granskning<'_>,
    f: &Falt,
    svar: Option<&Value>,
    sokvag: &str,
    etikett: &str,
    vem: &str,
) {
    let fraga = etikett
        .split('?')
        .next()
        .map_or(etikett.to_string(), |f| format!("{f}?"));
    let kommentar = svar
        .and_then(|s| s.get("kommentar"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim();
    match svar.and_then(|s| s.get("svar")).and_then(Value::as_str) {
        None if f.utokat && f.obligatorisk => {
            g.rapportera("AA-obligatoriskt-utokat", format!("{sokvag}.svar"), format!("\"{fraga}\" är inte besvarad i {vem}. Svara JA eller NEJ; riktlinjen efterfrågar det."));
        }
        None if f.utokat => {}
        None => {
            let citat = if kommentar.is_empty() {
                String::new()
            } else {
                format!(
                    " Nuvarande text: \"{}\".",
                    super::innehall::citera(kommentar)
                )
            };
            g.rapportera("AA-janej-obesvarad", format!("{sokvag}.svar"), format!("\"{fraga}\" är inte besvarad med JA eller NEJ i {vem}.{citat} Välj JA eller NEJ och lägg förklaringen i kommentaren."));
        }
        Some("nej") if kommentar.is_empty() => {
            g.rapportera("AA-janej-kommentar", format!("{sokvag}.kommentar"), format!("\"{fraga}\" är besvarad med NEJ utan kommentar i {vem}. Förklara varför och när det görs."));
        }
        Some("ja") if kommentar.is_empty() && etikett.contains("+ kommentar") => {
            g.rapportera("AA-janej-kommentar-ja", format!("{sokvag}.kommentar"), format!("\"{fraga}\" är besvarad med JA utan den kommentar mallen ber om i {vem}. Skriv till exempel när och av vem det gjordes."));
        }
        _ => {}
    }
}

/// Every obligatory field of a plan's template that is empty, as (path, message): the meta
/// fields, each section's fields, every table cell and every insats form. A list that the
/// template shows twice (a table and forms over the same insatser) is reported once per field.
/// `hoppa_over` names the insatser whose forms are not asked for (removed or moved ones);
/// `insatsord` is what the kind calls one ("förändringsinsats", "insats").
pub(super) fn tomma_obligatoriska(
    mall: &crate::template::Mall,
    json: &Value,
    ar: i32,
    insatsord: &str,
    hoppa_over: impl Fn(&Value) -> bool,
) -> Vec<(String, String)> {
    let etikett = |f: &Falt| arsetikett(&f.etikett, ar).unwrap_or_else(|_| f.etikett.clone());
    let mut ut: Vec<(String, String)> = Vec::new();
    let mut saknas = |f: &Falt, behallare: &Value, sokvag: String, var: &str| {
        if f.obligatorisk
            && tomt(f.typ, varde_vid(behallare, f.nyckel()))
            && !ut.iter().any(|(s, _)| *s == sokvag)
        {
            let meddelande = format!(
                "\"{}\" är inte ifyllt {var}. Fyll i det; mallen kräver det.",
                etikett(f)
            );
            ut.push((sokvag, meddelande));
        }
    };
    let meta = json.get("meta").unwrap_or(&Value::Null);
    for f in &mall.metafalt {
        saknas(
            f,
            meta,
            format!("meta.{}", f.nyckel()),
            "i planens uppgifter",
        );
    }
    // A row's händelse has a rule of its own (TP-versionshandelse, a varning: plans written
    // before händelse was recorded name it only in their version numbers).
    for (i, rad) in lista_vid(json, "versionshantering").iter().enumerate() {
        for k in mall
            .versionshantering
            .kolumner
            .iter()
            .filter(|k| k.nyckel() != "handelse")
        {
            saknas(
                k,
                rad,
                format!("versionshantering[{i}].{}", k.nyckel()),
                &format!("i {}, rad {}", mall.versionshantering.rubrik, i + 1),
            );
        }
    }
    for a in &mall.avsnitt {
        let Some(nyckel) = a.nyckel() else { continue };
        // What the export leaves out is not asked for (`*-inaktiv-innehall` points at it).
        if !super::avsnitt_aktivt(mall, json, nyckel) {
            continue;
        }
        let sektion = json.get(nyckel).unwrap_or(&Value::Null);
        let rubrik = format!(
            "i {} {}",
            a.nummer(),
            arsetikett(&a.rubrik, ar).unwrap_or_default()
        );
        for f in &a.falt {
            saknas(f, sektion, format!("{nyckel}.{}", f.nyckel()), &rubrik);
        }
        for t in &a.tabeller {
            for (i, rad) in lista_vid(sektion, t.nyckel()).iter().enumerate() {
                for k in &t.kolumner {
                    saknas(
                        k,
                        rad,
                        format!("{nyckel}.{}[{i}].{}", t.nyckel(), k.nyckel()),
                        &format!("{rubrik}, rad {}", i + 1),
                    );
                }
            }
        }
        if let Some(form) = &a.insats {
            for (i, (post, _)) in form.insatser(sektion).enumerate() {
                if hoppa_over(post) {
                    continue;
                }
                for f in form.grupper.iter().flat_map(|gr| &gr.falt) {
                    saknas(
                        f,
                        post,
                        format!("{nyckel}.{}[{i}].{}", form.nyckel(), f.nyckel()),
                        &format!("för {insatsord} {}", i + 1),
                    );
                }
            }
        }
    }
    ut
}
