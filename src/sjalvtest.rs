//! The self-test IT runs after deploying (`underlag-app --self-test`): every part of Underlag
//! that touches the machine, exercised once on a throwaway database in a temporary folder. The
//! OS keychain gives a new key, an encrypted store is made with it, the bundled example is
//! written and read back unchanged, validated, and exported to Word and Excel, which are opened
//! again to see that they are whole. Each step reports one Swedish line; the first failure
//! stops the test and names its step. The user's own database is never opened.

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::example;
use crate::export::{self, Docxval};
use crate::store::Store;
use crate::store::nyckel::{self, Databastillstand, Nyckelkalla, Nyckelval};
use crate::template::Mallbibliotek;
use crate::validate::{self, Allvarlighet};

/// A step that failed, and why, in words IT can act on.
#[derive(Debug, Error)]
#[error("Självtestet misslyckades i steget \"{steg}\": {orsak}")]
pub struct Sjalvtestfel {
    pub steg: &'static str,
    pub orsak: String,
}

/// One step that passed: its name and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Steg {
    pub namn: &'static str,
    pub resultat: String,
}

/// The keychain service the self-test's throwaway key is stored under: not the one the user's
/// database uses, so that a test can never touch the user's key.
pub const SJALVTEST_TJANST: &str = "se.goteborg.underlag.sjalvtest";

/// How the self-test finds its key: only the OS keychain, whatever `UNDERLAG_DB_KEY` or a key
/// file says, since the keychain is what a deployment must prove works.
pub fn nyckelringsval(db: &Path) -> Nyckelval {
    Nyckelval {
        miljo: None,
        fil: nyckel::standard_nyckelfil(db),
        nyckelring: Some(SJALVTEST_TJANST.into()),
    }
}

/// Runs every step in `katalog` (an empty folder the caller removes), reporting each passed
/// step to `rapport` as it finishes. The throwaway key is removed from the keychain again
/// whether the steps pass or not.
pub fn kor(
    katalog: &Path,
    val: &Nyckelval,
    rapport: &mut dyn FnMut(&Steg),
) -> Result<(), Sjalvtestfel> {
    let db = katalog.join("sjalvtest.db");
    let resultat = steg(katalog, &db, val, rapport);
    let stadning = match &val.nyckelring {
        Some(tjanst) => nyckel::glom_nyckelringspost(&db, tjanst).map_err(|e| Sjalvtestfel {
            steg: "Städning",
            orsak: format!("testets nyckel kunde inte tas bort ur nyckelringen: {e}"),
        }),
        None => Ok(()),
    };
    resultat?;
    stadning?;
    if val.nyckelring.is_some() {
        rapport(&Steg {
            namn: "Städning",
            resultat: "testets nyckel är borttagen ur nyckelringen".into(),
        });
    }
    Ok(())
}

fn steg(
    katalog: &Path,
    db: &Path,
    val: &Nyckelval,
    rapport: &mut dyn FnMut(&Steg),
) -> Result<(), Sjalvtestfel> {
    let fel = |steg: &'static str| move |orsak: String| Sjalvtestfel { steg, orsak };

    let (_, kalla) = nyckel::hamta_nyckel(db, val).map_err(|e| fel("Nyckelring")(e.to_string()))?;
    rapport(&Steg {
        namn: "Nyckelring",
        resultat: match kalla {
            Nyckelkalla::Nyckelring => {
                "en ny nyckel sparades i operativsystemets nyckelring och lästes tillbaka".into()
            }
            annan => format!("nyckeln kom från {annan}"),
        },
    });

    let (mut store, _) = Store::oppna(db, val).map_err(|e| fel("Databas")(e.to_string()))?;
    let mallar = Mallbibliotek::inbyggda().map_err(|e| fel("Databas")(e.to_string()))?;
    rapport(&Steg {
        namn: "Databas",
        resultat: format!("en ny krypterad databas öppnades i {}", katalog.display()),
    });

    let exempel = example::exempel().map_err(|e| fel("Exempel")(e.to_string()))?;
    let id = store
        .skapa(&exempel)
        .map_err(|e| fel("Exempel")(e.to_string()))?;
    let (last, _) = store.hamta(id).map_err(|e| fel("Exempel")(e.to_string()))?;
    if last.to_value() != exempel.to_value() {
        return Err(fel("Exempel")(
            "exemplet som lästes tillbaka ur databasen skiljer sig från det som sparades".into(),
        ));
    }
    drop(store);
    match nyckel::databastillstand(db) {
        Ok(Databastillstand::Krypterad) => {}
        Ok(annat) => {
            return Err(fel("Exempel")(format!(
                "databasfilen är inte krypterad ({annat:?})"
            )));
        }
        Err(e) => return Err(fel("Exempel")(e.to_string())),
    }
    rapport(&Steg {
        namn: "Exempel",
        resultat: "exemplet (årlig analys 2024) sparades krypterat och lästes tillbaka oförändrat"
            .into(),
    });

    let mall = mallar
        .hamta(last.mall())
        .ok_or_else(|| fel("Granskning")(format!("mallen {} saknas", last.mall())))?;
    let fynd = validate::validera(&last, mall);
    let antal_fel = fynd
        .iter()
        .filter(|f| f.allvarlighet == Allvarlighet::Fel)
        .count();
    rapport(&Steg {
        namn: "Granskning",
        resultat: format!(
            "{antal_fel} fel och {} varningar i exemplet",
            fynd.len() - antal_fel
        ),
    });

    let docx = export::skriv_docx(
        &last,
        mall,
        &Docxval {
            anvisningar: true,
            datum: chrono::Local::now().date_naive(),
        },
    )
    .map_err(|e| fel("Word")(e.to_string()))?;
    let docx_fil = skriv_och_las_tillbaka(katalog, "sjalvtest.docx", &docx, "word/document.xml")
        .map_err(fel("Word"))?;
    rapport(&Steg {
        namn: "Word",
        resultat: format!("{} ({} byte)", docx_fil.display(), docx.len()),
    });

    let xlsx = export::skriv_xlsx(&last, mall).map_err(|e| fel("Excel")(e.to_string()))?;
    let xlsx_fil = skriv_och_las_tillbaka(katalog, "sjalvtest.xlsx", &xlsx, "xl/workbook.xml")
        .map_err(fel("Excel"))?;
    rapport(&Steg {
        namn: "Excel",
        resultat: format!("{} ({} byte)", xlsx_fil.display(), xlsx.len()),
    });
    Ok(())
}

/// Writes an export to disk and opens it again as a package with its main part, so that a
/// file the disk or an antivirus scanner mangled is caught here, not by the user's Word.
fn skriv_och_las_tillbaka(
    katalog: &Path,
    namn: &str,
    innehall: &[u8],
    huvuddel: &str,
) -> Result<PathBuf, String> {
    let fil = katalog.join(namn);
    std::fs::write(&fil, innehall)
        .map_err(|e| format!("{} kunde inte skrivas: {e}", fil.display()))?;
    let oppnad = std::fs::File::open(&fil)
        .map_err(|e| format!("{} kunde inte läsas: {e}", fil.display()))?;
    let mut paket = zip::ZipArchive::new(oppnad)
        .map_err(|e| format!("{} är inget helt paket: {e}", fil.display()))?;
    let mut del = paket
        .by_name(huvuddel)
        .map_err(|e| format!("{} saknar {huvuddel}: {e}", fil.display()))?;
    let mut text = String::new();
    del.read_to_string(&mut text)
        .map_err(|e| format!("{huvuddel} i {} kunde inte läsas: {e}", fil.display()))?;
    if text.is_empty() {
        return Err(format!("{huvuddel} i {} är tom", fil.display()));
    }
    Ok(fil)
}
