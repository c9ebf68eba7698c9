//! The status a document states, held against the riktlinje's preconditions for it. The app
//! refuses a step forward while they fail (`app::status`); a file from a colleague or an old
//! export can still claim "inskickad" with fel left or, for the årlig analys, without the
//! berörd nämnd informed. The finding is a varning: the fel themselves already stop the export,
//! and what the author does is either correct them or reopen the document.

use super::{Allvarlighet, Fynd, nytt_fynd};
use crate::model::{Dokument, Status};
use crate::template::Mall;

pub(super) fn granska(dokument: &Dokument, mall: &Mall, fynd: &mut Vec<Fynd>) {
    let status = dokument.status();
    if !matches!(status, Status::Klar | Status::Inskickad) {
        return;
    }
    let namn = serde_json::to_value(status)
        .ok()
        .and_then(|v| {
            v.as_str()
                .map(|s| mall.etikett_for_varde("status", s).to_lowercase())
        })
        .unwrap_or_default();
    let fel = fynd
        .iter()
        .filter(|f| f.allvarlighet == Allvarlighet::Fel)
        .count();
    let mut hinder = Vec::new();
    if fel > 0 {
        hinder.push(format!("har {fel} fel kvar"));
    }
    if status == Status::Inskickad && dokument.berord_namnd_informerad() == Some(false) {
        hinder.push("berörd nämnd är inte informerad".to_string());
    }
    if hinder.is_empty() {
        return;
    }
    fynd.push(nytt_fynd(
        mall,
        "ALLA-status",
        "meta.status".into(),
        format!(
            "Dokumentet har status {namn} men {}. Rätta det som Granskning visar, eller öppna dokumentet igen (status Utkast) tills det är klart.",
            hinder.join(" och ")
        ),
        None,
        None,
    ));
}
