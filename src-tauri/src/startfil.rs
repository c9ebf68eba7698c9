//! A `.underlag.json` the operating system hands the app (a double-click in the file manager or
//! Explorer, "Öppna med", a drag onto the icon): imported as a new document and opened. The
//! first launch opens it in the window it creates; a launch while Underlag already runs hands
//! the path to the running instance (single-instance plugin), which imports it and tells its
//! window. An import the core refuses is shown in a dialog; nothing else is touched.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
use underlag::app::{Program, SokvagArg};
use underlag::store::DokumentId;

/// The event the window listens for: the id of a document to show.
pub const OPPNA_HANDELSE: &str = "oppna-dokument";
/// The file type the installers associate with the app.
const FILANDELSE: &str = ".underlag.json";

/// The exchange files among the arguments (not the program name, not flags), made absolute
/// against the directory the launch came from.
pub fn filer(argument: impl IntoIterator<Item = OsString>, katalog: &Path) -> Vec<PathBuf> {
    argument
        .into_iter()
        .skip(1)
        .map(PathBuf::from)
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.to_lowercase().ends_with(FILANDELSE))
        })
        .map(|p| if p.is_absolute() { p } else { katalog.join(p) })
        .collect()
}

/// Imports each file; the id of the last one imported is the one to show. Each refusal is
/// shown to the user with the file's name.
pub fn importera(app: &AppHandle, program: &mut Program, filer: &[PathBuf]) -> Option<DokumentId> {
    let mut visa = None;
    for fil in filer {
        let svar = match fil.to_str() {
            Some(sokvag) => program
                .importera(SokvagArg {
                    sokvag: sokvag.to_string(),
                })
                .map(|vy| vy.id)
                .map_err(|fel| fel.meddelande),
            None => Err(format!(
                "Sökvägen {} innehåller tecken som inte kan läsas.",
                fil.display()
            )),
        };
        match svar {
            Ok(id) => visa = Some(id),
            Err(meddelande) => {
                app.dialog()
                    .message(meddelande)
                    .title("Filen kunde inte öppnas")
                    .kind(MessageDialogKind::Error)
                    .show(|_| {});
            }
        }
    }
    visa
}

/// A second launch's files, taken by the running instance.
pub fn fran_annan_start(app: &AppHandle, argument: Vec<String>, katalog: String) {
    let filer = filer(
        argument.into_iter().map(OsString::from),
        Path::new(&katalog),
    );
    if filer.is_empty() {
        return;
    }
    // Before the database is open there is no program yet; the window that opens then shows
    // the start page, and the user can import the file from there.
    let Some(tillstand) = app.try_state::<crate::Delat>() else {
        return;
    };
    let id = match tillstand.lock() {
        Ok(mut program) => importera(app, &mut program, &filer),
        Err(_) => None,
    };
    if let Some(id) = id {
        let _ = app.emit_to(crate::HUVUDFONSTER, OPPNA_HANDELSE, id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exchange_files_are_taken_and_made_absolute() {
        let argument = [
            "underlag-app",
            "--self-test",
            "plan.UNDERLAG.json",
            "/tmp/a.underlag.json",
            "b.json",
        ]
        .map(OsString::from);
        let katalog = Path::new("/hem/anna");
        assert_eq!(
            filer(argument, katalog),
            vec![
                PathBuf::from("/hem/anna/plan.UNDERLAG.json"),
                PathBuf::from("/tmp/a.underlag.json")
            ]
        );
    }
}
