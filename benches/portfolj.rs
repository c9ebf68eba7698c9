//! How long the city's portfolio takes: 62 synthetic årliga analyser (the city's 25 nämnder and
//! 37 bolagsstyrelser, over four years, each with its own tjänster, proposals, budgets and
//! costs) are read from their exchange JSON text, validated, built into one portfolio and every
//! chart drawn as SVG and as PNG (target: under 1 s). The peer, timed in the same run, is only
//! reading the same 62 files (parse, type, check references): the ratio says what the portfolio
//! costs next to loading its documents. `cargo bench --bench portfolj` (also `bash bench/run
//! portfolj`).

use std::hint::black_box;
use std::time::Instant;

use underlag::example::exempel;
use underlag::exchange;
use underlag::model::{
    Dokument, EffektivitetInnovation, ForvaltningskostnadRad, InsatsId, InternExtern,
    Kostnadsutveckling, Kronor, Tjanst, TjanstId, Tjanstekategori,
};
use underlag::portfolj::diagram;
use underlag::portfolj::{Kalla, Portfoljfilter, portfolj};
use underlag::template::Mallbibliotek;

const VARV: usize = 7;

const TJANSTER: [&str; 24] = [
    "E-tjänsteplattform",
    "Kontaktcenter",
    "Öppna data",
    "Ärendehantering",
    "Dokumenthantering",
    "E-arkiv",
    "Webbplats",
    "Intranät",
    "Lönesystem",
    "Ekonomisystem",
    "Inköpssystem",
    "Skolplattform",
    "Verksamhetssystem omsorg",
    "Kartor och GIS",
    "Bokningssystem",
    "Identitet och behörighet",
    "Samarbetsyta",
    "Telefoni",
    "Nätverk",
    "Klientdrift",
    "Utskrift",
    "Beslutsstöd",
    "Digital signering",
    "Medborgardialog",
];

/// 62 analyses that differ in organisation, year, catalogue, proposals and costs.
fn syntetiska() -> Vec<String> {
    let Ok(Dokument::ArligAnalys(grund)) = exempel() else {
        panic!("exemplet är en årlig analys")
    };
    let mut slump = fastrand::Rng::with_seed(62);
    let mall_forslag = grund.foreslagna_insatser.insatser[0].clone();
    let mall_pagaende = grund.pagaende_insatser.insatser[0].clone();
    let mall_tjanst = grund.tjanstekatalog.0[0].clone();
    (0..62)
        .map(|i| {
            let mut a = (*grund).clone();
            a.meta.organisation = if i < 25 {
                format!("Nämnd {}", i + 1)
            } else {
                format!("Bolagsstyrelse {}", i - 24)
            };
            a.meta.analysar = 2023 + (i % 4);
            // 3 to 8 tjänster of the pool, starting at a place of the organisation's own.
            let antal = 3 + slump.usize(0..6);
            let forsta = slump.usize(0..TJANSTER.len());
            a.tjanstekatalog.0 = (0..antal)
                .map(|k| Tjanst {
                    id: TjanstId(format!("t{k}")),
                    namn: TJANSTER[(forsta + k) % TJANSTER.len()].to_string(),
                    kategori: Tjanstekategori::Bastjanst,
                    ..mall_tjanst.clone()
                })
                .collect();
            let tjanst =
                |slump: &mut fastrand::Rng| TjanstId(format!("t{}", slump.usize(0..antal)));
            a.kostnader.forvaltning.rader = (0..antal)
                .map(|k| ForvaltningskostnadRad {
                    tjanst: TjanstId(format!("t{k}")),
                    kostnad: Kostnadsutveckling {
                        utfall: Some(Kronor(slump.i64(1_000..60_000) * 1_000)),
                        budget: Some(Kronor(slump.i64(1_000..60_000) * 1_000)),
                        prognos: Some(Kronor(slump.i64(1_000..60_000) * 1_000)),
                    },
                })
                .collect();
            a.kostnader.utveckling.rader.clear();
            a.kostnader.nya_insatser.rader.clear();
            a.konsolidering.rader.clear();
            a.fordelningsnycklar.rader.clear();
            a.effekthemtagning.rader.clear();
            a.langsiktig_utveckling.avvecklingar.clear();
            let forslag = 2 + slump.usize(0..11);
            a.foreslagna_insatser.insatser = (0..forslag)
                .map(|k| {
                    let mut f = mall_forslag.clone();
                    f.id = InsatsId(format!("forslag-{}", k + 1));
                    f.namn = format!("Förslag {} om {}", k + 1, TJANSTER[slump.usize(0..24)]);
                    f.strategisk.tjanster = (0..1 + slump.usize(0..3))
                        .map(|_| tjanst(&mut slump))
                        .collect();
                    f.strategisk.tjanster.dedup();
                    f.strategisk.intern_extern_nytta = [
                        Some(InternExtern::Intern),
                        Some(InternExtern::Extern),
                        Some(InternExtern::InternOchExtern),
                        None,
                    ][slump.usize(0..4)];
                    f.strategisk.effektivitet_innovation = [
                        Some(EffektivitetInnovation::Effektivitet),
                        Some(EffektivitetInnovation::Innovation),
                        Some(EffektivitetInnovation::EffektivitetOchInnovation),
                    ][slump.usize(0..3)];
                    let b = &mut f.ekonomisk.projektbudget;
                    b.ar = Some(Kronor(slump.i64(50..5_000) * 1_000));
                    b.ar_plus_1 = slump.bool().then(|| Kronor(slump.i64(50..3_000) * 1_000));
                    b.ar_plus_2 = slump.bool().then(|| Kronor(slump.i64(50..2_000) * 1_000));
                    f.ekonomisk.kundgrupp_som_finansierar = [
                        "Alla nämnder",
                        "Stadens nämnder och styrelser",
                        "Bolagen",
                        "",
                    ][slump.usize(0..4)]
                    .to_string();
                    f
                })
                .collect();
            a.pagaende_insatser.insatser = (0..slump.usize(0..6))
                .map(|k| {
                    let mut p = mall_pagaende.clone();
                    p.id = InsatsId(format!("pagaende-{}", k + 1));
                    p.namn = format!("Pågående {}", k + 1);
                    p.tjanster = vec![tjanst(&mut slump)];
                    p
                })
                .collect();
            exchange::skriv(&Dokument::ArligAnalys(Box::new(a)))
        })
        .collect()
}

fn median(mut ms: Vec<f64>) -> f64 {
    ms.sort_by(f64::total_cmp);
    ms[ms.len() / 2]
}

fn main() {
    let mallar = Mallbibliotek::inbyggda().expect("mallarna finns inbyggda");
    let texter = syntetiska();
    let kb: usize = texter.iter().map(String::len).sum::<usize>() / 1024;

    let las = || -> Vec<Dokument> {
        texter
            .iter()
            .map(|t| exchange::las(t.as_bytes()).expect("den syntetiska analysen går att läsa"))
            .collect()
    };
    let hela = || {
        let dokument = las();
        let kallor: Vec<Kalla<'_>> = dokument
            .iter()
            .enumerate()
            .map(|(i, d)| Kalla {
                id: i as i64 + 1,
                dokument: d,
                mall: mallar.hamta(d.mall()).expect("mallen finns"),
            })
            .collect();
        let p = portfolj(&kallor, &Portfoljfilter::default()).expect("portföljen byggs");
        let mut byte = 0;
        for d in diagram::diagram(&p) {
            byte += diagram::svg(&d).expect("SVG").len();
            byte += diagram::png(&d).expect("PNG").len();
        }
        (p.insatser.len(), byte)
    };

    // Once untimed, so the font is registered and the caches are warm for both.
    let (insatser, byte) = hela();
    let mut portfolj_ms = Vec::new();
    let mut las_ms = Vec::new();
    for _ in 0..VARV {
        let start = Instant::now();
        black_box(las());
        las_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        black_box(hela());
        portfolj_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let portfolj_ms = median(portfolj_ms);
    let las_ms = median(las_ms);
    println!(
        "portfölj av 62 analyser ({kb} kB JSON, {insatser} insatser): läsa, validera, bygga och rita 4 diagram som SVG och PNG ({} kB): {portfolj_ms:.0} ms (median av {VARV}; mål: under 1 000 ms)",
        byte / 1024
    );
    println!("jämförelse, bara läsa samma 62 filer: {las_ms:.1} ms");
    println!(
        "kvot: portföljen tar {:.1} gånger så lång tid som att läsa dokumenten",
        portfolj_ms / las_ms
    );
}
