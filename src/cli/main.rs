//! `underlag`: the command line. It parses arguments (`argument.rs`), calls the app's commands
//! (`underlag::app::Program`) or, for files, `underlag::app::filer`, and prints in Swedish.
//! Exit codes: 0 ok, 1 the document has errors (validation, a later issue), 2 bad input or usage.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;

use underlag::app::{
    AndraArg, AterstallArg, DelArg, ExportArg, Exportformat, Formular, IdArg, IngaArg, NastaArArg,
    NyttDokumentArg, OrdimportArg, Program, SokvagArg, SparaVersionArg, filer,
};
use underlag::arsskifte::{Arsskiftesval, Beloppsrattelse};
use underlag::edit::Andring;
use underlag::export::Docxval;
use underlag::model::{Dokument, InsatsId, Versionspost};
use underlag::store::nyckel::{self, Nyckelval};
use underlag::store::{DokumentId, Store};
use underlag::template::Mallbibliotek;
use underlag::{report, schema, validate};

mod argument;

use argument::{
    Backupkommando, Cli, Insatsstatusval, Kommando, Nyckelkommando, Utformat, anvandningsfel,
};

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so println! to a closed pipe panics; a command-line tool should just
    // stop, as `head` and `grep -q` expect.
    #[cfg(unix)]
    // SAFETY: called first in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return anvandningsfel(e),
    };
    match kor(cli) {
        Ok(kod) => kod,
        Err(e) => {
            let mut meddelande = format!("fel: {e}");
            for orsak in e.chain().skip(1) {
                meddelande.push_str(&format!("\n  orsak: {orsak}"));
            }
            eprintln!("{}", for_terminal(&meddelande));
            ExitCode::from(2)
        }
    }
}

/// What a subcommand may need: the templates, and the database, opened on first use so that a
/// command on files never creates one.
struct Sammanhang {
    mallar: Mallbibliotek,
    db: Option<PathBuf>,
    program: Option<Program>,
}

impl Sammanhang {
    fn db_sokvag(&self) -> Result<PathBuf> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => Store::standard_sokvag()
                .ok_or_else(|| anyhow!("hittar ingen datakatalog för användaren; ange --db FIL")),
        }
    }

    fn program(&mut self) -> Result<&mut Program> {
        let program = match self.program.take() {
            Some(p) => p,
            None => {
                let sokvag = self.db_sokvag()?;
                Program::oppna_med(&sokvag, &Nyckelval::standard(&sokvag), self.mallar.clone())?
            }
        };
        Ok(self.program.insert(program))
    }

    /// `ID_ELLER_FIL`: a number is a document in the database, anything else an exchange file.
    fn dokument(&mut self, kalla: &str) -> Result<Dokument> {
        Ok(match kalla.parse::<DokumentId>() {
            Ok(id) => self.program()?.dokument(id)?,
            Err(_) => {
                // As the app reads an imported file: a plan written before the city plan's
                // pick-lists gets the values its text quotes, so validate and export agree
                // with what the app would show.
                let mut dokument = filer::las_utbytesfil(Path::new(kalla))?;
                if let Ok(mall) = filer::mall_for(&self.mallar, &dokument) {
                    underlag::template::planval::uppgradera(&mut dokument, mall);
                }
                dokument
            }
        })
    }
}

fn kor(cli: Cli) -> Result<ExitCode> {
    let mallar = match &cli.mallar {
        Some(katalog) => Mallbibliotek::med_katalog(katalog)?,
        None => Mallbibliotek::inbyggda()?,
    };
    let mut s = Sammanhang {
        mallar,
        db: cli.db,
        program: None,
    };
    match cli.kommando {
        Kommando::Example { namn, ut } => {
            let dokument = filer::exempeldokument(&namn)?;
            filer::skriv_utbytesfil(&dokument, &ut)?;
            println!("Skrev exemplet till {}\n", ut.display());
            visa(&dokument, &s.mallar)?;
        }
        Kommando::New {
            typ,
            ar,
            organisation,
            ut,
        } => {
            let mall = filer::mall_for_ar(&s.mallar, &typ, ar)?.mall.id.clone();
            let arg = NyttDokumentArg {
                mall,
                organisation,
                ar,
            };
            let dokument = filer::nytt_dokument(&s.mallar, &arg)?;
            filer::skriv_utbytesfil(&dokument, &ut)?;
            println!(
                "Skapade {} {ar} för {} enligt mallen {} i {}",
                dokument.typ().benamning(),
                for_terminal(dokument.organisation()),
                dokument.mall(),
                ut.display()
            );
        }
        Kommando::Import { fil } => {
            let sokvag = fil.display().to_string();
            let vy = s.program()?.importera(SokvagArg { sokvag })?;
            println!(
                "Importerade {} som dokument {}: {}, {}",
                fil.display(),
                vy.id,
                for_terminal(&vy.organisation),
                for_terminal(&vy.titel)
            );
        }
        Kommando::NextYear {
            id,
            godkanda,
            avslutade,
            rattelser,
            dry_run,
        } => {
            let rattelser = rattelser
                .iter()
                .map(|r| {
                    let (falt, text) = r.split_once('=').ok_or_else(|| {
                        anyhow!("--correct \"{r}\": skriv FÄLT=BELOPP, till exempel kostnader.forvaltning.rader[0].kostnad.utfall=23100")
                    })?;
                    Ok(Beloppsrattelse {
                        falt: falt.trim().to_string(),
                        text: text.to_string(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let arg = NastaArArg {
                id,
                val: Arsskiftesval {
                    godkanda: godkanda.into_iter().map(InsatsId).collect(),
                    avslutade: avslutade.into_iter().map(InsatsId).collect(),
                    rattelser,
                },
            };
            let program = s.program()?;
            let skifte = program.forhandsgranska_nasta_ar(arg.clone())?;
            for f in &skifte.flyttar {
                println!("{}: {}", f.avsnitt, f.beskrivning);
            }
            println!("\nFlyttade belopp i 3.1 (bekräfta eller rätta med --correct):");
            for k in &skifte.kostnader {
                println!(
                    "  {:<28} {:<36} {:>14}  (var {})  {}",
                    k.tjanst,
                    k.kolumn,
                    k.belopp
                        .map(underlag::belopp::formatera_tkr)
                        .unwrap_or_else(|| "–".into()),
                    k.fran,
                    k.falt
                );
            }
            if dry_run {
                println!("\nInget sparat (--dry-run).");
            } else {
                let vy = program.skapa_nasta_ar(arg)?;
                println!(
                    "\nSparade {} som dokument {}; dokument {id} är oförändrat.",
                    for_terminal(&vy.titel),
                    vy.id
                );
            }
        }
        Kommando::ImportDocx {
            fil,
            organisation,
            ar,
            dry_run,
        } => {
            let arg = OrdimportArg {
                sokvag: fil.display().to_string(),
                organisation,
                analysar: ar,
                forhandsgranskad_sha256: None,
                arbete: None,
            };
            if dry_run {
                let import = underlag::app::las_word(&s.mallar, &arg)?;
                print!("{}", for_terminal(&import.rapport.som_text()));
                println!("\nInget sparat (--dry-run).");
            } else {
                let import = s.program()?.importera_word(arg)?;
                print!("{}", for_terminal(&import.rapport.som_text()));
                println!(
                    "\nImporterade {} som dokument {}: {}, {}",
                    fil.display(),
                    import.vy.id,
                    for_terminal(&import.vy.organisation),
                    for_terminal(&import.vy.titel)
                );
            }
        }
        Kommando::Merge {
            id,
            fil,
            ta,
            ta_nya,
            av,
            dry_run,
        } => {
            sammanfoga(s.program()?, id, &fil, ta, ta_nya, av, dry_run)?;
        }
        Kommando::Merges { id } => {
            for m in s.program()?.sammanfogningar(IdArg { id })? {
                println!(
                    "{}  {}  {}  av {}: {} tagna, {} behållna (revision {} → {}{})",
                    m.nummer,
                    m.tid,
                    for_terminal(&m.filnamn),
                    for_terminal(&m.av),
                    m.tagna.len(),
                    m.behallna.len(),
                    m.revision_fore,
                    m.revision_efter,
                    if m.med_bas { ", med gemensam bas" } else { "" }
                );
                println!("    sha256 {}", m.fil_sha256);
                for p in &m.tagna {
                    println!("    tog    {}  {}", p.id, for_terminal(&p.etikett));
                }
                for p in &m.behallna {
                    println!("    behöll {}  {}", p.id, for_terminal(&p.etikett));
                }
            }
        }
        Kommando::Backup { kommando } => backup(s.program()?, kommando)?,
        Kommando::Key { kommando } => nyckelkommando(&s.db_sokvag()?, kommando)?,
        Kommando::List => {
            let program = s.program()?;
            let poster = program.dokumentlista(IngaArg {})?;
            if poster.is_empty() {
                println!(
                    "Databasen {} har inga dokument. Importera ett med underlag import FIL.",
                    program.store().sokvag().display()
                );
            }
            for p in poster {
                println!(
                    "{:>4}  {:<14} {}  {:<50}  revision {}",
                    p.id,
                    p.dokumenttyp,
                    p.ar,
                    for_terminal(&p.organisation),
                    p.revision
                );
            }
        }
        Kommando::Show { dokument } => {
            let dokument = s.dokument(&dokument)?;
            visa(&dokument, &s.mallar)?;
        }
        Kommando::ExportJson { id, ut, del } => {
            let sokvag = ut.display().to_string();
            let program = s.program()?;
            let r = if del {
                program.lamna_ut_del(DelArg { id, sokvag })?
            } else {
                program.exportera(ExportArg {
                    id,
                    format: Exportformat::Json,
                    sokvag,
                    anvisningar: false,
                    slutlig: false,
                    bekraftat: false,
                    datum: None,
                    arbete: None,
                })?
            };
            println!("Skrev dokument {id} till {}", r.sokvag);
        }
        Kommando::Version {
            id: None, datum, ..
        } => {
            if datum.is_some() {
                bail!("--date hör till en version som registreras: ange dokumentets ID");
            }
            // What IT checks after an install, as `underlag --version` prints it.
            println!("underlag {}", env!("CARGO_PKG_VERSION"));
        }
        Kommando::Version {
            id: Some(id),
            beskrivning,
            andrad_av,
            datum,
            handelse,
            forum,
        } => {
            let (Some(beskrivning), Some(andrad_av)) = (beskrivning, andrad_av) else {
                bail!(
                    "en version registreras med både --description TEXT och --author NAMN: underlag version {id} --description \"…\" --author \"…\""
                );
            };
            let datum = datum.as_deref().map(tolka_datum).transpose()?;
            let program = s.program()?;
            let vy = program.spara_version(SparaVersionArg {
                id,
                beskrivning,
                andrad_av,
                datum,
                handelse,
                forum,
            })?;
            if let Some(v) = program.versioner(IdArg { id })?.last() {
                println!(
                    "Registrerade version {} ({}{}) av dokument {id}: {}",
                    v.post.version,
                    v.post.datum,
                    handelse_text(&vy.formular, &v.post),
                    for_terminal(&v.post.beskrivning)
                );
            }
        }
        Kommando::Versions { id } => {
            for v in s.program()?.versioner(IdArg { id })? {
                println!(
                    "{:<6} {}  {:<24} {}",
                    v.post.version,
                    v.post.datum,
                    for_terminal(&v.post.andrad_av),
                    for_terminal(&v.post.beskrivning)
                );
            }
        }
        Kommando::Apply { id } => {
            let program = s.program()?;
            // A wrong id is said before anything is read from standard in.
            program.dokument(id)?;
            let stdin = std::io::stdin();
            let mut stdout = std::io::stdout().lock();
            for (nr, rad) in stdin.lock().lines().enumerate() {
                let rad = rad.context("kunde inte läsa standard in")?;
                if rad.trim().is_empty() {
                    continue;
                }
                let andring: Andring = serde_json::from_str(&rad)
                    .map_err(|e| anyhow!("rad {}: ingen giltig ändring: {e}", nr + 1))?;
                let vy = program
                    .andra(AndraArg { id, andring })
                    .with_context(|| format!("rad {}", nr + 1))?;
                // Acknowledged only after the transaction committed.
                writeln!(stdout, "sparad {}", vy.revision)?;
                stdout.flush()?;
            }
        }
        Kommando::Portfolio {
            dokument,
            leverantorer,
            ar,
            tjanster,
            kundgrupper,
            status,
            sok,
            docx,
            xlsx,
            datum,
        } => {
            use underlag::portfolj::{Insatsstatus, Portfoljfilter};
            let mut lasta = Vec::with_capacity(dokument.len());
            for (n, d) in dokument.iter().enumerate() {
                lasta.push(match d.parse::<DokumentId>() {
                    Ok(id) => (id, s.program()?.dokument(id)?),
                    // Files have no store id: their place on the command line stands in.
                    Err(_) => (n as DokumentId + 1, filer::las_utbytesfil(Path::new(d))?),
                });
            }
            let filter = Portfoljfilter {
                leverantorer,
                ar,
                tjanster,
                kundgrupper,
                status: status
                    .into_iter()
                    .map(|s| match s {
                        Insatsstatusval::Foreslagen => Insatsstatus::Foreslagen,
                        Insatsstatusval::Pagaende => Insatsstatus::Pagaende,
                    })
                    .collect(),
                fritext: sok,
            };
            let p = filer::portfolj(&s.mallar, &lasta, &filter)?;
            visa_portfolj(&p);
            let datum = idag_eller(datum)?;
            for (format, ut) in [(Exportformat::Docx, docx), (Exportformat::Xlsx, xlsx)] {
                if let Some(ut) = ut {
                    let r = filer::exportera_portfolj(&p, format, ut.display().to_string(), datum)?;
                    println!("Skrev {} ({} kB)", r.sokvag, r.byte / 1024);
                }
            }
        }
        Kommando::Validate { dokument, format } => {
            let lagrat = dokument.parse::<DokumentId>().is_ok();
            let dokument = s.dokument(&dokument)?;
            // A stored analysis is compared with last year's, as the app does; a file is
            // judged on its own, without opening the database.
            let mall = filer::mall_for(&s.mallar, &dokument)?;
            let fynd = match &s.program {
                Some(p) if lagrat => p.validera(&dokument, mall),
                _ => validate::validera(&dokument, mall),
            };
            match format {
                Utformat::Json => println!("{}", serde_json::to_string_pretty(&fynd)?),
                Utformat::Text => print!(
                    "{}",
                    for_terminal(&report::fynd_som_text(&fynd, mall, dokument.ar()))
                ),
            }
            if validate::har_fel(&fynd) {
                return Ok(ExitCode::from(1));
            }
        }
        Kommando::Export {
            dokument,
            docx,
            xlsx,
            utan_anvisningar,
            datum,
        } => {
            let dokument = s.dokument(&dokument)?;
            let mall = filer::mall_for(&s.mallar, &dokument)?;
            let docxval = Docxval {
                anvisningar: !utan_anvisningar,
                datum: idag_eller(datum)?,
            };
            for (format, ut) in [(Exportformat::Docx, docx), (Exportformat::Xlsx, xlsx)] {
                if let Some(ut) = ut {
                    let val = filer::Exportval {
                        format,
                        sokvag: ut.display().to_string(),
                        docx: docxval.clone(),
                        fraga_vid_fel: false,
                        avbrott: Default::default(),
                    };
                    let r = filer::exportera_dokument(&dokument, mall, &val)?;
                    println!("Skrev {} ({} kB)", r.sokvag, r.byte / 1024);
                }
            }
        }
        Kommando::ExportXlsx { filer: filnamn, ut } => {
            let dokument = filnamn
                .iter()
                .map(|f| filer::las_utbytesfil(f))
                .collect::<Result<Vec<_>, _>>()?;
            let r = filer::exportera_samlad_xlsx(&dokument, ut.display().to_string())?;
            println!(
                "Skrev {} med {} dokument ({} kB)",
                r.sokvag,
                dokument.len(),
                r.byte / 1024
            );
        }
        Kommando::Rules { ut } => {
            let text = validate::regelkatalog_markdown();
            match ut {
                Some(ut) => {
                    filer::skriv_text(&ut, &text)?;
                    println!("Skrev regelkatalogen till {}", ut.display());
                }
                None => print!("{text}"),
            }
        }
        Kommando::Schema { ut } => {
            let text = serde_json::to_string_pretty(&schema::utbytesformat())? + "\n";
            filer::skriv_text(&ut, &text)?;
            println!("Skrev JSON Schema till {}", ut.display());
        }
        Kommando::Sammanstallning {
            filer: filnamn,
            docx,
            xlsx,
        } => {
            if docx.is_none() && xlsx.is_none() {
                bail!("ange --docx UT.docx och/eller --xlsx UT.xlsx");
            }
            let planer = filnamn
                .iter()
                .map(|f| Ok((f.display().to_string(), filer::las_utbytesfil(f)?)))
                .collect::<Result<Vec<_>>>()?;
            let idag = chrono::Local::now().date_naive();
            for (format, ut) in [(Exportformat::Docx, docx), (Exportformat::Xlsx, xlsx)] {
                if let Some(ut) = ut {
                    let r = filer::exportera_sammanstallning(
                        &planer,
                        format,
                        ut.display().to_string(),
                        idag,
                    )?;
                    println!("Skrev {}", r.sokvag);
                }
            }
        }
        Kommando::Help { amne: None } => {
            println!("Användarhandbokens sidor (underlag help <ÄMNE> skriver en):");
            for sida in underlag::hjalp::sidor() {
                println!("  {:<22}{}", sida.id, sida.titel);
            }
        }
        Kommando::Help { amne: Some(amne) } => print!("{}", underlag::hjalp::markdown(&amne)?),
        Kommando::Call { namn: None, .. } => {
            for namn in underlag::app::KOMMANDON {
                println!("{namn}");
            }
        }
        Kommando::Call {
            namn: Some(namn),
            arg,
        } => {
            let arg: serde_json::Value = serde_json::from_str(&arg).map_err(|e| {
                anyhow!(
                    "argumentet till {namn} är ingen giltig JSON (rad {}, kolumn {})",
                    e.line(),
                    e.column()
                )
            })?;
            let svar = s.program()?.utfor(&namn, arg)?;
            println!("{}", serde_json::to_string_pretty(&svar)?);
        }
        Kommando::TsTyper { mapp, tauri } => {
            underlag::app::typer::skriv_typer(&mapp)?;
            println!("Skrev TypeScript-typer till {}", mapp.display());
            if let Some(tauri) = tauri {
                underlag::app::typer::skriv_tauri(&tauri)?;
                println!(
                    "Skrev kommandolistan och behörigheterna till {}",
                    tauri.display()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// ", Beslutad i Prioriteringsforum" with the template's labels, or nothing.
fn handelse_text(formular: &Formular, post: &Versionspost) -> String {
    let etikett = |nyckel: &str, varde: Option<serde_json::Value>| {
        let varde = varde.as_ref().and_then(serde_json::Value::as_str)?;
        let falt = formular.versionsfalt.iter().find(|f| f.nyckel == nyckel);
        Some(
            falt.and_then(|f| f.val.iter().find(|v| v.varde == varde))
                .map_or(varde.to_string(), |v| v.etikett.clone()),
        )
    };
    let handelse = etikett(
        "handelse",
        post.handelse.and_then(|h| serde_json::to_value(h).ok()),
    );
    let forum = etikett(
        "forum",
        post.forum.and_then(|f| serde_json::to_value(f).ok()),
    );
    match (handelse, forum) {
        (Some(h), Some(f)) => format!(", {h} i {f}"),
        (Some(h), None) => format!(", {h}"),
        (None, Some(f)) => format!(", {f}"),
        (None, None) => String::new(),
    }
}

fn tolka_datum(d: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map_err(|_| anyhow!("datumet \"{d}\" ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-03-28"))
}

/// `--date`, or today.
fn idag_eller(datum: Option<String>) -> Result<chrono::NaiveDate> {
    match datum {
        Some(d) => tolka_datum(&d),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn visa(dokument: &Dokument, mallar: &Mallbibliotek) -> Result<()> {
    print!(
        "{}",
        for_terminal(
            &report::disposition(dokument, filer::mall_for(mallar, dokument)?).to_string()
        )
    );
    Ok(())
}

fn visa_portfolj(p: &underlag::portfolj::Portfolj) {
    let mut text = String::new();
    for d in &p.dokument {
        text.push_str(&format!(
            "{} {}: {} fel, {} varningar\n",
            d.organisation, d.analysar, d.fel, d.varningar
        ));
    }
    text.push_str(&format!(
        "\n{} insatser, sammanlagd projektbudget {}\n",
        p.insatser.len(),
        if p.summor.totalt.belopp.visning.is_empty() {
            "ej angiven"
        } else {
            &p.summor.totalt.belopp.visning
        }
    ));
    for (rubrik, poster) in [
        ("Per leverantör", &p.summor.per_leverantor),
        ("Per bastjänst", &p.summor.per_bastjanst),
        ("Per kundgrupp", &p.summor.per_kundgrupp),
        ("Per år", &p.summor.per_ar),
    ] {
        text.push_str(&format!("\n{rubrik}:\n"));
        for s in poster {
            text.push_str(&format!(
                "  {:<60} {:>16}  {} st\n",
                s.etikett, s.belopp.visning, s.antal
            ));
        }
    }
    print!("{}", for_terminal(&text));
}

/// `underlag merge`: the same comparison and merge the app's "Sammanfoga del" runs.
fn sammanfoga(
    program: &mut Program,
    id: DokumentId,
    fil: &Path,
    ta: Vec<String>,
    ta_alla_nya: bool,
    av: Option<String>,
    dry_run: bool,
) -> Result<()> {
    use underlag::sammanfogning::{Posttyp, Sammanfogningsval};
    let del = program
        .jamfor_del(id, fil)
        .map_err(|e| anyhow!(e.meddelande))?;
    let j = &del.jamforelse;
    for v in &j.varningar {
        println!("varning: {}", for_terminal(v));
    }
    let mut avsnitt = "";
    for p in &j.poster {
        if p.avsnitt != avsnitt {
            avsnitt = &p.avsnitt;
            println!("\n{}", for_terminal(avsnitt));
        }
        let typ = match p.typ {
            Posttyp::Ny => "ny",
            Posttyp::Andrad => "ändrad",
            Posttyp::Konflikt => "konflikt",
        };
        let grupp = p
            .grupp
            .as_deref()
            .map(|g| format!("{} – ", for_terminal(g)))
            .unwrap_or_default();
        println!("  [{typ}] {}  {grupp}{}", p.id, for_terminal(&p.etikett));
        if !p.nuvarande.is_empty() {
            println!(
                "      nu:   {}",
                for_terminal(&p.nuvarande).replace('\n', "\n            ")
            );
        }
        println!(
            "      del:  {}",
            for_terminal(&p.inkommande).replace('\n', "\n            ")
        );
        if let Some(a) = &p.anmarkning {
            println!("      obs:  {}", for_terminal(a));
        }
        if !p.kraver.is_empty() {
            println!("      kräver: {}", p.kraver.join(", "));
        }
    }
    println!(
        "\n{} nya, {} ändrade, {} i konflikt, {} oförändrade fält ({}).",
        j.antal(Posttyp::Ny),
        j.antal(Posttyp::Andrad),
        j.antal(Posttyp::Konflikt),
        j.oforandrade,
        if j.med_bas {
            "jämfört med den utlämnade versionen"
        } else {
            "utan gemensam utgångspunkt"
        }
    );
    let val = Sammanfogningsval { ta, ta_alla_nya };
    let utfall = underlag::sammanfogning::valj(j, &val)?;
    if utfall.tagna.is_empty() {
        println!("Inget valt: ange --take POST eller --take-new. Inget har sparats.");
        return Ok(());
    }
    for p in &utfall.tagna {
        println!("tar in: {}  {}", p.id, for_terminal(&p.etikett));
    }
    if dry_run {
        println!("Inget sparat (--dry-run).");
        return Ok(());
    }
    let av = av.unwrap_or_else(underlag::app::anvandarnamn);
    let vy = program
        .sammanfoga(underlag::app::SammanfogaArg {
            id,
            sokvag: fil.display().to_string(),
            revision: del.revision,
            fil_sha256: del.fil_sha256.clone(),
            val,
            av: av.clone(),
        })
        .map_err(|e| anyhow!(e.meddelande))?;
    println!(
        "Sammanfogade {} i dokument {id} (revision {}): {} tagna, {} behållna, av {}.",
        for_terminal(&del.filnamn),
        vy.revision,
        utfall.tagna.len(),
        utfall.behallna.len(),
        for_terminal(&av)
    );
    Ok(())
}

/// Document text on its way to a terminal. A control character from a document would act on
/// the terminal instead of showing (ESC starts an escape sequence that can recolour, move the
/// cursor or retitle the window; CR overwrites the line), and a bidi override would reorder what
/// follows it; each is printed as `\u{1b}` instead. Tab and line feed stay.
fn for_terminal(text: &str) -> String {
    let mut ut = String::with_capacity(text.len());
    for c in text.replace("\r\n", "\n").chars() {
        if c == '\r' || (c != '\n' && c != '\t' && validate::dolt_tecken(c).is_some()) {
            ut.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            ut.push(c);
        }
    }
    ut
}

fn backup(program: &mut Program, kommando: Backupkommando) -> Result<()> {
    match kommando {
        Backupkommando::List => {
            let s = program.sakerhetskopior(IngaArg {})?;
            if s.kopior.is_empty() {
                println!("Inga säkerhetskopior i {} ännu.", s.katalog);
            } else {
                println!("Säkerhetskopior i {} (nyaste först):", s.katalog);
            }
            for k in s.kopior {
                println!(
                    "  {}  {:>9}  {}",
                    k.namn,
                    format!(
                        "{} kB",
                        underlag::belopp::formatera_heltal(
                            i64::try_from(k.byte.div_ceil(1024)).unwrap_or(i64::MAX)
                        )
                    ),
                    k.beskrivning
                );
            }
        }
        Backupkommando::Create => {
            let s = program.sakerhetskopiera(IngaArg {})?;
            if let Some(k) = s.kopior.first() {
                println!("Säkerhetskopian {} är gjord i {}.", k.namn, s.katalog);
            }
        }
        Backupkommando::Restore { namn } => {
            let s = program.aterstall_sakerhetskopia(AterstallArg { namn: namn.clone() })?;
            // The state before the restore was saved first, so it is now the newest copy.
            let fore = s.kopior.first().map(|k| k.namn.as_str()).unwrap_or("");
            println!(
                "Databasen är återställd från {namn}. Läget före återställningen finns kvar som {fore}."
            );
        }
        Backupkommando::Settings {
            dagar,
            intervall_timmar,
        } => {
            let mut installningar = program.sakerhetskopior(IngaArg {})?.installningar;
            if dagar.is_some() || intervall_timmar.is_some() {
                installningar.behall_dagar = dagar.unwrap_or(installningar.behall_dagar);
                installningar.intervall_timmar =
                    intervall_timmar.unwrap_or(installningar.intervall_timmar);
                installningar = program.spara_installningar(installningar)?.installningar;
            }
            println!(
                "Säkerhetskopior görs var {} timme/timmar och sparas i {} dagar (den nyaste sparas alltid).",
                installningar.intervall_timmar, installningar.behall_dagar
            );
        }
    }
    Ok(())
}

fn nyckelkommando(db: &Path, kommando: Nyckelkommando) -> Result<()> {
    let val = Nyckelval::standard(db);
    match kommando {
        Nyckelkommando::Status => {
            let tillstand = match nyckel::databastillstand(db)? {
                nyckel::Databastillstand::Saknas => "finns inte ännu (skapas krypterad)",
                nyckel::Databastillstand::Okrypterad => {
                    "är okrypterad (krypteras när den öppnas nästa gång)"
                }
                nyckel::Databastillstand::Krypterad => "är krypterad",
            };
            println!("Databasen {} {tillstand}.", db.display());
            let (store, kalla) = Store::oppna(db, &val)?;
            store.kontrollera_integritet()?;
            println!("Nyckeln finns i {kalla} och öppnar databasen.");
        }
        Nyckelkommando::CreateFile => {
            nyckel::skapa_nyckelfil(db, &val.fil)?;
            println!(
                "Nyckelfilen {} är skapad och kan bara läsas av dig. Förvara en kopia säkert: utan nyckeln går databasen inte att läsa.",
                val.fil.display()
            );
        }
    }
    Ok(())
}
