//! Merging a colleague's part into the coordinator's document ("Sammanfoga del").
//!
//! `jamfor` compares the current document with an incoming part, field by field along the
//! template (section fields, table cells of rows matched by their tjänst or insats, insats
//! fields of insatser matched by id or name, the tjänstekatalog matched by name), and sorts
//! every difference as new, changed or in conflict. With a common base (the state the part was
//! handed out from) the comparison is three-way; without one, a part that fills an empty field
//! is a change and one that differs from written text is a conflict. `valj` turns the user's
//! choices into ordinary `Andring`s; nothing is taken that was not chosen.
//!
//! Pure: no store, no clock, no file. The app and the CLI find the base and store the edits.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;
use ts_rs::TS;

use crate::edit::Andring;
use crate::export::visa_varde;
use crate::model::Dokument;
use crate::template::{Falt, Falttyp, Mall, varde_vid};

/// How a difference is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Posttyp {
    /// Only in the part: an insats, a row or a tjänst the document lacks.
    Ny,
    /// The part fills what the document leaves empty, or (with a base) only the part changed it.
    Andrad,
    /// Both have differing content, or (with a base) both changed it.
    Konflikt,
}

/// One difference, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Sammanfogningspost {
    /// Stable for the same document and part: what a choice names.
    pub id: String,
    pub typ: Posttyp,
    /// "2.2 Föreslagna förändringsinsatser", year resolved.
    pub avsnitt: String,
    /// The insats or row the field belongs to ("Föreslagen förändringsinsats 2: E-arkiv").
    pub grupp: Option<String>,
    /// The field's label from the template; for a new insats or row, what it is.
    pub etikett: String,
    pub nuvarande: String,
    pub inkommande: String,
    /// What the base said, when there is one.
    pub bas: Option<String>,
    /// Ids of new items this one cannot be taken without (a new tjänst a row names); taking it
    /// takes them too.
    pub kraver: Vec<String>,
    pub anmarkning: Option<String>,
    #[serde(skip)]
    #[ts(skip)]
    atgard: Atgard,
}

#[derive(Debug, Clone, PartialEq)]
enum Atgard {
    Satt { falt: String, varde: Value },
    LaggTill { lista: String, varde: Value },
}

/// What `jamfor` found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Jamforelse {
    pub poster: Vec<Sammanfogningspost>,
    /// Fields that are equal, or where only the document changed since the base.
    pub oforandrade: usize,
    /// Whether a common base was used.
    pub med_bas: bool,
    /// Things the user should know before choosing (another organisation's part, no base).
    pub varningar: Vec<String>,
}

impl Jamforelse {
    pub fn antal(&self, typ: Posttyp) -> usize {
        self.poster.iter().filter(|p| p.typ == typ).count()
    }
}

/// The user's choices: the ids to take, and "take all new" as an explicit choice. Everything
/// else keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Sammanfogningsval {
    #[serde(default)]
    pub ta: Vec<String>,
    #[serde(default)]
    pub ta_alla_nya: bool,
}

/// One item as the journal keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Valdpost {
    pub id: String,
    pub typ: Posttyp,
    pub avsnitt: String,
    pub grupp: Option<String>,
    pub etikett: String,
}

/// What the choices come to.
#[derive(Debug, Clone, PartialEq)]
pub struct Utfall {
    /// In the order they must be applied: new tjänster, then new insatser and rows, then fields.
    pub andringar: Vec<Andring>,
    pub tagna: Vec<Valdpost>,
    pub behallna: Vec<Valdpost>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Sammanfogningsfel {
    #[error(
        "Delen är {del}, men dokumentet är {dokument}. Bara delar av samma slags dokument kan sammanfogas."
    )]
    AnnanTyp {
        del: &'static str,
        dokument: &'static str,
    },
    #[error(
        "Delen gäller år {del}, men dokumentet gäller år {dokument}. Kolumnerna Utfall, Budget och Prognos skulle hamna på fel år; sammanfoga bara delar för samma år."
    )]
    AnnatAr { del: i32, dokument: i32 },
    #[error(
        "Posten \"{0}\" finns inte i jämförelsen. Förhandsgranska delen igen och välj på nytt."
    )]
    OkandPost(String),
}

/// Compares the document `nu` with the part `del`; `bas` is the state the part was handed out
/// from, when known. Refuses a part of another kind or year.
pub fn jamfor(
    nu: &Dokument,
    del: &Dokument,
    bas: Option<&Dokument>,
    mall: &Mall,
) -> Result<Jamforelse, Sammanfogningsfel> {
    if nu.typ() != del.typ() {
        return Err(Sammanfogningsfel::AnnanTyp {
            del: del.typ().benamning(),
            dokument: nu.typ().benamning(),
        });
    }
    if nu.ar() != del.ar() {
        return Err(Sammanfogningsfel::AnnatAr {
            del: del.ar(),
            dokument: nu.ar(),
        });
    }
    let mut varningar = Vec::new();
    if normalisera(nu.organisation()) != normalisera(del.organisation()) {
        varningar.push(format!(
            "Delen kommer från {}, men dokumentet är {}. Kontrollera att det är rätt del innan du väljer.",
            del.organisation(),
            nu.organisation()
        ));
    }
    let bas = bas.filter(|b| b.typ() == nu.typ());
    let mut j = Jamforare::ny(nu, del, bas, mall);
    j.jamfor_katalog();
    j.jamfor_avsnitt();
    // Section fields are compared before the lists: show the items in the template's order,
    // the catalogue first, each section's fields before its rows and insatser.
    let ordning = |p: &Sammanfogningspost| {
        mall.avsnitt
            .iter()
            .position(|a| a.rubrik_for_ar(nu.ar()).ok().as_deref() == Some(p.avsnitt.as_str()))
            .map_or(0, |i| i + 1)
    };
    j.poster.sort_by_key(ordning);
    Ok(Jamforelse {
        poster: j.poster,
        oforandrade: j.oforandrade,
        med_bas: bas.is_some(),
        varningar,
    })
}

/// The edits the choices `val` make of `jamforelse`, with what was taken and what was kept.
pub fn valj(jamforelse: &Jamforelse, val: &Sammanfogningsval) -> Result<Utfall, Sammanfogningsfel> {
    let finns: BTreeMap<&str, &Sammanfogningspost> = jamforelse
        .poster
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let mut valda: BTreeSet<&str> = BTreeSet::new();
    let mut att_ta: Vec<&str> = Vec::new();
    for id in &val.ta {
        if !finns.contains_key(id.as_str()) {
            return Err(Sammanfogningsfel::OkandPost(id.clone()));
        }
        att_ta.push(id);
    }
    if val.ta_alla_nya {
        att_ta.extend(
            jamforelse
                .poster
                .iter()
                .filter(|p| p.typ == Posttyp::Ny)
                .map(|p| p.id.as_str()),
        );
    }
    // What a taken item requires comes along with it.
    while let Some(id) = att_ta.pop() {
        if valda.insert(id)
            && let Some(p) = finns.get(id)
        {
            att_ta.extend(p.kraver.iter().map(String::as_str));
        }
    }
    let mut andringar = Vec::new();
    // Additions first, so that fields and rows can name what they add; the catalogue first of
    // all, since insatser and rows name its tjänster.
    for katalog in [true, false] {
        for p in jamforelse
            .poster
            .iter()
            .filter(|p| valda.contains(p.id.as_str()))
        {
            if let Atgard::LaggTill { lista, varde } = &p.atgard
                && (lista == "tjanstekatalog") == katalog
            {
                andringar.push(Andring::LaggTill {
                    lista: lista.clone(),
                    index: None,
                    varde: varde.clone(),
                });
            }
        }
    }
    for p in jamforelse
        .poster
        .iter()
        .filter(|p| valda.contains(p.id.as_str()))
    {
        if let Atgard::Satt { falt, varde } = &p.atgard {
            andringar.push(Andring::Satt {
                falt: falt.clone(),
                varde: varde.clone(),
            });
        }
    }
    let post = |p: &Sammanfogningspost| Valdpost {
        id: p.id.clone(),
        typ: p.typ,
        avsnitt: p.avsnitt.clone(),
        grupp: p.grupp.clone(),
        etikett: p.etikett.clone(),
    };
    let (tagna, behallna): (Vec<_>, Vec<_>) = jamforelse
        .poster
        .iter()
        .partition(|p| valda.contains(p.id.as_str()));
    Ok(Utfall {
        andringar,
        tagna: tagna.into_iter().map(post).collect(),
        behallna: behallna.into_iter().map(post).collect(),
    })
}

/// Organisation and insats names compared as people mean them: case, surrounding and repeated
/// spaces ignored. Tjänst names compare as `model::namnnyckel` says, as everywhere else.
fn normalisera(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Nothing written: null, blank text, an empty list, or an object of such.
fn tom(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.values().all(|x| tom(Some(x))),
        Some(Value::Bool(_) | Value::Number(_)) => false,
    }
}

fn lika(a: Option<&Value>, b: Option<&Value>) -> bool {
    (tom(a) && tom(b)) || a == b
}

/// The three-way rule; `None` when the field needs no choice.
fn klassa(nu: Option<&Value>, del: Option<&Value>, bas: Option<Option<&Value>>) -> Option<Posttyp> {
    if lika(nu, del) {
        return None;
    }
    match bas {
        Some(bas) => {
            if lika(del, bas) {
                None
            } else if lika(nu, bas) {
                Some(Posttyp::Andrad)
            } else {
                Some(Posttyp::Konflikt)
            }
        }
        None => {
            if tom(del) {
                None
            } else if tom(nu) {
                Some(Posttyp::Andrad)
            } else {
                Some(Posttyp::Konflikt)
            }
        }
    }
}

/// A list the template shows: its path, its fields and how its elements are matched.
struct Lista<'m> {
    sokvag: String,
    avsnitt: String,
    falt: Vec<&'m Falt>,
    /// The insats form's heading, for insatser; `None` for table rows.
    rubrik: Option<&'m crate::template::Insatsform>,
}

struct Jamforare<'a> {
    nu: &'a Dokument,
    del: &'a Dokument,
    mall: &'a Mall,
    nu_json: Value,
    del_json: Value,
    bas_json: Option<Value>,
    ar: i32,
    /// The part's tjänst id → the document's (existing or to be added).
    tjanster: HashMap<String, String>,
    /// The part's ids of new tjänster (their items' ids are `tjanst:<id>`).
    nya_tjanster: BTreeSet<String>,
    /// The part's insats id → the document's, per list.
    insatser: HashMap<String, String>,
    /// The part's insats ids that are new, with the item id that adds them.
    nya_insatser: HashMap<String, String>,
    anvanda_id: BTreeSet<String>,
    poster: Vec<Sammanfogningspost>,
    sedda: BTreeSet<String>,
    oforandrade: usize,
}

impl<'a> Jamforare<'a> {
    fn ny(nu: &'a Dokument, del: &'a Dokument, bas: Option<&Dokument>, mall: &'a Mall) -> Self {
        let nu_json = nu.to_value();
        let mut anvanda_id = BTreeSet::new();
        crate::model::samla_id(&nu_json, &mut anvanda_id);
        let mut j = Jamforare {
            nu,
            del,
            mall,
            del_json: del.to_value(),
            bas_json: bas.map(Dokument::to_value),
            ar: nu.ar(),
            nu_json,
            tjanster: HashMap::new(),
            nya_tjanster: BTreeSet::new(),
            insatser: HashMap::new(),
            nya_insatser: HashMap::new(),
            anvanda_id,
            poster: Vec::new(),
            sedda: BTreeSet::new(),
            oforandrade: 0,
        };
        j.mappa_tjanster();
        j.mappa_insatser();
        j
    }

    fn nytt_id(&mut self, onskat: &str, prefix: &str) -> String {
        let id = if self.anvanda_id.contains(onskat) {
            (1..)
                .map(|n| format!("{prefix}-{n}"))
                .find(|id| !self.anvanda_id.contains(id))
                .unwrap_or_else(|| format!("{onskat}-ny"))
        } else {
            onskat.to_string()
        };
        self.anvanda_id.insert(id.clone());
        id
    }

    fn element(v: &Value, lista: &str) -> Vec<Value> {
        varde_vid(v, lista)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }

    /// Tjänster are the same when their names are; with a base, an id the base has is the
    /// same tjänst even if renamed since.
    fn mappa_tjanster(&mut self) {
        let nu = Self::element(&self.nu_json, "tjanstekatalog");
        let bas = self
            .bas_json
            .as_ref()
            .map(|b| Self::element(b, "tjanstekatalog"))
            .unwrap_or_default();
        let id_av = |v: &Value| {
            v.get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let namn_av = |v: &Value| {
            crate::model::namnnyckel(v.get("namn").and_then(Value::as_str).unwrap_or_default())
        };
        for t in Self::element(&self.del_json, "tjanstekatalog") {
            let id = id_av(&t);
            let fran_bas = bas.iter().any(|b| id_av(b) == id) && nu.iter().any(|n| id_av(n) == id);
            let traff = if fran_bas {
                Some(id.clone())
            } else {
                nu.iter().find(|n| namn_av(n) == namn_av(&t)).map(id_av)
            };
            let mal = match traff {
                Some(mal) => mal,
                None => {
                    self.nya_tjanster.insert(id.clone());
                    self.nytt_id(&id, "tjanst")
                }
            };
            self.tjanster.insert(id, mal);
        }
    }

    /// The lists whose elements carry an `id`: matched by id (when the name agrees, or the
    /// base had the id), else by name; a new one keeps its id unless the document uses it.
    fn mappa_insatser(&mut self) {
        let listor: Vec<(String, String)> = self
            .listor()
            .into_iter()
            .map(|l| (l.sokvag, l.avsnitt))
            .collect();
        for (lista, _) in listor {
            let nu = Self::element(&self.nu_json, &lista);
            if !nu
                .iter()
                .chain(Self::element(&self.del_json, &lista).iter())
                .any(|e| e.get("id").is_some())
            {
                continue;
            }
            let bas = self
                .bas_json
                .as_ref()
                .map(|b| Self::element(b, &lista))
                .unwrap_or_default();
            for p in Self::element(&self.del_json, &lista) {
                let Some(id) = p.get("id").and_then(Value::as_str).map(str::to_string) else {
                    continue;
                };
                if self.insatser.contains_key(&id) {
                    continue;
                }
                let traff = match_element(&p, &nu, &bas).map(|i| id_i(&nu[i]));
                let mal = match traff {
                    Some(mal) => mal,
                    None => {
                        let prefix = id.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
                        let prefix = if prefix.is_empty() { "insats" } else { prefix };
                        let ny = self.nytt_id(&id, prefix);
                        self.nya_insatser
                            .insert(id.clone(), format!("ny:{lista}:{id}"));
                        ny
                    }
                };
                self.insatser.insert(id, mal);
            }
        }
    }

    /// Every list the template shows, tables and insats forms, once each.
    fn listor(&self) -> Vec<Lista<'a>> {
        let mut ut: Vec<Lista<'a>> = Vec::new();
        for a in self.mall.avsnitt.iter().filter(|a| a.aktiv) {
            let Some(nyckel) = a.nyckel() else { continue };
            let avsnitt = a
                .rubrik_for_ar(self.ar)
                .unwrap_or_else(|_| format!("{} {}", a.nummer(), a.rubrik));
            for t in &a.tabeller {
                ut.push(Lista {
                    sokvag: format!("{nyckel}.{}", t.nyckel()),
                    avsnitt: avsnitt.clone(),
                    falt: t.kolumner.iter().collect(),
                    rubrik: None,
                });
            }
            if let Some(i) = &a.insats {
                let sokvag = format!("{nyckel}.{}", i.nyckel());
                let falt: Vec<&Falt> = i.grupper.iter().flat_map(|g| &g.falt).collect();
                // Two sections may show one list (a table and a form): the form's fields
                // join the table's, and the form names the elements.
                if let Some(l) = ut.iter_mut().find(|l| l.sokvag == sokvag) {
                    for f in falt {
                        if !l.falt.iter().any(|g| g.nyckel() == f.nyckel()) {
                            l.falt.push(f);
                        }
                    }
                    l.rubrik = Some(i);
                    l.avsnitt = avsnitt.clone();
                } else {
                    ut.push(Lista {
                        sokvag,
                        avsnitt: avsnitt.clone(),
                        falt,
                        rubrik: Some(i),
                    });
                }
            }
        }
        ut
    }

    /// The part's value with its references to tjänster and insatser in the document's ids.
    fn omkoda(&self, v: &Value) -> Value {
        match v {
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| {
                        let ny = match (k.as_str(), x) {
                            ("tjanst", Value::String(s)) => Value::String(
                                self.tjanster.get(s).cloned().unwrap_or_else(|| s.clone()),
                            ),
                            ("tjanster", Value::Array(a)) => Value::Array(
                                a.iter()
                                    .map(|t| match t {
                                        Value::String(s) => Value::String(
                                            self.tjanster
                                                .get(s)
                                                .cloned()
                                                .unwrap_or_else(|| s.clone()),
                                        ),
                                        annat => annat.clone(),
                                    })
                                    .collect(),
                            ),
                            ("insats" | "initiativ", Value::String(s)) => Value::String(
                                self.insatser.get(s).cloned().unwrap_or_else(|| s.clone()),
                            ),
                            _ => self.omkoda(x),
                        };
                        (k.clone(), ny)
                    })
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.omkoda(x)).collect()),
            annat => annat.clone(),
        }
    }

    /// The new items the part's value `v` (before re-coding) names.
    fn kraver(&self, v: &Value, eget: Option<&str>) -> Vec<String> {
        let mut ut = BTreeSet::new();
        fn samla(j: &Jamforare, v: &Value, ut: &mut BTreeSet<String>) {
            match v {
                Value::Object(o) => {
                    for (k, x) in o {
                        match (k.as_str(), x) {
                            ("tjanst", Value::String(s)) if j.nya_tjanster.contains(s) => {
                                ut.insert(format!("tjanst:{s}"));
                            }
                            ("tjanster", Value::Array(a)) => {
                                for s in a.iter().filter_map(Value::as_str) {
                                    if j.nya_tjanster.contains(s) {
                                        ut.insert(format!("tjanst:{s}"));
                                    }
                                }
                            }
                            ("insats" | "initiativ", Value::String(s)) => {
                                if let Some(post) = j.nya_insatser.get(s) {
                                    ut.insert(post.clone());
                                }
                            }
                            _ => samla(j, x, ut),
                        }
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| samla(j, x, ut)),
                _ => {}
            }
        }
        samla(self, v, &mut ut);
        if let Some(eget) = eget {
            ut.remove(eget);
        }
        ut.into_iter().collect()
    }

    fn visa(&self, falt: &Falt, v: Option<&Value>, dokument: &Dokument, tkr: bool) -> String {
        match falt.typ {
            Falttyp::Tillamplighet => {
                // The status reads as the template's enumeration names it, the reason after it.
                let status = v.and_then(|v| v.get("status")).and_then(Value::as_str);
                let skal = v
                    .and_then(|v| v.get("skal"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match status {
                    Some(status) => {
                        let etikett = self.mall.etikett_for_varde("tillamplighet", status);
                        if skal.trim().is_empty() {
                            etikett.to_string()
                        } else {
                            format!("{etikett}: {skal}")
                        }
                    }
                    None => String::new(),
                }
            }
            Falttyp::Figurer => {
                let n = v.and_then(Value::as_array).map_or(0, Vec::len);
                if n == 0 {
                    String::new()
                } else {
                    format!("{n} bilder")
                }
            }
            _ => visa_varde(falt, v, dokument, self.mall, tkr),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn lagg_till_post(
        &mut self,
        id: String,
        typ: Posttyp,
        avsnitt: &str,
        grupp: Option<String>,
        etikett: String,
        (nuvarande, inkommande, bas): (String, String, Option<String>),
        kraver: Vec<String>,
        anmarkning: Option<String>,
        atgard: Atgard,
    ) {
        if !self.sedda.insert(id.clone()) {
            return;
        }
        self.poster.push(Sammanfogningspost {
            id,
            typ,
            avsnitt: avsnitt.to_string(),
            grupp,
            etikett,
            nuvarande,
            inkommande,
            bas,
            kraver,
            anmarkning,
            atgard,
        });
    }

    /// Compares one field of the document with the part's; `sokvag` is where it is set.
    #[allow(clippy::too_many_arguments)]
    fn jamfor_falt(
        &mut self,
        id: String,
        avsnitt: &str,
        grupp: Option<String>,
        falt: &Falt,
        sokvag: String,
        (nu, del, bas): (Option<&Value>, Option<&Value>, Option<Option<&Value>>),
        tkr: bool,
    ) {
        if self.sedda.contains(&id) {
            return;
        }
        let sista = falt.nyckel().rsplit('.').next().unwrap_or_default();
        let del_omkodad = del.map(|v| {
            let mut o = serde_json::Map::new();
            o.insert(sista.to_string(), v.clone());
            self.omkoda(&Value::Object(o))
                .get(sista)
                .cloned()
                .unwrap_or(Value::Null)
        });
        let Some(typ) = klassa(nu, del_omkodad.as_ref(), bas) else {
            self.oforandrade += 1;
            return;
        };
        let Some(varde) = del_omkodad.clone() else {
            self.oforandrade += 1;
            return;
        };
        let visning = (
            self.visa(falt, nu, self.nu, tkr),
            self.visa(falt, del, self.del, tkr),
            bas.map(|b| self.visa(falt, b, self.nu, tkr)),
        );
        let kraver = del
            .map(|v| {
                let mut o = serde_json::Map::new();
                o.insert(sista.to_string(), v.clone());
                self.kraver(&Value::Object(o), None)
            })
            .unwrap_or_default();
        let etikett = falt
            .etikett_for_ar(self.ar)
            .unwrap_or_else(|_| falt.etikett.clone());
        self.lagg_till_post(
            id,
            typ,
            avsnitt,
            grupp,
            etikett,
            visning,
            kraver,
            None,
            Atgard::Satt {
                falt: sokvag,
                varde,
            },
        );
    }

    fn jamfor_katalog(&mut self) {
        let nu = Self::element(&self.nu_json, "tjanstekatalog");
        let bas = self
            .bas_json
            .as_ref()
            .map(|b| Self::element(b, "tjanstekatalog"));
        let avsnitt = "Tjänstekatalog".to_string();
        let falt: Vec<&Falt> = self
            .mall
            .katalogfalt
            .iter()
            .filter(|f| f.nyckel() != "id")
            .collect();
        for t in Self::element(&self.del_json, "tjanstekatalog") {
            let id = id_i(&t);
            let namn = t
                .get("namn")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if self.nya_tjanster.contains(&id) {
                let mut varde = t.clone();
                if let Some(o) = varde.as_object_mut() {
                    o.insert(
                        "id".into(),
                        Value::String(self.tjanster.get(&id).cloned().unwrap_or(id.clone())),
                    );
                }
                let anmarkning = (self.tjanster.get(&id) != Some(&id)).then(|| {
                    format!(
                        "Id {id} används redan i dokumentet; tjänsten får id {}.",
                        self.tjanster.get(&id).cloned().unwrap_or_default()
                    )
                });
                self.lagg_till_post(
                    format!("tjanst:{id}"),
                    Posttyp::Ny,
                    &avsnitt,
                    None,
                    "Ny tjänst".into(),
                    (String::new(), namn, None),
                    Vec::new(),
                    anmarkning,
                    Atgard::LaggTill {
                        lista: "tjanstekatalog".into(),
                        varde,
                    },
                );
                continue;
            }
            let mal = self.tjanster.get(&id).cloned().unwrap_or_default();
            let Some(index) = nu.iter().position(|n| id_i(n) == mal) else {
                continue;
            };
            let b = bas.as_ref().map(|b| b.iter().find(|x| id_i(x) == mal));
            for f in &falt {
                self.jamfor_falt(
                    format!("tjanst:{id}:{}", f.nyckel()),
                    &avsnitt,
                    Some(self.nu.namn_pa_tjanst(&mal)),
                    f,
                    format!("tjanstekatalog[{index}].{}", f.nyckel()),
                    (
                        varde_vid(&nu[index], f.nyckel()),
                        varde_vid(&t, f.nyckel()),
                        b.map(|b| b.and_then(|b| varde_vid(b, f.nyckel()))),
                    ),
                    false,
                );
            }
        }
    }

    fn jamfor_avsnitt(&mut self) {
        let avsnitt: Vec<&'a crate::template::Avsnitt> =
            self.mall.avsnitt.iter().filter(|a| a.aktiv).collect();
        for a in avsnitt {
            let Some(nyckel) = a.nyckel() else { continue };
            let rubrik = a
                .rubrik_for_ar(self.ar)
                .unwrap_or_else(|_| format!("{} {}", a.nummer(), a.rubrik));
            let falt = a.falt_med_analyser();
            for f in &falt {
                let sokvag = format!("{nyckel}.{}", f.nyckel());
                let nu = varde_vid(&self.nu_json, &sokvag).cloned();
                let del = varde_vid(&self.del_json, &sokvag).cloned();
                let bas = self
                    .bas_json
                    .as_ref()
                    .map(|b| varde_vid(b, &sokvag).cloned());
                self.jamfor_falt(
                    format!("falt:{sokvag}"),
                    &rubrik,
                    None,
                    f,
                    sokvag.clone(),
                    (nu.as_ref(), del.as_ref(), bas.as_ref().map(Option::as_ref)),
                    false,
                );
            }
        }
        for lista in self.listor() {
            self.jamfor_lista(&lista);
        }
    }

    fn jamfor_lista(&mut self, lista: &Lista<'a>) {
        let nu = Self::element(&self.nu_json, &lista.sokvag);
        let del = Self::element(&self.del_json, &lista.sokvag);
        let bas = self
            .bas_json
            .as_ref()
            .map(|b| Self::element(b, &lista.sokvag));
        let tkr = self
            .mall
            .avsnitt
            .iter()
            .flat_map(|a| a.tabeller.iter().map(move |t| (a, t)))
            .any(|(a, t)| {
                a.nyckel().map(|n| format!("{n}.{}", t.nyckel())) == Some(lista.sokvag.clone())
                    && t.enhet.as_deref() == Some("tkr")
            });
        let nyckelkolumn = lista
            .falt
            .iter()
            .find(|f| matches!(f.typ, Falttyp::Tjanst | Falttyp::Insats))
            .map(|f| f.nyckel().to_string());
        let med_id = nu.iter().chain(del.iter()).any(|e| e.get("id").is_some());
        let mut upptagna: BTreeSet<usize> = BTreeSet::new();
        let mut nycklar: BTreeMap<String, usize> = BTreeMap::new();
        for (j, p) in del.iter().enumerate() {
            // The element in the document, and how the part's element is named in item ids.
            let (index, nyckel) = if med_id {
                let id = id_i(p);
                let mal = self.insatser.get(&id).cloned().unwrap_or_default();
                (nu.iter().position(|n| id_i(n) == mal), id)
            } else if let Some(k) = &nyckelkolumn {
                let ref_del = varde_vid(p, k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let sista = k.rsplit('.').next().unwrap_or(k);
                let mut o = serde_json::Map::new();
                o.insert(sista.to_string(), Value::String(ref_del.clone()));
                let ref_nu = self
                    .omkoda(&Value::Object(o))
                    .get(sista)
                    .cloned()
                    .unwrap_or_default();
                let index = nu
                    .iter()
                    .enumerate()
                    .position(|(i, n)| !upptagna.contains(&i) && varde_vid(n, k) == Some(&ref_nu));
                let n = nycklar.entry(ref_del.clone()).or_insert(0);
                *n += 1;
                (
                    index,
                    if *n == 1 {
                        ref_del
                    } else {
                        format!("{ref_del}#{n}")
                    },
                )
            } else {
                (Some(j).filter(|j| *j < nu.len()), j.to_string())
            };
            if let Some(i) = index {
                upptagna.insert(i);
            }
            let grupp = self.gruppnamn(lista, p, index, tkr);
            let bas_element = bas.as_ref().map(|b| {
                if med_id {
                    let mal = index.map(|i| id_i(&nu[i])).unwrap_or_else(|| id_i(p));
                    b.iter().find(|x| id_i(x) == mal).cloned()
                } else if let (Some(i), Some(k)) = (index, &nyckelkolumn) {
                    b.iter()
                        .find(|x| varde_vid(x, k) == varde_vid(&nu[i], k))
                        .cloned()
                } else {
                    None
                }
            });
            match index {
                Some(i) => {
                    for f in &lista.falt {
                        if Some(f.nyckel()) == nyckelkolumn.as_deref() && !med_id {
                            continue;
                        }
                        let b = bas_element
                            .as_ref()
                            .map(|b| b.as_ref().and_then(|b| varde_vid(b, f.nyckel())));
                        self.jamfor_falt(
                            format!("{}:{nyckel}:{}", lista.sokvag, f.nyckel()),
                            &lista.avsnitt,
                            grupp.clone(),
                            f,
                            format!("{}[{i}].{}", lista.sokvag, f.nyckel()),
                            (varde_vid(&nu[i], f.nyckel()), varde_vid(p, f.nyckel()), b),
                            tkr,
                        );
                    }
                }
                None => {
                    let mut varde = self.omkoda(p);
                    if med_id && let Some(o) = varde.as_object_mut() {
                        o.insert(
                            "id".into(),
                            Value::String(
                                self.insatser
                                    .get(&nyckel)
                                    .cloned()
                                    .unwrap_or(nyckel.clone()),
                            ),
                        );
                    }
                    let utan_id = {
                        let mut v = p.clone();
                        if let Some(o) = v.as_object_mut() {
                            o.remove("id");
                            if let Some(k) = &nyckelkolumn {
                                o.remove(k);
                            }
                        }
                        v
                    };
                    // With a base, an element the base had and the document has not was removed
                    // here; the part bringing it back unchanged is no difference.
                    let borttagen = bas_element.as_ref().and_then(|b| b.as_ref());
                    if borttagen.is_some_and(|b| self.omkoda(p) == *b)
                        || (borttagen.is_none() && tom(Some(&utan_id)))
                    {
                        self.oforandrade += 1;
                        continue;
                    }
                    let (typ, anmarkning) = if borttagen.is_some() {
                        (
                            Posttyp::Konflikt,
                            Some("Borttagen i dokumentet efter att delen lämnades ut, men ändrad i delen.".to_string()),
                        )
                    } else if med_id && self.insatser.get(&nyckel) != Some(&nyckel) {
                        (
                            Posttyp::Ny,
                            Some(format!(
                                "Id {nyckel} används redan av en annan insats i dokumentet; den nya får id {}.",
                                self.insatser.get(&nyckel).cloned().unwrap_or_default()
                            )),
                        )
                    } else {
                        (Posttyp::Ny, None)
                    };
                    let eget = format!("ny:{}:{nyckel}", lista.sokvag);
                    let kraver = self.kraver(p, Some(&eget));
                    let etikett = if lista.rubrik.is_some() {
                        "Ny insats"
                    } else {
                        "Ny rad"
                    };
                    self.lagg_till_post(
                        eget,
                        typ,
                        &lista.avsnitt,
                        grupp,
                        etikett.into(),
                        (String::new(), self.sammanfatta(lista, p, tkr), None),
                        kraver,
                        anmarkning,
                        Atgard::LaggTill {
                            lista: lista.sokvag.clone(),
                            varde,
                        },
                    );
                }
            }
        }
    }

    /// "Föreslagen förändringsinsats 2: E-arkiv" for an insats, the tjänst's name for a row.
    fn gruppnamn(
        &self,
        lista: &Lista,
        p: &Value,
        index: Option<usize>,
        tkr: bool,
    ) -> Option<String> {
        let namn = p.get("namn").and_then(Value::as_str).unwrap_or_default();
        if let Some(form) = lista.rubrik {
            let nr = index.map_or_else(
                || Self::element(&self.nu_json, &lista.sokvag).len() + 1,
                |i| i + 1,
            );
            let rubrik = form.rubrik_for(nr, namn);
            return Some(if form.visar_namn() || namn.is_empty() {
                rubrik
            } else {
                format!("{rubrik}: {namn}")
            });
        }
        let k = lista
            .falt
            .iter()
            .find(|f| matches!(f.typ, Falttyp::Tjanst | Falttyp::Insats))?;
        Some(self.visa(k, varde_vid(p, k.nyckel()), self.del, tkr))
    }

    /// A new element's filled-in fields, one line each, for the preview.
    fn sammanfatta(&self, lista: &Lista, p: &Value, tkr: bool) -> String {
        lista
            .falt
            .iter()
            .filter_map(|f| {
                let v = varde_vid(p, f.nyckel());
                if tom(v) {
                    return None;
                }
                let text = self.visa(f, v, self.del, tkr);
                let etikett = f
                    .etikett_for_ar(self.ar)
                    .unwrap_or_else(|_| f.etikett.clone());
                (!text.is_empty()).then(|| format!("{etikett}: {text}"))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn id_i(v: &Value) -> String {
    v.get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The index in `nu` of the element the part's `p` is: by id when the names agree or the base
/// had the id (then it is the same insats, renamed or not), else by name.
fn match_element(p: &Value, nu: &[Value], bas: &[Value]) -> Option<usize> {
    let id = id_i(p);
    let namn = |v: &Value| normalisera(v.get("namn").and_then(Value::as_str).unwrap_or_default());
    let i_bas = bas.iter().any(|b| id_i(b) == id);
    nu.iter()
        .position(|n| id_i(n) == id && (i_bas || namn(n) == namn(p)))
        .or_else(|| {
            nu.iter()
                .position(|n| !namn(p).is_empty() && namn(n) == namn(p) && !i_bas)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_three_way_rule() {
        let a = json!("a");
        let b = json!("b");
        let c = json!("c");
        let tomt = json!("");
        // No base: filling an empty field is a change, differing text a conflict, an empty
        // part says nothing.
        assert_eq!(klassa(Some(&tomt), Some(&a), None), Some(Posttyp::Andrad));
        assert_eq!(klassa(Some(&a), Some(&b), None), Some(Posttyp::Konflikt));
        assert_eq!(klassa(Some(&a), Some(&tomt), None), None);
        assert_eq!(klassa(Some(&a), Some(&a), None), None);
        // With a base: only the part changed it, only the document did, or both.
        assert_eq!(
            klassa(Some(&a), Some(&b), Some(Some(&a))),
            Some(Posttyp::Andrad)
        );
        assert_eq!(klassa(Some(&b), Some(&a), Some(Some(&a))), None);
        assert_eq!(
            klassa(Some(&b), Some(&c), Some(Some(&a))),
            Some(Posttyp::Konflikt)
        );
        assert_eq!(
            klassa(Some(&a), Some(&tomt), Some(Some(&a))),
            Some(Posttyp::Andrad)
        );
    }

    #[test]
    fn empty_means_nothing_written() {
        assert!(tom(Some(&json!({"svar": null, "kommentar": " "}))));
        assert!(!tom(Some(&json!({"svar": "ja", "kommentar": ""}))));
        assert!(tom(Some(&json!([]))));
        assert!(!tom(Some(&json!(0))));
    }
}
