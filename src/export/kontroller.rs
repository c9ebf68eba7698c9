//! The Kontroller sheet: the validator's money rules as formulas over the other sheets, so a
//! controller who edits a number sees the check change. Every formula also carries the value the
//! core computed, for viewers that do not recalculate.

use rust_xlsxwriter::{Formula, Workbook, Worksheet, XlsxError};

use super::xlsx::{Format_, skriv_text};
use crate::model::{ArligAnalys, Kronor, Tillamplighet};
use crate::model::ekonomi::paverkan_med_index;

struct Kontroll {
    namn: String,
    tjanst: String,
    /// Formula (without `=`) and value of the stated side, in tkr.
    angivet: (String, f64),
    /// Formula and value of the derived side, in tkr.
    harlett: (String, f64),
    /// Largest difference (tkr) that still counts as agreeing.
    tolerans: f64,
    regel: &'static str,
}

fn tkr(k: Option<Kronor>) -> f64 {
    k.map_or(0.0, |k| k.0 as f64 / 1000.0)
}

/// The sum of `belopp` over the Förslag rows whose tjänst is exactly the name in column B and
/// that develop an existing tjänst. EXACT rather than SUMIFS: a name may hold `*`, `?`, `~` or
/// start with `<`, which SUMIFS would read as a pattern or a comparison.
fn exakt_summa(belopp: &str, tjanst: &str, ny_tjanst: &str) -> String {
    format!("SUMPRODUCT(EXACT({tjanst},\"{{NAMN}}\")*({ny_tjanst}=\"Nej\")*{belopp})")
}

fn tal(v: f64) -> String {
    format!("{v}")
}

pub(crate) fn skriv_kontroller(
    wb: &mut Workbook,
    a: &ArligAnalys,
    f: &Format_,
) -> Result<(), XlsxError> {
    let ar = a.meta.analysar;
    let index = a.kostnader.forvaltning.indexupprakning_procent;
    let antal_forslag = a.foreslagna_insatser.insatser.len();
    let sista_forslag = u32::try_from(antal_forslag + 1).unwrap_or(u32::MAX).max(2);
    let forslag = |kol: &str| format!("'Förslag'!${kol}$2:${kol}${sista_forslag}");
    let mut kontroller = Vec::new();

    // 3.1 utveckling derived from 2.2, per tjänst: the proposals that name it first and develop
    // an existing tjänst.
    for (i, rad) in a.kostnader.utveckling.rader.iter().enumerate() {
        let excelrad = i + 2;
        let namn = a.tjanstekatalog.namn(&rad.tjanst).to_string();
        let grupp: Vec<_> = a
            .foreslagna_insatser
            .insatser
            .iter()
            .filter(|x| x.utvecklar_tjanst() == Some(&rad.tjanst))
            .collect();
        let budget: f64 = grupp
            .iter()
            .map(|x| tkr(x.ekonomisk.projektbudget.ar))
            .sum();
        kontroller.push(Kontroll {
            namn: format!("Prognos budget {ar} = projektbudget {ar} i 2.2"),
            tjanst: namn.clone(),
            angivet: (
                format!("'Utvecklingskostnader'!D{excelrad}"),
                tkr(rad.kostnad.prognos),
            ),
            harlett: (String::new(), budget),
            tolerans: 0.999,
            regel: "AA-3.1-derivation",
        });
        let sista = kontroller.len() - 1;
        kontroller[sista].harlett.0 = exakt_summa(&forslag("D"), &forslag("C"), &forslag("L"));
        for (k, (utv_kol, forslag_kol)) in
            [("E", "H"), ("F", "I"), ("G", "J")].into_iter().enumerate()
        {
            let harlett: f64 = grupp
                .iter()
                .map(|x| {
                    tkr(paverkan_med_index(
                        &x.ekonomisk.paverkan_forvaltningskostnad,
                        k,
                        index,
                    ))
                })
                .sum();
            kontroller.push(Kontroll {
                namn: format!(
                    "Påverkan förvaltningskostnad {} = summa i 2.2",
                    ar.saturating_add(k as i32)
                ),
                tjanst: namn.clone(),
                angivet: (
                    format!("'Utvecklingskostnader'!{utv_kol}{excelrad}"),
                    tkr(rad.paverkan_forvaltningskostnad.tre_ar()[k]),
                ),
                harlett: (
                    exakt_summa(&forslag(forslag_kol), &forslag("C"), &forslag("L")),
                    harlett,
                ),
                tolerans: 0.999,
                regel: "AA-3.1-derivation",
            });
        }
    }

    // 3.1 nya förändringsinsatser against the proposals for a new tjänst, year by year.
    for (j, x) in a
        .foreslagna_insatser
        .insatser
        .iter()
        .enumerate()
        .filter(|(_, x)| x.ar_ny_tjanst())
    {
        let Some((i, rad)) = a.kostnader.nya_insatser.rad_for(&x.id) else {
            continue;
        };
        let (ny, fr) = (i + 2, j + 2);
        for k in 0..3 {
            let ar_k = ar.saturating_add(k as i32);
            let (kostnadskol, paverkanskol) = (["B", "C", "D"][k], ["E", "F", "G"][k]);
            let (budgetkol, forslagskol) = (["D", "E", "F"][k], ["H", "I", "J"][k]);
            kontroller.push(Kontroll {
                namn: format!("Kostnad {ar_k} = projektbudget {ar_k} i 2.2"),
                tjanst: x.namn.clone(),
                angivet: (
                    format!("'Nya förändringsinsatser'!{kostnadskol}{ny}"),
                    tkr(rad.kostnad.tre_ar()[k]),
                ),
                harlett: (
                    format!("'Förslag'!{budgetkol}{fr}"),
                    tkr(x.ekonomisk.projektbudget.tre_ar()[k]),
                ),
                tolerans: 0.999,
                regel: "AA-3.1-derivation",
            });
            kontroller.push(Kontroll {
                namn: format!("Påverkan förvaltningskostnad {ar_k} = påverkan i 2.2"),
                tjanst: x.namn.clone(),
                angivet: (
                    format!("'Nya förändringsinsatser'!{paverkanskol}{ny}"),
                    tkr(rad.paverkan_forvaltningskostnad.tre_ar()[k]),
                ),
                harlett: (
                    format!("'Förslag'!{forslagskol}{fr}"),
                    tkr(paverkan_med_index(
                        &x.ekonomisk.paverkan_forvaltningskostnad,
                        k,
                        index,
                    )),
                ),
                tolerans: 0.999,
                regel: "AA-3.1-derivation",
            });
        }
    }

    // Stated totals against the sum of the rows.
    let summarad = |antal: usize| antal.max(1) + 2;
    if let Some(angiven) = &a.kostnader.forvaltning.angiven_totalkostnad {
        let rad = summarad(a.kostnader.forvaltning.rader.len());
        let summa = a.kostnader.forvaltning.totalkostnad();
        for (kol, namn, angivet, rakn) in [
            ("B", "utfall", angiven.utfall, summa.utfall),
            ("C", "budget", angiven.budget, summa.budget),
            ("D", "prognos", angiven.prognos, summa.prognos),
        ] {
            if let Some(angivet) = angivet {
                kontroller.push(Kontroll {
                    namn: format!("Angiven totalkostnad {namn} = summan av raderna"),
                    tjanst: "Förvaltningskostnader".into(),
                    angivet: (tal(tkr(Some(angivet))), tkr(Some(angivet))),
                    harlett: (format!("'Förvaltningskostnader'!{kol}{rad}"), tkr(rakn)),
                    tolerans: 0.0005,
                    regel: "AA-summa",
                });
            }
        }
    }
    if let Some(angiven) = &a.kostnader.utveckling.angiven_totalkostnad {
        let rad = summarad(a.kostnader.utveckling.rader.len());
        let summa = a.kostnader.utveckling.totalkostnad();
        let par = [
            ("B", "utfall", angiven.kostnad.utfall, summa.kostnad.utfall),
            ("C", "budget", angiven.kostnad.budget, summa.kostnad.budget),
            (
                "D",
                "prognos",
                angiven.kostnad.prognos,
                summa.kostnad.prognos,
            ),
            (
                "E",
                "påverkan år 1",
                angiven.paverkan_forvaltningskostnad.ar,
                summa.paverkan_forvaltningskostnad.ar,
            ),
            (
                "F",
                "påverkan år 2",
                angiven.paverkan_forvaltningskostnad.ar_plus_1,
                summa.paverkan_forvaltningskostnad.ar_plus_1,
            ),
            (
                "G",
                "påverkan år 3",
                angiven.paverkan_forvaltningskostnad.ar_plus_2,
                summa.paverkan_forvaltningskostnad.ar_plus_2,
            ),
        ];
        for (kol, namn, angivet, rakn) in par {
            if let Some(angivet) = angivet {
                kontroller.push(Kontroll {
                    namn: format!("Angiven totalkostnad {namn} = summan av raderna"),
                    tjanst: "Utvecklingskostnader".into(),
                    angivet: (tal(tkr(Some(angivet))), tkr(Some(angivet))),
                    harlett: (format!("'Utvecklingskostnader'!{kol}{rad}"), tkr(rakn)),
                    tolerans: 0.0005,
                    regel: "AA-summa",
                });
            }
        }
    }

    if let Some(angiven) = &a.kostnader.nya_insatser.angiven_totalkostnad {
        let rad = summarad(a.kostnader.nya_insatser.rader.len());
        let summa = a.kostnader.nya_insatser.totalkostnad();
        let angivna = angiven
            .kostnad
            .tre_ar()
            .into_iter()
            .chain(angiven.paverkan_forvaltningskostnad.tre_ar());
        let summor = summa
            .kostnad
            .tre_ar()
            .into_iter()
            .chain(summa.paverkan_forvaltningskostnad.tre_ar());
        for ((kol, angivet), rakn) in ["B", "C", "D", "E", "F", "G"]
            .into_iter()
            .zip(angivna)
            .zip(summor)
        {
            if let Some(angivet) = angivet {
                kontroller.push(Kontroll {
                    namn: format!("Angiven totalkostnad kolumn {kol} = summan av raderna"),
                    tjanst: "Nya förändringsinsatser".into(),
                    angivet: (tal(tkr(Some(angivet))), tkr(Some(angivet))),
                    harlett: (format!("'Nya förändringsinsatser'!{kol}{rad}"), tkr(rakn)),
                    tolerans: 0.0005,
                    regel: "AA-summa",
                });
            }
        }
    }

    // The declared index uplift against each row's change from budget to prognos.
    if let Some(sats) = index {
        for (i, rad) in a.kostnader.forvaltning.rader.iter().enumerate() {
            let (Some(budget), Some(prognos)) = (rad.kostnad.budget, rad.kostnad.prognos) else {
                continue;
            };
            if budget.0 <= 0 {
                continue;
            }
            let excelrad = i + 2;
            kontroller.push(Kontroll {
                namn: format!(
                    "Prognos {ar} = budget {} plus indexuppräkning {sats} %",
                    ar.saturating_sub(1)
                ),
                tjanst: a.tjanstekatalog.namn(&rad.tjanst).to_string(),
                angivet: (
                    format!("'Förvaltningskostnader'!D{excelrad}"),
                    tkr(Some(prognos)),
                ),
                harlett: (
                    format!("'Förvaltningskostnader'!C{excelrad}*(1+{}/100)", tal(sats)),
                    tkr(Some(budget)) * (1.0 + sats / 100.0),
                ),
                tolerans: 1.0,
                regel: "AA-3.1-index",
            });
        }
    }

    // As the validator: no money rules over a section the analysis marks ej tillämplig.
    let kostnader = a.kostnader.tillamplighet == Tillamplighet::Tillamplig;
    let forslag_aktiva = a.foreslagna_insatser.tillamplighet == Tillamplighet::Tillamplig;
    kontroller.retain(|k| kostnader && (k.regel != "AA-3.1-derivation" || forslag_aktiva));

    let mut ws = Worksheet::new();
    ws.set_name("Kontroller")?;
    let rubriker = [
        ("Kontroll", 52.0),
        ("Tjänst eller tabell", 34.0),
        ("Angivet", 16.0),
        ("Härlett", 16.0),
        ("Differens", 14.0),
        ("Status", 12.0),
        ("Regel", 20.0),
    ];
    for (k, (r, b)) in rubriker.iter().enumerate() {
        let k = k as u16;
        ws.write_string_with_format(0, k, *r, &f.rubrik)?;
        ws.set_column_width(k, *b)?;
    }
    for (i, kontroll) in kontroller.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let excel = r + 1;
        skriv_text(&mut ws, r, 0, &kontroll.namn, f)?;
        skriv_text(&mut ws, r, 1, &kontroll.tjanst, f)?;
        // The tjänst name is matched through the cell, never pasted into the formula.
        let harlett = kontroll
            .harlett
            .0
            .replace("\"{NAMN}\"", &format!("$B{excel}"));
        ws.write_formula_with_format(
            r,
            2,
            Formula::new(format!("={}", kontroll.angivet.0)).set_result(tal(kontroll.angivet.1)),
            &f.tkr,
        )?;
        ws.write_formula_with_format(
            r,
            3,
            Formula::new(format!("={harlett}")).set_result(tal(kontroll.harlett.1)),
            &f.tkr,
        )?;
        let differens = kontroll.angivet.1 - kontroll.harlett.1;
        ws.write_formula_with_format(
            r,
            4,
            Formula::new(format!("=C{excel}-D{excel}")).set_result(tal(differens)),
            &f.tkr,
        )?;
        // Within the tolerance counts as agreeing, as in the validator.
        let status = if differens.abs() <= kontroll.tolerans {
            "OK"
        } else {
            "Avvikelse"
        };
        ws.write_formula(
            r,
            5,
            Formula::new(format!(
                "=IF(ABS(E{excel})<={},\"OK\",\"Avvikelse\")",
                tal(kontroll.tolerans)
            ))
            .set_result(status),
        )?;
        ws.write_string(r, 6, kontroll.regel)?;
    }
    let sista = u32::try_from(kontroller.len()).unwrap_or(u32::MAX).max(1);
    ws.autofilter(0, 0, sista, 6)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_repeat_rows(0, 0)?;
    wb.push_worksheet(ws);
    Ok(())
}
