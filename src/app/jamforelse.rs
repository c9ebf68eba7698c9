//! What changed between a recorded version and the current text, as a reader of the printed
//! document would name it: section number and heading, the table when a section has several,
//! the row or insats by its name, the field by its label, values as the exports print them
//! ("3.1 Kostnader förvaltning och utveckling 2024–2026, Förvaltningskostnader inom befintliga
//! tjänster, Extern service och kommunikation, Budget 2023: 50 733 → 53 820 tkr").
//!
//! The walk follows the template, so changes come in the document's order. What the template
//! does not show (an id, a figure only an import states) is still listed, under its key, so no
//! change is hidden.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::export::visa_varde;
use crate::model::Dokument;
use crate::template::{Avsnitt, Falt, Falttyp, Insatsform, Mall, arsetikett, varde_vid};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Skillnad {
    /// Where the change is in the current document (in the version, for what was removed):
    /// `kostnader.forvaltning.rader[1].kostnad.budget`.
    pub sokvag: String,
    /// The field as the template names it: "3.1 Kostnader …, Extern service och kommunikation,
    /// Budget 2023".
    pub falt: String,
    /// The value in the version as printed; `None` when the field or element did not exist.
    pub fore: Option<String>,
    /// The value now; `None` when it has been removed.
    pub efter: Option<String>,
    /// The whole line: "… , Budget 2023: 50 733 → 53 820 tkr", "…, E-arkiv: lades till".
    pub text: String,
}

/// What changed from the version `fore` to `efter`, both following `mall`.
pub fn skillnader(fore: &Dokument, efter: &Dokument, mall: &Mall) -> Vec<Skillnad> {
    let mut j = Jamforelse {
        fore,
        efter,
        fore_json: fore.to_value(),
        efter_json: efter.to_value(),
        mall,
        ar: efter.ar(),
        ut: Vec::new(),
    };
    j.jamfor();
    j.ut
}

/// One list the template shows (a table, an insats form, or both over the same list), with the
/// fields of its elements and the section each field is printed in.
struct Lista<'m> {
    sokvag: String,
    falt: Vec<Listfalt<'m>>,
    /// The insats form that names the elements ("Föreslagen förändringsinsats 2: E-arkiv").
    form: Option<&'m Insatsform>,
    /// The section an added or removed element is reported in.
    avsnitt: String,
}

struct Listfalt<'m> {
    falt: &'m Falt,
    /// "3.1 Kostnader …" and, when the section has several tables, the table's name.
    rubrik: Vec<String>,
    /// Amounts in the table's tkr rather than kronor.
    tkr: bool,
    /// A table column (the row is named by the table) rather than an insats form's field.
    tabell: bool,
    /// The table's columns, to name a row by its tjänst or text.
    kolumner: &'m [Falt],
}

struct Jamforelse<'a> {
    fore: &'a Dokument,
    efter: &'a Dokument,
    fore_json: Value,
    efter_json: Value,
    mall: &'a Mall,
    ar: i32,
    ut: Vec<Skillnad>,
}

impl<'a> Jamforelse<'a> {
    fn jamfor(&mut self) {
        let mall = self.mall;
        let mut tackta: Vec<String> = Vec::new();

        let meta: Vec<&Falt> = mall.metafalt.iter().collect();
        self.behallare("meta", &meta, &["Dokumentinformation".to_string()]);
        tackta.push("meta".into());

        let katalog = Lista {
            sokvag: "tjanstekatalog".into(),
            falt: mall
                .katalogfalt
                .iter()
                .filter(|f| f.nyckel() != "id")
                .map(|f| Listfalt {
                    falt: f,
                    rubrik: vec!["Tjänstekatalog".into()],
                    tkr: false,
                    tabell: true,
                    kolumner: &mall.katalogfalt,
                })
                .collect(),
            form: None,
            avsnitt: "Tjänstekatalog".into(),
        };
        self.lista(&katalog);
        tackta.push(katalog.sokvag.clone());

        let versioner = Lista {
            sokvag: "versionshantering".into(),
            falt: mall
                .versionshantering
                .kolumner
                .iter()
                .map(|f| Listfalt {
                    falt: f,
                    rubrik: vec![mall.versionshantering.rubrik.clone()],
                    tkr: false,
                    tabell: true,
                    kolumner: &mall.versionshantering.kolumner,
                })
                .collect(),
            form: None,
            avsnitt: mall.versionshantering.rubrik.clone(),
        };
        self.lista(&versioner);
        tackta.push(versioner.sokvag.clone());

        // Sections in the template's order; two sections may share a key (a table in one, the
        // form over the same list in another), so what a key holds is compared once.
        let mut nycklar: Vec<&str> = Vec::new();
        for a in &mall.avsnitt {
            if let Some(n) = a.nyckel()
                && !nycklar.contains(&n)
            {
                nycklar.push(n);
            }
        }
        for nyckel in nycklar {
            let avsnitt: Vec<&Avsnitt> = mall
                .avsnitt
                .iter()
                .filter(|a| a.nyckel() == Some(nyckel))
                .collect();
            self.avsnitt(nyckel, &avsnitt);
            tackta.push(nyckel.to_string());
        }

        let fore = self.fore_json.clone();
        let efter = self.efter_json.clone();
        self.ovrigt(Some(&fore), Some(&efter), "", &[], &tackta);
    }

    fn rubrik(&self, a: &Avsnitt) -> String {
        a.rubrik_for_ar(self.ar)
            .unwrap_or_else(|_| format!("{} {}", a.nummer(), a.rubrik))
    }

    fn etikett(&self, f: &Falt) -> String {
        f.etikett_for_ar(self.ar)
            .unwrap_or_else(|_| f.etikett.clone())
    }

    /// The fields of the sections stored under `nyckel`, then their lists, then whatever else
    /// the key holds.
    fn avsnitt(&mut self, nyckel: &str, avsnitt: &[&'a Avsnitt]) {
        let mut tackta: Vec<String> = Vec::new();
        let mut listor: Vec<Lista<'a>> = Vec::new();
        for a in avsnitt {
            let rubrik = vec![self.rubrik(a)];
            let falt = a.falt_med_analyser();
            let falt: Vec<&Falt> = falt.iter().collect();
            self.behallare(nyckel, &falt, &rubrik);
            tackta.extend(falt.iter().map(|f| f.nyckel().to_string()));

            let flera_tabeller = a.tabeller.len() > 1;
            for t in &a.tabeller {
                let mut rubrik = rubrik.clone();
                if flera_tabeller && let Some(r) = &t.rubrik {
                    rubrik.push(tabellnamn(
                        &arsetikett(r, self.ar).unwrap_or_else(|_| r.clone()),
                    ));
                }
                let sokvag = format!("{nyckel}.{}", t.nyckel());
                let falt = t.kolumner.iter().map(|k| Listfalt {
                    falt: k,
                    rubrik: rubrik.clone(),
                    tkr: t.enhet.as_deref() == Some("tkr"),
                    tabell: true,
                    kolumner: &t.kolumner,
                });
                match listor.iter_mut().find(|l| l.sokvag == sokvag) {
                    Some(l) => l.falt.extend(falt),
                    None => listor.push(Lista {
                        sokvag: sokvag.clone(),
                        falt: falt.collect(),
                        form: None,
                        avsnitt: rubrik[0].clone(),
                    }),
                }
                tackta.push(t.nyckel().to_string());
            }
            if let Some(form) = &a.insats {
                let sokvag = format!("{nyckel}.{}", form.nyckel());
                let falt: Vec<Listfalt<'a>> = form
                    .grupper
                    .iter()
                    .flat_map(|g| &g.falt)
                    .map(|f| Listfalt {
                        falt: f,
                        rubrik: rubrik.clone(),
                        tkr: false,
                        tabell: false,
                        kolumner: &[],
                    })
                    .collect();
                let i = match listor.iter().position(|l| l.sokvag == sokvag) {
                    Some(i) => i,
                    None => {
                        listor.push(Lista {
                            sokvag,
                            falt: Vec::new(),
                            form: None,
                            avsnitt: rubrik[0].clone(),
                        });
                        listor.len() - 1
                    }
                };
                let l = &mut listor[i];
                // A field both the table and the form show is compared once, as the table
                // prints it.
                for f in falt {
                    if !l.falt.iter().any(|g| g.falt.nyckel() == f.falt.nyckel()) {
                        l.falt.push(f);
                    }
                }
                l.form = Some(form);
                l.avsnitt = rubrik[0].clone();
                tackta.push(form.nyckel().to_string());
            }
        }
        for l in &listor {
            self.lista(l);
        }
        let rubrik = avsnitt
            .first()
            .map(|a| vec![self.rubrik(a)])
            .unwrap_or_default();
        let fore = varde_vid(&self.fore_json, nyckel).cloned();
        let efter = varde_vid(&self.efter_json, nyckel).cloned();
        self.ovrigt(fore.as_ref(), efter.as_ref(), nyckel, &rubrik, &tackta);
    }

    /// The fields `falt` of the object at `sokvag` (a section, `meta`).
    fn behallare(&mut self, sokvag: &str, falt: &[&Falt], rubrik: &[String]) {
        for f in falt {
            let full = format!("{sokvag}.{}", f.nyckel());
            let fore = varde_vid(&self.fore_json, &full).cloned();
            let efter = varde_vid(&self.efter_json, &full).cloned();
            let mut etikett = rubrik.to_vec();
            etikett.push(self.etikett(f));
            self.falt(f, (fore.as_ref(), efter.as_ref()), full, &etikett, false);
        }
    }

    fn falt(
        &mut self,
        f: &Falt,
        (fore, efter): (Option<&Value>, Option<&Value>),
        sokvag: String,
        etikett: &[String],
        tkr: bool,
    ) {
        let fore = fore.filter(|v| !v.is_null());
        let efter = efter.filter(|v| !v.is_null());
        if fore == efter {
            return;
        }
        let fore = Some(self.visa(f, fore, self.fore, tkr));
        let efter = Some(self.visa(f, efter, self.efter, tkr));
        self.lagg_till(sokvag, etikett.join(", "), fore, efter);
    }

    fn visa(&self, f: &Falt, v: Option<&Value>, dokument: &Dokument, tkr: bool) -> String {
        match f.typ {
            // The exports print these as the section's state and as pictures, not as text.
            Falttyp::Tillamplighet => {
                let status = v.and_then(|v| v.get("status")).and_then(Value::as_str);
                let skal = v
                    .and_then(|v| v.get("skal"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .trim();
                match status {
                    Some(s) => {
                        let etikett = self.mall.etikett_for_varde("tillamplighet", s);
                        if skal.is_empty() {
                            etikett.to_string()
                        } else {
                            format!("{etikett}: {skal}")
                        }
                    }
                    None => String::new(),
                }
            }
            Falttyp::Figurer => match v.and_then(Value::as_array).map_or(0, Vec::len) {
                0 => String::new(),
                1 => "1 bild".into(),
                n => format!("{n} bilder"),
            },
            _ => visa_varde(f, v, dokument, self.mall, tkr),
        }
    }

    /// A list's elements, paired by id where every element has one (so a removed insats does
    /// not read as every later one changed), else by position.
    fn lista(&mut self, l: &Lista<'a>) {
        let fore = element(&self.fore_json, &l.sokvag);
        let efter = element(&self.efter_json, &l.sokvag);
        for (f, e) in para(&fore, &efter) {
            match (f, e) {
                (Some((_, fv)), Some((j, ev))) => {
                    for lf in &l.falt {
                        let mut etikett = lf.rubrik.clone();
                        etikett.push(self.elementnamn(l, lf, j, ev, self.efter));
                        etikett.push(self.etikett(lf.falt));
                        self.falt(
                            lf.falt,
                            (
                                varde_vid(fv, lf.falt.nyckel()),
                                varde_vid(ev, lf.falt.nyckel()),
                            ),
                            format!("{}[{j}].{}", l.sokvag, lf.falt.nyckel()),
                            &etikett,
                            lf.tkr,
                        );
                    }
                    let tackta: Vec<String> =
                        l.falt.iter().map(|f| f.falt.nyckel().to_string()).collect();
                    let mut rubrik = l.falt.first().map(|f| f.rubrik.clone()).unwrap_or_default();
                    if let Some(lf) = l.falt.first() {
                        rubrik.push(self.elementnamn(l, lf, j, ev, self.efter));
                    }
                    self.ovrigt(
                        Some(fv),
                        Some(ev),
                        &format!("{}[{j}]", l.sokvag),
                        &rubrik,
                        &tackta,
                    );
                }
                (None, Some((j, ev))) => self.element_andrat(l, j, ev, false),
                (Some((i, fv)), None) => self.element_andrat(l, i, fv, true),
                (None, None) => {}
            }
        }
    }

    /// One line for an element added or removed as a whole, named in the document it is in.
    fn element_andrat(&mut self, l: &Lista<'a>, i: usize, v: &Value, borttaget: bool) {
        let mut etikett = vec![l.avsnitt.clone()];
        let dokument = if borttaget { self.fore } else { self.efter };
        let namn = match (l.form, l.falt.first()) {
            (Some(_), _) | (None, None) => self.formnamn(l, i, v),
            (None, Some(lf)) => self.elementnamn(l, lf, i, v, dokument),
        };
        let vad = if borttaget { "togs bort" } else { "lades till" };
        etikett.push(namn);
        let falt = etikett.join(", ");
        let sokvag = format!("{}[{i}]", l.sokvag);
        let (fore, efter) = if borttaget {
            (Some(String::new()), None)
        } else {
            (None, Some(String::new()))
        };
        self.ut.push(Skillnad {
            text: format!("{falt}: {vad}"),
            sokvag,
            falt,
            fore,
            efter,
        });
    }

    /// How the element at `i` is named for a change in field `lf`: by the insats form's heading
    /// for the form's fields, by the row's tjänst, insats or name for a table's columns.
    fn elementnamn(
        &self,
        l: &Lista<'a>,
        lf: &Listfalt<'a>,
        i: usize,
        v: &Value,
        dokument: &Dokument,
    ) -> String {
        if !lf.tabell && l.form.is_some() {
            return self.formnamn(l, i, v);
        }
        if let Some(k) = lf
            .kolumner
            .iter()
            .find(|k| matches!(k.typ, Falttyp::Tjanst | Falttyp::Insats))
        {
            let namn = visa_varde(k, varde_vid(v, k.nyckel()), dokument, self.mall, false);
            if !namn.trim().is_empty() {
                return namn;
            }
        }
        if let Some(namn) = v.get("namn").and_then(Value::as_str).map(str::trim)
            && !namn.is_empty()
        {
            return namn.to_string();
        }
        if let Some((k, text)) = lf.kolumner.iter().find_map(|k| {
            (k.typ == Falttyp::Text)
                .then(|| varde_vid(v, k.nyckel()).and_then(Value::as_str))
                .flatten()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| (k, t))
        }) {
            return format!("{} {}", self.etikett(k), kortat(text));
        }
        if l.form.is_some() {
            return self.formnamn(l, i, v);
        }
        format!("rad {}", i + 1)
    }

    /// "Föreslagen förändringsinsats 2: E-arkiv", "3 Utveckla område ekonomi".
    fn formnamn(&self, l: &Lista<'a>, i: usize, v: &Value) -> String {
        let namn = v
            .get("namn")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim();
        match l.form {
            Some(form) => {
                let rubrik = form.rubrik_for(i + 1, namn);
                if form.visar_namn() || namn.is_empty() {
                    rubrik
                } else {
                    format!("{rubrik}: {namn}")
                }
            }
            None if !namn.is_empty() => namn.to_string(),
            None => format!("rad {}", i + 1),
        }
    }

    /// Leaf by leaf, what differs between `fore` and `efter` at `sokvag` outside the keys in
    /// `tackta` (relative paths already compared along the template), labelled by key.
    fn ovrigt(
        &mut self,
        fore: Option<&Value>,
        efter: Option<&Value>,
        sokvag: &str,
        rubrik: &[String],
        tackta: &[String],
    ) {
        let mut lov = Vec::new();
        ra_skillnader("", fore, efter, tackta, &mut lov);
        for (relativ, f, e) in lov {
            let full = match (sokvag.is_empty(), relativ.starts_with('[')) {
                (true, _) => relativ.clone(),
                (false, true) => format!("{sokvag}{relativ}"),
                (false, false) => format!("{sokvag}.{relativ}"),
            };
            let mut etikett = rubrik.to_vec();
            etikett.push(if rubrik.is_empty() {
                full.clone()
            } else {
                relativ
            });
            self.lagg_till(full, etikett.join(", "), f, e);
        }
    }

    fn lagg_till(
        &mut self,
        sokvag: String,
        falt: String,
        fore: Option<String>,
        efter: Option<String>,
    ) {
        let text = format!("{falt}: {}", fran_till(fore.as_deref(), efter.as_deref()));
        self.ut.push(Skillnad {
            sokvag,
            falt,
            fore,
            efter,
            text,
        });
    }
}

/// "50 733 → 53 820 tkr": a unit both sides end in is written once.
fn fran_till(fore: Option<&str>, efter: Option<&str>) -> String {
    let visa = |v: Option<&str>, saknas: &str| match v {
        None => saknas.to_string(),
        Some(t) if t.trim().is_empty() => "(tomt)".to_string(),
        Some(t) => t.to_string(),
    };
    if let (Some(f), Some(e)) = (fore, efter) {
        for enhet in [" tkr", " kr", " %"] {
            if let (Some(f), Some(_)) = (f.strip_suffix(enhet), e.strip_suffix(enhet)) {
                return format!("{f} → {e}");
            }
        }
    }
    format!(
        "{} → {}",
        visa(fore, "(fanns inte)"),
        visa(efter, "(borttaget)")
    )
}

/// A table's name from its heading, without the instructions after the first comma
/// ("Förvaltningskostnader inom befintliga tjänster, … ange siffror i tkr (…)").
fn tabellnamn(rubrik: &str) -> String {
    rubrik
        .split(',')
        .next()
        .unwrap_or(rubrik)
        .trim()
        .to_string()
}

/// A text that names a row, cut to a readable length.
fn kortat(text: &str) -> String {
    const LANGD: usize = 40;
    let rad = text.lines().next().unwrap_or_default();
    if rad.chars().count() <= LANGD && rad.len() == text.len() {
        return rad.to_string();
    }
    let kort: String = rad.chars().take(LANGD).collect();
    format!("{}…", kort.trim_end())
}

fn element(v: &Value, sokvag: &str) -> Vec<Value> {
    varde_vid(v, sokvag)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

type Par<'v> = (Option<(usize, &'v Value)>, Option<(usize, &'v Value)>);

/// Elements of the version and of now, paired by `id` when every element of both has a
/// distinct one, else by position; the removed last.
fn para<'v>(fore: &'v [Value], efter: &'v [Value]) -> Vec<Par<'v>> {
    let id = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_string);
    let unika = |lista: &[Value]| {
        let ids: Vec<Option<String>> = lista.iter().map(id).collect();
        ids.iter().all(Option::is_some)
            && ids.iter().enumerate().all(|(i, x)| !ids[..i].contains(x))
    };
    if !(unika(fore) && unika(efter)) {
        return (0..fore.len().max(efter.len()))
            .map(|i| (fore.get(i).map(|v| (i, v)), efter.get(i).map(|v| (i, v))))
            .collect();
    }
    let mut ut: Vec<Par<'v>> = efter
        .iter()
        .enumerate()
        .map(|(j, e)| {
            let f = fore.iter().enumerate().find(|(_, f)| id(f) == id(e));
            (f, Some((j, e)))
        })
        .collect();
    ut.extend(
        fore.iter()
            .enumerate()
            .filter(|(_, f)| !efter.iter().any(|e| id(e) == id(f)))
            .map(|(i, f)| (Some((i, f)), None)),
    );
    ut
}

/// Whether the relative path `sokvag` is one of `tackta` or inside one.
fn tackt(sokvag: &str, tackta: &[String]) -> bool {
    tackta.iter().any(|t| {
        sokvag == t
            || sokvag
                .strip_prefix(t.as_str())
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    })
}

type Lov = (String, Option<String>, Option<String>);

fn ra_skillnader(
    sokvag: &str,
    fore: Option<&Value>,
    efter: Option<&Value>,
    tackta: &[String],
    ut: &mut Vec<Lov>,
) {
    if !sokvag.is_empty() && tackt(sokvag, tackta) {
        return;
    }
    let barn = |nyckel: &str| {
        if sokvag.is_empty() {
            nyckel.to_string()
        } else {
            format!("{sokvag}.{nyckel}")
        }
    };
    match (fore, efter) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for (k, v) in a {
                ra_skillnader(&barn(k), Some(v), b.get(k), tackta, ut);
            }
            for (k, v) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                ra_skillnader(&barn(k), None, Some(v), tackta, ut);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                ra_skillnader(&format!("{sokvag}[{i}]"), a.get(i), b.get(i), tackta, ut);
            }
        }
        (a, b) if a.filter(|v| !v.is_null()) == b.filter(|v| !v.is_null()) => {}
        (a, b) => ut.push((sokvag.to_string(), a.map(text), b.map(text))),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        annat => annat.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange;
    use crate::template::Mallbibliotek;

    fn exempel(namn: &str) -> (Dokument, Mall) {
        let text = crate::example::EXEMPEL
            .iter()
            .find(|(n, _, _)| *n == namn)
            .map(|(_, _, text)| *text)
            .unwrap_or_else(|| panic!("inget exempel {namn}"));
        let dokument = exchange::las(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let mallar = Mallbibliotek::inbyggda().unwrap_or_else(|e| panic!("{e}"));
        let mall = mallar
            .hamta(dokument.mall())
            .unwrap_or_else(|| panic!("ingen mall"))
            .clone();
        (dokument, mall)
    }

    fn andrad(d: &Dokument, andring: impl FnOnce(&mut Value)) -> Dokument {
        let mut v = d.to_value();
        andring(&mut v);
        exchange::dokument_fran_json(d.typ(), v).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn texter(s: &[Skillnad]) -> Vec<&str> {
        s.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn an_amount_in_a_table_reads_as_section_table_row_column_and_tkr() {
        let (fore, mall) = exempel("arlig-analys-2024");
        let efter = andrad(&fore, |v| {
            v["kostnader"]["forvaltning"]["rader"][1]["kostnad"]["budget"] = 53_820_000.into();
        });
        let s = skillnader(&fore, &efter, &mall);
        assert_eq!(
            texter(&s),
            [
                "3.1 Kostnader förvaltning och utveckling 2024–2026, Förvaltningskostnader inom befintliga tjänster, Extern service och kommunikation, Budget 2023: 50 733 → 53 820 tkr"
            ]
        );
        assert_eq!(s[0].sokvag, "kostnader.forvaltning.rader[1].kostnad.budget");
        assert_eq!(s[0].fore.as_deref(), Some("50 733 tkr"));
        assert_eq!(s[0].efter.as_deref(), Some("53 820 tkr"));
    }

    /// The name of the first proposal in 2.2, as a change line names it.
    fn forsta_forslaget(d: &Dokument) -> String {
        d.to_value()["foreslagna_insatser"]["insatser"][0]["namn"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn nothing_changed_is_no_line() {
        let (d, mall) = exempel("arlig-analys-2024");
        assert!(skillnader(&d, &d, &mall).is_empty());
    }

    #[test]
    fn meta_fields_enumerations_and_insatser_are_named_as_the_template_prints_them() {
        let (fore, mall) = exempel("arlig-analys-2024");
        let namn = forsta_forslaget(&fore);
        let efter = andrad(&fore, |v| {
            v["meta"]["status"] = "klar".into();
            v["foreslagna_insatser"]["insatser"][0]["strategisk"]["nytta"] = "Ny nytta".into();
        });
        let s = skillnader(&fore, &efter, &mall);
        let t = texter(&s);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[0].starts_with("Dokumentinformation, Status: "), "{t:?}");
        assert!(!t[0].contains("klar →") && t[0].ends_with("Klar"), "{t:?}");
        assert!(
            t[1].starts_with(&format!(
                "2.2 Förslag på nya förändringsinsatser, Föreslagen förändringsinsats 1: {namn}, "
            )),
            "{t:?}"
        );
        assert!(t[1].ends_with("→ Ny nytta"), "{t:?}");
    }

    #[test]
    fn a_removed_insats_is_one_line_and_the_later_ones_are_not_changed() {
        let (fore, mall) = exempel("arlig-analys-2024");
        let namn = forsta_forslaget(&fore);
        let efter = andrad(&fore, |v| {
            if let Some(a) = v["foreslagna_insatser"]["insatser"].as_array_mut() {
                a.remove(0);
            }
        });
        let s = skillnader(&fore, &efter, &mall);
        let insatser: Vec<&str> = texter(&s)
            .into_iter()
            .filter(|t| t.starts_with("2.2 "))
            .collect();
        assert_eq!(
            insatser,
            [format!(
                "2.2 Förslag på nya förändringsinsatser, Föreslagen förändringsinsats 1: {namn}: togs bort"
            )]
        );
    }

    #[test]
    fn a_new_version_row_and_the_plans_version_read_by_their_labels() {
        let (fore, mall) = exempel("tjansteplan-2023-ekonomi");
        let efter = andrad(&fore, |v| {
            v["meta"]["version"] = "4.0".into();
            if let Some(a) = v["versionshantering"].as_array_mut() {
                a.push(serde_json::json!({
                    "datum": "2023-05-02", "version": "4.0", "beskrivning": "Beslut",
                    "andrad_av": "Jenny", "handelse": "beslutad", "forum": "prioriteringsforum"
                }));
            }
        });
        let s = skillnader(&fore, &efter, &mall);
        assert_eq!(
            texter(&s),
            [
                "Dokumentinformation, Version: 2.0 → 4.0",
                "Versionshantering, Version 4.0: lades till"
            ]
        );
    }

    #[test]
    fn a_field_the_template_does_not_show_is_listed_under_its_key() {
        let (fore, mall) = exempel("arlig-analys-2024");
        let efter = andrad(&fore, |v| {
            v["kostnader"]["forvaltning"]["angiven_totalkostnad"]["budget"] = 1_000_000.into();
        });
        let s = skillnader(&fore, &efter, &mall);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(
            s[0].sokvag,
            "kostnader.forvaltning.angiven_totalkostnad.budget"
        );
        assert_eq!(
            s[0].text,
            "3.1 Kostnader förvaltning och utveckling 2024–2026, forvaltning.angiven_totalkostnad.budget: 77587000 → 1000000"
        );
    }

    #[test]
    fn a_unit_both_sides_share_is_written_once() {
        assert_eq!(fran_till(Some("1 tkr"), Some("2 tkr")), "1 → 2 tkr");
        assert_eq!(fran_till(Some(""), Some("2 kr")), "(tomt) → 2 kr");
        assert_eq!(fran_till(None, Some("x")), "(fanns inte) → x");
        assert_eq!(fran_till(Some("x"), None), "x → (borttaget)");
        assert_eq!(
            tabellnamn("Förvaltningskostnader inom befintliga tjänster, ange siffror i tkr"),
            "Förvaltningskostnader inom befintliga tjänster"
        );
    }
}
