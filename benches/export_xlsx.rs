//! How long the Excel export takes: the bundled example against the peer, an XlsxWriter script
//! (`bench/peers/xlsx_peer.py`) writing the same sheets, timed in the same run (target: at least
//! 5 times faster), and a combined workbook of 62 analyses, the city's 25 nämnder and 37
//! bolagsstyrelser, synthetic (target: under 1 s). Run with `bash bench/run`.

mod jamforelse;

use std::hint::black_box;
use std::time::Instant;

use underlag::example::exempel;
use underlag::export::{skriv_samlad_xlsx, skriv_xlsx};
use underlag::model::Dokument;
use underlag::template::Mallbibliotek;

const VARV: u32 = 50;

fn main() {
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

    let Dokument::ArligAnalys(mall_analys) = &dokument else {
        panic!("dokumentet är en årlig analys")
    };
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

    let peer = jamforelse::kor("xlsx_peer.py", &dokument, "peer.xlsx", 20, "XlsxWriter");
    println!("XlsxWriter (samma blad): {peer:.2} ms per export");
    println!(
        "kvot: underlag är {:.1} gånger snabbare (mål: minst 5)",
        peer / var_ms
    );
}
