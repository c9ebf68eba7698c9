//! How long the Word export of the bundled example takes, against the peer: a python-docx script
//! (`bench/peers/docx_peer.py`) that writes the same content, timed in the same run. Target: under
//! 20 ms and at least 10 times faster than the peer. Run with `bash bench/run`, which
//! installs python-docx from PyPI into a virtual environment first.

mod jamforelse;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use underlag::example::exempel;
use underlag::export::{Docxval, skriv_docx};
use underlag::template::Mallbibliotek;

const VARV: u32 = 50;

fn main() {
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

    let peer = jamforelse::kor("docx_peer.py", &dokument, "peer.docx", 10, "python-docx");
    println!("python-docx (samma innehåll): {peer:.2} ms per export");
    println!(
        "kvot: underlag är {:.1} gånger snabbare (mål: minst 10; underlag under 20 ms: {})",
        peer / ms(var),
        if ms(var) < 20.0 { "ja" } else { "nej" }
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
