//! Underlag as a desktop app: a thin Tauri shell around `underlag::app::Program`. Every command
//! locks the one `Program` and calls the method of the same name on a blocking worker thread,
//! never on the main thread, so a long export or import does not freeze the window; commands
//! wait for the lock in turn. The user's "Avbryt" (`avbryt_arbete`) is answered from the
//! register of long work (`Arbeten`) kept beside the lock, since the work holds it. The domain logic, the validation and every message shown to the
//! user live in the `underlag` crate.

// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod sjalvtest;
mod startfil;
mod startspar;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard};

use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
use underlag::app::{Arbeten, Felkod, Kommandofel, Program};
use underlag::store::DokumentId;
use underlag::store::Store;
use underlag::store::nyckel::{self, Nyckelval};

/// The database file in the app data directory.
const DATABASFIL: &str = "underlag.db";
/// Overrides the database path (the smoke test and the start-up benchmark use a fresh one).
const DATABAS_MILJO: &str = "UNDERLAG_DB";
const HUVUDFONSTER: &str = "main";

/// The one program, shared by the command threads.
pub type Delat = Arc<Mutex<Program>>;
type Tillstand<'a> = State<'a, Delat>;
type Svar<T> = Result<T, Kommandofel>;

/// The program behind the lock. A poisoned lock means an earlier command panicked halfway:
/// answer with an error instead of panicking again.
fn program<'a>(tillstand: &'a Mutex<Program>) -> Svar<MutexGuard<'a, Program>> {
    tillstand.lock().map_err(|_| Kommandofel {
        kod: Felkod::Databas,
        meddelande: "Ett tidigare kommando avbröts av ett internt fel, så Underlag kan inte \
                     fortsätta säkert. Stäng och starta om programmet; allt som sparats finns kvar."
            .into(),
        falt: None,
    })
}

/// A command whose worker thread ended without an answer (it panicked).
fn avbrutet_kommando() -> Kommandofel {
    Kommandofel {
        kod: Felkod::Databas,
        meddelande: "Kommandot avbröts av ett internt fel innan det blev klart. Det som sparats \
                     tidigare finns kvar; försök igen, eller starta om Underlag."
            .into(),
        falt: None,
    }
}

// ----------------------------------------------------------------------------------------------
// Commands: one per `Program` method, expanded from the core's one declaration
// (`underlag::for_varje_kommando!`), same name, one argument called `arg` on the JS side
// (`invoke("andra", { arg })`).

macro_rules! tauri_kommandon {
    (
        program { $( $namn:ident ( $arg:ty ) -> $svar:ty ; )* }
        arbeten { $( $anamn:ident ( $aarg:ty ) -> $asvar:ty ; )* }
    ) => {
        $(
            #[tauri::command]
            async fn $namn(tillstand: Tillstand<'_>, arg: $arg) -> Svar<$svar> {
                let delat = Arc::clone(&tillstand);
                startspar::markera(concat!("kommando ", stringify!($namn), " börjar"));
                let svar = tauri::async_runtime::spawn_blocking(move || program(&delat)?.$namn(arg))
                    .await
                    .map_err(|_| avbrutet_kommando())?;
                startspar::markera(concat!("kommando ", stringify!($namn), " klart"));
                svar
            }
        )*

        $(
            #[tauri::command]
            fn $anamn(arbeten: State<'_, Arbeten>, arg: $aarg) -> Svar<$asvar> {
                arbeten.$anamn(arg)
            }
        )*

        fn kommandohanterare() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($namn,)* $($anamn),*]
        }
    };
}

underlag::for_varje_kommando!(tauri_kommandon);

// ----------------------------------------------------------------------------------------------
// Start-up

/// `UNDERLAG_DB` when set, else the database the CLI uses too (`Store::standard_sokvag`, in the
/// user's data directory), so a document imported on the command line is on the start page;
/// Tauri's app data directory only if the platform has no such directory. Creates the directory
/// the file is to live in.
fn databasens_sokvag(app: &AppHandle) -> Result<PathBuf, String> {
    let sokvag = match std::env::var_os(DATABAS_MILJO).filter(|v| !v.is_empty()) {
        Some(v) => PathBuf::from(v),
        None => match Store::standard_sokvag() {
            Some(s) => s,
            None => app
                .path()
                .app_data_dir()
                .map_err(|e| format!("Underlag hittar ingen mapp att spara sina data i: {e}"))?
                .join(DATABASFIL),
        },
    };
    if let Some(mapp) = sokvag.parent().filter(|m| !m.as_os_str().is_empty()) {
        std::fs::create_dir_all(mapp)
            .map_err(|e| format!("Mappen {} kunde inte skapas: {e}", mapp.display()))?;
    }
    Ok(sokvag)
}

fn oppna_programmet(sokvag: &std::path::Path) -> Result<Program, Kommandofel> {
    Program::oppna(sokvag, &Nyckelval::standard(sokvag))
}

/// Opens the database, then the main window (which is not created from the configuration, so
/// that no window shows when the database fails). Where no keychain answers, the user is asked
/// to choose a key file instead; the database is never opened without a key.
fn starta(app: &AppHandle) {
    #[cfg(windows)]
    if let Err(e) = tauri::webview_version() {
        return avbryt(
            app,
            format!(
                "Microsoft Edge WebView2 Runtime saknas eller svarar inte ({e}), och Underlag \
                 behöver den för att visa sitt fönster. Be IT-supporten installera WebView2 \
                 Runtime (Evergreen), eller installera den från Microsofts webbplats, och starta \
                 sedan Underlag igen. Inget av det du sparat i Underlag har påverkats."
            ),
        );
    }
    startspar::markera("Tauri klart, databasen öppnas");
    let sokvag = match databasens_sokvag(app) {
        Ok(s) => s,
        Err(meddelande) => return avbryt(app, meddelande),
    };
    let program = oppna_programmet(&sokvag);
    startspar::markera("databasen öppen (nyckel, SQLCipher, migreringar)");
    match program {
        Ok(program) => visa(app, program),
        Err(fel) if fel.kod == Felkod::IngenNyckelring => fraga_om_nyckelfil(app, sokvag, fel),
        // The core's message already names the file.
        Err(fel) => avbryt(app, fel.meddelande),
    }
}

/// `underlag-app --exempel`: on an empty database, open the bundled example instead of asking
/// what the user is here to do (`scripts/run-example`, the smoke test and the start benchmark).
const EXEMPELFLAGGA: &str = "--exempel";

/// `--exempel` on an empty database: the example is stored before the window exists, so the
/// window opens on it as on a file given at start, without the start page's round trips first
/// (about 45 ms of the start, measured with `UNDERLAG_STARTSPAR=1`). On a database with
/// documents, or if the example cannot be stored, the start page shows as usual.
fn exempel_vid_start(program: &mut Program) -> Option<DokumentId> {
    // Every argument after the program's own path.
    if !std::env::args_os().skip(1).any(|a| a == EXEMPELFLAGGA) {
        return None;
    }
    program
        .exempel_om_tom()
        .inspect_err(|fel| eprintln!("Exemplet kunde inte öppnas: {}", fel.meddelande))
        .ok()
        .flatten()
}

/// Opens the main window on the program. A document file the app was started with is imported
/// first (or with `--exempel` the example), and the window opens on it (`?oppna=ID`, read by
/// the UI at start).
fn visa(app: &AppHandle, mut program: Program) {
    let katalog = std::env::current_dir().unwrap_or_default();
    let filer = startfil::filer(std::env::args_os(), &katalog);
    let oppna =
        startfil::importera(app, &mut program, &filer).or_else(|| exempel_vid_start(&mut program));
    startspar::markera("dokumentet att visa valt");
    app.manage::<Arbeten>(program.arbeten());
    app.manage::<Delat>(Arc::new(Mutex::new(program)));
    let fonster = app
        .config()
        .app
        .windows
        .iter()
        .find(|f| f.label == HUVUDFONSTER)
        .cloned()
        .map(|mut konfig| {
            if let Some(id) = oppna {
                konfig.url = WebviewUrl::App(format!("index.html?oppna={id}").into());
            }
            konfig
        })
        .ok_or_else(|| "Konfigurationen saknar huvudfönstret.".to_string())
        .and_then(|konfig| {
            WebviewWindowBuilder::from_config(app, &konfig)
                .map(|b| {
                    b.on_page_load(|_, sida| {
                        startspar::markera(format_args!("sidan: {:?}", sida.event()))
                    })
                })
                .and_then(|b| b.build())
                .map_err(|e| format!("Underlags fönster kunde inte öppnas: {e}"))
        });
    startspar::markera("fönstret skapat");
    if let Err(meddelande) = fonster {
        avbryt(app, meddelande);
    }
}

/// The explicit choice the core asks for: a key file only this user can read, or quit (and set
/// UNDERLAG_DB_KEY, as the message says).
fn fraga_om_nyckelfil(app: &AppHandle, sokvag: PathBuf, fel: Kommandofel) {
    let handtag = app.clone();
    app.dialog()
        .message(fel.meddelande)
        .title("Ingen nyckelring")
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            "Skapa nyckelfil".into(),
            "Avsluta".into(),
        ))
        .show(move |skapa| {
            if !skapa {
                handtag.exit(1);
                return;
            }
            let val = Nyckelval::standard(&sokvag);
            let oppnat = nyckel::skapa_nyckelfil(&sokvag, &val.fil)
                .map_err(|e| e.to_string())
                .and_then(|_| oppna_programmet(&sokvag).map_err(|e| e.meddelande));
            match oppnat {
                Ok(program) => visa(&handtag, program),
                Err(meddelande) => avbryt(&handtag, meddelande),
            }
        });
}

/// Shows why Underlag cannot start and exits with code 1 once the message is closed.
fn avbryt(app: &AppHandle, meddelande: String) {
    eprintln!("Underlag kan inte starta. {meddelande}");
    let handtag = app.clone();
    app.dialog()
        .message(format!("{meddelande}\n\nUnderlag avslutas."))
        .title("Underlag kan inte starta")
        .kind(MessageDialogKind::Error)
        .show(move |_| handtag.exit(1));
}

/// A second launch brings the running instance's window to the front instead.
fn visa_huvudfonstret(app: &AppHandle) {
    if let Some(fonster) = app.get_webview_window(HUVUDFONSTER) {
        let _ = fonster.unminimize();
        let _ = fonster.show();
        let _ = fonster.set_focus();
    }
}

/// WebKitGTK's DMA-BUF renderer costs 60 to 140 MB more across the app's processes (measured by
/// bench/app-start) and draws nothing on some GPU drivers; a form needs no GPU compositing.
/// Runs first in `main`, before any thread exists. `WEBKIT_DISABLE_DMABUF_RENDERER=0` in the
/// environment turns the renderer back on.
#[cfg(target_os = "linux")]
fn valj_webkit_ritning() {
    const NAMN: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
    if std::env::var_os(NAMN).is_none() {
        // SAFETY: called at the top of `main`, while the process has a single thread.
        unsafe { std::env::set_var(NAMN, "1") };
    }
}

fn main() -> ExitCode {
    // Before anything of Tauri: the self-test needs no display, no WebView and no window.
    if std::env::args_os().skip(1).any(|a| a == sjalvtest::FLAGGA) {
        return sjalvtest::kor();
    }
    #[cfg(target_os = "linux")]
    valj_webkit_ritning();
    startspar::borja();
    let app = tauri::Builder::default()
        // First, so that a second instance hands over and exits before doing anything else.
        .plugin(tauri_plugin_single_instance::init(
            |app, argument, katalog| {
                startfil::fran_annan_start(app, argument, katalog);
                visa_huvudfonstret(app);
            },
        ))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            starta(app.handle());
            Ok(())
        })
        .invoke_handler(kommandohanterare())
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(|_, _| {});
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Underlag kan inte starta: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod harding;

#[cfg(test)]
mod tests {
    include!("../kommandon.rs");

    #[test]
    fn tillatna_kommandon_ar_programmets_kommandon() {
        assert_eq!(KOMMANDON, underlag::app::KOMMANDON);
    }

    #[test]
    fn forgiftat_las_ger_kommandofel() {
        use super::*;
        let katalog = tempfile::tempdir().expect("en tillfällig katalog");
        let sokvag = katalog.path().join("underlag.db");
        let val = underlag::store::nyckel::Nyckelval::med_nyckel(
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            &sokvag,
        );
        let tillstand = Mutex::new(Program::oppna(&sokvag, &val).expect("databasen öppnas"));
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _vakt = tillstand.lock();
            panic!("avsiktligt");
        }));
        let fel = program(&tillstand)
            .err()
            .expect("ett förgiftat lås ger fel");
        assert_eq!(fel.kod, Felkod::Databas);
    }
}
