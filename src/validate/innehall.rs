//! Rules about what the text and references say: S.M.A.R.T. effektmål, references to the
//! tjänstekatalog, konsolidering, information security, fördelningsnycklar, tidplaner, years,
//! sections that are not used, and the riktlinje's demand that berörd nämnd is informed.

use super::Granskning;
use crate::model::{
    AvstegEllerAvvikelse, AvstegOchAvvikelser, Avvikelsetyp, JaNej, Malgrupp, TjanstId,
    Tjanstekategori,
};

/// Shortens a quoted text to one line of reasonable length.
pub(super) fn citera(text: &str) -> String {
    let enrad = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if enrad.chars().count() <= 120 {
        enrad
    } else {
        format!("{}…", enrad.chars().take(120).collect::<String>())
    }
}

const MATBARA_ORD: [&str; 12] = [
    "procent",
    "index",
    "antal",
    "andel",
    "nki",
    "nöjd kund",
    "hälften",
    "dubbl",
    "minst",
    "högst",
    "fler än",
    "färre än",
];
const TIDSORD: [&str; 22] = [
    "senast",
    "kvartal",
    "tertial",
    "halvår",
    "vecka",
    "januari",
    "februari",
    "mars",
    "april",
    " maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
    "våren",
    "hösten",
    "sommaren",
    "vintern",
    "årsskiftet",
];

/// Four-digit years (1900–2199) mentioned in a text.
pub(super) fn artal(text: &str) -> Vec<i32> {
    artal_med_plats(text)
        .into_iter()
        .map(|(_, ar)| ar)
        .collect()
}

/// The same years with where each stands in the text (byte range), to read what is between.
pub(super) fn artal_med_plats(text: &str) -> Vec<(std::ops::Range<usize>, i32)> {
    let mut ut = Vec::new();
    let mut start = None;
    // A space after the end closes a run of digits at the end of the text.
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if let Ok(tal) = text[s..i].parse::<i32>()
                    && i - s == 4
                    && (1900..2200).contains(&tal)
                {
                    ut.push((s..i, tal));
                }
                start = None;
            }
            _ => {}
        }
    }
    ut
}

/// Something to measure: a number that is not just a year or a date, a percentage, or a word
/// that names a measure.
fn matbart(text: &str) -> bool {
    let liten = text.to_lowercase();
    let ar_eller_datum = |ord: &str| {
        let ord = ord.trim_matches(|c: char| !c.is_ascii_digit());
        !ord.is_empty()
            && ord.chars().all(|c| c.is_ascii_digit() || c == '-')
            && !artal(ord).is_empty()
    };
    let tal = liten
        .split_whitespace()
        .filter(|ord| !ar_eller_datum(ord))
        .any(|ord| ord.chars().any(|c| c.is_ascii_digit() || c == '%'));
    tal || MATBARA_ORD.iter().any(|o| liten.contains(o))
}

fn tidsatt(text: &str) -> bool {
    let liten = format!(" {}", text.to_lowercase());
    !artal(text).is_empty()
        || TIDSORD.iter().any(|o| liten.contains(o))
        || ["q1", "q2", "q3", "q4"].iter().any(|q| {
            liten
                .split(|c: char| !c.is_alphanumeric())
                .any(|ord| ord == *q)
        })
}

pub(super) fn granska(g: &mut Granskning<'_>) {
    effektmal(g);
    referenser(g);
    konsolidering(g);
    informationssakerhet(g);
    fordelningsnycklar(g);
    tidplaner(g);
    ar_och_datum(g);
    inaktivt_innehall(g);
    if g.analys.meta.berord_namnd_informerad.is_none() {
        g.rapportera("AA-berord-namnd", "meta.berord_namnd_informerad", "Det framgår inte att berörd nämnd har informerats. Ange datum (och beslut) innan analysen lämnas till stadsledningskontoret.");
    }
}

fn effektmal(g: &mut Granskning<'_>) {
    let a = g.analys;
    let mut mal: Vec<(String, String, String)> = Vec::new();
    if g.aktivt("pagaende_insatser") {
        for (i, insats) in a.pagaende_insatser.insatser.iter().enumerate() {
            let vem = format!(
                "pågående förändringsinsats {} ({})",
                i + 1,
                citera(&insats.namn)
            );
            let sokvag = format!("pagaende_insatser.insatser[{i}].effektmal");
            if insats.effektmal.trim().is_empty() {
                g.rapportera("AA-1.4-effektmal", &sokvag, format!("Effektmål saknas för {vem}. Beskriv varför insatsen genomförs, S.M.A.R.T.: mätbart och tidsatt."));
            } else {
                mal.push((sokvag, vem, insats.effektmal.clone()));
            }
        }
    }
    if g.aktivt("foreslagna_insatser") {
        for (i, insats) in a.foreslagna_insatser.insatser.iter().enumerate() {
            if !insats.strategisk.effektmal.trim().is_empty() {
                let vem = format!(
                    "föreslagen förändringsinsats {} ({})",
                    i + 1,
                    citera(&insats.namn)
                );
                mal.push((
                    format!("foreslagna_insatser.insatser[{i}].strategisk.effektmal"),
                    vem,
                    insats.strategisk.effektmal.clone(),
                ));
            }
        }
    }
    for (sokvag, vem, text) in mal {
        if !matbart(&text) {
            g.rapportera("AA-smart-matbart", &sokvag, format!("Effektmålet för {vem} har inget mätbart (tal, procent, index eller antal): \"{}\". Ange vad som ska mätas och till vilken nivå.", citera(&text)));
        }
        if !tidsatt(&text) {
            g.rapportera("AA-smart-tidsatt", &sokvag, format!("Effektmålet för {vem} säger inte när det ska vara nått: \"{}\". Ange år, datum, kvartal eller \"senast …\".", citera(&text)));
        }
    }
}

/// The catalogue name nearest to an unknown reference, for "menade du …".
fn narmaste(g: &Granskning<'_>, id: &TjanstId) -> Option<String> {
    let sokt = id.0.to_lowercase();
    g.analys
        .tjanstekatalog
        .iter()
        .map(|t| {
            let likhet = strsim::jaro_winkler(&sokt, &t.namn.to_lowercase())
                .max(strsim::jaro_winkler(&sokt, &t.id.0.to_lowercase()));
            (likhet, t)
        })
        .filter(|(likhet, _)| *likhet > 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| format!("\"{}\" ({})", t.namn, t.id))
}

fn referenser(g: &mut Granskning<'_>) {
    let a = g.analys;
    let mut refs: Vec<(String, &TjanstId, bool)> = Vec::new();
    for (i, r) in a.effekthemtagning.rader.iter().enumerate() {
        refs.push((
            format!("effekthemtagning.rader[{i}].tjanst"),
            &r.tjanst,
            false,
        ));
    }
    for (i, r) in a.konsolidering.rader.iter().enumerate() {
        refs.push((format!("konsolidering.rader[{i}].tjanst"), &r.tjanst, true));
    }
    for (i, x) in a.pagaende_insatser.insatser.iter().enumerate() {
        for (j, t) in x.tjanster.iter().enumerate() {
            refs.push((
                format!("pagaende_insatser.insatser[{i}].tjanster[{j}]"),
                t,
                true,
            ));
        }
    }
    for (i, x) in a.foreslagna_insatser.insatser.iter().enumerate() {
        for (j, t) in x.strategisk.tjanster.iter().enumerate() {
            refs.push((
                format!("foreslagna_insatser.insatser[{i}].strategisk.tjanster[{j}]"),
                t,
                true,
            ));
        }
    }
    for (i, r) in a.kostnader.forvaltning.rader.iter().enumerate() {
        refs.push((
            format!("kostnader.forvaltning.rader[{i}].tjanst"),
            &r.tjanst,
            false,
        ));
    }
    for (i, r) in a.kostnader.utveckling.rader.iter().enumerate() {
        refs.push((
            format!("kostnader.utveckling.rader[{i}].tjanst"),
            &r.tjanst,
            false,
        ));
    }
    for (i, r) in a.fordelningsnycklar.rader.iter().enumerate() {
        refs.push((
            format!("fordelningsnycklar.rader[{i}].tjanst"),
            &r.tjanst,
            false,
        ));
    }
    for (i, r) in a.langsiktig_utveckling.avvecklingar.iter().enumerate() {
        refs.push((
            format!("langsiktig_utveckling.avvecklingar[{i}].tjanst"),
            &r.tjanst,
            false,
        ));
    }
    for (sokvag, id, bas_eller_infra) in refs {
        match a.tjanstekatalog.get(id) {
            None => {
                let forslag = narmaste(g, id)
                    .map(|n| format!(" Menade du {n}?"))
                    .unwrap_or_default();
                g.rapportera("AA-referens", sokvag, format!("\"{id}\" finns inte i tjänstekatalogen.{forslag} Välj en tjänst ur katalogen eller lägg till den där."));
            }
            Some(t)
                if bas_eller_infra
                    && !matches!(
                        t.kategori,
                        Tjanstekategori::Bastjanst | Tjanstekategori::DigitalInfrastruktur
                    ) =>
            {
                g.rapportera("AA-referens-kategori", sokvag, format!("\"{}\" är varken bastjänst eller digital infrastruktur. Avsnittet gäller bastjänster och digital infrastruktur; kontrollera tjänstens kategori i katalogen.", t.namn));
            }
            Some(_) => {}
        }
    }

    // Tables that list every bastjänst the leverantör itself provides.
    let egna: Vec<(&TjanstId, &str)> = a
        .tjanstekatalog
        .iter()
        .filter(|t| t.kategori == Tjanstekategori::Bastjanst && t.annan_leverantor.is_none())
        .map(|t| (&t.id, t.namn.as_str()))
        .collect();
    let tabeller: [(&str, &str, Vec<&TjanstId>, &str); 3] = [
        (
            "konsolidering",
            "konsolidering.rader",
            a.konsolidering.rader.iter().map(|r| &r.tjanst).collect(),
            "1.2 Status konsolidering",
        ),
        (
            "kostnader",
            "kostnader.forvaltning.rader",
            a.kostnader
                .forvaltning
                .rader
                .iter()
                .map(|r| &r.tjanst)
                .collect(),
            "3.1 Förvaltningskostnader",
        ),
        (
            "fordelningsnycklar",
            "fordelningsnycklar.rader",
            a.fordelningsnycklar
                .rader
                .iter()
                .map(|r| &r.tjanst)
                .collect(),
            "3.2 Fördelningsnycklar",
        ),
    ];
    for (avsnitt, sokvag, finns, namn) in tabeller {
        if !g.aktivt(avsnitt) {
            continue;
        }
        for (id, tjanst) in &egna {
            if !finns.contains(id) {
                g.rapportera("AA-tackning", sokvag, format!("Bastjänsten \"{tjanst}\" saknas i tabellen {namn}. Lägg till en rad för den; tabellen ska omfatta samtliga bastjänster."));
            }
        }
    }
}

fn konsolidering(g: &mut Granskning<'_>) {
    if !g.aktivt("konsolidering") {
        return;
    }
    let a = g.analys;
    let kunder = g.mall.befintliga_kunder;
    for (i, rad) in a.konsolidering.rader.iter().enumerate() {
        let namn = a.tjanstekatalog.namn(&rad.tjanst).to_string();
        let bas = format!("konsolidering.rader[{i}]");
        if let Some(andel) = rad.andel_befintliga_kunder_procent
            && !(0.0..=100.0).contains(&andel)
        {
            g.rapportera("AA-1.2-andel", format!("{bas}.andel_befintliga_kunder_procent"), format!("Andel befintliga kunder för \"{namn}\" är {} men måste ligga mellan 0 och 100 %.", crate::belopp::formatera_procent(andel)));
        }
        let malgrupp = a.tjanstekatalog.get(&rad.tjanst).and_then(|t| t.malgrupp);
        if let Some(k) = kunder {
            if let Some(n) = rad.anslutna_namnder.filter(|n| *n > k.namnder) {
                g.rapportera(
                    "AA-1.2-andel",
                    format!("{bas}.anslutna_namnder"),
                    format!(
                        "\"{namn}\" anger {n} anslutna nämnder, men staden har {} nämnder.",
                        k.namnder
                    ),
                );
            }
            if let Some(n) = rad
                .anslutna_bolagsstyrelser
                .filter(|n| *n > k.bolagsstyrelser)
            {
                g.rapportera("AA-1.2-andel", format!("{bas}.anslutna_bolagsstyrelser"), format!("\"{namn}\" anger {n} anslutna bolagsstyrelser, men staden har {} bolagsstyrelser.", k.bolagsstyrelser));
            }
            let (namnder, styrelser) = (
                rad.anslutna_namnder.unwrap_or(0),
                rad.anslutna_bolagsstyrelser.unwrap_or(0),
            );
            match malgrupp {
                Some(Malgrupp::EnbartNamnder) if styrelser > 0 => g.rapportera("AA-1.2-malgrupp", format!("{bas}.anslutna_bolagsstyrelser"), format!("\"{namn}\" riktar sig enbart till nämnder men anger {styrelser} anslutna bolagsstyrelser. Kontrollera målgruppen i katalogen eller antalet.")),
                Some(Malgrupp::EnbartStyrelser) if namnder > 0 => g.rapportera("AA-1.2-malgrupp", format!("{bas}.anslutna_namnder"), format!("\"{namn}\" riktar sig enbart till styrelser men anger {namnder} anslutna nämnder. Kontrollera målgruppen i katalogen eller antalet.")),
                _ => {}
            }
            if let Some(andel) = rad.andel_befintliga_kunder_procent
                && (rad.anslutna_namnder.is_some() || rad.anslutna_bolagsstyrelser.is_some())
            {
                let (taljare, namnare) = match malgrupp {
                    Some(Malgrupp::EnbartNamnder) => (namnder, k.namnder),
                    Some(Malgrupp::EnbartStyrelser) => (styrelser, k.bolagsstyrelser),
                    _ => (namnder + styrelser, k.namnder + k.bolagsstyrelser),
                };
                if namnare > 0 {
                    let raknad = f64::from(taljare) * 100.0 / f64::from(namnare);
                    if (raknad - andel).abs() > 1.0 {
                        g.rapportera("AA-1.2-malgrupp", format!("{bas}.andel_befintliga_kunder_procent"), format!("\"{namn}\" anger andelen {} men {taljare} av {namnare} kunder i målgruppen är {}. Rätta andelen eller antalen.", crate::belopp::formatera_procent(andel), crate::belopp::formatera_procent_avrundad(raknad)));
                    }
                }
            }
        }
        match &rad.avsteg_och_avvikelser {
            AvstegOchAvvikelser::EjIfyllt => g.rapportera("AA-1.2-ej-ifyllt", format!("{bas}.avsteg_och_avvikelser"), format!("Avsteg och avvikelser är inte ifyllt för \"{namn}\". Skriv Inga, eller ange varje avsteg och avvikelse under året.")),
            AvstegOchAvvikelser::Angivna { poster } => {
                let avsteg = poster.iter().any(|p| p.typ == Avvikelsetyp::Avsteg);
                if avsteg && rad.andel_befintliga_kunder_procent.is_some_and(|a| a >= 100.0) {
                    g.rapportera("AA-1.2-avsteg", format!("{bas}.andel_befintliga_kunder_procent"), format!("\"{namn}\" anger 100 % av befintliga kunder och samtidigt ett avsteg. En kund med avsteg använder inte tjänsten; rätta andelen eller avsteget."));
                }
                for (j, p) in poster.iter().enumerate().filter(|(_, p)| p.typ == Avvikelsetyp::Avsteg) {
                    let post = format!("{bas}.avsteg_och_avvikelser.poster[{j}]");
                    let kund = if p.kund.trim().is_empty() { String::new() } else { format!(" för {}", p.kund.trim()) };
                    let saknas = [
                        ("motivering", p.motivering.trim().is_empty(), "motivering"),
                        ("beslut_eller_atgard", p.beslut_eller_atgard.trim().is_empty(), "beslut"),
                        (AvstegEllerAvvikelse::DATUMFALT.0, p.beslutsdatum.is_none(), "beslutsdatum"),
                    ];
                    for (falt, _, vad) in saknas.into_iter().filter(|(_, tomt, _)| *tomt) {
                        g.rapportera("AA-1.2-avsteg-beslut", format!("{post}.{falt}"), format!("Avsteget{kund} från \"{namn}\" saknar {vad}. Ett avsteg ska motiveras och beslutas av kundens nämnd eller styrelse; ange motivering, beslut och beslutsdatum."));
                    }
                }
            }
            AvstegOchAvvikelser::Inga => {}
        }
    }
}

fn informationssakerhet(g: &mut Granskning<'_>) {
    if !g.aktivt("foreslagna_insatser") {
        return;
    }
    for (i, x) in g.analys.foreslagna_insatser.insatser.iter().enumerate() {
        let vem = format!(
            "föreslagen förändringsinsats {} ({})",
            i + 1,
            citera(&x.namn)
        );
        if x.teknisk.it_sakerhetsbedomning.svar == Some(JaNej::Ja)
            && x.informationssakerhet.informationsklassning.svar == Some(JaNej::Nej)
        {
            g.rapportera("AA-2.2-infosak", format!("foreslagna_insatser.insatser[{i}].teknisk.it_sakerhetsbedomning.svar"), format!("I {vem} är den tekniska bedömningen \"utifrån informationsklassning\" genomförd, men informationsklassningen är inte det. Gör informationsklassningen först, eller rätta svaren."));
        }
        // Intraservice is told to involve itself in nothing: neither in its own analysis, nor
        // where the comment already says it is involved.
        let intraservice = |text: &str| text.to_lowercase().contains("intraservice");
        let paverkan = &x.teknisk.paverkan_digital_infrastruktur;
        if paverkan.svar == Some(JaNej::Ja)
            && !intraservice(&g.analys.meta.organisation)
            && !intraservice(&paverkan.kommentar)
        {
            g.rapportera("AA-2.2-infrastruktur", format!("foreslagna_insatser.insatser[{i}].teknisk.paverkan_digital_infrastruktur.svar"), format!("Föreslagen förändringsinsats {} ({}) påverkar den digitala infrastrukturen. Intraservice ansvarar för stadens digitala infrastruktur och behöver involveras i bedömningen; skriv i kommentaren hur.", i + 1, citera(&x.namn)));
        }
    }
}

fn fordelningsnycklar(g: &mut Granskning<'_>) {
    if !g.aktivt("fordelningsnycklar") {
        return;
    }
    for (i, rad) in g.analys.fordelningsnycklar.rader.iter().enumerate() {
        let forslag = rad.forslag_justering.trim();
        let ingen = forslag.is_empty() || forslag.to_lowercase().starts_with("ingen");
        if !ingen && rad.motivering.trim().is_empty() {
            let namn = g.analys.tjanstekatalog.namn(&rad.tjanst).to_string();
            g.rapportera("AA-3.2-motivering", format!("fordelningsnycklar.rader[{i}].motivering"), format!("Förslaget att justera fördelningsnyckeln för \"{namn}\" (\"{}\") saknar motivering. Motivera varför nyckeln behöver ändras.", citera(forslag)));
        }
    }
}

fn tidplaner(g: &mut Granskning<'_>) {
    if !g.aktivt("pagaende_insatser") {
        return;
    }
    let ar = g.analys.meta.analysar;
    for (i, x) in g.analys.pagaende_insatser.insatser.iter().enumerate() {
        let Some(sista) = artal(&x.tidplan).into_iter().max() else {
            continue;
        };
        // The analysis for year Y is written during Y-1: a tidplan that ended before Y-1 has
        // passed when the analysis is written.
        if sista < ar.saturating_sub(1) && x.kommentar_avvikelser.trim().is_empty() {
            g.rapportera("AA-1.4-tidplan", format!("pagaende_insatser.insatser[{i}].kommentar_avvikelser"), format!("Tidplanen för pågående förändringsinsats {} ({}) slutar {sista}, men kommentar om avvikelser saknas. Beskriv vad som har hänt och ny tidplan.", i + 1, citera(&x.namn)));
        }
        if sista > ar.saturating_add(2) {
            g.rapportera("AA-ar", format!("pagaende_insatser.insatser[{i}].tidplan"), format!("Tidplanen för pågående förändringsinsats {} nämner {sista}, efter planperioden {ar}–{}. Kontrollera året.", i + 1, ar.saturating_add(2)));
        }
    }
}

fn ar_och_datum(g: &mut Granskning<'_>) {
    let ar = g.analys.meta.analysar;
    let mallens = g.mall.mall.ar;
    if ar != mallens {
        g.rapportera("AA-ar", "meta.mall", format!("Dokumentet gäller {ar} men följer mallen för {mallens} ({}). Kontrollera att mallen fortfarande gäller.", g.mall.mall.id));
    }
    let datum: Vec<(String, chrono::NaiveDate, &str)> = g
        .analys
        .versionshantering
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                format!("versionshantering[{i}].datum"),
                v.datum,
                "versionen",
            )
        })
        .chain(g.analys.meta.berord_namnd_informerad.iter().map(|n| {
            (
                "meta.berord_namnd_informerad.datum".to_string(),
                n.datum,
                "informationen till nämnden",
            )
        }))
        .collect();
    for (sokvag, d, vad) in datum {
        use chrono::Datelike;
        if d.year() > ar || d.year() < ar.saturating_sub(2) {
            g.rapportera("AA-ar", sokvag, format!("Datumet för {vad} ({d}) ligger utanför tiden då analysen för {ar} tas fram. Kontrollera datumet."));
        }
    }
}

fn inaktivt_innehall(g: &mut Granskning<'_>) {
    for (sokvag, meddelande) in super::inaktiv::innehall_som_inte_kommer_med(g.mall, g.json) {
        g.rapportera("AA-inaktiv-innehall", sokvag, meddelande);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurable_and_time_bound() {
        assert!(!matbart("Nöjdare företagare senast 2025"));
        assert!(matbart("Minst 80 procent av besökarna"));
        assert!(matbart("NKI över 75 år 2025"));
        assert!(!matbart("Ökad användning av e-tjänsterna 2024-03-28"));
        assert!(tidsatt("senast 2025"));
        assert!(tidsatt("under Q3"));
        assert!(!tidsatt("Minst 80 procent av besökarna hittar rätt."));
        assert_eq!(artal("2023 och 12024 och 1899, 2199"), vec![2023, 2199]);
    }
}
