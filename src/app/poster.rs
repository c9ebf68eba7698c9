//! New and duplicated list elements: what "Lägg till rad", "Ny insats" and "Duplicera" put into
//! a list. The required references (a row's tjänst, a 3.1 row's insats) and fresh ids are
//! domain decisions, so they are made here and not in the UI.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::model::{id_prefix, nytt_id};

/// The element that "add" inserts into the list at `lista`, or a Swedish reason why none can be
/// added yet.
pub fn ny_post(dokument: &Value, lista: &str) -> Result<Value, String> {
    let sista = lista.rsplit('.').next().unwrap_or(lista);
    let id = |lista: &str| nytt_id(dokument, id_prefix(lista).unwrap_or("post"));
    if lista == "tjanstekatalog" {
        return Ok(json!({
            "id": id(lista),
            "namn": "Ny tjänst",
            "kategori": "bastjanst",
        }));
    }
    if lista == "pagaende_insatser.insatser" {
        return Ok(json!({ "id": id(lista) }));
    }
    if lista == "foreslagna_insatser.insatser" {
        return Ok(json!({ "id": id(lista) }));
    }
    if lista == "kostnadsuppskattning.initiativ" {
        return Ok(json!({ "id": id(lista), "namn": "Nytt initiativ" }));
    }
    if lista == "bilaga.rader" {
        let initiativ = dokument
            .pointer("/kostnadsuppskattning/initiativ/0/id")
            .and_then(Value::as_str)
            .ok_or("Lägg först till ett initiativ under Förändringsinsatser; raden fördelar dess budget.")?;
        return Ok(json!({ "initiativ": initiativ }));
    }
    if lista == "insatser.insatser" {
        return Ok(json!({ "id": id(lista), "namn": "Ny insats" }));
    }
    if matches!(
        lista,
        "mo1.dimios"
            | "mo2.dimios"
            | "mo3.dimios"
            | "mo4.dimios"
            | "mo1.indikatorer"
            | "mo2.indikatorer"
            | "mo3.indikatorer"
            | "mo4.indikatorer"
            | "bastjanster.avsteg"
            | "system.system"
            | "risker.risker"
    ) {
        return Ok(json!({}));
    }
    if matches!(lista, "inriktning.mal" | "nyttor.poster") {
        return Ok(json!({}));
    }
    if sista == "poster" && lista.contains("avsteg") {
        return Ok(json!({ "typ": "avsteg" }));
    }
    if lista == "kostnader.nya_insatser.rader" {
        let forslag = dokument
            .pointer("/foreslagna_insatser/insatser")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let upptagna: BTreeSet<&str> = dokument
            .pointer("/kostnader/nya_insatser/rader")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|r| r.get("insats").and_then(Value::as_str))
            .collect();
        let ids: Vec<&str> = forslag
            .iter()
            .filter_map(|i| i.get("id").and_then(Value::as_str))
            .collect();
        let insats = ids
            .iter()
            .find(|id| !upptagna.contains(*id))
            .or(ids.first())
            .ok_or(
                "Lägg först till en föreslagen förändringsinsats i 2.2; raden gäller en av dem.",
            )?;
        return Ok(json!({ "insats": insats }));
    }
    // Every other list of the analysis is a table whose rows name a tjänst.
    let tjanst = dokument
        .pointer("/tjanstekatalog/0/id")
        .and_then(Value::as_str)
        .ok_or("Lägg först till en tjänst i tjänstekatalogen; raden gäller en av dem.")?;
    Ok(json!({ "tjanst": tjanst }))
}

/// A copy of `post` that can sit beside it: a fresh id, and "(kopia)" after the name.
pub fn kopia(dokument: &Value, post: &Value) -> Value {
    let mut ny = post.clone();
    if let Some(o) = ny.as_object_mut() {
        if let Some(id) = o.get("id").and_then(Value::as_str) {
            let prefix = id.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
            let prefix = if prefix.is_empty() { "post" } else { prefix };
            o.insert("id".into(), Value::from(nytt_id(dokument, prefix)));
        }
        if let Some(namn) = o.get("namn").and_then(Value::as_str) {
            o.insert("namn".into(), Value::from(format!("{namn} (kopia)")));
        }
    }
    ny
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_skip_the_ones_in_use() {
        let d = json!({"foreslagna_insatser": {"insatser": [{"id": "forslag-1"}, {"id": "forslag-3"}]}});
        let ny = ny_post(&d, "foreslagna_insatser.insatser").expect("ny insats");
        assert_eq!(ny["id"], "forslag-2");
        let k = kopia(&d, &json!({"id": "forslag-3", "namn": "E-arkiv"}));
        assert_eq!(k["id"], "forslag-2");
        assert_eq!(k["namn"], "E-arkiv (kopia)");
    }

    #[test]
    fn a_row_needs_a_tjanst_in_the_catalogue() {
        let tom = json!({"tjanstekatalog": []});
        let fel = ny_post(&tom, "konsolidering.rader").expect_err("ingen tjänst");
        assert!(fel.contains("tjänstekatalogen"), "{fel}");
        let d = json!({"tjanstekatalog": [{"id": "kontaktcenter"}]});
        assert_eq!(
            ny_post(&d, "konsolidering.rader").expect("rad")["tjanst"],
            "kontaktcenter"
        );
    }
}
