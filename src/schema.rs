//! JSON Schema of the exchange format, generated from the Rust types, and a small walker over it
//! that the template loader uses to check that every key a template names exists in the model.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::exchange::Utbytesfil;
use crate::model::{ArligAnalys, Digitaliseringsplan, Dokumenttyp, Tjansteplan};

/// The JSON Schema of a `*.underlag.json` file (draft 2020-12).
pub fn utbytesformat() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    generator.into_root_schema_for::<Utbytesfil>().to_value()
}

/// The schema of one document kind, the root the template's keys are resolved against.
pub fn dokument(typ: Dokumenttyp) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    match typ {
        Dokumenttyp::ArligAnalys => generator.into_root_schema_for::<ArligAnalys>().to_value(),
        Dokumenttyp::Tjansteplan => generator.into_root_schema_for::<Tjansteplan>().to_value(),
        Dokumenttyp::Digitaliseringsplan => generator
            .into_root_schema_for::<Digitaliseringsplan>()
            .to_value(),
    }
}

/// A position in a schema: the sub-schema plus the root that holds `$defs`.
#[derive(Clone, Copy)]
pub struct Nod<'a> {
    root: &'a Value,
    schema: &'a Value,
}

impl<'a> Nod<'a> {
    pub fn rot(root: &'a Value) -> Nod<'a> {
        Nod { root, schema: root }.upplost()
    }

    /// Follows `$ref` and unwraps `Option<T>` (an `anyOf` with a null branch).
    fn upplost(self) -> Nod<'a> {
        let mut schema = self.schema;
        for _ in 0..16 {
            if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
                let namn = r.trim_start_matches("#/$defs/");
                match self.root.get("$defs").and_then(|d| d.get(namn)) {
                    Some(s) => {
                        schema = s;
                        continue;
                    }
                    None => break,
                }
            }
            if let Some(grenar) = schema.get("anyOf").and_then(Value::as_array) {
                let icke_null: Vec<&Value> = grenar
                    .iter()
                    .filter(|g| g.get("type").and_then(Value::as_str) != Some("null"))
                    .collect();
                if let [enda] = icke_null.as_slice() {
                    schema = enda;
                    continue;
                }
            }
            break;
        }
        Nod {
            root: self.root,
            schema,
        }
    }

    /// The named property, when this node is an object that has it.
    pub fn falt(self, namn: &str) -> Option<Nod<'a>> {
        let egenskap = self.schema.get("properties")?.get(namn)?;
        Some(
            Nod {
                root: self.root,
                schema: egenskap,
            }
            .upplost(),
        )
    }

    /// A dot-separated path of properties (`strategisk.behovsbeskrivning`).
    pub fn sokvag(self, sokvag: &str) -> Option<Nod<'a>> {
        sokvag.split('.').try_fold(self, |nod, del| nod.falt(del))
    }

    /// The element schema, when this node is an array.
    pub fn element(self) -> Option<Nod<'a>> {
        let items = self.schema.get("items")?;
        Some(
            Nod {
                root: self.root,
                schema: items,
            }
            .upplost(),
        )
    }

    /// The string values of an enum schema (`enum: [...]` or `oneOf` of `const`s).
    pub fn enumvarden(self) -> Vec<String> {
        let mut varden = Vec::new();
        if let Some(e) = self.schema.get("enum").and_then(Value::as_array) {
            varden.extend(e.iter().filter_map(Value::as_str).map(str::to_string));
        }
        if let Some(grenar) = self.schema.get("oneOf").and_then(Value::as_array) {
            for g in grenar {
                let g = Nod {
                    root: self.root,
                    schema: g,
                }
                .upplost();
                varden.extend(g.enumvarden());
                if let Some(c) = g.schema.get("const").and_then(Value::as_str) {
                    varden.push(c.to_string());
                }
                // Internally tagged enums: the tag property carries the value.
                let tagg = g.schema.get("properties").and_then(|p| p.get("status"));
                if let Some(c) = tagg.and_then(|t| t.get("const")).and_then(Value::as_str) {
                    varden.push(c.to_string());
                }
            }
        }
        varden
    }

    /// A named definition of the root (`Komplexitet`).
    pub fn definition(root: &'a Value, namn: &str) -> Option<Nod<'a>> {
        let schema = root.get("$defs")?.get(namn)?;
        Some(Nod { root, schema }.upplost())
    }
}
