// The app commands, shared by build.rs (allow-list) and src/main.rs (a test compares it with
// `underlag::app::KOMMANDON`).
const KOMMANDON: &[&str] = &[
    "mallar",
    "dokumentlista",
    "skapa_dokument",
    "exempel",
    "oppna_exempel",
    "importera",
    "hamta_dokument",
    "andra",
    "lagg_till_post",
    "duplicera_post",
    "angra",
    "gor_om",
    "spara_version",
    "versioner",
    "visa_version",
    "exportera",
    "sakerhetskopior",
    "sakerhetskopiera",
    "aterstall_sakerhetskopia",
    "spara_installningar",
];
