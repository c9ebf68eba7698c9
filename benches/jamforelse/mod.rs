//! Runs a Python peer of an export benchmark (`bench/peers/*.py`) on the bundled example and
//! returns its mean time per export in milliseconds. The peer reads the template and the
//! exchange file itself; `bash bench/run` installs its packages.

use std::path::Path;
use std::process::Command;

use underlag::model::Dokument;

pub fn kor(skript: &str, dokument: &Dokument, utfil: &str, varv: u32, paket: &str) -> f64 {
    let rot = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = std::env::var("UNDERLAG_PEER_PYTHON").unwrap_or_else(|_| "python3".into());
    let katalog =
        std::env::temp_dir().join(format!("underlag-bench-{}-{}", std::process::id(), utfil));
    std::fs::create_dir_all(&katalog).expect("temporär katalog");
    let json = katalog.join("exempel.underlag.json");
    std::fs::write(&json, underlag::exchange::skriv(dokument)).expect("skriv exemplet");
    let ut = Command::new(&python)
        .arg(rot.join("bench/peers").join(skript))
        .arg(rot.join("templates/arlig-analys-2024.toml"))
        .arg(&json)
        .arg(katalog.join(utfil))
        .arg(varv.to_string())
        .output();
    let _ = std::fs::remove_dir_all(&katalog);
    match ut {
        Ok(ut) if ut.status.success() => String::from_utf8_lossy(&ut.stdout)
            .trim()
            .parse()
            .expect("jämförelsen skriver en tid i ms"),
        Ok(ut) => {
            eprintln!(
                "Jämförelsen med {paket} kunde inte köras: {}",
                String::from_utf8_lossy(&ut.stderr)
            );
            eprintln!("Kör bash bench/run, som installerar {paket}.");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("{python} kunde inte startas: {e}. Kör bash bench/run.");
            std::process::exit(1);
        }
    }
}
