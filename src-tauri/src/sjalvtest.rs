//! `underlag-app --self-test`: runs the core's self-test (`underlag::sjalvtest`) before Tauri
//! starts, so it needs no display and no WebView, prints one Swedish line per step and exits
//! 0, or non-zero naming the step that failed. This is what IT runs after deploying.

use std::io::Write;
use std::process::ExitCode;

use underlag::sjalvtest::{self, Steg};

/// The command-line switch.
pub const FLAGGA: &str = "--self-test";

pub fn kor() -> ExitCode {
    #[cfg(windows)]
    anslut_konsol();
    let mut ut = std::io::stdout();
    // A closed or missing stdout must not stop the test: the exit code still tells.
    let mut skriv = |rad: String| {
        let _ = writeln!(ut, "{rad}");
        let _ = ut.flush();
    };
    skriv(format!(
        "Underlag {} självtest ({} {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    ));
    let katalog = match tempfile::Builder::new()
        .prefix("underlag-sjalvtest-")
        .tempdir()
    {
        Ok(k) => k,
        Err(e) => {
            skriv(format!(
                "Självtestet misslyckades i steget \"Tillfällig mapp\": {e}"
            ));
            return ExitCode::from(2);
        }
    };
    let resultat = sjalvtest::kor(
        katalog.path(),
        &sjalvtest::nyckelringsval(&katalog.path().join("sjalvtest.db")),
        &mut |steg: &Steg| skriv(format!("OK  {}: {}", steg.namn, steg.resultat)),
    );
    match resultat {
        Ok(()) => {
            skriv("Självtestet lyckades. Användarens egen databas har inte öppnats.".into());
            ExitCode::SUCCESS
        }
        Err(fel) => {
            skriv(fel.to_string());
            ExitCode::FAILURE
        }
    }
}

/// A release build on Windows is a GUI program with no console of its own: borrow the
/// console of the prompt it was started from, so IT sees the lines there. When output is
/// redirected to a file, the inherited handles already work and this changes nothing.
#[cfg(windows)]
fn anslut_konsol() {
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    // SAFETY: both calls take plain values and have no preconditions; a failed AttachConsole
    // (no parent console) leaves the process as it was.
    unsafe {
        let handtag = GetStdHandle(STD_OUTPUT_HANDLE);
        if handtag.is_null() || handtag == windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
