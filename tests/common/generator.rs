//! A seeded generator of valid documents of all three kinds, as a user would type them: printable
//! Swedish text (åäö, punctuation, digits; long fields sometimes several lines separated by a
//! single '\n'; no leading or trailing whitespace on a line, no empty line, no control
//! character, nothing that looks like a template placeholder or a formula), optional fields
//! sometimes empty and sometimes filled, 0–8 rows, insatser and initiatives per list, amounts in
//! whole kronor (sometimes not a multiple of 1000, negative only where the model means a change),
//! percentages with at most one decimal, dates in plausible years, every enumeration over all of
//! its variants, and every tjänst, insats and initiative reference pointing at an entry of the
//! same document (`model::kontrollera_referenser` finds nothing). Each document follows a
//! built-in template (`arlig-analys-2024`, `tjansteplan-2023`, `digitaliseringsplan-2023`) and
//! carries its year.
//!
//! Every text ends in a number of its own (`… 17`), counted through the document, so a test that
//! finds a text in an export knows which field it came from, and a field landing in the wrong
//! place shows.
//!
//! The documents are built from the model's types with struct literals and no `..Default`, so a
//! new field in the model is a compile error here rather than a gap nobody sees; a new enum
//! variant is one too (each `valj!` matches its enum exhaustively).
//!
//! Used by `tests/genererade.rs` (the generated corpus: exchange round trip, Word validated by
//! openxml-audit, Excel read back) and by the fuzz target `fuzz/fuzz_targets/genererat.rs`
//! (`#[path]`-included there; it needs only `underlag`, `chrono` and `fastrand`).
//!
//! API: `dokument(slag, fro)` one document; `alla(antal_per_slag)` the standard corpus;
//! `korpus(bas, antal_per_slag)` the same with each document's kind and seed, for messages;
//! `tomt(slag)` the document with every optional field empty.

use chrono::NaiveDate;
use underlag::model::*;

/// The template each kind's documents follow, and its year.
pub fn mall_och_ar(slag: Dokumenttyp) -> (&'static str, i32) {
    match slag {
        Dokumenttyp::ArligAnalys => ("arlig-analys-2024", 2024),
        Dokumenttyp::Tjansteplan => ("tjansteplan-2023", 2023),
        Dokumenttyp::Digitaliseringsplan => ("digitaliseringsplan-2023", 2023),
    }
}

/// The seed of the `i`th document of a kind in a corpus starting at `bas`: kinds never share a
/// seed, so "frö 1000042" names one document.
pub fn fro_for(slag: Dokumenttyp, bas: u64, i: u64) -> u64 {
    let k = match slag {
        Dokumenttyp::ArligAnalys => 0,
        Dokumenttyp::Tjansteplan => 1,
        Dokumenttyp::Digitaliseringsplan => 2,
    };
    bas.wrapping_add(k * 1_000_000).wrapping_add(i)
}

/// `antal_per_slag` documents of each kind, seeds from `bas`, with their kind and seed.
pub fn korpus(bas: u64, antal_per_slag: u64) -> Vec<(Dokumenttyp, u64, Dokument)> {
    Dokumenttyp::ALLA
        .into_iter()
        .flat_map(|slag| {
            (0..antal_per_slag).map(move |i| {
                let fro = fro_for(slag, bas, i);
                (slag, fro, dokument(slag, fro))
            })
        })
        .collect()
}

/// The standard corpus: `antal_per_slag` documents of each kind from seed 0.
pub fn alla(antal_per_slag: u64) -> Vec<Dokument> {
    korpus(0, antal_per_slag)
        .into_iter()
        .map(|(_, _, d)| d)
        .collect()
}

/// One valid document of kind `slag`; the same seed gives the same document.
pub fn dokument(slag: Dokumenttyp, fro: u64) -> Dokument {
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(fro),
        n: 0,
    };
    match slag {
        Dokumenttyp::ArligAnalys => Dokument::ArligAnalys(Box::new(arlig_analys(&mut g))),
        Dokumenttyp::Tjansteplan => Dokument::Tjansteplan(Box::new(tjansteplan(&mut g))),
        Dokumenttyp::Digitaliseringsplan => {
            Dokument::Digitaliseringsplan(Box::new(digitaliseringsplan(&mut g)))
        }
    }
}

/// The document with every optional field empty: no Option set, every text empty, every list
/// empty; only what the invariants require (the organisation, the year, the template).
pub fn tomt(slag: Dokumenttyp) -> Dokument {
    let (mall, ar) = mall_och_ar(slag);
    Dokument::nytt(slag, "Tomma nämnden", ar, mall)
}

// ---------------------------------------------------------------------------------------------
// The random pieces

struct Gen {
    rng: fastrand::Rng,
    /// The number the next text ends in.
    n: u32,
}

/// Every variant of a field-less enum. The `match` lists them without a wildcard, so a variant
/// added to the model fails to compile here until it is generated too.
macro_rules! alla {
    ($typ:ident { $($v:ident),+ $(,)? }) => {{
        let _alla_varianter = |x: $typ| match x {
            $($typ::$v)|+ => (),
        };
        [$($typ::$v),+]
    }};
}

/// One variant of a field-less enum, chosen uniformly (see `alla!`).
macro_rules! valj {
    ($g:expr, $($t:tt)+) => {{
        let alla = alla!($($t)+);
        alla[$g.rng.usize(..alla.len())]
    }};
}

const ORD: [&str; 48] = [
    "förvaltning",
    "tjänsten",
    "invånarna",
    "e-tjänster",
    "säkerheten",
    "åtgärden",
    "översynen",
    "ärendehantering",
    "kundnöjdhet",
    "tillgänglighet",
    "lösningen",
    "plattformen",
    "behörigheter",
    "arkivering",
    "dataskydd",
    "kompetens",
    "införandet",
    "utbildning",
    "stödet",
    "samverkan",
    "nämnden",
    "bolagen",
    "budgeten",
    "kostnaden",
    "nyttan",
    "effekten",
    "målet",
    "planen",
    "risken",
    "integrationen",
    "öppna data",
    "digitala",
    "gemensamma",
    "årliga",
    "större",
    "mindre",
    "ökad",
    "minskad",
    "snabbare",
    "säkrare",
    "enklare",
    "hållbar",
    "Göteborgs Stad",
    "Intraservice",
    "\"Mina sidor\"",
    "A & O",
    "§ 12",
    "(tkr)",
];

const INSKOTT: [&str; 8] = [
    "50 %",
    "2024–2026",
    "kl. 08.00",
    "ca 3,5 mnkr",
    "t.ex.",
    "m.m.",
    "1:a kvartalet",
    "Ö/Ä/Å",
];

const SLUT: [&str; 5] = [".", ".", ".", "!", "?"];

const PERSONER: [&str; 8] = [
    "Åsa Öberg",
    "Per Ängström",
    "Maria Lindqvist",
    "Johan Åkesson",
    "Fatima Yilmaz",
    "Erik Östlund",
    "Lena Hägg",
    "Ali Karimi",
];

impl Gen {
    fn nasta(&mut self) -> u32 {
        self.n += 1;
        self.n
    }

    fn ibland(&mut self) -> bool {
        self.rng.bool()
    }

    /// True with probability `p` percent.
    fn procents_chans(&mut self, p: u8) -> bool {
        self.rng.u8(..100) < p
    }

    fn kanske<T>(&mut self, f: impl FnOnce(&mut Gen) -> T) -> Option<T> {
        self.ibland().then(|| f(self))
    }

    /// Words with Swedish punctuation, no number.
    fn ord(&mut self, antal: usize) -> String {
        let mut delar: Vec<String> = Vec::new();
        for i in 0..antal {
            let mut ord = if self.procents_chans(10) {
                INSKOTT[self.rng.usize(..INSKOTT.len())].to_string()
            } else {
                ORD[self.rng.usize(..ORD.len())].to_string()
            };
            if i + 1 < antal && self.procents_chans(15) {
                ord.push(',');
            }
            delar.push(ord);
        }
        delar.join(" ")
    }

    /// A sentence starting with a capital letter.
    fn mening(&mut self) -> String {
        let antal = self.rng.usize(3..=9);
        let mut s = stor_forsta(&self.ord(antal));
        // "t.ex." ends a sentence without a second full stop.
        if !s.ends_with('.') {
            s.push_str(SLUT[self.rng.usize(..SLUT.len())]);
        }
        s
    }

    /// One line, for a name or a short field: words and its number.
    fn rad(&mut self) -> String {
        let antal = self.rng.usize(1..=5);
        let n = self.nasta();
        format!("{} {n}", stor_forsta(&self.ord(antal)))
    }

    /// A longer text: one to three lines of sentences, the first ending in its number.
    fn text(&mut self) -> String {
        let n = self.nasta();
        let rader = if self.procents_chans(30) {
            self.rng.usize(2..=3)
        } else {
            1
        };
        (0..rader)
            .map(|i| {
                let meningar = self.rng.usize(1..=3);
                let rad: Vec<String> = (0..meningar).map(|_| self.mening()).collect();
                let rad = rad.join(" ");
                if i == 0 { format!("{rad} {n}") } else { rad }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A text, or (sometimes) the empty string of a field left blank.
    fn kanske_text(&mut self) -> String {
        if self.procents_chans(25) {
            String::new()
        } else {
            self.text()
        }
    }

    fn kanske_rad(&mut self) -> String {
        if self.procents_chans(25) {
            String::new()
        } else {
            self.rad()
        }
    }

    fn person(&mut self) -> String {
        PERSONER[self.rng.usize(..PERSONER.len())].to_string()
    }

    /// A non-negative amount: whole tkr mostly, sometimes odd kronor, from 0 to 50 mnkr.
    fn belopp(&mut self) -> Kronor {
        let kr = match self.rng.u8(..10) {
            0 => 0,
            1..=6 => self.rng.i64(1..=50_000) * 1000,
            7 | 8 => self.rng.i64(1..=50_000_000),
            _ => self.rng.i64(1..=999),
        };
        Kronor(kr)
    }

    /// A change in cost: an amount that may be negative (a saving).
    fn forandring(&mut self) -> Kronor {
        let b = self.belopp();
        if self.procents_chans(35) { -b } else { b }
    }

    fn kanske_belopp(&mut self) -> Option<Kronor> {
        self.kanske(Gen::belopp)
    }

    fn kanske_forandring(&mut self) -> Option<Kronor> {
        self.kanske(Gen::forandring)
    }

    /// 0–100 % with at most one decimal.
    fn procent(&mut self) -> f64 {
        f64::from(self.rng.u16(0..=1000)) / 10.0
    }

    fn datum(&mut self, forsta_ar: i32, sista_ar: i32) -> NaiveDate {
        let ar = self.rng.i32(forsta_ar..=sista_ar);
        let dag = self.rng.u32(0..365);
        NaiveDate::from_yo_opt(ar, dag + 1).unwrap_or_default()
    }

    /// Up to `hogst` distinct items of `fran`, in a random order.
    fn urval<T: Clone>(&mut self, fran: &[T], hogst: usize) -> Vec<T> {
        let mut alla: Vec<T> = fran.to_vec();
        self.rng.shuffle(&mut alla);
        let antal = self.rng.usize(0..=hogst.min(alla.len()));
        alla.truncate(antal);
        alla
    }

    /// A list length: mostly a few, sometimes none, at most 8.
    fn antal(&mut self) -> usize {
        if self.procents_chans(15) {
            0
        } else {
            self.rng.usize(1..=8)
        }
    }

    fn lista<T>(&mut self, mut f: impl FnMut(&mut Gen, usize) -> T) -> Vec<T> {
        let antal = self.antal();
        (0..antal).map(|i| f(self, i)).collect()
    }

    fn status(&mut self) -> Status {
        valj!(
            self,
            Status {
                Utkast,
                UnderGranskning,
                Klar,
                Inskickad
            }
        )
    }

    fn ja_nej(&mut self) -> JaNejSvar {
        JaNejSvar {
            svar: self.kanske(|g| valj!(g, JaNej { Ja, Nej })),
            kommentar: self.kanske_text(),
        }
    }

    fn versionshantering(&mut self, ar: i32) -> Vec<Versionspost> {
        let antal = self.rng.usize(0..=4);
        (0..antal)
            .map(|i| Versionspost {
                datum: self.datum(ar - 1, ar),
                version: format!("{}.{i}", i / 2),
                beskrivning: self.rad(),
                andrad_av: self.person(),
                handelse: self.kanske(|g| {
                    valj!(
                        g,
                        Versionshandelse {
                            Mall,
                            Upprattad,
                            Dialog,
                            Remissad,
                            Stallningstagande,
                            Beslutad,
                            Justerad,
                            Revidering,
                            Uppdatering,
                        }
                    )
                }),
                forum: self.kanske(|g| {
                    valj!(
                        g,
                        Forum {
                            Tjansteforum,
                            Prioriteringsforum,
                            Beslutsforum,
                            Voit
                        }
                    )
                }),
            })
            .collect()
    }

    fn organisation(&mut self) -> String {
        const NAMN: [&str; 6] = [
            "Intraservice",
            "Stadsledningskontoret",
            "Förskoleförvaltningen",
            "Äldre samt vård- och omsorgsförvaltningen",
            "Göteborgs Stadshus AB",
            "Nämnden för Intraservice",
        ];
        let n = self.nasta();
        format!("{} {n}", NAMN[self.rng.usize(..NAMN.len())])
    }
}

fn stor_forsta(s: &str) -> String {
    let mut tecken = s.chars();
    match tecken.next() {
        Some(c) => c.to_uppercase().chain(tecken).collect(),
        None => String::new(),
    }
}

/// A 1×1 PNG and a 2×1 PNG (the city's two blues), so a figure in 1.3 or 2.1 is an image the Word export can read.
const BILDER: [&str; 2] = [
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGOQt0i5+egzAAirA2o8pdzHAAAAAElFTkSuQmCC",
];

// ---------------------------------------------------------------------------------------------
// Årlig analys

fn tillamplighet(g: &mut Gen) -> Tillamplighet {
    if g.procents_chans(10) {
        Tillamplighet::EjTillamplig { skal: g.text() }
    } else {
        Tillamplighet::Tillamplig
    }
}

fn ej_tillamplig(t: &Tillamplighet) -> bool {
    matches!(t, Tillamplighet::EjTillamplig { .. })
}

fn tjanstekatalog(g: &mut Gen) -> Tjanstekatalog {
    let antal = if g.procents_chans(8) {
        0
    } else {
        g.rng.usize(1..=8)
    };
    Tjanstekatalog(
        (0..antal)
            .map(|i| {
                let kategori = valj!(
                    g,
                    Tjanstekategori {
                        Bastjanst,
                        DigitalInfrastruktur,
                        Tillaggstjanst,
                        Specialisttjanst,
                        VerksamhetsspecifikTjanst,
                        OvrigDigitalTjanst,
                    }
                );
                Tjanst {
                    id: TjanstId(format!("tjanst-{}", i + 1)),
                    namn: g.rad(),
                    kategori,
                    // Only bastjänster have a målgrupp.
                    malgrupp: if kategori == Tjanstekategori::Bastjanst {
                        g.kanske(|g| {
                            valj!(
                                g,
                                Malgrupp {
                                    Samtliga,
                                    EnbartNamnder,
                                    EnbartStyrelser
                                }
                            )
                        })
                    } else {
                        None
                    },
                    annan_leverantor: if g.procents_chans(20) {
                        Some(g.rad())
                    } else {
                        None
                    },
                    informationssakerhetsniva: g.kanske_rad(),
                    finansiering: g.kanske(|g| {
                        valj!(
                            g,
                            Finansiering {
                                Kostnadsfordelning,
                                FakturaAPris,
                                Kommunbidrag
                            }
                        )
                    }),
                    nuvarande_fordelningsnyckel: g.kanske_rad(),
                }
            })
            .collect(),
    )
}

fn portfoljanalys(g: &mut Gen) -> Portfoljanalys {
    let tillamplighet = tillamplighet(g);
    if ej_tillamplig(&tillamplighet) {
        return Portfoljanalys {
            tillamplighet,
            figurer: Vec::new(),
            total_projektbudget: Beloppsuppgift {
                belopp: None,
                uppskattning: false,
                text: String::new(),
            },
            leverantorens_analys: String::new(),
        };
    }
    let antal = g.rng.usize(0..=2);
    let figurer = (0..antal)
        .map(|i| {
            let n = g.nasta();
            Figur {
                filnamn: format!("pios-{n}.png"),
                mediatyp: "image/png".into(),
                data_base64: BILDER[i % BILDER.len()].into(),
                alt_text: g.kanske_rad(),
                bildtext: g.kanske_rad(),
            }
        })
        .collect();
    let belopp = g.kanske_belopp();
    let uppskattning = belopp.is_some() && g.ibland();
    // What the author wrote in the cell: the amount in words as typed, or nothing.
    let text = match belopp {
        Some(b) if uppskattning => format!(
            "Uppskattas till cirka {} kronor",
            underlag::belopp::formatera_heltal(b.0)
        ),
        Some(b) => format!("{} kronor", underlag::belopp::formatera_heltal(b.0)),
        None => String::new(),
    };
    Portfoljanalys {
        tillamplighet,
        figurer,
        total_projektbudget: Beloppsuppgift {
            belopp,
            uppskattning,
            text,
        },
        leverantorens_analys: g.kanske_text(),
    }
}

fn arsbelopp(g: &mut Gen, forandring: bool) -> Arsbelopp {
    let b = |g: &mut Gen| {
        if forandring {
            g.kanske_forandring()
        } else {
            g.kanske_belopp()
        }
    };
    let indexerad = g.procents_chans(20);
    Arsbelopp {
        ar: b(g),
        ar_plus_1: b(g),
        ar_plus_2: b(g),
        senare: b(g),
        uppskattning: g.procents_chans(30),
        aterkommande: g.procents_chans(20),
        indexerad,
        indexsats_procent: if indexerad && g.ibland() {
            Some(f64::from(g.rng.u8(5..=80)) / 10.0)
        } else {
            None
        },
        text: g.kanske_rad(),
    }
}

fn kostnadsutveckling(g: &mut Gen) -> Kostnadsutveckling {
    Kostnadsutveckling {
        utfall: g.kanske_belopp(),
        budget: g.kanske_belopp(),
        prognos: g.kanske_belopp(),
    }
}

/// A total row as an imported source states it: every amount written.
fn angiven_kostnadsutveckling(g: &mut Gen) -> Kostnadsutveckling {
    Kostnadsutveckling {
        utfall: Some(g.belopp()),
        budget: Some(g.belopp()),
        prognos: Some(g.belopp()),
    }
}

fn angiven_paverkan(g: &mut Gen, forandring: bool) -> Trearsbelopp {
    let b = |g: &mut Gen| {
        Some(if forandring {
            g.forandring()
        } else {
            g.belopp()
        })
    };
    Trearsbelopp {
        ar: b(g),
        ar_plus_1: b(g),
        ar_plus_2: b(g),
    }
}

fn paverkan(g: &mut Gen, forandring: bool) -> Trearsbelopp {
    let b = |g: &mut Gen| {
        if forandring {
            g.kanske_forandring()
        } else {
            g.kanske_belopp()
        }
    };
    Trearsbelopp {
        ar: b(g),
        ar_plus_1: b(g),
        ar_plus_2: b(g),
    }
}

fn komplexitet(g: &mut Gen) -> Komplexitetsbedomning {
    Komplexitetsbedomning {
        niva: g.kanske(|g| {
            valj!(
                g,
                Komplexitet {
                    Mindre,
                    Mattlig,
                    Stor
                }
            )
        }),
        kommentar: g.kanske_text(),
    }
}

fn arlig_analys(g: &mut Gen) -> ArligAnalys {
    let (mall, ar) = mall_och_ar(Dokumenttyp::ArligAnalys);
    let katalog = tjanstekatalog(g);
    let tjanster: Vec<TjanstId> = katalog.iter().map(|t| t.id.clone()).collect();
    // Rows of a table name distinct tjänster, as a person fills in one row per tjänst.
    let rader_for = |g: &mut Gen| g.urval(&tjanster, 8);

    let meta = Meta {
        organisation: g.organisation(),
        analysar: ar,
        mall: mall.into(),
        status: g.status(),
        berord_namnd_informerad: g.kanske(|g| NamndInformerad {
            datum: g.datum(ar - 1, ar - 1),
            beslut: g.kanske_rad(),
        }),
    };
    let versionshantering = g.versionshantering(ar);

    let effekthemtagning = {
        let tillamplighet = tillamplighet(g);
        let ej = ej_tillamplig(&tillamplighet);
        let valda = if ej { Vec::new() } else { rader_for(g) };
        Effekthemtagning {
            tillamplighet,
            rader: valda
                .into_iter()
                .map(|tjanst| EffekthemtagningRad {
                    tjanst,
                    genomforda_forandringsinsatser: g.kanske_text(),
                    effekthemtagning: g.kanske_text(),
                })
                .collect(),
            leverantorens_analys: if ej { String::new() } else { g.kanske_text() },
        }
    };

    let konsolidering = {
        let tillamplighet = tillamplighet(g);
        let ej = ej_tillamplig(&tillamplighet);
        let valda = if ej { Vec::new() } else { rader_for(g) };
        Konsolidering {
            tillamplighet,
            rader: valda
                .into_iter()
                .map(|tjanst| KonsolideringRad {
                    tjanst,
                    andel_befintliga_kunder_procent: g.kanske(Gen::procent),
                    anslutna_namnder: g.kanske(|g| g.rng.u32(0..=25)),
                    anslutna_bolagsstyrelser: g.kanske(|g| g.rng.u32(0..=37)),
                    konsolideringsplan_nya_kunder: g.kanske_text(),
                    avsteg_och_avvikelser: match g.rng.u8(..3) {
                        0 => AvstegOchAvvikelser::EjIfyllt,
                        1 => AvstegOchAvvikelser::Inga,
                        _ => AvstegOchAvvikelser::Angivna {
                            poster: (0..g.rng.usize(1..=3))
                                .map(|_| AvstegEllerAvvikelse {
                                    typ: valj!(g, Avvikelsetyp { Avsteg, Avvikelse }),
                                    kund: g.rad(),
                                    beskrivning: g.kanske_text(),
                                    motivering: g.kanske_text(),
                                    beslut_eller_atgard: g.kanske_text(),
                                    beslutsdatum: g.kanske(|g| g.datum(ar - 1, ar)),
                                })
                                .collect(),
                        },
                    },
                })
                .collect(),
            leverantorens_analys: if ej { String::new() } else { g.kanske_text() },
        }
    };

    let portfoljanalys_13 = portfoljanalys(g);

    let pagaende_insatser = {
        let tillamplighet = tillamplighet(g);
        let ej = ej_tillamplig(&tillamplighet);
        let insatser = if ej {
            Vec::new()
        } else {
            g.lista(|g, i| PagaendeInsats {
                id: InsatsId(format!("pagaende-{}", i + 1)),
                tjanster: g.urval(&tjanster, 3),
                namn: g.rad(),
                effektmal: g.kanske_text(),
                projektmal: g.kanske_text(),
                tidplan: g.kanske_rad(),
                kommentar_avvikelser: g.kanske_text(),
                informationssakerhet_och_dataskydd: g.kanske_text(),
                beslutad_att_foljas_av_ssg: g.kanske(Gen::ibland),
            })
        };
        PagaendeInsatser {
            tillamplighet,
            insatser,
            leverantorens_analys: if ej { String::new() } else { g.kanske_text() },
        }
    };

    let framatsyftande_portfoljanalys = portfoljanalys(g);

    let foreslagna_insatser = {
        let tillamplighet = tillamplighet(g);
        let ej = ej_tillamplig(&tillamplighet);
        let insatser = if ej {
            Vec::new()
        } else {
            g.lista(|g, i| ForeslagenInsats {
                id: InsatsId(format!("forslag-{}", i + 1)),
                namn: g.rad(),
                strategisk: StrategiskDel {
                    behovsbeskrivning: g.kanske_text(),
                    tjanster: g.urval(&tjanster, 3),
                    nytta: g.kanske_text(),
                    effektmal: g.kanske_text(),
                    intern_extern_nytta: g.kanske(|g| {
                        valj!(
                            g,
                            InternExtern {
                                Intern,
                                Extern,
                                InternOchExtern
                            }
                        )
                    }),
                    effektivitet_innovation: g.kanske(|g| {
                        valj!(
                            g,
                            EffektivitetInnovation {
                                Effektivitet,
                                Innovation,
                                EffektivitetOchInnovation
                            }
                        )
                    }),
                    projektform: g.ja_nej(),
                    koppling_till_beslutade_mal: g.kanske_text(),
                    komplexitet_kund: komplexitet(g),
                    komplexitet_leverantor: komplexitet(g),
                    nationell_eller_regional_tjanst: g.kanske_text(),
                    ateranvandning_provad: g.ja_nej(),
                    formaga: g.kanske(|g| {
                        valj!(
                            g,
                            Formaga {
                                BefintligTjanst,
                                NyTjanst
                            }
                        )
                    }),
                },
                informationssakerhet: Informationssakerhet {
                    informationsklassning: g.ja_nej(),
                    troskel_och_konsekvensanalys: g.ja_nej(),
                },
                teknisk: TekniskDel {
                    it_sakerhetsbedomning: g.ja_nej(),
                    arkitekturbedomning: g.ja_nej(),
                    paverkan_digital_infrastruktur: g.ja_nej(),
                },
                ekonomisk: EkonomiskDel {
                    projektbudget: arsbelopp(g, false),
                    paverkan_forvaltningskostnad: arsbelopp(g, true),
                    kundgrupp_som_finansierar: g.kanske_rad(),
                    forslag_fordelningsnyckel: g.kanske_rad(),
                },
            })
        };
        ForeslagnaInsatser {
            tillamplighet,
            insatser,
            leverantorens_analys: if ej { String::new() } else { g.kanske_text() },
        }
    };
    let forslag: Vec<InsatsId> = foreslagna_insatser
        .insatser
        .iter()
        .map(|x| x.id.clone())
        .collect();

    let kostnader = {
        let tillamplighet = tillamplighet(g);
        let ej = ej_tillamplig(&tillamplighet);
        let forvaltningsrader = if ej { Vec::new() } else { rader_for(g) };
        let utvecklingsrader = if ej { Vec::new() } else { rader_for(g) };
        let nya = if ej { Vec::new() } else { g.urval(&forslag, 8) };
        Kostnader {
            tillamplighet,
            forvaltning: Forvaltningskostnader {
                rader: forvaltningsrader
                    .into_iter()
                    .map(|tjanst| ForvaltningskostnadRad {
                        tjanst,
                        kostnad: kostnadsutveckling(g),
                    })
                    .collect(),
                // Only an imported source states a total; a typed document seldom has one.
                angiven_totalkostnad: if g.procents_chans(20) {
                    Some(angiven_kostnadsutveckling(g))
                } else {
                    None
                },
                indexupprakning_procent: g.kanske(|g| f64::from(g.rng.u8(0..=90)) / 10.0),
                leverantorens_analys: g.kanske_text(),
            },
            utveckling: Utvecklingskostnader {
                rader: utvecklingsrader
                    .into_iter()
                    .map(|tjanst| UtvecklingskostnadRad {
                        tjanst,
                        kostnad: kostnadsutveckling(g),
                        paverkan_forvaltningskostnad: paverkan(g, true),
                        overstyrningar: overstyrningar(g, "kostnad.prognos"),
                    })
                    .collect(),
                angiven_totalkostnad: if g.procents_chans(20) {
                    Some(UtvecklingskostnadSumma {
                        kostnad: angiven_kostnadsutveckling(g),
                        paverkan_forvaltningskostnad: angiven_paverkan(g, true),
                    })
                } else {
                    None
                },
                not: g.kanske_text(),
                leverantorens_analys: g.kanske_text(),
            },
            nya_insatser: NyaInsatskostnader {
                rader: nya
                    .into_iter()
                    .map(|insats| NyInsatskostnadRad {
                        insats,
                        kostnad: paverkan(g, false),
                        paverkan_forvaltningskostnad: paverkan(g, true),
                        overstyrningar: overstyrningar(g, "paverkan_forvaltningskostnad.ar_plus_1"),
                    })
                    .collect(),
                angiven_totalkostnad: if g.procents_chans(20) {
                    Some(NyInsatskostnadSumma {
                        kostnad: angiven_paverkan(g, false),
                        paverkan_forvaltningskostnad: angiven_paverkan(g, true),
                    })
                } else {
                    None
                },
                leverantorens_analys: g.kanske_text(),
            },
        }
    };

    let fordelningsnycklar = {
        let tillamplighet = tillamplighet(g);
        let ej = ej_tillamplig(&tillamplighet);
        let valda = if ej { Vec::new() } else { rader_for(g) };
        Fordelningsnycklar {
            tillamplighet,
            rader: valda
                .into_iter()
                .map(|tjanst| Fordelningsnyckel {
                    tjanst,
                    nuvarande: g.kanske_text(),
                    forslag_justering: g.kanske_text(),
                    motivering: g.kanske_text(),
                })
                .collect(),
            leverantorens_analys: if ej { String::new() } else { g.kanske_text() },
        }
    };

    let langsiktig_utveckling = {
        let tillamplighet = tillamplighet(g);
        let ej = ej_tillamplig(&tillamplighet);
        let valda = if ej {
            Vec::new()
        } else {
            g.urval(&tjanster, 3)
        };
        LangsiktigUtveckling {
            tillamplighet,
            avvecklingar: valda
                .into_iter()
                .map(|tjanst| Avveckling {
                    tjanst,
                    beskrivning: g.kanske_text(),
                    konsekvensanalys: g.kanske_text(),
                    avvecklingsplan: g.kanske_text(),
                    tidpunkt: if g.ibland() {
                        format!("Under {}", ar + g.rng.i32(0..=3))
                    } else {
                        String::new()
                    },
                })
                .collect(),
            leverantorens_analys: if ej { String::new() } else { g.kanske_text() },
        }
    };

    ArligAnalys {
        meta,
        tjanstekatalog: katalog,
        versionshantering,
        effekthemtagning,
        konsolidering,
        portfoljanalys: portfoljanalys_13,
        pagaende_insatser,
        framatsyftande_portfoljanalys,
        foreslagna_insatser,
        kostnader,
        fordelningsnycklar,
        langsiktig_utveckling,
    }
}

// ---------------------------------------------------------------------------------------------
// Tjänsteplan

fn trearsbelopp(g: &mut Gen, forandring: bool) -> Trearsbelopp {
    let b = |g: &mut Gen| {
        if forandring {
            g.kanske_forandring()
        } else {
            g.kanske_belopp()
        }
    };
    Trearsbelopp {
        ar: b(g),
        ar_plus_1: b(g),
        ar_plus_2: b(g),
    }
}

fn planval(g: &mut Gen, alla: &[&str]) -> Option<Vec<String>> {
    if g.procents_chans(20) {
        return None;
    }
    let alla: Vec<String> = alla.iter().map(|s| (*s).to_string()).collect();
    Some(g.urval(&alla, 4))
}

fn lagrum(g: &mut Gen) -> Vec<Lagrum> {
    let alla = alla!(Lagrum {
        Dataskyddsforordningen,
        Arkivlagen,
        Lou,
        SchremsIi,
        Spraklagen,
        DosLagen,
        Eidas,
        SdgForordningen,
        Osl,
        Forvaltningslagen,
        OppnaDataOchPsi,
    });
    g.urval(&alla, 4)
}

fn tjansteplan(g: &mut Gen) -> Tjansteplan {
    let (mall, ar) = mall_och_ar(Dokumenttyp::Tjansteplan);
    const OMRADEN: [&str; 5] = [
        "Ekonomi",
        "HR",
        "IT-tjänster",
        "Kommunikation",
        "Ledning och styrning",
    ];
    let meta = TjansteplanMeta {
        organisation: g.organisation(),
        tjansteomrade: format!("{} {}", OMRADEN[g.rng.usize(..OMRADEN.len())], g.nasta()),
        ar,
        mall: mall.into(),
        status: g.status(),
        publiceringsdatum: g.kanske(|g| g.datum(ar - 1, ar)),
        version: if g.ibland() {
            format!("{}.{}", g.rng.u8(1..=3), g.rng.u8(0..=9))
        } else {
            String::new()
        },
    };
    let versionshantering = g.versionshantering(ar);
    let inriktning = Inriktning {
        mal: g.lista(|g, _| MalOchNytta {
            mal: g.kanske_text(),
            nytta: g.kanske_text(),
        }),
        styrande_dokument: g.kanske_text(),
        text: g.kanske_text(),
    };
    let nyttor = Nyttor {
        text: g.kanske_text(),
        poster: g.lista(|g, _| Nytta {
            slag: g.kanske(|g| {
                valj!(
                    g,
                    Nyttoslag {
                        Kvalitativ,
                        Tidsnytta,
                        Kostnadsbesparing,
                        KvalitetOchLagefterlevnad,
                    }
                )
            }),
            beskrivning: g.kanske_text(),
        }),
    };
    let mut initiativ: Vec<Initiativ> = g.lista(|g, i| Initiativ {
        id: InsatsId(format!("initiativ-{}", i + 1)),
        namn: g.rad(),
        status: valj!(
            g,
            Initiativstatus {
                Ny,
                FortsattArbete,
                Flyttad,
                Borttagen,
                LyftUtTillVidmakthallandet,
            }
        ),
        pott: None,
        utveckling: trearsbelopp(g, false),
        paverkan_vidmakthalla: trearsbelopp(g, true),
        behov: BehovOchInsats {
            text: g.kanske_text(),
            forvantat_resultat: g.kanske_text(),
            malgrupper: g.kanske_text(),
            etapper_och_tidplan: g.kanske_text(),
        },
        krav: KravRiskKonsekvenser {
            lagar: lagrum(g),
            ovriga_regelverk: g.kanske_text(),
            risker: g.kanske_text(),
            prioritering: g.kanske_text(),
        },
        strategisk_betydelse: g.kanske_text(),
    });
    // Pots: an initiative may draw on an earlier top-level one (one level only).
    for i in 1..initiativ.len() {
        if g.procents_chans(25) {
            let poter: Vec<InsatsId> = initiativ[..i]
                .iter()
                .filter(|x| x.pott.is_none())
                .map(|x| x.id.clone())
                .collect();
            if !poter.is_empty() {
                initiativ[i].pott = Some(poter[g.rng.usize(..poter.len())].clone());
            }
        }
    }
    let ids: Vec<InsatsId> = initiativ.iter().map(|x| x.id.clone()).collect();
    let kostnadsuppskattning = Kostnadsuppskattning {
        text: g.kanske_text(),
        paverkan: g.kanske(|g| {
            valj!(
                g,
                Paverkansniva {
                    Liten,
                    Medelstor,
                    Stor
                }
            )
        }),
        fordelningsnyckel: g.kanske_rad(),
        not: g.kanske_text(),
        initiativ,
    };
    let vidmakthallande = Vidmakthallande {
        text: g.kanske_text(),
        niva: g.kanske_belopp(),
        forandring_procent: g.kanske(|g| f64::from(g.rng.i16(-200..=300)) / 10.0),
        forandring: g.kanske_forandring(),
    };
    let it_stod_och_arbetsmiljo = ItStodOchArbetsmiljo {
        text: g.kanske_text(),
        tidig_riskbedomning: g.ibland(),
        riskbedomning_vid_upphandling: g.ibland(),
        riskbedomning_vid_uppdatering: g.ibland(),
    };
    let sakerhetsniva = Sakerhetsniva {
        text: g.kanske_text(),
        niva: if g.ibland() {
            format!("Grundsäkerhetsnivå {}-{}", g.rng.u8(1..=2), g.rng.u8(2..=3))
        } else {
            String::new()
        },
        forhojd_beslutad_i_tjansteforum: g.ibland(),
    };
    let bilaga = Budgetbilaga {
        versionshantering: g.versionshantering(ar),
        text: g.kanske_text(),
        rader: if ids.is_empty() {
            Vec::new()
        } else {
            g.lista(|g, _| Budgetrad {
                initiativ: ids[g.rng.usize(..ids.len())].clone(),
                text: g.kanske_rad(),
                klass: g.kanske(|g| {
                    valj!(
                        g,
                        Budgetklass {
                            Nyutveckling,
                            UtvecklingInomBefintligTjanst
                        }
                    )
                }),
                belopp: g.kanske_belopp(),
            })
        },
    };
    Tjansteplan {
        meta,
        versionshantering,
        inriktning,
        nyttor,
        kostnadsuppskattning,
        vidmakthallande,
        it_stod_och_arbetsmiljo,
        sakerhetsniva,
        bilaga,
    }
}

// ---------------------------------------------------------------------------------------------
// Digitaliseringsplan

fn malomrade(g: &mut Gen, ar: i32) -> Malomradesplan {
    Malomradesplan {
        nulage: g.kanske_text(),
        dimios: g.lista(|g, _| Dimiosresultat {
            omrade: g.kanske(|g| {
                valj!(
                    g,
                    Dimiosomrade {
                        Effektivitet,
                        Innovation,
                        Balansering,
                        Organisation,
                        Anvandare,
                        Teknik,
                    }
                )
            }),
            ar: g.kanske(|g| g.rng.i32(ar - 4..=ar)),
            procent: g.kanske(Gen::procent),
        }),
        onskat_lage: g.kanske_text(),
        indikatorer: g.lista(|g, _| Indikator {
            namn: g.rad(),
            utgangsvarde: if g.ibland() {
                format!("{} procent", g.rng.u8(0..=100))
            } else {
                String::new()
            },
            malvarde: if g.ibland() {
                format!("{} procent", g.rng.u8(0..=100))
            } else {
                String::new()
            },
            ar: g.kanske(|g| g.rng.i32(ar..=ar + 3)),
            kalla: g.kanske_rad(),
        }),
    }
}

fn digitaliseringsplan(g: &mut Gen) -> Digitaliseringsplan {
    let (mall, ar) = mall_och_ar(Dokumenttyp::Digitaliseringsplan);
    let vardokument = g.kanske(|g| {
        valj!(
            g,
            Vardokument {
                Fristaende,
                Budget,
                Verksamhetsplan,
                Affarsplan
            }
        )
    });
    let meta = DigitaliseringsplanMeta {
        organisation: g.organisation(),
        organisationsform: g.kanske(|g| valj!(g, Organisationsform { Namnd, Bolag })),
        ar,
        period_slut_ar: g.kanske(|g| g.rng.i32(ar + 1..=2026)),
        mall: mall.into(),
        status: g.status(),
        vardokument,
        // A host document's reference only when the plan is a section of one.
        vardokument_referens: match vardokument {
            Some(Vardokument::Fristaende) | None => String::new(),
            Some(_) => g.kanske_rad(),
        },
    };
    let versionshantering = g.versionshantering(ar);
    let inledning = Inledning {
        syfte: g.kanske_text(),
        omfattning: g.kanske_text(),
        bakgrund: g.kanske_text(),
        styrande_dokument: g.kanske_text(),
        uppfoljning: g.kanske_text(),
    };
    // The city plan's lists as the 2023 template words them; `None` is a plan saved before
    // the lists existed.
    let koppling = Koppling {
        valda_mal: planval(
            g,
            &[
                "likvardig_digital_service",
                "balans_demokrati_delaktighet",
                "oppna_data_resurser",
            ],
        ),
        overgripande_mal: g.kanske_text(),
        valda_nyttor: planval(
            g,
            &[
                "helhetssyn_beslutsunderlag",
                "vardering_prioritering",
                "kvalitet_tillganglighet",
                "realisering_nyttor",
                "analys_kunskap",
                "dialog_delaktighet",
            ],
        ),
        prioriterade_nyttor: g.kanske_text(),
        valda_inriktningar: planval(
            g,
            &[
                "ratt_prioriteringar",
                "resurseffektivt",
                "nya_kompetenser",
                "medskapande",
                "anvandarnas_behov",
                "ratt_information",
            ],
        ),
        inriktningar: g.kanske_text(),
        malgruppsperspektiv: g.kanske_text(),
    };
    let mo1 = malomrade(g, ar);
    let mo2 = malomrade(g, ar);
    let mo3 = malomrade(g, ar);
    let mo4 = malomrade(g, ar);
    let insatser = Insatser {
        text: g.kanske_text(),
        balans: g.kanske_text(),
        insatser: g.lista(|g, i| Digitaliseringsinsats {
            id: InsatsId(format!("insats-{}", i + 1)),
            namn: g.rad(),
            malomrade: g.kanske(|g| valj!(g, Malomrade { Mo1, Mo2, Mo3, Mo4 })),
            behov: g.kanske_text(),
            effektmal: g.kanske_text(),
            intern_extern: g.kanske(|g| {
                valj!(
                    g,
                    InternExtern {
                        Intern,
                        Extern,
                        InternOchExtern
                    }
                )
            }),
            effektivitet_innovation: g.kanske(|g| {
                valj!(
                    g,
                    EffektivitetInnovation {
                        Effektivitet,
                        Innovation,
                        EffektivitetOchInnovation
                    }
                )
            }),
            kostnads_och_nyttoanalys: g.kanske_text(),
            ateranvandning: g.ja_nej(),
            finansiering: Insatsfinansiering {
                kostnadsfordelning: g.ibland(),
                faktura_a_pris: g.ibland(),
                kommunbidrag: g.ibland(),
                egen_budget: g.ibland(),
            },
            sakerhetsrisker: g.kanske_text(),
            informationsklassning: g.ja_nej(),
            nyttorealisering: Nyttorealisering {
                ansvarig: if g.ibland() {
                    g.person()
                } else {
                    String::new()
                },
                vad_mats: g.kanske_text(),
                nar: g.kanske_rad(),
            },
            tidplan: g.kanske_rad(),
            kostnad: trearsbelopp(g, false),
            beroende_bastjanster: g.kanske_text(),
        }),
    };
    let bastjanster = Bastjanster {
        text: g.kanske_text(),
        avsteg: g.lista(|g, _| Bastjanstavsteg {
            tjanst: g.rad(),
            motivering: g.kanske_text(),
            beslut: g.kanske_rad(),
            datum: g.kanske(|g| g.datum(ar - 2, ar)),
        }),
    };
    let system = Systemplan {
        text: g.kanske_text(),
        system: g.lista(|g, _| Verksamhetssystem {
            namn: g.rad(),
            atgard: g.kanske(|g| {
                valj!(
                    g,
                    Systematgard {
                        Utveckla,
                        Behalla,
                        Avveckla
                    }
                )
            }),
            konsekvensanalys: g.kanske_text(),
            avvecklingsplan: g.kanske_text(),
        }),
    };
    let risker = Riskplan {
        text: g.kanske_text(),
        risker: g.lista(|g, _| Planrisk {
            risk: g.text(),
            konsekvens: g.kanske_text(),
            atgard: g.kanske_text(),
        }),
    };
    Digitaliseringsplan {
        meta,
        versionshantering,
        inledning,
        koppling,
        mo1,
        mo2,
        mo3,
        mo4,
        insatser,
        bastjanster,
        system,
        risker,
    }
}

/// Now and then a row keeps one derived cell apart from 2.2, with a reason of one or more lines.
fn overstyrningar(g: &mut Gen, falt: &str) -> Vec<Overstyrning> {
    if g.procents_chans(15) {
        vec![Overstyrning {
            falt: falt.to_string(),
            motivering: g.text(),
        }]
    } else {
        Vec::new()
    }
}
