//! What changed between a recorded version and the current text, field by field, in the paths
//! that validation and edits use, so the UI can label each change with its section.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Skillnad {
    /// `foreslagna_insatser.insatser[2].strategisk.nytta`
    pub sokvag: String,
    /// The value in the version, as text; `None` when the field did not exist there.
    pub fore: Option<String>,
    /// The value now; `None` when the field has been removed.
    pub efter: Option<String>,
}

/// Leaf-by-leaf differences from `fore` to `efter`. Lists are compared position by position: a
/// row inserted at the top shows as every later row changed, which is what a reader comparing
/// two printed versions sees too.
pub fn skillnader(fore: &Value, efter: &Value) -> Vec<Skillnad> {
    let mut ut = Vec::new();
    jamfor("", Some(fore), Some(efter), &mut ut);
    ut
}

fn barn(sokvag: &str, nyckel: &str) -> String {
    if sokvag.is_empty() {
        nyckel.to_string()
    } else {
        format!("{sokvag}.{nyckel}")
    }
}

fn jamfor(sokvag: &str, fore: Option<&Value>, efter: Option<&Value>, ut: &mut Vec<Skillnad>) {
    match (fore, efter) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for (k, v) in a {
                jamfor(&barn(sokvag, k), Some(v), b.get(k), ut);
            }
            for (k, v) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                jamfor(&barn(sokvag, k), None, Some(v), ut);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                jamfor(&format!("{sokvag}[{i}]"), a.get(i), b.get(i), ut);
            }
        }
        (a, b) if a == b => {}
        (a, b) => ut.push(Skillnad {
            sokvag: sokvag.to_string(),
            fore: a.map(text),
            efter: b.map(text),
        }),
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
    use serde_json::json;

    #[test]
    fn lists_changed_leaves_with_their_paths() {
        let fore = json!({"a": {"b": "gammal", "c": [1, 2]}, "d": "kvar"});
        let efter = json!({"a": {"b": "ny", "c": [1, 3, 4]}, "d": "kvar", "e": true});
        let s = skillnader(&fore, &efter);
        let sokvagar: Vec<_> = s.iter().map(|x| x.sokvag.as_str()).collect();
        assert_eq!(sokvagar, ["a.b", "a.c[1]", "a.c[2]", "e"]);
        assert_eq!(s[0].fore.as_deref(), Some("gammal"));
        assert_eq!(s[0].efter.as_deref(), Some("ny"));
        assert_eq!(s[2].fore, None);
        assert_eq!(s[3].efter.as_deref(), Some("true"));
    }
}
