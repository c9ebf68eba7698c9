//! Every leaf of a document's JSON with its path, written as edits and findings write paths
//! (`kostnadsuppskattning.initiativ[1].behov.text`). Checks that look at every number or every
//! text of a document, whatever its kind, walk it through here.

use serde_json::Value;

/// Calls `besok` with the path and value of every leaf (string, number, bool, null) in `varde`.
pub fn for_varje_lov(varde: &Value, besok: &mut impl FnMut(&str, &Value)) {
    vandra(varde, &mut String::new(), besok);
}

fn vandra(varde: &Value, sokvag: &mut String, besok: &mut impl FnMut(&str, &Value)) {
    match varde {
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                let langd = sokvag.len();
                sokvag.push_str(&format!("[{i}]"));
                vandra(v, sokvag, besok);
                sokvag.truncate(langd);
            }
        }
        Value::Object(o) => {
            for (k, v) in o {
                let langd = sokvag.len();
                if !sokvag.is_empty() {
                    sokvag.push('.');
                }
                sokvag.push_str(k);
                vandra(v, sokvag, besok);
                sokvag.truncate(langd);
            }
        }
        lov => besok(sokvag, lov),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_name_fields_and_indexes() {
        let mut sett = Vec::new();
        for_varje_lov(&json!({"a": [1, {"b": "x"}], "c": null}), &mut |s, v| {
            sett.push(format!("{s}={v}"))
        });
        assert_eq!(sett, ["a[0]=1", "a[1].b=\"x\"", "c=null"]);
    }
}
