//! How long the Word export of the bundled example takes, against the peer: a python-docx script
//! (`bench/peers/docx_peer.py`) that writes the same content, timed in the same run. Target: under
//! 20 ms and at least 10 times faster than the peer. Run with `bash bench/run`, which
//! installs python-docx from PyPI into a virtual environment first.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use underlag::example::exempel;
use underlag::export::{Docxval, skriv_docx};
use underlag::template::Mallbibliotek;

const VARV: u32 = 50;

fn main() {
    let rot = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mall = Mallbibliotek::inbyggda()
        .ok()
        .and_then(|b| b.hamta("arlig-analys-2024").cloned())
        .expect("mallen finns inbyggd");
    let dokument = exempel().expect("exemplet går att läsa");
    let val = Docxval {
        anvisningar: true,
        datum: NaiveDate::from_ymd_opt(2023, 3, 28).expect("giltigt datum"),
    };

    let forsta = skriv_docx(&dokument, &mall, &val).expect("exporten lyckas");
    let start = Instant::now();
    for _ in 0..VARV {
        black_box(skriv_docx(black_box(&dokument), &mall, &val).expect("exporten lyckas"));
    }
    let var = start.elapsed() / VARV;
    println!(
        "underlag export --docx (exemplet, {} kB): {:.2} ms per export ({VARV} varv)",
        forsta.len() / 1024,
        ms(var)
    );

    let python = std::env::var("UNDERLAG_PEER_PYTHON").unwrap_or_else(|_| "python3".into());
    let katalog = std::env::temp_dir().join(format!("underlag-bench-{}", std::process::id()));
    std::fs::create_dir_all(&katalog).expect("temporär katalog");
    let json = katalog.join("exempel.underlag.json");
    std::fs::write(&json, underlag::exchange::skriv(&dokument)).expect("skriv exemplet");
    let ut = Command::new(&python)
        .arg(rot.join("bench/peers/docx_peer.py"))
        .arg(rot.join("templates/arlig-analys-2024.toml"))
        .arg(&json)
        .arg(katalog.join("peer.docx"))
        .arg("10")
        .output();
    let _ = std::fs::remove_dir_all(&katalog);
    match ut {
        Ok(ut) if ut.status.success() => {
            let peer: f64 = String::from_utf8_lossy(&ut.stdout)
                .trim()
                .parse()
                .expect("jämförelsen skriver en tid i ms");
            println!("python-docx (samma innehåll): {peer:.2} ms per export");
            println!(
                "kvot: underlag är {:.1} gånger snabbare (mål: minst 10; underlag under 20 ms: {})",
                peer / ms(var),
                if ms(var) < 20.0 { "ja" } else { "nej" }
            );
        }
        Ok(ut) => {
            eprintln!(
                "Jämförelsen med python-docx kunde inte köras: {}",
                String::from_utf8_lossy(&ut.stderr)
            );
            eprintln!("Kör bash bench/run, som installerar python-docx.");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("{python} kunde inte startas: {e}. Kör bash bench/run.");
            std::process::exit(1);
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
