//! How long the Excel export takes: the bundled example against the peer, an XlsxWriter script
//! (`bench/peers/xlsx_peer.py`) writing the same sheets, timed in the same run (target: at least
//! 5 times faster), and a combined workbook of 62 analyses, the city's 25 nämnder and 37
//! bolagsstyrelser, synthetic (target: under 1 s). Run with `bash bench/run`.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use underlag::example::exempel;
use underlag::export::{skriv_samlad_xlsx, skriv_xlsx};
use underlag::model::Dokument;
use underlag::template::Mallbibliotek;

const VARV: u32 = 50;

fn main() {
    let rot = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mall = Mallbibliotek::inbyggda()
        .ok()
        .and_then(|b| b.hamta("arlig-analys-2024").cloned())
        .expect("mallen finns inbyggd");
    let dokument = exempel().expect("exemplet går att läsa");

    let forsta = skriv_xlsx(&dokument, &mall).expect("exporten lyckas");
    let start = Instant::now();
    for _ in 0..VARV {
        black_box(skriv_xlsx(black_box(&dokument), &mall).expect("exporten lyckas"));
    }
    let var_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(VARV);
    println!(
        "underlag export --xlsx (exemplet, {} kB): {var_ms:.2} ms per export ({VARV} varv)",
        forsta.len() / 1024
    );

    let Dokument::ArligAnalys(mall_analys) = &dokument;
    let manga: Vec<Dokument> = (0..62)
        .map(|i| {
            let mut a = (**mall_analys).clone();
            a.meta.organisation = if i < 25 {
                format!("Nämnd {}", i + 1)
            } else {
                format!("Bolagsstyrelse {}", i - 24)
            };
            Dokument::ArligAnalys(Box::new(a))
        })
        .collect();
    let start = Instant::now();
    let samlad = skriv_samlad_xlsx(&manga).expect("den samlade exporten lyckas");
    let samlad_ms = start.elapsed().as_secs_f64() * 1000.0;
    println!(
        "samlad arbetsbok, 62 analyser ({} kB): {samlad_ms:.1} ms (mål: under 1 000 ms)",
        samlad.len() / 1024
    );

    let python = std::env::var("UNDERLAG_PEER_PYTHON").unwrap_or_else(|_| "python3".into());
    let katalog = std::env::temp_dir().join(format!("underlag-bench-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&katalog).expect("temporär katalog");
    let json = katalog.join("exempel.underlag.json");
    std::fs::write(&json, underlag::exchange::skriv(&dokument)).expect("skriv exemplet");
    let ut = Command::new(&python)
        .arg(rot.join("bench/peers/xlsx_peer.py"))
        .arg(rot.join("templates/arlig-analys-2024.toml"))
        .arg(&json)
        .arg(katalog.join("peer.xlsx"))
        .arg("20")
        .output();
    let _ = std::fs::remove_dir_all(&katalog);
    match ut {
        Ok(ut) if ut.status.success() => {
            let peer: f64 = String::from_utf8_lossy(&ut.stdout)
                .trim()
                .parse()
                .expect("jämförelsen skriver en tid i ms");
            println!("XlsxWriter (samma blad): {peer:.2} ms per export");
            println!(
                "kvot: underlag är {:.1} gånger snabbare (mål: minst 5)",
                peer / var_ms
            );
        }
        Ok(ut) => {
            eprintln!(
                "Jämförelsen med XlsxWriter kunde inte köras: {}",
                String::from_utf8_lossy(&ut.stderr)
            );
            eprintln!("Kör bash bench/run, som installerar XlsxWriter.");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("{python} kunde inte startas: {e}. Kör bash bench/run.");
            std::process::exit(1);
        }
    }
}
