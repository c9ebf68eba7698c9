//! How long validation takes: on the bundled example (target: under 1 ms, so it can run on
//! every keystroke) and on a large synthetic analysis (200 föreslagna insatser, 40 bastjänster).
//! The peer is reading the same document from its exchange file (parse, type, check
//! references): the ratio says what validating costs next to loading. `cargo bench --bench
//! validate`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use underlag::example::EXEMPEL_JSON;
use underlag::exchange;
use underlag::model::*;
use underlag::template::{Mall, Mallbibliotek};
use underlag::validate::validera;

const REN: &str = include_str!("../tests/fixtures/ren-analys.underlag.json");

fn mall() -> Mall {
    Mallbibliotek::inbyggda()
        .ok()
        .and_then(|b| b.hamta("arlig-analys-2024").cloned())
        .expect("mallen finns inbyggd")
}

/// 40 bastjänster, each with rows in 1.2, 3.1 and 3.2, and 200 föreslagna plus 50 pågående
/// insatser spread over them, with 3.1 derived from 2.2 so that the money rules do full work.
fn syntetisk() -> Dokument {
    let Ok(Dokument::ArligAnalys(ren)) = exchange::las(REN.as_bytes()) else {
        panic!("fixturen går inte att läsa")
    };
    let mut a = (*ren).clone();
    let mall_tjanst = a.tjanstekatalog.0[0].clone();
    let mall_forslag = a.foreslagna_insatser.insatser[0].clone();
    let mall_pagaende = a.pagaende_insatser.insatser[1].clone();
    let mall_konsolidering = a.konsolidering.rader[0].clone();
    let mall_nyckel = a.fordelningsnycklar.rader[1].clone();
    a.tjanstekatalog.0.clear();
    a.konsolidering.rader.clear();
    a.kostnader.forvaltning.rader.clear();
    a.kostnader.utveckling.rader.clear();
    a.fordelningsnycklar.rader.clear();
    a.foreslagna_insatser.insatser.clear();
    a.pagaende_insatser.insatser.clear();
    for t in 0..40 {
        let id = TjanstId(format!("tjanst-{t}"));
        a.tjanstekatalog.0.push(Tjanst {
            id: id.clone(),
            namn: format!("Bastjänst nummer {t}"),
            ..mall_tjanst.clone()
        });
        a.konsolidering.rader.push(KonsolideringRad {
            tjanst: id.clone(),
            ..mall_konsolidering.clone()
        });
        let budget = 1_000_000 * (t + 1);
        a.kostnader.forvaltning.rader.push(ForvaltningskostnadRad {
            tjanst: id.clone(),
            kostnad: Kostnadsutveckling {
                utfall: Some(Kronor(budget)),
                budget: Some(Kronor(budget)),
                prognos: Some(Kronor(budget * 106 / 100)),
            },
        });
        a.fordelningsnycklar.rader.push(Fordelningsnyckel {
            tjanst: id.clone(),
            ..mall_nyckel.clone()
        });
        a.kostnader.utveckling.rader.push(UtvecklingskostnadRad {
            tjanst: id,
            kostnad: Kostnadsutveckling {
                utfall: None,
                budget: None,
                prognos: Some(Kronor(5 * 200_000)),
            },
            paverkan_forvaltningskostnad: Trearsbelopp::default(),
            overstyrningar: Vec::new(),
        });
    }
    for i in 0..200 {
        let mut x = mall_forslag.clone();
        x.id = InsatsId(format!("forslag-{i}"));
        x.namn = format!("Föreslagen insats {i}");
        x.strategisk.tjanster = vec![TjanstId(format!("tjanst-{}", i % 40))];
        x.ekonomisk.projektbudget = Arsbelopp {
            ar: Some(Kronor(200_000)),
            ..Arsbelopp::default()
        };
        x.ekonomisk.paverkan_forvaltningskostnad = Arsbelopp::default();
        a.foreslagna_insatser.insatser.push(x);
    }
    for i in 0..50 {
        let mut x = mall_pagaende.clone();
        x.id = InsatsId(format!("pagaende-{i}"));
        x.tjanster = vec![TjanstId(format!("tjanst-{}", i % 40))];
        a.pagaende_insatser.insatser.push(x);
    }
    let dokument = Dokument::ArligAnalys(Box::new(a));
    assert!(
        kontrollera_referenser(&dokument).is_empty(),
        "det syntetiska dokumentet ska vara giltigt"
    );
    dokument
}

fn exempel() -> Dokument {
    exchange::las(EXEMPEL_JSON.as_bytes()).expect("exemplet går att läsa")
}

fn bench(c: &mut Criterion) {
    let mall = mall();
    let exempel = exempel();
    let stor = syntetisk();
    let stor_json = exchange::skriv(&stor);
    c.bench_function("validera/exempel", |b| {
        b.iter(|| validera(black_box(&exempel), &mall))
    });
    c.bench_function("validera/syntetisk-200-insatser-40-tjanster", |b| {
        b.iter(|| validera(black_box(&stor), &mall))
    });
    c.bench_function("las/exempel (jämförelse)", |b| {
        b.iter(|| exchange::las(black_box(EXEMPEL_JSON.as_bytes())))
    });
    c.bench_function("las/syntetisk (jämförelse)", |b| {
        b.iter(|| exchange::las(black_box(stor_json.as_bytes())))
    });
}

/// Mean time of `f` over repeated runs for about `tid`.
fn medel(tid: Duration, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut varv = 0u32;
    while start.elapsed() < tid || varv < 10 {
        f();
        varv += 1;
    }
    start.elapsed() / varv
}

/// Prints the ratios against the peer, measured in this run.
fn kvoter() {
    let mall = mall();
    let exempel = exempel();
    let stor = syntetisk();
    let stor_json = exchange::skriv(&stor);
    let tid = Duration::from_secs(2);
    let v_ex = medel(tid, || drop(black_box(validera(&exempel, &mall))));
    let l_ex = medel(tid, || {
        drop(black_box(exchange::las(EXEMPEL_JSON.as_bytes())))
    });
    let v_stor = medel(tid, || drop(black_box(validera(&stor, &mall))));
    let l_stor = medel(tid, || drop(black_box(exchange::las(stor_json.as_bytes()))));
    let fynd = validera(&exempel, &mall).len();
    println!("\nKvoter i samma körning (validering / inläsning av samma dokument):");
    println!(
        "  exempel:   validera {v_ex:>10.2?}  läs {l_ex:>10.2?}  kvot {:.2}  ({fynd} fynd; mål < 1 ms)",
        v_ex.as_secs_f64() / l_ex.as_secs_f64()
    );
    println!(
        "  syntetisk: validera {v_stor:>10.2?}  läs {l_stor:>10.2?}  kvot {:.2}",
        v_stor.as_secs_f64() / l_stor.as_secs_f64()
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    kvoter();
}
