//! The `underlag` command line end to end: the README's main job, the store commands, exit
//! codes, and bad input that is refused in Swedish without touching the store.

mod common;
use common::TESTNYCKEL;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use std::io::Write;

struct Miljo {
    _katalog: tempfile::TempDir,
    mapp: PathBuf,
    db: PathBuf,
}

impl Miljo {
    fn ny() -> Miljo {
        let katalog = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mapp = katalog.path().to_path_buf();
        let db = mapp.join("data").join("underlag.db");
        Miljo {
            _katalog: katalog,
            mapp,
            db,
        }
    }

    fn fil(&self, namn: &str) -> PathBuf {
        self.mapp.join(namn)
    }

    fn kor(&self, argument: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_underlag"))
            .args(argument)
            .env("UNDERLAG_DB", &self.db)
            .env("UNDERLAG_DB_KEY", TESTNYCKEL)
            .env_remove("UNDERLAG_MALLAR")
            .current_dir(&self.mapp)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn ok(&self, argument: &[&str]) -> String {
        let ut = self.kor(argument);
        assert!(
            ut.status.success(),
            "{argument:?}: {}",
            String::from_utf8_lossy(&ut.stderr)
        );
        String::from_utf8_lossy(&ut.stdout).into_owned()
    }

    /// Runs a command that must fail with exit code 2 and returns its stderr.
    fn fel(&self, argument: &[&str]) -> String {
        let ut = self.kor(argument);
        assert_eq!(
            ut.status.code(),
            Some(2),
            "{argument:?}: {}",
            String::from_utf8_lossy(&ut.stdout)
        );
        String::from_utf8_lossy(&ut.stderr).into_owned()
    }

    fn list(&self) -> String {
        self.ok(&["list"])
    }
}

fn las(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn the_main_job_writes_the_example_and_prints_its_summary() {
    let m = Miljo::ny();
    let ut = m.ok(&["example", "-o", "exempel.underlag.json"]);
    assert!(
        ut.contains("Årlig analys av digital utveckling och förvaltning 2024"),
        "{ut}"
    );
    assert!(ut.contains("Organisation: Nämnden för demokrati och medborgarservice"));
    assert!(ut.contains("3.1 Kostnader förvaltning och utveckling 2024–2026"));
    assert!(ut.contains("Totalkostnad (beräknad): Utfall 2022 –, Budget 2023 77 547 tkr, Prognos budget 2024 82 242 tkr"), "{ut}");
    assert!(
        ut.contains(
            "2.1 Framåtsyftande portföljanalys\n    Används inte i mallen (ANVÄNDS INTE FÖR 2024)"
        ),
        "{ut}"
    );
    let fil = las(&m.fil("exempel.underlag.json"));
    assert!(
        fil.starts_with("{\n  \"format_version\": 1,\n  \"dokumenttyp\": \"arlig-analys\""),
        "{}",
        &fil[..80]
    );
}

#[test]
fn export_import_export_gives_the_same_file() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    let ut = m.ok(&["import", "a.underlag.json"]);
    assert!(ut.contains("som dokument 1"), "{ut}");
    m.ok(&["export-json", "1", "-o", "b.underlag.json"]);
    assert_eq!(
        las(&m.fil("a.underlag.json")),
        las(&m.fil("b.underlag.json"))
    );
    m.ok(&["import", "b.underlag.json"]);
    m.ok(&["export-json", "2", "-o", "c.underlag.json"]);
    assert_eq!(
        las(&m.fil("a.underlag.json")),
        las(&m.fil("c.underlag.json"))
    );
    let lista = m.list();
    assert_eq!(lista.lines().count(), 2, "{lista}");
    assert!(
        lista
            .lines()
            .all(|l| l.contains("arlig-analys") && l.contains("2024")),
        "{lista}"
    );
}

#[test]
fn new_creates_an_empty_document_for_the_year() {
    let m = Miljo::ny();
    let ut = m.ok(&[
        "new",
        "--kind",
        "arlig-analys",
        "--year",
        "2025",
        "--organisation",
        "Inköp och upphandlingsnämnden",
        "-o",
        "ny.underlag.json",
    ]);
    assert!(ut.contains("enligt mallen arlig-analys-2024"), "{ut}");
    let visa = m.ok(&["show", "ny.underlag.json"]);
    assert!(
        visa.contains("Årlig analys av digital utveckling och förvaltning 2025"),
        "{visa}"
    );
    assert!(visa.contains("Organisation: Inköp och upphandlingsnämnden"));
    assert!(
        visa.contains("Utfall 2023 | Budget 2024 | Prognos budget 2025"),
        "{visa}"
    );
    assert!(visa.contains("0 insatser"));
    m.ok(&["import", "ny.underlag.json"]);
    assert!(m.list().contains("2025  Inköp och upphandlingsnämnden"));

    let fel = m.fel(&[
        "new",
        "--kind",
        "arlig-analys",
        "--year",
        "2025",
        "--organisation",
        " ",
        "-o",
        "tom.underlag.json",
    ]);
    assert!(fel.contains("Organisation saknas"), "{fel}");
    assert!(
        !m.fil("tom.underlag.json").exists(),
        "ingen fil ska skrivas för ett ogiltigt dokument"
    );
    let fel = m.fel(&[
        "new",
        "--kind",
        "budget",
        "--year",
        "2025",
        "--organisation",
        "X",
        "-o",
        "x.json",
    ]);
    assert!(fel.contains("okänd dokumenttyp \"budget\""), "{fel}");
}

#[test]
fn versions_are_recorded_in_the_document_and_listed() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    m.ok(&["import", "a.underlag.json"]);
    let ut = m.ok(&[
        "version",
        "1",
        "--description",
        "Första utkast till SLK",
        "--author",
        "Anna Andersson",
        "--date",
        "2023-03-28",
    ]);
    assert!(ut.contains("Registrerade version 1.0 (2023-03-28)"), "{ut}");
    m.ok(&[
        "version",
        "1",
        "--description",
        "Efter kundforum",
        "--author",
        "Bo Berg",
        "--date",
        "2023-04-12",
    ]);
    let lista = m.ok(&["versions", "1"]);
    let rader: Vec<&str> = lista.lines().collect();
    assert_eq!(rader.len(), 2, "{lista}");
    assert!(
        rader[0].starts_with("1.0")
            && rader[0].contains("Anna Andersson")
            && rader[0].contains("Första utkast till SLK")
    );
    assert!(rader[1].starts_with("2.0") && rader[1].contains("2023-04-12"));
    let visa = m.ok(&["show", "1"]);
    assert!(visa.contains("Versionshantering:\n  1.0  2023-03-28  Anna Andersson  Första utkast till SLK\n  2.0  2023-04-12  Bo Berg"), "{visa}");
    m.ok(&["export-json", "1", "-o", "b.underlag.json"]);
    let b: serde_json::Value =
        serde_json::from_str(&las(&m.fil("b.underlag.json"))).unwrap_or_default();
    assert_eq!(b["dokument"]["versionshantering"][1]["version"], "2.0");
    assert_eq!(
        b["dokument"]["versionshantering"][1]["andrad_av"],
        "Bo Berg"
    );

    let fel = m.fel(&[
        "version",
        "1",
        "--description",
        "x",
        "--author",
        "y",
        "--date",
        "28/3/2023",
    ]);
    assert!(fel.contains("ÅÅÅÅ-MM-DD"), "{fel}");
    let fel = m.fel(&["version", "1", "--description", "", "--author", "y"]);
    assert!(fel.contains("Beskrivning får inte vara tomt"), "{fel}");
}

#[test]
fn a_tjansteplan_version_takes_its_event_and_forum_and_needs_the_event() {
    let m = Miljo::ny();
    m.ok(&[
        "example",
        "tjansteplan-2023-ekonomi",
        "-o",
        "t.underlag.json",
    ]);
    m.ok(&["import", "t.underlag.json"]);
    let fel = m.fel(&[
        "version",
        "1",
        "--description",
        "Beslut",
        "--author",
        "Jenny",
    ]);
    assert!(fel.contains("Välj händelse"), "{fel}");
    let ut = m.ok(&[
        "version",
        "1",
        "--description",
        "Beslutad i prioriteringsforum",
        "--author",
        "Jenny",
        "--date",
        "2023-05-02",
        "--event",
        "beslutad",
        "--forum",
        "prioriteringsforum",
    ]);
    assert!(
        ut.contains("Registrerade version 4.0 (2023-05-02, Beslutad i Prioriteringsforum)"),
        "{ut}"
    );
    let fel = m.fel(&[
        "version",
        "1",
        "--description",
        "x",
        "--author",
        "y",
        "--event",
        "antagen",
    ]);
    assert!(fel.contains("antagen"), "{fel}");
}

#[test]
fn version_without_an_id_prints_the_program_version_as_it_was_installed() {
    let m = Miljo::ny();
    let version = m.ok(&["version"]);
    assert_eq!(version, format!("underlag {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(m.ok(&["--version"]), version);
    let fel = m.fel(&["version", "1", "--description", "x"]);
    assert!(
        fel.contains("både --description TEXT och --author NAMN"),
        "{fel}"
    );
    let fel = m.fel(&["version", "--date", "2024-01-01"]);
    assert!(fel.contains("ange dokumentets ID"), "{fel}");
}

#[test]
fn apply_acknowledges_each_stored_edit_and_stops_at_a_bad_one() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    m.ok(&["import", "a.underlag.json"]);
    let mut barn = Command::new(env!("CARGO_BIN_EXE_underlag"))
        .args(["apply", "1"])
        .env("UNDERLAG_DB", &m.db)
        .env("UNDERLAG_DB_KEY", TESTNYCKEL)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let indata = concat!(
        r#"{"typ":"satt","falt":"konsolidering.rader[0].andel_befintliga_kunder_procent","varde":92.0}"#,
        "\n",
        r#"{"typ":"satt","falt":"meta.organisation","varde":"Nämnd B"}"#,
        "\n",
        r#"{"typ":"satt","falt":"kostnader.forvaltning.rader[0].kostnad.budget","varde":"mycket"}"#,
        "\n",
        r#"{"typ":"satt","falt":"meta.organisation","varde":"Nämnd C"}"#,
        "\n",
    );
    if let Some(mut stdin) = barn.stdin.take() {
        stdin
            .write_all(indata.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let ut = barn.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ut.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&ut.stdout), "sparad 1\nsparad 2\n");
    let fel = String::from_utf8_lossy(&ut.stderr);
    assert!(
        fel.contains("rad 3") && fel.contains("kostnader.forvaltning.rader[0].kostnad.budget"),
        "{fel}"
    );
    m.ok(&["export-json", "1", "-o", "b.underlag.json"]);
    let b: serde_json::Value =
        serde_json::from_str(&las(&m.fil("b.underlag.json"))).unwrap_or_default();
    assert_eq!(
        b["dokument"]["meta"]["organisation"], "Nämnd B",
        "rad 4 ska inte ha körts"
    );
    assert_eq!(
        b["dokument"]["konsolidering"]["rader"][0]["andel_befintliga_kunder_procent"],
        92.0
    );
    assert_eq!(
        b["dokument"]["kostnader"]["forvaltning"]["rader"][0]["kostnad"]["budget"],
        23_588_000
    );
}

/// Each bad file: exit 2, a Swedish message naming the problem, and the store unchanged.
#[test]
fn bad_files_are_refused_and_the_store_is_unchanged() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    m.ok(&["import", "a.underlag.json"]);
    let fore = m.list();
    let exempel = las(&m.fil("a.underlag.json"));

    std::fs::write(m.fil("avkortad.json"), &exempel[..exempel.len() / 3])
        .unwrap_or_else(|e| panic!("{e}"));
    let fel = m.fel(&["import", "avkortad.json"]);
    assert!(
        fel.contains("avkortad.json: Filen är inte giltig JSON") && fel.contains("avkortad"),
        "{fel}"
    );

    let stor = std::fs::File::create(m.fil("stor.json")).unwrap_or_else(|e| panic!("{e}"));
    stor.set_len(100 * 1024 * 1024)
        .unwrap_or_else(|e| panic!("{e}"));
    let fel = m.fel(&["import", "stor.json"]);
    assert!(fel.contains("Filen är 100,0 MB"), "{fel}");

    let text_i_belopp = exempel.replacen("\"budget\": 23588000", "\"budget\": \"23 588 tkr\"", 1);
    assert_ne!(text_i_belopp, exempel);
    std::fs::write(m.fil("text.json"), text_i_belopp).unwrap_or_else(|e| panic!("{e}"));
    let fel = m.fel(&["import", "text.json"]);
    assert!(fel.contains("Fel i dokument.kostnader.forvaltning.rader[0].kostnad.budget: fel typ: fick texten \"23 588 tkr\""), "{fel}");

    let tom_org = exempel.replacen(
        "\"organisation\": \"Nämnden för demokrati och medborgarservice\"",
        "\"organisation\": \"\"",
        1,
    );
    assert_ne!(tom_org, exempel);
    std::fs::write(m.fil("tom.json"), tom_org).unwrap_or_else(|e| panic!("{e}"));
    let fel = m.fel(&["import", "tom.json"]);
    assert!(
        fel.contains("Fel i dokument.meta.organisation: Organisation saknas"),
        "{fel}"
    );

    let nyare = exempel.replacen("\"format_version\": 1", "\"format_version\": 7", 1);
    std::fs::write(m.fil("nyare.json"), nyare).unwrap_or_else(|e| panic!("{e}"));
    let fel = m.fel(&["import", "nyare.json"]);
    assert!(fel.contains("formatversion 7"), "{fel}");

    let fel = m.fel(&["import", "finns-inte.json"]);
    assert!(
        fel.contains("finns-inte.json kan inte läsas: filen finns inte"),
        "{fel}"
    );

    assert_eq!(m.list(), fore, "databasen ändrades av en underkänd import");
}

/// Every app command runs from the command line by its name, through the dispatch the test
/// server uses, so a script can do what the app does.
#[test]
fn every_app_command_runs_from_the_command_line_by_name() {
    let m = Miljo::ny();
    let lista = m.ok(&["call"]);
    assert_eq!(lista.lines().collect::<Vec<_>>(), underlag::app::KOMMANDON);

    let svar = m.ok(&[
        "call",
        "oppna_exempel",
        r#"{"namn": "tjansteplan-2023-ekonomi"}"#,
    ]);
    let vy: serde_json::Value = serde_json::from_str(&svar).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(vy["id"], 1, "{svar}");
    assert_eq!(vy["organisation"], "Intraservice", "{svar}");
    assert!(m.list().contains("1  tjansteplan"), "{}", m.list());

    // Each name reaches its command: at worst its argument is refused, naming the field.
    for namn in underlag::app::KOMMANDON {
        let ut = m.kor(&["call", namn, "{}"]);
        let fel = String::from_utf8_lossy(&ut.stderr);
        assert!(!fel.contains("inget kommando"), "{namn}: {fel}");
        assert!(
            ut.status.success() || fel.contains("fick ett argument som inte går att läsa"),
            "{namn}: {fel}"
        );
    }

    let fel = m.fel(&["call", "radera_allt"]);
    assert!(
        fel.contains("Det finns inget kommando som heter radera_allt"),
        "{fel}"
    );
    let fel = m.fel(&["call", "hamta_dokument", "{id: 1"]);
    assert!(
        fel.contains("argumentet till hamta_dokument är ingen giltig JSON"),
        "{fel}"
    );
}

#[test]
fn usage_errors_are_swedish_with_exit_code_2() {
    let m = Miljo::ny();
    let fel = m.fel(&["exportera"]);
    assert!(fel.contains("okänt kommando exportera"), "{fel}");
    assert!(fel.contains("underlag --help"));
    let fel = m.fel(&["show"]);
    assert!(fel.starts_with("fel: saknar"), "{fel}");
    let fel = m.fel(&[
        "new",
        "--kind",
        "arlig-analys",
        "--year",
        "tjugo",
        "--organisation",
        "X",
        "-o",
        "x.json",
    ]);
    assert!(fel.contains("ogiltigt värde \"tjugo\""), "{fel}");
    let fel = m.fel(&["show", "7"]);
    assert!(fel.contains("Det finns inget dokument med id 7"), "{fel}");
    let hjalp = m.ok(&["--help"]);
    assert!(
        hjalp.contains("Kommandon") && hjalp.contains("Skriv ett medföljande exempel"),
        "{hjalp}"
    );
}

#[test]
fn the_help_names_every_kind_and_prints_the_apps_guide_pages() {
    let m = Miljo::ny();
    let hjalp = m.ok(&["--help"]);
    let forsta = hjalp.lines().next().unwrap_or_default();
    for typ in ["årlig analys", "tjänsteplan", "digitaliseringsplan"] {
        assert!(forsta.contains(typ), "första raden: {forsta}");
    }
    assert!(hjalp.contains("underlag help <ÄMNE>"), "{hjalp}");
    for kommando in ["new", "validate", "export"] {
        let hjalp = m.ok(&[kommando, "--help"]);
        assert!(
            ["årlig analys", "tjänsteplan", "digitaliseringsplan"]
                .iter()
                .all(|typ| hjalp.contains(typ)),
            "{kommando}: {hjalp}"
        );
    }

    let sidor = m.ok(&["help"]);
    let mappen = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/hjalp");
    let mut filer: Vec<String> = std::fs::read_dir(&mappen)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|f| f.ok())
        .filter_map(|f| {
            f.file_name()
                .to_str()?
                .strip_suffix(".md")
                .map(String::from)
        })
        .collect();
    filer.sort();
    assert!(filer.len() >= 10, "{filer:?}");
    for namn in &filer {
        // Every page in the repo is in the guide, and `help <page>` prints the file itself: the
        // app's Hjälp and the command line have one text.
        assert!(sidor.contains(namn.as_str()), "{namn} saknas i {sidor}");
        let text = std::fs::read_to_string(mappen.join(format!("{namn}.md")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.ok(&["help", namn]), text, "{namn}");
    }
    assert_eq!(
        m.ok(&["help", "Årlig analys"]),
        m.ok(&["help", "arlig-analys"])
    );
    let fel = m.fel(&["help", "budgetering"]);
    assert!(
        fel.contains("ingen hjälpsida som heter \"budgetering\"") && fel.contains("kom-igang"),
        "{fel}"
    );
}

#[test]
fn the_database_location_follows_the_flag_and_the_environment() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    let egen = m.fil("egen.db");
    m.ok(&[
        "--db",
        egen.to_str().unwrap_or_default(),
        "import",
        "a.underlag.json",
    ]);
    assert!(egen.exists());
    assert!(!m.db.exists(), "--db ska gå före UNDERLAG_DB");
    m.ok(&["import", "a.underlag.json"]);
    assert!(m.db.exists(), "UNDERLAG_DB ska användas utan --db");
}

#[test]
fn a_corrupt_database_is_reported_and_left_alone() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    let skrap = m.fil("skrap.db");
    std::fs::write(
        &skrap,
        "det här är ingen databas, bara text som någon råkat spara",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let fore = std::fs::read(&skrap).unwrap_or_default();
    let ut = Command::new(env!("CARGO_BIN_EXE_underlag"))
        .args([
            "--db",
            skrap.to_str().unwrap_or_default(),
            "import",
            "a.underlag.json",
        ])
        .env("UNDERLAG_DB_KEY", TESTNYCKEL)
        .current_dir(&m.mapp)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ut.status.code(), Some(2));
    let fel = String::from_utf8_lossy(&ut.stderr);
    assert!(
        fel.contains("eller så är filen ingen Underlag-databas. Databasen har inte ändrats"),
        "{fel}"
    );
    assert_eq!(std::fs::read(&skrap).unwrap_or_default(), fore);
}

#[test]
fn validate_groups_findings_by_section_and_exits_1_on_fel() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    let ut = m.kor(&["validate", "a.underlag.json"]);
    assert_eq!(ut.status.code(), Some(1), "exemplet har fel");
    let text = String::from_utf8_lossy(&ut.stdout);
    let i = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} saknas i:\n{text}"))
    };
    assert!(i("\n1.2 Status konsolidering\n") < i("\n2.2 Förslag på nya förändringsinsatser\n"));
    assert!(
        i("\n2.2 Förslag på nya förändringsinsatser\n")
            < i("\n3.1 Kostnader förvaltning och utveckling 2024–2026\n")
    );
    assert!(
        text.contains("anges till 77 587 tkr men raderna summerar till 77 547 tkr"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("varningar."), "{text}");

    let ut = m.kor(&["validate", "a.underlag.json", "--format", "json"]);
    assert_eq!(ut.status.code(), Some(1));
    let fynd: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap_or_default();
    let summa = fynd
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["sokvag"] == "kostnader.forvaltning.angiven_totalkostnad.budget");
    let summa = summa.unwrap_or_else(|| panic!("{fynd}"));
    assert_eq!(
        (
            summa["regel"].as_str(),
            summa["allvarlighet"].as_str(),
            summa["avsnitt"].as_str()
        ),
        (Some("AA-summa"), Some("fel"), Some("3.1"))
    );
    assert_eq!(
        (summa["angivet"].as_i64(), summa["harlett"].as_i64()),
        (Some(77_587_000), Some(77_547_000))
    );

    std::fs::write(
        m.fil("ren.underlag.json"),
        include_str!("fixtures/ren-analys.underlag.json"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let ut = m.ok(&["validate", "ren.underlag.json"]);
    assert!(ut.contains("0 fel, 0 varningar."), "{ut}");

    let regler = m.ok(&["rules"]);
    assert_eq!(regler, include_str!("../docs/regler.md"));
}

#[test]
fn a_file_with_a_byte_order_mark_is_read_and_an_absurd_amount_is_refused() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    let text = las(&m.fil("a.underlag.json"));
    std::fs::write(m.fil("bom.json"), format!("\u{feff}{text}")).unwrap_or_else(|e| panic!("{e}"));
    m.ok(&["import", "bom.json"]);
    let absurd = text.replacen("\"budget\": 23588000", "\"budget\": 23588000000000000", 1);
    std::fs::write(m.fil("absurd.json"), absurd).unwrap_or_else(|e| panic!("{e}"));
    let fel = m.fel(&["import", "absurd.json"]);
    assert!(fel.contains("Fel i dokument.kostnader.forvaltning.rader[0].kostnad.budget: Talet 23588000000000000 är orimligt stort"), "{fel}");
}

#[test]
fn next_year_shows_the_moves_and_stores_only_without_dry_run() {
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    m.ok(&["import", "a.underlag.json"]);
    let rattelse = "kostnader.forvaltning.rader[0].kostnad.utfall=23 100";
    let prov = m.ok(&[
        "next-year",
        "1",
        "--approved",
        "forslag-2",
        "--finished",
        "pagaende-8",
        "--correct",
        rattelse,
        "--dry-run",
    ]);
    assert!(
        prov.contains("\"Tillståndsguider för företagare\" är godkänd"),
        "{prov}"
    );
    assert!(prov.contains("23 100 tkr  (var Budget 2023)"), "{prov}");
    assert!(prov.contains("Inget sparat"), "{prov}");
    assert_eq!(m.list().lines().count(), 1);

    let sparat = m.ok(&[
        "next-year",
        "1",
        "--approved",
        "forslag-2",
        "--correct",
        rattelse,
    ]);
    assert!(
        sparat.contains("som dokument 2; dokument 1 är oförändrat"),
        "{sparat}"
    );
    let lista = m.list();
    assert!(lista.contains("2025"), "{lista}");

    let fel = m.fel(&["next-year", "1", "--correct", "utan-likhetstecken"]);
    assert!(fel.contains("skriv FÄLT=BELOPP"), "{fel}");
    let fel = m.fel(&["next-year", "1", "--finished", "forslag-1"]);
    assert!(fel.contains("Avslutade insatser"), "{fel}");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    // The reader is gone before the command writes its many lines.
    let mut barn = Command::new(env!("CARGO_BIN_EXE_underlag"))
        .args(["rules"])
        .current_dir(&m.mapp)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(barn.stdout.take());
    let ut = barn.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&ut.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        ut.status.success() || ut.status.signal() == Some(13),
        "klart eller avbrutet av SIGPIPE, inte {:?}",
        ut.status
    );
}

#[test]
fn portfolio_sums_stored_and_file_analyses_and_writes_word_and_excel() {
    use calamine::{Data, Reader, Xlsx};
    let m = Miljo::ny();
    m.ok(&["example", "-o", "a.underlag.json"]);
    m.ok(&["import", "a.underlag.json"]);
    // The stored example beside the same file would count every insats twice: refused.
    let fel = m.fel(&["portfolio", "1", "a.underlag.json"]);
    assert!(fel.contains("finns två gånger i portföljen"), "{fel}");
    // The same nämnd's analysis for the next year is a portfolio over two years.
    let mut nasta: serde_json::Value = serde_json::from_slice(
        &std::fs::read(m.fil("a.underlag.json")).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    nasta["dokument"]["meta"]["analysar"] = serde_json::json!(2025);
    std::fs::write(m.fil("b.underlag.json"), nasta.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let ut = m.ok(&[
        "portfolio",
        "1",
        "b.underlag.json",
        "--status",
        "foreslagen",
        "--leverantor",
        "Nämnden för demokrati och medborgarservice",
        "--docx",
        "p.docx",
        "--xlsx",
        "p.xlsx",
        "--date",
        "2026-12-01",
    ]);
    // The example's eight proposals, 5 190 tkr, in each year.
    assert!(
        ut.contains("16 insatser, sammanlagd projektbudget 10 380 tkr"),
        "{ut}"
    );
    assert!(ut.contains("Per bastjänst:"), "{ut}");
    let docx = std::fs::read(m.fil("p.docx")).unwrap_or_else(|e| panic!("{e}"));
    let text = common::dokumenttext(&docx);
    assert!(text.contains("Totalt|10 380 tkr|16"), "{text}");
    let mut bok: Xlsx<_> = Xlsx::new(std::io::Cursor::new(
        std::fs::read(m.fil("p.xlsx")).unwrap_or_else(|e| panic!("{e}")),
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let lev = bok
        .worksheet_range("Per leverantör")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lev.get((1, 1)), Some(&Data::Float(10_380.0)));

    m.ok(&[
        "example",
        "tjansteplan-2023-ekonomi",
        "-o",
        "t.underlag.json",
    ]);
    let fel = m.fel(&["portfolio", "a.underlag.json", "t.underlag.json"]);
    assert!(
        fel.contains("portföljen läser bara årliga analyser"),
        "{fel}"
    );
    assert!(!m.fil("p2.docx").exists());
}
