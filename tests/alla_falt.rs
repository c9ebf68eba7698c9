//! Nothing the user typed is left out of the exports. For each kind the bundled example gets
//! every field of the model filled (walked through the model's JSON Schema, so a new field is
//! walked without touching this test): every text a unique marker, every other value a value of
//! its own. A text is found by its marker; any other value by changing it alone and seeing the
//! export change. Every field must reach the Word document (with and without anvisningar), and
//! a tabular one (a template table's column, the tjänstekatalog) the workbook too, unless
//! `export::EJ_EXPORTERADE` lists it with its reason; a listed field must really be missing.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use base64::Engine;
use calamine::{Reader, Xlsx, open_workbook_from_rs};
use serde_json::{Map, Value, json};
use underlag::example::exempel_med_namn;
use underlag::exchange::dokument_fran_json;
use underlag::export::{Docxval, EJ_EXPORTERADE, skriv_docx, skriv_xlsx};
use underlag::model::{Dokument, Dokumenttyp, kontrollera_referenser};
use underlag::template::{Mall, Mallbibliotek};

#[derive(Debug, Clone)]
enum Steg {
    Nyckel(String),
    Index(usize),
}

/// How a field is looked for in the exports.
#[derive(Debug, Clone)]
enum Prov {
    /// Its marker is in the text.
    Markor(String),
    /// The export changes when the field alone takes this value.
    Andring(Value),
}

#[derive(Debug, Clone)]
struct Lov {
    sokvag: Vec<Steg>,
    prov: Prov,
}

fn monster(sokvag: &[Steg]) -> String {
    let mut s = String::new();
    for steg in sokvag {
        match steg {
            Steg::Nyckel(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Steg::Index(_) => s.push_str("[]"),
        }
    }
    s
}

fn vid<'v>(v: &'v mut Value, sokvag: &[Steg]) -> Option<&'v mut Value> {
    sokvag.iter().try_fold(v, |v, steg| match steg {
        Steg::Nyckel(k) => v.get_mut(k.as_str()),
        Steg::Index(i) => v.get_mut(*i),
    })
}

fn png() -> String {
    let bild = image::RgbImage::from_pixel(8, 4, image::Rgb([31, 56, 100]));
    let mut ut = Cursor::new(Vec::new());
    bild.write_to(&mut ut, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    base64::engine::general_purpose::STANDARD.encode(ut.into_inner())
}

/// A schema node resolved: the `$defs` name it came through (for id and reference types),
/// whether it is an `Option`, and the schema itself.
fn upplos<'s>(defs: &'s Value, mut s: &'s Value) -> (Option<&'s str>, bool, &'s Value) {
    let mut namn = None;
    let mut valfri = false;
    for _ in 0..16 {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let n = r.trim_start_matches("#/$defs/");
            namn = Some(n);
            s = defs
                .get(n)
                .unwrap_or_else(|| panic!("{n} saknas i schemat"));
            continue;
        }
        if let Some(grenar) = s.get("anyOf").and_then(Value::as_array) {
            let ej_null: Vec<&Value> = grenar
                .iter()
                .filter(|g| g.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if ej_null.len() < grenar.len() {
                valfri = true;
            }
            if let [enda] = ej_null.as_slice() {
                s = enda;
                continue;
            }
        }
        if let Some(typer) = s.get("type").and_then(Value::as_array) {
            valfri |= typer.iter().any(|t| t == "null");
        }
        break;
    }
    (namn, valfri, s)
}

fn typ_av(s: &Value) -> Option<&str> {
    match s.get("type") {
        Some(Value::String(t)) => Some(t),
        Some(Value::Array(t)) => t.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

/// The values of an enumeration, from `enum` or from a `oneOf` of constants.
fn uppraknade(s: &Value) -> Option<Vec<Value>> {
    if let Some(v) = s.get("enum").and_then(Value::as_array) {
        return Some(v.iter().filter(|v| !v.is_null()).cloned().collect());
    }
    let grenar = s.get("oneOf").and_then(Value::as_array)?;
    grenar.iter().map(|g| g.get("const").cloned()).collect()
}

fn ar_id_typ(namn: Option<&str>) -> bool {
    matches!(namn, Some("TjanstId" | "InsatsId"))
}

struct Fyllare<'s> {
    defs: &'s Value,
    n: usize,
    /// Old id → marker id, so references follow their tjänst or insats.
    nya_id: BTreeMap<String, String>,
    tjanster: Vec<String>,
    /// Insats ids by the list that holds them ("foreslagna_insatser.insatser").
    insatser: BTreeMap<String, Vec<String>>,
    lov: Vec<Lov>,
}

impl Fyllare<'_> {
    fn nasta(&mut self) -> usize {
        self.n += 1;
        self.n
    }

    fn markor(&mut self) -> String {
        format!("M{:04}", self.nasta())
    }

    /// First pass: the ids, renamed to markers of their own.
    fn samla_id(&mut self, s: &Value, v: &Value, sokvag: &mut Vec<Steg>) {
        let (_, _, s) = upplos(self.defs, s);
        match (v, s.get("properties"), s.get("items")) {
            (Value::Object(o), Some(Value::Object(egenskaper)), _) => {
                for (k, es) in egenskaper {
                    let Some(ev) = o.get(k) else { continue };
                    let (namn, _, _) = upplos(self.defs, es);
                    if k == "id"
                        && ar_id_typ(namn)
                        && let Some(id) = ev.as_str()
                    {
                        let ny = if namn == Some("TjanstId") {
                            format!("T{:04}", self.nasta())
                        } else {
                            format!("I{:04}", self.nasta())
                        };
                        self.nya_id.insert(id.to_string(), ny.clone());
                        if namn == Some("TjanstId") {
                            self.tjanster.push(ny);
                        } else {
                            let lista = monster(&sokvag[..sokvag.len().saturating_sub(1)]);
                            self.insatser.entry(lista).or_default().push(ny);
                        }
                        continue;
                    }
                    sokvag.push(Steg::Nyckel(k.clone()));
                    self.samla_id(es, ev, sokvag);
                    sokvag.pop();
                }
            }
            (Value::Array(a), _, Some(is)) => {
                for (i, ev) in a.iter().enumerate() {
                    sokvag.push(Steg::Index(i));
                    self.samla_id(is, ev, sokvag);
                    sokvag.pop();
                }
            }
            _ => {}
        }
    }

    /// The insats a new reference at this path names: a 2.2 proposal for 3.1's new insatser,
    /// else an initiative of the plan.
    fn insats_for(&self, sokvag: &str) -> Option<String> {
        let lista = if sokvag.starts_with("kostnader.nya_insatser") {
            "foreslagna_insatser.insatser"
        } else {
            "kostnadsuppskattning.initiativ"
        };
        self.insatser.get(lista).and_then(|l| l.first()).cloned()
    }

    fn fyll(&mut self, s: &Value, v: &mut Value, sokvag: &mut Vec<Steg>) {
        let (namn, valfri, s) = upplos(self.defs, s);
        let m = monster(sokvag);
        if ar_id_typ(namn) {
            let nu = v.as_str().unwrap_or_default().to_string();
            if let Some(ny) = self.nya_id.get(&nu) {
                *v = json!(ny);
                if matches!(sokvag.last(), Some(Steg::Nyckel(k)) if k == "id") {
                    self.lov.push(Lov {
                        sokvag: sokvag.clone(),
                        prov: Prov::Markor(ny.clone()),
                    });
                    return;
                }
            } else if m.ends_with(".pott") {
                // Filled in afterwards: a pott is one level, so not every initiative can have one.
                return;
            } else if nu.is_empty() {
                let ny = if namn == Some("TjanstId") {
                    self.tjanster.first().cloned()
                } else {
                    self.insats_for(&m)
                };
                *v = json!(ny.unwrap_or_else(|| panic!("inget id att referera till vid {m}")));
            }
            // A reference: changing it to another tjänst changes the name the export shows.
            let annan = if namn == Some("TjanstId") {
                self.tjanster
                    .iter()
                    .find(|t| v.as_str() != Some(t.as_str()))
            } else {
                None
            };
            if let Some(annan) = annan {
                self.lov.push(Lov {
                    sokvag: sokvag.clone(),
                    prov: Prov::Andring(json!(annan)),
                });
            }
            return;
        }
        if let Some(varden) = uppraknade(s) {
            let bas = varden
                .iter()
                .rev()
                .find(|x| *x != v)
                .cloned()
                .unwrap_or(Value::Null);
            let annan = varden.iter().find(|x| **x != bas).cloned();
            *v = bas;
            if let Some(annan) = annan {
                self.lov.push(Lov {
                    sokvag: sokvag.clone(),
                    prov: Prov::Andring(annan),
                });
            }
            return;
        }
        if let Some(grenar) = s.get("oneOf").and_then(Value::as_array) {
            // A tagged union: the variant with the most to fill in ("angivna" with its poster,
            // "ej_tillamplig" with its skäl).
            let gren = grenar
                .iter()
                .max_by_key(|g| {
                    g.get("properties")
                        .and_then(Value::as_object)
                        .map_or(0, Map::len)
                })
                .unwrap_or_else(|| panic!("tom oneOf vid {m}"));
            let status = gren
                .pointer("/properties/status/const")
                .cloned()
                .unwrap_or(Value::Null);
            if v.get("status") != Some(&status) {
                *v = json!({ "status": status });
            }
            let egenskaper = gren
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            for (k, es) in &egenskaper {
                if k == "status" {
                    continue;
                }
                let ev = v
                    .as_object_mut()
                    .map(|o| o.entry(k.clone()).or_insert(Value::Null))
                    .unwrap_or_else(|| panic!("{m}"));
                let mut ev_kopia = ev.take();
                sokvag.push(Steg::Nyckel(k.clone()));
                self.fyll(es, &mut ev_kopia, sokvag);
                sokvag.pop();
                if let Some(o) = v.as_object_mut() {
                    o.insert(k.clone(), ev_kopia);
                }
            }
            return;
        }
        match typ_av(s) {
            Some("object") => {
                if !v.is_object() {
                    *v = json!({});
                }
                let egenskaper = s
                    .get("properties")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                for (k, es) in &egenskaper {
                    let mut ev = v
                        .get_mut(k.as_str())
                        .map(Value::take)
                        .unwrap_or(Value::Null);
                    sokvag.push(Steg::Nyckel(k.clone()));
                    self.fyll(es, &mut ev, sokvag);
                    sokvag.pop();
                    if let Some(o) = v.as_object_mut() {
                        o.insert(k.clone(), ev);
                    }
                }
            }
            Some("array") => {
                let is = s.get("items").unwrap_or(&Value::Null);
                if v.as_array().is_none_or(Vec::is_empty) {
                    *v = json!([Value::Null]);
                }
                let antal = v.as_array().map_or(0, Vec::len);
                for i in 0..antal {
                    let mut ev = v.get_mut(i).map(Value::take).unwrap_or(Value::Null);
                    sokvag.push(Steg::Index(i));
                    self.fyll(is, &mut ev, sokvag);
                    sokvag.pop();
                    if let Some(plats) = v.get_mut(i) {
                        *plats = ev;
                    }
                }
            }
            Some("string") => {
                if m.ends_with("data_base64") {
                    // The image itself: a real one, or the export refuses it. It is drawn, not
                    // read as text, so it is not looked for.
                    *v = json!(png());
                    return;
                }
                if s.get("format").and_then(Value::as_str) == Some("date") {
                    let dag = chrono::NaiveDate::from_ymd_opt(2001, 1, 1).unwrap_or_default()
                        + chrono::Days::new(self.nasta() as u64 * 3);
                    *v = json!(dag.to_string());
                    self.lov.push(Lov {
                        sokvag: sokvag.clone(),
                        prov: Prov::Andring(json!((dag + chrono::Days::new(1)).to_string())),
                    });
                    return;
                }
                let markor = self.markor();
                *v = json!(markor);
                self.lov.push(Lov {
                    sokvag: sokvag.clone(),
                    prov: Prov::Markor(markor),
                });
            }
            Some("integer") => {
                let kronor = namn == Some("Kronor");
                let bas = match v.as_i64() {
                    Some(x) if !kronor => x,
                    _ if kronor => (100 + self.nasta() as i64) * 1_000,
                    _ if s.get("format").and_then(Value::as_str) == Some("int32") => 2026,
                    _ => 3 + (self.nasta() % 20) as i64,
                };
                *v = json!(bas);
                let annan = if kronor { bas + 7_000_000 } else { bas + 1 };
                self.lov.push(Lov {
                    sokvag: sokvag.clone(),
                    prov: Prov::Andring(json!(annan)),
                });
            }
            Some("number") => {
                let bas = (self.nasta() % 90) as f64 + 0.5;
                *v = json!(bas);
                self.lov.push(Lov {
                    sokvag: sokvag.clone(),
                    prov: Prov::Andring(json!(bas + 1.25)),
                });
            }
            Some("boolean") => {
                *v = json!(true);
                self.lov.push(Lov {
                    sokvag: sokvag.clone(),
                    prov: Prov::Andring(json!(false)),
                });
            }
            annat => panic!("{m}: okänd schematyp {annat:?} (valfri {valfri})"),
        }
    }
}

fn mall(typ: Dokumenttyp) -> Mall {
    let id = match typ {
        Dokumenttyp::ArligAnalys => "arlig-analys-2024",
        Dokumenttyp::Tjansteplan => "tjansteplan-2023",
        Dokumenttyp::Digitaliseringsplan => "digitaliseringsplan-2023",
    };
    Mallbibliotek::inbyggda()
        .ok()
        .and_then(|b| b.hamta(id).cloned())
        .unwrap_or_else(|| panic!("mallen {id} saknas"))
}

/// The example with every field filled, and its fields.
fn ifyllt(exempel: &str) -> (Dokument, Vec<Lov>) {
    let d = exempel_med_namn(exempel)
        .unwrap_or_else(|| panic!("{exempel} saknas"))
        .unwrap_or_else(|e| panic!("{e}"));
    let typ = d.typ();
    let schema = underlag::schema::dokument(typ);
    let defs = schema.get("$defs").cloned().unwrap_or(Value::Null);
    let mut f = Fyllare {
        defs: &defs,
        n: 0,
        nya_id: BTreeMap::new(),
        tjanster: Vec::new(),
        insatser: BTreeMap::new(),
        lov: Vec::new(),
    };
    let mut v = d.to_value();
    f.samla_id(&schema, &v, &mut Vec::new());
    f.fyll(&schema, &mut v, &mut Vec::new());
    // The plan's potts: every initiative but the first lies in the first.
    if let Some(initiativ) = v
        .pointer_mut("/kostnadsuppskattning/initiativ")
        .and_then(Value::as_array_mut)
    {
        let forsta = initiativ.first().and_then(|i| i.get("id")).cloned();
        for (i, x) in initiativ.iter_mut().enumerate().skip(1) {
            x["pott"] = forsta.clone().unwrap_or(Value::Null);
            f.lov.push(Lov {
                sokvag: vec![
                    Steg::Nyckel("kostnadsuppskattning".into()),
                    Steg::Nyckel("initiativ".into()),
                    Steg::Index(i),
                    Steg::Nyckel("pott".into()),
                ],
                prov: Prov::Andring(Value::Null),
            });
        }
    }
    let d = dokument_fran_json(typ, v).unwrap_or_else(|(s, e)| panic!("{s}: {e}"));
    let brott = kontrollera_referenser(&d);
    assert!(brott.is_empty(), "{exempel}: {brott:?}");
    (d, f.lov)
}

fn word(d: &Dokument, mall: &Mall, anvisningar: bool) -> String {
    let val = Docxval {
        anvisningar,
        datum: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default(),
    };
    let docx = skriv_docx(d, mall, &val).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    // The body and the page header, which carries the tjänsteplan's tjänsteområde; all of the
    // XML, so an image's alt text (an attribute) counts as printed.
    let delar: Vec<String> = zip
        .file_names()
        .filter(|n| *n == "word/document.xml" || n.starts_with("word/header"))
        .map(str::to_string)
        .collect();
    for del in delar {
        zip.by_name(&del)
            .unwrap_or_else(|e| panic!("{e}"))
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // docx-rs numbers paragraphs, images and drawings from counters shared by every export in
    // the process; those numbers say nothing about the fields.
    for attribut in [" w14:paraId=\"", " r:embed=\"", " id=\""] {
        let mut ut = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some((fore, efter)) = rest.split_once(attribut) {
            ut.push_str(fore);
            rest = efter.split_once('"').map_or("", |(_, r)| r);
        }
        ut.push_str(rest);
        text = ut;
    }
    text
}

/// Every cell of the workbook as sheet, row, column and value.
fn excel(d: &Dokument, mall: &Mall) -> BTreeSet<(String, u32, u32, String)> {
    let bytes = skriv_xlsx(d, mall).unwrap_or_else(|e| panic!("{e}"));
    let mut bok: Xlsx<Cursor<Vec<u8>>> =
        open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut celler = BTreeSet::new();
    for namn in bok.sheet_names() {
        let r = bok
            .worksheet_range(&namn)
            .unwrap_or_else(|e| panic!("{namn}: {e}"));
        for (rad, kol, data) in r.used_cells() {
            celler.insert((namn.clone(), rad as u32, kol as u32, data.to_string()));
        }
    }
    celler
}

/// The paths of tabular fields: the template's table columns and the catalogue's fields.
fn tabellfalt(mall: &Mall) -> Vec<String> {
    let mut ut: Vec<String> = mall
        .katalogfalt
        .iter()
        .map(|f| format!("tjanstekatalog[].{}", f.nyckel()))
        .collect();
    for a in &mall.avsnitt {
        let Some(s) = a.nyckel() else { continue };
        for t in &a.tabeller {
            for k in &t.kolumner {
                ut.push(format!("{s}.{}[].{}", t.nyckel(), k.nyckel()));
            }
        }
    }
    ut
}

fn alla_falt_exporteras(exempel: &str) {
    let (dokument, lov) = ifyllt(exempel);
    let typ = dokument.typ();
    let mall = mall(typ);
    let json = dokument.to_value();
    let med = word(&dokument, &mall, true);
    let utan = word(&dokument, &mall, false);
    let bok = excel(&dokument, &mall);
    // A change is only evidence when the same document exports to the same text.
    assert_eq!(
        word(&dokument, &mall, true),
        med,
        "Word-exporten är inte deterministisk"
    );
    assert_eq!(
        excel(&dokument, &mall),
        bok,
        "Excel-exporten är inte deterministisk"
    );
    let tabell = tabellfalt(&mall);
    let ar_tabell = |m: &str| {
        tabell
            .iter()
            .any(|t| m == t || m.starts_with(&format!("{t}.")) || m.starts_with(&format!("{t}[]")))
    };

    // Per field path: whether it was found in Word and in Excel (any occurrence counts).
    let mut funnet: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    let mut provade_andringar: BTreeSet<String> = BTreeSet::new();
    for l in &lov {
        let m = monster(&l.sokvag);
        let (i_word, i_excel) = match &l.prov {
            Prov::Markor(markor) => (
                med.contains(markor.as_str()) && utan.contains(markor.as_str()),
                bok.iter().any(|(_, _, _, c)| c.contains(markor.as_str())),
            ),
            Prov::Andring(annan) => {
                // One change per field path is enough, and keeps the test quick.
                if !provade_andringar.insert(m.clone()) {
                    continue;
                }
                let mut v = json.clone();
                *vid(&mut v, &l.sokvag).unwrap_or_else(|| panic!("{m} saknas")) = annan.clone();
                let andrad = dokument_fran_json(typ, v).unwrap_or_else(|(s, e)| panic!("{s}: {e}"));
                (
                    word(&andrad, &mall, true) != med,
                    excel(&andrad, &mall) != bok,
                )
            }
        };
        let e = funnet.entry(m).or_insert((false, false));
        e.0 |= i_word;
        e.1 |= i_excel;
    }

    let mut fel = Vec::new();
    for (m, (i_word, i_excel)) in &funnet {
        let listad = EJ_EXPORTERADE.iter().find(|e| e.galler(typ, m));
        let word_utelamnas = listad.is_some_and(|e| e.utelamnas.i_word());
        let excel_utelamnas = listad.is_some_and(|e| e.utelamnas.i_excel());
        if !i_word && !word_utelamnas {
            fel.push(format!("{m}: saknas i Word"));
        }
        if *i_word && word_utelamnas {
            fel.push(format!("{m}: står i EJ_EXPORTERADE men finns i Word"));
        }
        if ar_tabell(m) && !i_excel && !excel_utelamnas {
            fel.push(format!("{m}: tabellfält som saknas i Excel"));
        }
        if *i_excel && excel_utelamnas {
            fel.push(format!("{m}: står i EJ_EXPORTERADE men finns i Excel"));
        }
    }
    for e in EJ_EXPORTERADE
        .iter()
        .filter(|e| e.dokumenttyp.is_none_or(|t| t == typ))
    {
        if e.dokumenttyp.is_some() && !funnet.keys().any(|m| e.galler(typ, m)) {
            fel.push(format!(
                "{}: står i EJ_EXPORTERADE men finns inte i modellen",
                e.sokvag
            ));
        }
    }
    assert!(
        fel.is_empty(),
        "{exempel}, {} fält prövade:\n{}",
        funnet.len(),
        fel.join("\n")
    );
}

#[test]
fn every_field_of_the_arlig_analys_is_exported() {
    alla_falt_exporteras("arlig-analys-2024");
}

#[test]
fn every_field_of_the_tjansteplan_is_exported() {
    alla_falt_exporteras("tjansteplan-2023-ekonomi");
}

#[test]
fn every_field_of_the_digitaliseringsplan_is_exported() {
    alla_falt_exporteras("digitaliseringsplan-2024-exempel");
}

/// A list entry for every kind must name a field some kind has.
#[test]
fn every_listed_field_exists() {
    let mut alla = BTreeSet::new();
    for exempel in [
        "arlig-analys-2024",
        "tjansteplan-2023-ekonomi",
        "digitaliseringsplan-2024-exempel",
    ] {
        let (d, lov) = ifyllt(exempel);
        alla.extend(lov.iter().map(|l| (d.typ().as_str(), monster(&l.sokvag))));
    }
    for e in EJ_EXPORTERADE {
        assert!(
            alla.iter()
                .any(|(typ, m)| Dokumenttyp::parse(typ).is_some_and(|t| e.galler(t, m))),
            "{} finns inte i modellen",
            e.sokvag
        );
        assert!(!e.skal.trim().is_empty(), "{} saknar skäl", e.sokvag);
    }
}
