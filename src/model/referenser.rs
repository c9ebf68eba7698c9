//! Invariants every stored document keeps: each reference to the tjänstekatalog and to a 2.2
//! proposal resolves, ids are unique, the organisation is named. Import and every edit check
//! them, so that no later code needs to handle a dangling id. Judgements about content (a
//! missing effektmål, totals that disagree) are validation, not invariants.

use std::collections::{BTreeSet, HashSet};

use super::{ArligAnalys, Digitaliseringsplan, Dokument, Tjansteplan};

/// A broken invariant, with the JSON path of the field (`konsolidering.rader[1].tjanst`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brott {
    pub sokvag: String,
    pub meddelande: String,
}

/// Declares an id type: what one element of a document is referred to by, from elsewhere in the
/// document. A string in the exchange format (`"extern-service"`), a type of its own in the code,
/// so that a tjänst's id is never passed where an insats's is meant.
macro_rules! id_typ {
    ($(#[$dok:meta])* $namn:ident) => {
        $(#[$dok])*
        #[derive(
            Debug,
            Clone,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            serde::Serialize,
            serde::Deserialize,
            schemars::JsonSchema,
            ts_rs::TS,
        )]
        #[serde(transparent)]
        pub struct $namn(pub String);

        impl std::fmt::Display for $namn {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(super) use id_typ;

/// The lists whose elements carry an id others refer to, by their path in the document, and
/// the prefix of the ids "Ny insats" and the Word import give them (`forslag-3`).
pub const LISTOR_MED_ID: [(&str, &str); 5] = [
    ("tjanstekatalog", "tjanst"),
    ("pagaende_insatser.insatser", "pagaende"),
    ("foreslagna_insatser.insatser", "forslag"),
    ("kostnadsuppskattning.initiativ", "initiativ"),
    ("insatser.insatser", "insats"),
];

/// The id prefix of the list at `lista`, when its elements carry ids.
pub fn id_prefix(lista: &str) -> Option<&'static str> {
    LISTOR_MED_ID
        .iter()
        .find(|(l, _)| *l == lista)
        .map(|(_, p)| *p)
}

/// `prefix-N` with the smallest N that no `id` in the document uses.
pub fn nytt_id(dokument: &serde_json::Value, prefix: &str) -> String {
    let mut anvanda = BTreeSet::new();
    samla_id(dokument, &mut anvanda);
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !anvanda.contains(id))
        .unwrap_or_else(|| prefix.to_string())
}

pub fn samla_id(v: &serde_json::Value, ut: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(o) => {
            if let Some(id) = o.get("id").and_then(serde_json::Value::as_str) {
                ut.insert(id.to_string());
            }
            o.values().for_each(|x| samla_id(x, ut));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| samla_id(x, ut)),
        _ => {}
    }
}

/// The largest amount a document may hold (10^15 kr): far beyond any municipal budget, and
/// small enough that sums over thousands of rows stay exact in `i64`.
pub const STORSTA_BELOPP: i64 = 1_000_000_000_000_000;

pub fn kontrollera(dokument: &Dokument) -> Vec<Brott> {
    let mut brott = match dokument {
        Dokument::ArligAnalys(a) => kontrollera_arlig_analys(a),
        Dokument::Tjansteplan(t) => kontrollera_tjansteplan(t),
        Dokument::Digitaliseringsplan(d) => kontrollera_digitaliseringsplan(d),
    };
    orimliga_tal(&dokument.to_value(), &mut brott);
    brott
}

/// Every integer in a document is an amount in kronor, a year or a small count; one beyond
/// `STORSTA_BELOPP` is a typing error, and would make totals overflow.
fn orimliga_tal(varde: &serde_json::Value, brott: &mut Vec<Brott>) {
    super::for_varje_lov(varde, &mut |sokvag, v| {
        let Some(n) = v.as_number() else { return };
        let for_stort = n.as_i64().map_or(n.is_u64(), |t| {
            t.unsigned_abs() > STORSTA_BELOPP.unsigned_abs()
        });
        if for_stort {
            brott.push(Brott {
                sokvag: sokvag.to_string(),
                meddelande: format!(
                    "Talet {n} är orimligt stort; ett belopp får vara högst {} kr. Kontrollera att beloppet står i kronor.",
                    crate::belopp::formatera_heltal(STORSTA_BELOPP)
                ),
            });
        }
    });
}

fn kontrollera_arlig_analys(a: &ArligAnalys) -> Vec<Brott> {
    let mut brott = Vec::new();
    let mut brister = |sokvag: String, meddelande: String| brott.push(Brott { sokvag, meddelande });

    if a.meta.organisation.trim().is_empty() {
        brister(
            "meta.organisation".into(),
            "Organisation saknas. Skriv namnet på nämnden som lämnar analysen.".into(),
        );
    }
    if !(2000..=2100).contains(&a.meta.analysar) {
        brister(
            "meta.analysar".into(),
            format!(
                "Analysåret {} är orimligt. Ange ett år mellan 2000 och 2100.",
                a.meta.analysar
            ),
        );
    }
    if a.meta.mall.trim().is_empty() {
        brister(
            "meta.mall".into(),
            "Mall saknas. Ange vilken mall dokumentet följer, till exempel arlig-analys-2024."
                .into(),
        );
    }

    let mut tjanster = HashSet::new();
    for (i, t) in a.tjanstekatalog.iter().enumerate() {
        if t.id.0.trim().is_empty() {
            brister(
                format!("tjanstekatalog[{i}].id"),
                "Tjänsten saknar id.".into(),
            );
        } else if !tjanster.insert(&t.id) {
            brister(
                format!("tjanstekatalog[{i}].id"),
                format!(
                    "Id \"{}\" finns redan i tjänstekatalogen. Varje tjänst behöver ett eget id.",
                    t.id
                ),
            );
        }
        if t.namn.trim().is_empty() {
            brister(
                format!("tjanstekatalog[{i}].namn"),
                format!("Tjänsten \"{}\" saknar namn.", t.id),
            );
        }
    }
    let mut tjanst = |sokvag: String, id: &super::TjanstId| {
        if !tjanster.contains(id) {
            brister(
                sokvag,
                format!(
                    "Tjänsten \"{id}\" finns inte i tjänstekatalogen. Lägg till den i katalogen eller välj en tjänst som finns där."
                ),
            );
        }
    };
    for (i, r) in a.effekthemtagning.rader.iter().enumerate() {
        tjanst(format!("effekthemtagning.rader[{i}].tjanst"), &r.tjanst);
    }
    for (i, r) in a.konsolidering.rader.iter().enumerate() {
        tjanst(format!("konsolidering.rader[{i}].tjanst"), &r.tjanst);
    }
    for (i, insats) in a.pagaende_insatser.insatser.iter().enumerate() {
        for (j, t) in insats.tjanster.iter().enumerate() {
            tjanst(format!("pagaende_insatser.insatser[{i}].tjanster[{j}]"), t);
        }
    }
    for (i, insats) in a.foreslagna_insatser.insatser.iter().enumerate() {
        for (j, t) in insats.strategisk.tjanster.iter().enumerate() {
            tjanst(
                format!("foreslagna_insatser.insatser[{i}].strategisk.tjanster[{j}]"),
                t,
            );
        }
    }
    for (i, r) in a.kostnader.forvaltning.rader.iter().enumerate() {
        tjanst(
            format!("kostnader.forvaltning.rader[{i}].tjanst"),
            &r.tjanst,
        );
    }
    for (i, r) in a.kostnader.utveckling.rader.iter().enumerate() {
        tjanst(format!("kostnader.utveckling.rader[{i}].tjanst"), &r.tjanst);
    }
    for (i, r) in a.fordelningsnycklar.rader.iter().enumerate() {
        tjanst(format!("fordelningsnycklar.rader[{i}].tjanst"), &r.tjanst);
    }
    for (i, r) in a.langsiktig_utveckling.avvecklingar.iter().enumerate() {
        tjanst(
            format!("langsiktig_utveckling.avvecklingar[{i}].tjanst"),
            &r.tjanst,
        );
    }

    let mut insatser = HashSet::new();
    let pagaende = a
        .pagaende_insatser
        .insatser
        .iter()
        .enumerate()
        .map(|(i, x)| (format!("pagaende_insatser.insatser[{i}].id"), &x.id));
    let foreslagna = a
        .foreslagna_insatser
        .insatser
        .iter()
        .enumerate()
        .map(|(i, x)| (format!("foreslagna_insatser.insatser[{i}].id"), &x.id));
    for (sokvag, id) in pagaende.chain(foreslagna) {
        if id.0.trim().is_empty() {
            brister(sokvag, "Insatsen saknar id.".into());
        } else if !insatser.insert(id) {
            brister(
                sokvag,
                format!("Id \"{id}\" används av två insatser. Varje insats behöver ett eget id."),
            );
        }
    }
    let foreslagna: HashSet<_> = a
        .foreslagna_insatser
        .insatser
        .iter()
        .map(|x| &x.id)
        .collect();
    for (i, r) in a.kostnader.nya_insatser.rader.iter().enumerate() {
        if !foreslagna.contains(&r.insats) {
            brister(
                format!("kostnader.nya_insatser.rader[{i}].insats"),
                format!(
                    "Raden hänvisar till insatsen \"{}\", som inte finns bland de föreslagna insatserna i 2.2.",
                    r.insats
                ),
            );
        }
    }
    brott
}

/// A tjänsteplan names its tjänsteområde; its initiatives have unique ids, a pot is an
/// initiative of the same plan (and not a child itself), and every bilaga row belongs to one.
fn kontrollera_tjansteplan(t: &Tjansteplan) -> Vec<Brott> {
    let mut brott = Vec::new();
    if t.meta.organisation.trim().is_empty() {
        brott.push(Brott {
            sokvag: "meta.organisation".into(),
            meddelande: "Organisationen (nämnden) måste anges.".into(),
        });
    }
    let mut sedda = HashSet::new();
    for (i, x) in t.kostnadsuppskattning.initiativ.iter().enumerate() {
        if x.id.0.trim().is_empty() || !sedda.insert(&x.id) {
            brott.push(Brott {
                sokvag: format!("kostnadsuppskattning.initiativ[{i}].id"),
                meddelande: format!(
                    "Initiativets id \"{}\" är tomt eller används redan; varje initiativ behöver ett eget id.",
                    x.id
                ),
            });
        }
    }
    for (i, x) in t.kostnadsuppskattning.initiativ.iter().enumerate() {
        if let Some(pott) = &x.pott {
            let forelder = t
                .kostnadsuppskattning
                .initiativ
                .iter()
                .find(|y| &y.id == pott);
            let meddelande = match forelder {
                None => Some(format!(
                    "Potten \"{pott}\" finns inte bland planens initiativ."
                )),
                Some(y) if y.id == x.id => {
                    Some("Ett initiativ kan inte vara sin egen pott.".to_string())
                }
                Some(y) if y.pott.is_some() => Some(format!(
                    "\"{}\" ligger själv i en pott; en pott har bara en nivå av initiativ under sig.",
                    y.namn
                )),
                Some(_) => None,
            };
            if let Some(meddelande) = meddelande {
                brott.push(Brott {
                    sokvag: format!("kostnadsuppskattning.initiativ[{i}].pott"),
                    meddelande,
                });
            }
        }
    }
    for (i, r) in t.bilaga.rader.iter().enumerate() {
        if !t
            .kostnadsuppskattning
            .initiativ
            .iter()
            .any(|x| x.id == r.initiativ)
        {
            brott.push(Brott {
                sokvag: format!("bilaga.rader[{i}].initiativ"),
                meddelande: format!(
                    "Initiativet \"{}\" finns inte i planen; en rad i bilagan hör till ett av planens initiativ.",
                    r.initiativ
                ),
            });
        }
    }
    brott
}

/// A digitaliseringsplan names its organisation, and every insats has an id of its own.
fn kontrollera_digitaliseringsplan(d: &Digitaliseringsplan) -> Vec<Brott> {
    let mut brott = Vec::new();
    if d.meta.organisation.trim().is_empty() {
        brott.push(Brott {
            sokvag: "meta.organisation".into(),
            meddelande: "Organisationen (nämnden, förvaltningen eller bolaget) måste anges.".into(),
        });
    }
    let mut sedda = HashSet::new();
    for (i, x) in d.insatser.insatser.iter().enumerate() {
        if x.id.0.trim().is_empty() || !sedda.insert(&x.id) {
            brott.push(Brott {
                sokvag: format!("insatser.insatser[{i}].id"),
                meddelande: format!(
                    "Insatsens id \"{}\" är tomt eller används redan; varje insats behöver ett eget id.",
                    x.id
                ),
            });
        }
    }
    brott
}
