//! Helpers the integration tests share (`mod common;` in each test file). Each test file uses
//! some of them, hence the `dead_code` allowances.

#[allow(dead_code)]
pub mod generator;
#[allow(dead_code)]
pub mod openxml;
#[allow(dead_code)]
pub mod provserver;

/// The database key the tests pass (as `UNDERLAG_DB_KEY` or through `Nyckel::fran_hex`), so that
/// no test touches the user's keychain.
#[allow(dead_code)]
pub const TESTNYCKEL: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// The seed of a randomised crash test: `UNDERLAG_KRASCH_FRO` when set, else `standard`. Printed,
/// so a failing run can be replayed.
#[allow(dead_code)]
pub fn krasch_fro(standard: u64) -> u64 {
    let fro = std::env::var("UNDERLAG_KRASCH_FRO")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(standard);
    println!("frö {fro} (UNDERLAG_KRASCH_FRO={fro} upprepar valen)");
    fro
}

/// The value at a path as edits write it (`kostnader.forvaltning.rader[0].kostnad.budget`);
/// `null` when there is none.
#[allow(dead_code)]
pub fn vid<'v>(v: &'v serde_json::Value, sokvag: &str) -> &'v serde_json::Value {
    sokvag
        .split('.')
        .try_fold(v, |v, del| {
            let mut delar = del.split('[');
            let namn = delar.next().unwrap_or_default();
            delar.try_fold(v.get(namn)?, |v, index| {
                v.get(index.strip_suffix(']')?.parse::<usize>().ok()?)
            })
        })
        .unwrap_or(&serde_json::Value::Null)
}

/// The list at a path (`vid`); empty when there is none.
#[allow(dead_code)]
pub fn rader<'v>(v: &'v serde_json::Value, sokvag: &str) -> &'v [serde_json::Value] {
    vid(v, sokvag)
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The text runs of a .docx's `word/document.xml`, joined with `|`: enough to find headings
/// and table cells in the order Word shows them.
#[allow(dead_code)]
pub fn dokumenttext(docx: &[u8]) -> String {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("word/document.xml")
            .unwrap_or_else(|e| panic!("{e}")),
        &mut xml,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    xml.split("<w:t")
        .skip(1) // what comes before the first run
        .filter_map(|d| d.split_once('>').and_then(|(_, r)| r.split_once("</w:t>")))
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join("|")
}

/// Every string literal in a source file that starts with `prefix`: the rule ids it reports.
#[allow(dead_code)]
pub fn regel_id_i_kallan<'a>(kalla: &'a str, prefix: &str) -> Vec<&'a str> {
    kalla
        .split('"')
        .skip(1) // the text before the first quote is outside any literal
        .step_by(2)
        .filter(|s| s.starts_with(prefix))
        .collect()
}

/// Writes `docx` into `katalog` and renders it to PDF through LibreOffice with its table of
/// contents and fields updated (`scripts/docx-till-pdf.py`, UNO); returns the PDF's path.
/// Panics with the packages to install when LibreOffice or its Python bridge is missing.
#[allow(dead_code)]
pub fn docx_till_pdf(docx: &[u8], katalog: &std::path::Path) -> std::path::PathBuf {
    use std::process::Command;
    let python = ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .args(["-c", "import uno"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .unwrap_or_else(|| panic!("LibreOffice med python3-uno saknas. Installera med: bash scripts/setup (apt-get install libreoffice-writer python3-uno poppler-utils)"));
    let in_fil = katalog.join("export.docx");
    let pdf = katalog.join("export.pdf");
    std::fs::write(&in_fil, docx).unwrap_or_else(|e| panic!("{e}"));
    let skript = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/docx-till-pdf.py");
    let ut = Command::new(python)
        .arg(&skript)
        .arg(&in_fil)
        .arg(&pdf)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ut.status.success(),
        "LibreOffice kunde inte konvertera: {}",
        String::from_utf8_lossy(&ut.stderr)
    );
    pdf
}

/// Writes `docx` into `katalog` and renders it to PDF with a plain `soffice --headless
/// --convert-to pdf`: no index or field update, so the PDF shows what a reader that never
/// updates fields shows. Its own LibreOffice profile in `katalog`, so parallel tests do not
/// collide. Returns the PDF's path; panics with the package to install when soffice is missing.
#[allow(dead_code)]
pub fn docx_till_pdf_utan_uppdatering(
    docx: &[u8],
    katalog: &std::path::Path,
) -> std::path::PathBuf {
    use std::process::Command;
    let in_fil = katalog.join("export.docx");
    std::fs::write(&in_fil, docx).unwrap_or_else(|e| panic!("{e}"));
    let profil = katalog.join("lo-profil");
    let ut = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profil.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(katalog)
        .arg(&in_fil)
        .output()
        .unwrap_or_else(|e| {
            panic!("soffice: {e}. Installera med: bash scripts/setup (apt-get install libreoffice-writer)")
        });
    let pdf = katalog.join("export.pdf");
    assert!(
        ut.status.success() && pdf.exists(),
        "LibreOffice kunde inte konvertera: {}",
        String::from_utf8_lossy(&ut.stderr)
    );
    pdf
}

/// The marker strings `med_riktlinjen` writes, one per field the riktlinje asks for beyond the
/// printed template, so a test can look for each in an export.
#[allow(dead_code)]
pub const RIKTLINJEMARKORER: [&str; 9] = [
    "RIKTLINJE-beslut-namnd",
    "RIKTLINJE-niva-K3",
    "RIKTLINJE-dataskydd",
    "RIKTLINJE-nationell",
    "RIKTLINJE-ateranvandning",
    "RIKTLINJE-avveckling-beskrivning",
    "RIKTLINJE-konsekvensanalys",
    "RIKTLINJE-avvecklingsplan",
    "RIKTLINJE-tidpunkt",
];

/// The example årlig analys with every field the riktlinje adds filled in: the markers above
/// for texts, and for flags and rates values the example lacks (true, 2,5 %, 6,5 %), so that
/// an export that drops any of them shows.
#[allow(dead_code)]
pub fn med_riktlinjen(mut d: underlag::model::Dokument) -> underlag::model::Dokument {
    use underlag::model::{Avveckling, Dokument, Formaga, JaNej, JaNejSvar, NamndInformerad};
    let Dokument::ArligAnalys(a) = &mut d else {
        panic!("ingen årlig analys");
    };
    let [
        m_beslut,
        m_niva,
        m_dataskydd,
        m_nationell,
        m_ateranvandning,
        m_beskrivning,
        m_konsekvens,
        m_plan,
        m_tid,
    ] = RIKTLINJEMARKORER;
    a.meta.berord_namnd_informerad = Some(NamndInformerad {
        datum: chrono::NaiveDate::from_ymd_opt(2024, 2, 15).unwrap_or_default(),
        beslut: m_beslut.into(),
    });
    let forsta = a.tjanstekatalog.0.first().map(|t| t.id.clone());
    let andra = a.tjanstekatalog.0.get(1).map(|t| t.id.clone());
    if let Some(t) = a.tjanstekatalog.0.first_mut() {
        t.informationssakerhetsniva = m_niva.into();
    }
    for (i, x) in a.pagaende_insatser.insatser.iter_mut().enumerate() {
        x.beslutad_att_foljas_av_ssg = Some(i % 2 == 0);
        if i == 0 {
            x.informationssakerhet_och_dataskydd = m_dataskydd.into();
        }
    }
    if let Some(x) = a.foreslagna_insatser.insatser.first_mut() {
        x.strategisk.nationell_eller_regional_tjanst = m_nationell.into();
        x.strategisk.ateranvandning_provad = JaNejSvar {
            svar: Some(JaNej::Ja),
            kommentar: m_ateranvandning.into(),
        };
        x.strategisk.formaga = Some(Formaga::NyTjanst);
        let pb = &mut x.ekonomisk.projektbudget;
        pb.aterkommande = true;
        pb.indexerad = true;
        pb.indexsats_procent = Some(2.5);
        let pf = &mut x.ekonomisk.paverkan_forvaltningskostnad;
        pf.aterkommande = true;
        pf.indexerad = true;
    }
    a.kostnader.forvaltning.indexupprakning_procent = Some(6.5);
    a.langsiktig_utveckling.avvecklingar = vec![Avveckling {
        tjanst: andra
            .or(forsta)
            .unwrap_or_else(|| panic!("tom tjänstekatalog")),
        beskrivning: m_beskrivning.into(),
        konsekvensanalys: m_konsekvens.into(),
        avvecklingsplan: m_plan.into(),
        tidpunkt: m_tid.into(),
    }];
    d
}

/// Whether a message shows the author something of the machinery: the finding's own path or
/// a part of it (`strategisk.nytta`), a path-like word (`rader[0]`, `kundgrupp_som_finansierar`)
/// or an internal id (`forslag-1`). A web address such as goteborg.se is the author's own text.
#[allow(dead_code)]
pub fn maskinord(meddelande: &str, sokvag: &str) -> Option<String> {
    let segment: Vec<&str> = sokvag
        .split(['.', '[', ']'])
        .filter(|d| !d.is_empty())
        .collect();
    let delar = segment.windows(2).map(|w| format!("{}.{}", w[0], w[1]));
    // A path of one key is a Swedish word the message may well use ("versionshantering").
    let hel = Some(sokvag.to_string()).filter(|s| s.contains(['.', '[']));
    if let Some(del) = hel
        .into_iter()
        .chain(delar)
        .find(|d| meddelande.contains(d.as_str()))
    {
        return Some(del);
    }
    meddelande
        .split(|c: char| c.is_whitespace() || "\"'(),:;".contains(c))
        .map(|o| o.trim_end_matches(['.', '?', '!']))
        .find(|o| {
            let index = o.contains('[') && o.contains(']') && o.chars().any(|c| c.is_ascii_digit());
            let nyckel = o.contains('_')
                && o.chars()
                    .all(|c| c.is_ascii_lowercase() || "_.[]0123456789".contains(c));
            let id = ["forslag-", "pagaende-", "insats-", "initiativ-"]
                .iter()
                .any(|p| {
                    o.strip_prefix(p)
                        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                });
            index || nyckel || id
        })
        .map(str::to_string)
}
