//! `underlag`: the command line. It parses arguments, calls the core and reports in Swedish.
//! Exit codes: 0 ok, 1 the document has errors (validation, a later issue), 2 bad input or usage.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser, Subcommand};

use underlag::edit::Andring;
use underlag::model::{Dokument, Dokumenttyp};
use underlag::store::nyckel::{self, Nyckelval};
use underlag::store::{DokumentId, Store};
use underlag::template::Mallbibliotek;
use underlag::{example, exchange, report, schema, validate};

const HJALPMALL: &str = "\
{before-help}{about-with-newline}
{usage-heading} {usage}

{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "underlag",
    version,
    about = "Underlag – årlig analys av digital utveckling och förvaltning för Göteborgs Stad",
    help_template = HJALPMALL,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Kommandon",
    next_help_heading = "Flaggor",
    override_usage = "underlag [FLAGGOR] <KOMMANDO>"
)]
struct Cli {
    /// Databasfil (standard: i användarens datakatalog; eller miljövariabeln UNDERLAG_DB)
    #[arg(long, global = true, env = "UNDERLAG_DB", value_name = "FIL")]
    db: Option<PathBuf>,

    /// Katalog med egna mallfiler (*.toml) som läses utöver de inbyggda
    #[arg(long, global = true, env = "UNDERLAG_MALLAR", value_name = "KATALOG")]
    mallar: Option<PathBuf>,

    /// Visa hjälp
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help)]
    hjalp: Option<bool>,

    /// Visa versionen
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    kommando: Kommando,
}

#[derive(Subcommand)]
enum Kommando {
    /// Skriv det medföljande exemplet (årlig analys 2024) till en fil och visa en sammanfattning
    Example {
        /// Vilket exempel: arlig-analys-2024 (standard), tjansteplan-2023-ekonomi …
        #[arg(value_name = "NAMN", default_value = "arlig-analys-2024")]
        namn: String,
        /// Utdatafil, till exempel exempel.underlag.json
        #[arg(short = 'o', long = "output", value_name = "FIL")]
        ut: PathBuf,
    },
    /// Skapa ett nytt, tomt dokument i en fil
    New {
        /// Dokumenttyp: arlig-analys, tjansteplan eller digitaliseringsplan
        #[arg(long = "kind", value_name = "TYP")]
        typ: String,
        /// Analysår, till exempel 2025
        #[arg(long = "year", value_name = "ÅR")]
        ar: i32,
        /// Nämnden som lämnar dokumentet
        #[arg(long = "organisation", value_name = "NAMN")]
        organisation: String,
        #[arg(short = 'o', long = "output", value_name = "FIL")]
        ut: PathBuf,
    },
    /// Läs in en utbytesfil (*.underlag.json) i databasen
    Import {
        #[arg(value_name = "FIL")]
        fil: PathBuf,
    },
    /// Lista dokumenten i databasen
    List,
    /// Visa ett dokument avsnitt för avsnitt (ett id i databasen eller en fil)
    Show {
        #[arg(value_name = "ID_ELLER_FIL")]
        dokument: String,
    },
    /// Skriv ett dokument ur databasen som utbytesfil
    ExportJson {
        #[arg(value_name = "ID")]
        id: DokumentId,
        #[arg(short = 'o', long = "output", value_name = "FIL")]
        ut: PathBuf,
        /// Lämna ut filen som en del att fylla i: den bär sitt ursprung, så att en senare
        /// sammanfogning (underlag merge) ser vad som ändrats på vardera sidan
        #[arg(long = "part")]
        del: bool,
    },
    /// Registrera en version i dokumentets versionshantering (kan inte ändras efteråt); utan ID
    /// visas programmets version
    Version {
        #[arg(value_name = "ID")]
        id: Option<DokumentId>,
        /// Vad versionen innehåller
        #[arg(long = "description", value_name = "TEXT", requires = "id")]
        beskrivning: Option<String>,
        /// Vem som gjort ändringen
        #[arg(long = "author", value_name = "NAMN", requires = "id")]
        andrad_av: Option<String>,
        /// Versionens datum, ÅÅÅÅ-MM-DD (standard: i dag)
        #[arg(long = "date", value_name = "DATUM")]
        datum: Option<String>,
    },
    /// Lista ett dokuments registrerade versioner
    Versions {
        #[arg(value_name = "ID")]
        id: DokumentId,
    },
    /// Tillämpa ändringar (en JSON-ändring per rad på standard in); varje sparad ändring kvitteras
    Apply {
        #[arg(value_name = "ID")]
        id: DokumentId,
    },
    /// Granska ett dokument (ett id i databasen eller en fil); slutkod 1 om det finns fel
    Validate {
        #[arg(value_name = "ID_ELLER_FIL")]
        dokument: String,
        /// text (standard) eller json
        #[arg(long = "format", value_name = "FORMAT", default_value = "text")]
        format: Utformat,
    },
    /// Exportera ett dokument (ett id i databasen eller en fil) som Word-dokument
    Export {
        #[arg(value_name = "ID_ELLER_FIL")]
        dokument: String,
        /// Word-fil att skriva, till exempel analys.docx
        #[arg(
            long = "docx",
            value_name = "UT.docx",
            required_unless_present = "xlsx"
        )]
        docx: Option<PathBuf>,
        /// Excel-fil att skriva, till exempel kostnader.xlsx
        #[arg(long = "xlsx", value_name = "UT.xlsx")]
        xlsx: Option<PathBuf>,
        /// Utelämna mallens anvisningstexter
        #[arg(long = "without-guidance")]
        utan_anvisningar: bool,
        /// Datum i titelblocket, ÅÅÅÅ-MM-DD (standard: i dag)
        #[arg(long = "date", value_name = "DATUM")]
        datum: Option<String>,
    },
    /// Skriv en samlad Excel-arbetsbok över flera dokument (organisationer och år)
    ExportXlsx {
        /// Utbytesfiler att ta med
        #[arg(long = "combined", value_name = "FIL", num_args = 1.., required = true)]
        filer: Vec<PathBuf>,
        #[arg(short = 'o', long = "output", value_name = "UT.xlsx")]
        ut: PathBuf,
    },
    /// Skriv regelkatalogen (Markdown) som valideringen använder
    Rules {
        #[arg(short = 'o', long = "output", value_name = "FIL")]
        ut: Option<PathBuf>,
    },
    /// Ekonomisk sammanställning utvecklingskostnader över flera tjänsteplaner
    Sammanstallning {
        /// Tjänsteplanerna (utbytesfiler), i den ordning de ska stå
        #[arg(value_name = "FIL", required = true)]
        filer: Vec<PathBuf>,
        #[arg(long, value_name = "UT.docx")]
        docx: Option<PathBuf>,
        #[arg(long, value_name = "UT.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// Stadens portfölj över flera årliga analyser: summor, och med --docx/--xlsx hela portföljen med diagram
    Portfolio {
        /// Analyserna: id i databasen eller utbytesfiler (*.underlag.json)
        #[arg(value_name = "ID_ELLER_FIL", required = true)]
        dokument: Vec<String>,
        /// Ta bara med den här leverantören; kan upprepas
        #[arg(long = "leverantor", value_name = "NAMN")]
        leverantorer: Vec<String>,
        /// Ta bara med analyser för det här året; kan upprepas
        #[arg(long = "ar", value_name = "ÅR")]
        ar: Vec<i32>,
        /// Ta bara med insatser för den här bastjänsten (som i summorna); kan upprepas
        #[arg(long = "tjanst", value_name = "NAMN")]
        tjanster: Vec<String>,
        /// Ta bara med den här kundgruppen; kan upprepas
        #[arg(long = "kundgrupp", value_name = "NAMN")]
        kundgrupper: Vec<String>,
        /// foreslagen eller pagaende; kan upprepas
        #[arg(long = "status", value_name = "STATUS")]
        status: Vec<Insatsstatusval>,
        /// Fritext som ska finnas i insatsens namn, id, leverantör, tjänster eller kundgrupp
        #[arg(long = "sok", value_name = "TEXT", default_value = "")]
        sok: String,
        #[arg(long, value_name = "UT.docx")]
        docx: Option<PathBuf>,
        #[arg(long, value_name = "UT.xlsx")]
        xlsx: Option<PathBuf>,
        /// Datum i Word-dokumentet, ÅÅÅÅ-MM-DD (standard: i dag)
        #[arg(long = "date", value_name = "DATUM")]
        datum: Option<String>,
    },
    /// Ny analys från föregående år: skriv ut vad som flyttas; utan --dry-run sparas den som ett nytt dokument
    NextYear {
        /// Förra årets analys (id i databasen)
        id: DokumentId,
        /// En föreslagen insats (2.2) som godkändes och blir pågående; kan upprepas
        #[arg(long = "approved", value_name = "INSATS-ID")]
        godkanda: Vec<String>,
        /// En pågående insats (1.4) som är avslutad och flyttas till 1.1; kan upprepas
        #[arg(long = "finished", value_name = "INSATS-ID")]
        avslutade: Vec<String>,
        /// Rätta ett flyttat belopp i 3.1 (tkr), till exempel kostnader.forvaltning.rader[0].kostnad.utfall=23100
        #[arg(long = "correct", value_name = "FÄLT=BELOPP")]
        rattelser: Vec<String>,
        /// Visa bara vad som skulle flyttas; spara inget
        #[arg(long)]
        dry_run: bool,
    },
    /// Importera en årlig analys, en tjänsteplan eller en digitaliseringsplan ur en Word-fil (.docx) som följer mallen; skriver ut vad som mappades och vad som inte kunde mappas. Utan --dry-run sparas den som ett nytt dokument
    ImportDocx {
        /// Word-filen
        #[arg(value_name = "FIL")]
        fil: PathBuf,
        /// Nämnden eller bolaget, när Word-filen inte anger det (raden "Organisation: …" eller "Nämnd: …")
        #[arg(long, value_name = "NAMN")]
        organisation: Option<String>,
        /// Analysåret eller planens första år, när varken rubriken eller sidhuvudet anger det
        #[arg(long = "ar", value_name = "ÅR")]
        ar: Option<i32>,
        /// Visa bara rapporten; spara inget
        #[arg(long)]
        dry_run: bool,
    },
    /// Sammanfoga en kollegas del (utbytesfil) med ett dokument: visar vad som är nytt, ändrat
    /// eller i konflikt; inget tas in utan --take eller --take-new
    Merge {
        /// Dokumentet i databasen som delen ska in i
        #[arg(value_name = "ID")]
        id: DokumentId,
        /// Delen, en utbytesfil (*.underlag.json)
        #[arg(value_name = "FIL")]
        fil: PathBuf,
        /// Ta in posten med detta id (se listan); kan upprepas
        #[arg(long = "take", value_name = "POST")]
        ta: Vec<String>,
        /// Ta in alla nya poster (insatser, rader, tjänster)
        #[arg(long = "take-new")]
        ta_nya: bool,
        /// Vem som sammanfogar (standard: användarnamnet)
        #[arg(long = "by", value_name = "NAMN")]
        av: Option<String>,
        /// Visa bara vad som skulle tas in; spara inget
        #[arg(long)]
        dry_run: bool,
    },
    /// Lista ett dokuments sammanfogningar: vem som tog in vilken fil, vad som togs och behölls
    Merges {
        #[arg(value_name = "ID")]
        id: DokumentId,
    },
    /// Säkerhetskopior av databasen: list, create, restore NAMN, settings
    Backup {
        #[command(subcommand)]
        kommando: Backupkommando,
    },
    /// Databasens krypteringsnyckel: status, create-file
    Key {
        #[command(subcommand)]
        kommando: Nyckelkommando,
    },
    /// Skriv JSON Schema för utbytesformatet
    Schema {
        #[arg(short = 'o', long = "output", value_name = "FIL")]
        ut: PathBuf,
    },
    /// Skriv gränssnittets TypeScript-typer (för utvecklare)
    #[command(hide = true)]
    TsTyper {
        #[arg(value_name = "MAPP")]
        mapp: PathBuf,
        /// Skriv också skalets kommandolista och behörigheter hit (src-tauri)
        #[arg(long, value_name = "MAPP")]
        tauri: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum Backupkommando {
    /// Lista säkerhetskopiorna, nyaste först
    List,
    /// Gör en säkerhetskopia nu
    Create,
    /// Ersätt databasens innehåll med en säkerhetskopia (nuvarande läge sparas först som en egen kopia)
    Restore {
        /// Säkerhetskopians namn, som i underlag backup list
        #[arg(value_name = "NAMN")]
        namn: String,
    },
    /// Visa eller ändra hur länge kopiorna sparas och hur ofta de görs
    Settings {
        /// Antal dagar en säkerhetskopia sparas (den nyaste sparas alltid)
        #[arg(long, value_name = "DAGAR")]
        dagar: Option<u32>,
        /// Antal timmar mellan de automatiska säkerhetskopiorna
        #[arg(long = "intervall-timmar", value_name = "TIMMAR")]
        intervall_timmar: Option<u32>,
    },
}

#[derive(Subcommand)]
enum Nyckelkommando {
    /// Visa var databasens nyckel finns och om databasen är krypterad
    Status,
    /// Skapa en nyckelfil som bara du kan läsa, för datorer utan nyckelring (före första start)
    CreateFile,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Insatsstatusval {
    Foreslagen,
    Pagaende,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Utformat {
    Text,
    Json,
}

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

/// clap's own messages are English; say the same in Swedish, with the usage line.
fn anvandningsfel(e: clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let varde = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let meddelande = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "ogiltigt värde \"{}\" för {}",
            varde(ContextKind::InvalidValue),
            varde(ContextKind::InvalidArg)
        ),
        ErrorKind::UnknownArgument => format!("okänd flagga {}", varde(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            format!("okänt kommando {}", varde(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("saknar {}", varde(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "ange ett kommando".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "{} kan inte kombineras med {}",
            varde(ContextKind::InvalidArg),
            varde(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("för många värden: {}", varde(ContextKind::InvalidArg))
        }
        _ => "felaktigt kommando".to_string(),
    };
    eprintln!(
        "fel: {meddelande}\n\nAnvändning: underlag [FLAGGOR] <KOMMANDO>\nSkriv underlag --help för en lista över kommandon."
    );
    ExitCode::from(2)
}

fn kor(cli: Cli) -> Result<ExitCode> {
    let mallar = match &cli.mallar {
        Some(katalog) => Mallbibliotek::med_katalog(katalog)?,
        None => Mallbibliotek::inbyggda()?,
    };
    let db_sokvag = || -> Result<PathBuf> {
        match &cli.db {
            Some(p) => Ok(p.clone()),
            None => Store::standard_sokvag()
                .ok_or_else(|| anyhow!("hittar ingen datakatalog för användaren; ange --db FIL")),
        }
    };
    let oppna_store = || -> Result<Store> {
        let sokvag = db_sokvag()?;
        let (store, _) = Store::oppna(&sokvag, &Nyckelval::standard(&sokvag))?;
        if let Err(e) = store.sakerhetskopiera_vid_behov() {
            eprintln!("varning: den automatiska säkerhetskopian misslyckades: {e}");
        }
        Ok(store)
    };
    match cli.kommando {
        Kommando::Example { namn, ut } => {
            let dokument = example::exempel_med_namn(&namn)
                .ok_or_else(|| {
                    let namn_lista: Vec<&str> =
                        example::EXEMPEL.iter().map(|(n, _, _)| *n).collect();
                    anyhow!(
                        "det finns inget exempel \"{namn}\"; välj bland {}",
                        namn_lista.join(", ")
                    )
                })?
                .context("det medföljande exemplet kunde inte läsas")?;
            skriv_atomiskt(&ut, exchange::skriv(&dokument).as_bytes())?;
            println!("Skrev exemplet till {}\n", ut.display());
            visa(&dokument, &mallar)?;
        }
        Kommando::New {
            typ,
            ar,
            organisation,
            ut,
        } => {
            let typ = Dokumenttyp::parse(&typ).ok_or_else(|| {
                anyhow!("okänd dokumenttyp \"{typ}\"; ange arlig-analys, tjansteplan eller digitaliseringsplan")
            })?;
            let mall = mallar
                .for_ar(typ.as_str(), ar)
                .ok_or_else(|| anyhow!("det finns ingen mall för {typ}"))?;
            let dokument = Dokument::nytt(typ, &organisation, ar, &mall.mall.id);
            if let Some(brott) = underlag::model::kontrollera_referenser(&dokument)
                .into_iter()
                .next()
            {
                bail!("{} ({})", brott.meddelande, brott.sokvag);
            }
            skriv_atomiskt(&ut, exchange::skriv(&dokument).as_bytes())?;
            println!(
                "Skapade {} {ar} för {} enligt mallen {} i {}",
                typ.benamning(),
                for_terminal(dokument.organisation()),
                mall.mall.id,
                ut.display()
            );
        }
        Kommando::Import { fil } => {
            let dokument = las_fil(&fil)?;
            let mut store = oppna_store()?;
            let id = store.skapa(&dokument)?;
            println!(
                "Importerade {} som dokument {id}: {} {}",
                fil.display(),
                for_terminal(dokument.organisation()),
                dokument.ar()
            );
        }
        Kommando::NextYear {
            id,
            godkanda,
            avslutade,
            rattelser,
            dry_run,
        } => {
            let mut store = oppna_store()?;
            let (fore, _) = store.hamta(id)?;
            let rattelser = rattelser
                .iter()
                .map(|r| {
                    let (falt, text) = r.split_once('=').ok_or_else(|| {
                        anyhow!("--correct \"{r}\": skriv FÄLT=BELOPP, till exempel kostnader.forvaltning.rader[0].kostnad.utfall=23100")
                    })?;
                    Ok(underlag::arsskifte::Beloppsrattelse {
                        falt: falt.trim().to_string(),
                        text: text.to_string(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let val = underlag::arsskifte::Arsskiftesval {
                godkanda: godkanda
                    .into_iter()
                    .map(underlag::model::InsatsId)
                    .collect(),
                avslutade: avslutade
                    .into_iter()
                    .map(underlag::model::InsatsId)
                    .collect(),
                rattelser,
            };
            let ar = fore.ar().saturating_add(1);
            let mall = mallar.for_ar(fore.typ().as_str(), ar).ok_or_else(|| {
                anyhow!("det finns ingen mall för {} {ar}", fore.typ().benamning())
            })?;
            let skifte = underlag::arsskifte::nasta_ar(&fore, &val, &mall.mall.id)?;
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
                let nytt = store.skapa(&skifte.dokument)?;
                println!(
                    "\nSparade {} {ar} som dokument {nytt}; dokument {id} är oförändrat.",
                    skifte.dokument.typ().benamning()
                );
            }
        }
        Kommando::ImportDocx {
            fil,
            organisation,
            ar,
            dry_run,
        } => {
            let las = |e: std::io::Error| anyhow!("{} kan inte läsas: {e}", fil.display());
            underlag::ordimport::kontrollera_storlek(std::fs::metadata(&fil).map_err(las)?.len())?;
            let bytes = std::fs::read(&fil).map_err(las)?;
            let val = underlag::ordimport::Importval {
                organisation,
                analysar: ar,
            };
            let import = underlag::ordimport::las_docx(&bytes, &mallar, &val)
                .map_err(|e| anyhow!("{}: {e}", fil.display()))?;
            print!("{}", for_terminal(&import.rapport.som_text()));
            if dry_run {
                println!("\nInget sparat (--dry-run).");
            } else {
                let mut store = oppna_store()?;
                let id = store.skapa(&import.dokument)?;
                println!(
                    "\nImporterade {} som dokument {id}: {} {}",
                    fil.display(),
                    for_terminal(import.dokument.organisation()),
                    import.dokument.ar()
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
            let mut program = underlag::app::Program::new(oppna_store()?, mallar.clone());
            sammanfoga(&mut program, id, &fil, ta, ta_nya, av, dry_run)?;
        }
        Kommando::Merges { id } => {
            let store = oppna_store()?;
            for s in store.sammanfogningar(id)? {
                println!(
                    "{}  {}  {}  av {}: {} tagna, {} behållna (revision {} → {}{})",
                    s.nummer,
                    s.tid,
                    for_terminal(&s.filnamn),
                    for_terminal(&s.av),
                    s.tagna.len(),
                    s.behallna.len(),
                    s.revision_fore,
                    s.revision_efter,
                    if s.med_bas { ", med gemensam bas" } else { "" }
                );
                println!("    sha256 {}", s.fil_sha256);
                for p in &s.tagna {
                    println!("    tog    {}  {}", p.id, for_terminal(&p.etikett));
                }
                for p in &s.behallna {
                    println!("    behöll {}  {}", p.id, for_terminal(&p.etikett));
                }
            }
        }
        Kommando::Backup { kommando } => {
            let mut store = oppna_store()?;
            backup(&mut store, kommando)?;
        }
        Kommando::Key { kommando } => {
            nyckelkommando(&db_sokvag()?, kommando)?;
        }
        Kommando::List => {
            let store = oppna_store()?;
            let poster = store.lista()?;
            if poster.is_empty() {
                println!(
                    "Databasen {} har inga dokument. Importera ett med underlag import FIL.",
                    store.sokvag().display()
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
            let dokument = match dokument.parse::<DokumentId>() {
                Ok(id) => oppna_store()?.hamta(id)?.0,
                Err(_) => las_fil(Path::new(&dokument))?,
            };
            visa(&dokument, &mallar)?;
        }
        Kommando::ExportJson { id, ut, del } => {
            let mut store = oppna_store()?;
            let (dokument, revision) = store.hamta(id)?;
            let text = if del {
                let (dokument, ursprung) = store.lamna_ut(id)?;
                exchange::skriv_med_ursprung(&dokument, Some(&ursprung))
            } else {
                exchange::skriv(&dokument)
            };
            skriv_atomiskt(&ut, text.as_bytes())?;
            println!(
                "Skrev dokument {id} (revision {revision}) till {}",
                ut.display()
            );
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
        } => {
            let (Some(beskrivning), Some(andrad_av)) = (beskrivning, andrad_av) else {
                bail!(
                    "en version registreras med både --description TEXT och --author NAMN: underlag version {id} --description \"…\" --author \"…\""
                );
            };
            let datum = match datum {
                Some(d) => tolka_datum(&d)?,
                None => chrono::Local::now().date_naive(),
            };
            let version = oppna_store()?.registrera_version(id, &beskrivning, &andrad_av, datum)?;
            println!(
                "Registrerade version {} ({}) av dokument {id}: {}",
                version.post.version,
                version.post.datum,
                for_terminal(&version.post.beskrivning)
            );
        }
        Kommando::Versions { id } => {
            let store = oppna_store()?;
            store.hamta(id)?;
            for v in store.versioner(id)? {
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
            let mut store = oppna_store()?;
            store.hamta(id)?;
            let stdin = std::io::stdin();
            let mut stdout = std::io::stdout().lock();
            for (nr, rad) in stdin.lock().lines().enumerate() {
                let rad = rad.context("kunde inte läsa standard in")?;
                if rad.trim().is_empty() {
                    continue;
                }
                let andring: Andring = serde_json::from_str(&rad)
                    .map_err(|e| anyhow!("rad {}: ingen giltig ändring: {e}", nr + 1))?;
                let revision = store
                    .andra(id, &andring)
                    .with_context(|| format!("rad {}", nr + 1))?;
                // Acknowledged only after the transaction committed.
                writeln!(stdout, "sparad {revision}")?;
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
            use underlag::portfolj::{Insatsstatus, Kalla, Portfoljfilter};
            let mut store = None;
            let mut lasta = Vec::with_capacity(dokument.len());
            for (n, d) in dokument.iter().enumerate() {
                lasta.push(match d.parse::<DokumentId>() {
                    Ok(id) => {
                        if store.is_none() {
                            store = Some(oppna_store()?);
                        }
                        let s = store
                            .as_ref()
                            .ok_or_else(|| anyhow!("databasen är inte öppen"))?;
                        (id, s.hamta(id)?.0)
                    }
                    // Files have no store id: their place on the command line stands in.
                    Err(_) => (n as DokumentId + 1, las_fil(Path::new(d))?),
                });
            }
            let mut kallor = Vec::with_capacity(lasta.len());
            for (id, d) in &lasta {
                kallor.push(Kalla {
                    id: *id,
                    dokument: d,
                    mall: mall_for(d, &mallar)?,
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
            let p = underlag::portfolj::portfolj(&kallor, &filter)?;
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
            if let Some(ut) = docx {
                let datum = match datum {
                    Some(d) => tolka_datum(&d)?,
                    None => chrono::Local::now().date_naive(),
                };
                let bytes = underlag::export::skriv_portfolj_docx(&p, datum)?;
                skriv_atomiskt(&ut, &bytes)?;
                println!("Skrev {} ({} kB)", ut.display(), bytes.len() / 1024);
            }
            if let Some(ut) = xlsx {
                let bytes = underlag::export::skriv_portfolj_xlsx(&p)?;
                skriv_atomiskt(&ut, &bytes)?;
                println!("Skrev {} ({} kB)", ut.display(), bytes.len() / 1024);
            }
        }
        Kommando::Validate { dokument, format } => {
            let dokument = match dokument.parse::<DokumentId>() {
                Ok(id) => oppna_store()?.hamta(id)?.0,
                Err(_) => las_fil(Path::new(&dokument))?,
            };
            let mall = mall_for(&dokument, &mallar)?;
            let fynd = validate::validera(&dokument, mall);
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
            let dokument = match dokument.parse::<DokumentId>() {
                Ok(id) => oppna_store()?.hamta(id)?.0,
                Err(_) => las_fil(Path::new(&dokument))?,
            };
            let mall = mall_for(&dokument, &mallar)?;
            let datum = match datum {
                Some(d) => tolka_datum(&d)?,
                None => chrono::Local::now().date_naive(),
            };
            let val = underlag::export::Docxval {
                anvisningar: !utan_anvisningar,
                datum,
            };
            if let Some(docx) = docx {
                let bytes = underlag::export::skriv_docx(&dokument, mall, &val)?;
                skriv_atomiskt(&docx, &bytes)?;
                println!("Skrev {} ({} kB)", docx.display(), bytes.len() / 1024);
            }
            if let Some(xlsx) = xlsx {
                let bytes = underlag::export::skriv_xlsx(&dokument, mall)?;
                skriv_atomiskt(&xlsx, &bytes)?;
                println!("Skrev {} ({} kB)", xlsx.display(), bytes.len() / 1024);
            }
        }
        Kommando::ExportXlsx { filer, ut } => {
            let dokument = filer
                .iter()
                .map(|f| las_fil(f))
                .collect::<Result<Vec<_>>>()?;
            let bytes = underlag::export::skriv_samlad_xlsx(&dokument)?;
            skriv_atomiskt(&ut, &bytes)?;
            println!(
                "Skrev {} med {} dokument ({} kB)",
                ut.display(),
                dokument.len(),
                bytes.len() / 1024
            );
        }
        Kommando::Rules { ut } => {
            let text = validate::regelkatalog_markdown();
            match ut {
                Some(ut) => {
                    skriv_atomiskt(&ut, text.as_bytes())?;
                    println!("Skrev regelkatalogen till {}", ut.display());
                }
                None => print!("{text}"),
            }
        }
        Kommando::Schema { ut } => {
            let text = serde_json::to_string_pretty(&schema::utbytesformat())? + "\n";
            skriv_atomiskt(&ut, text.as_bytes())?;
            println!("Skrev JSON Schema till {}", ut.display());
        }
        Kommando::Sammanstallning { filer, docx, xlsx } => {
            let dokument = filer
                .iter()
                .map(|f| las_fil(f))
                .collect::<Result<Vec<_>>>()?;
            let mut planer = Vec::new();
            for (fil, d) in filer.iter().zip(&dokument) {
                match d {
                    Dokument::Tjansteplan(t) => planer.push(t.as_ref()),
                    _ => bail!("{} är ingen tjänsteplan", fil.display()),
                }
            }
            if docx.is_none() && xlsx.is_none() {
                bail!("ange --docx UT.docx och/eller --xlsx UT.xlsx");
            }
            if let Some(ut) = docx {
                let bytes = underlag::export::skriv_sammanstallning_docx(
                    &planer,
                    chrono::Local::now().date_naive(),
                )?;
                skriv_atomiskt(&ut, &bytes)?;
                println!("Skrev {}", ut.display());
            }
            if let Some(ut) = xlsx {
                let bytes = underlag::export::skriv_sammanstallning_xlsx(&planer)?;
                skriv_atomiskt(&ut, &bytes)?;
                println!("Skrev {}", ut.display());
            }
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

fn tolka_datum(d: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map_err(|_| anyhow!("datumet \"{d}\" ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-03-28"))
}

fn las_fil(fil: &Path) -> Result<Dokument> {
    let metadata =
        std::fs::metadata(fil).with_context(|| format!("kunde inte öppna {}", fil.display()))?;
    // Refuse before reading a huge file into memory.
    exchange::kontrollera_storlek(metadata.len()).map_err(|e| anyhow!("{}: {e}", fil.display()))?;
    let bytes = std::fs::read(fil).with_context(|| format!("kunde inte läsa {}", fil.display()))?;
    exchange::las(&bytes).map_err(|e| anyhow!("{}: {e}", fil.display()))
}

fn mall_for<'m>(
    dokument: &Dokument,
    mallar: &'m Mallbibliotek,
) -> Result<&'m underlag::template::Mall> {
    mallar
        .hamta(dokument.mall())
        .or_else(|| mallar.for_ar(dokument.typ().as_str(), dokument.ar()))
        .ok_or_else(|| anyhow!("mallen \"{}\" finns inte", dokument.mall()))
}

fn visa(dokument: &Dokument, mallar: &Mallbibliotek) -> Result<()> {
    print!(
        "{}",
        for_terminal(&report::disposition(dokument, mall_for(dokument, mallar)?).to_string())
    );
    Ok(())
}

/// `underlag merge`: the same comparison and merge the app's "Sammanfoga del" runs.
fn sammanfoga(
    program: &mut underlag::app::Program,
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

fn skriv_atomiskt(sokvag: &Path, innehall: &[u8]) -> Result<()> {
    underlag::export::skriv_atomiskt(sokvag, innehall)?;
    Ok(())
}

fn backup(store: &mut Store, kommando: Backupkommando) -> Result<()> {
    use underlag::store::sakerhetskopia::{self, Orsak};
    match kommando {
        Backupkommando::List => {
            let kopior = store.sakerhetskopior()?;
            let katalog = sakerhetskopia::katalog(store.sokvag());
            if kopior.is_empty() {
                println!("Inga säkerhetskopior i {} ännu.", katalog.display());
            } else {
                println!("Säkerhetskopior i {} (nyaste först):", katalog.display());
            }
            for k in kopior {
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
            let k = store.sakerhetskopiera(Orsak::Manuell)?;
            println!(
                "Säkerhetskopian {} är gjord i {}.",
                k.namn,
                sakerhetskopia::katalog(store.sokvag()).display()
            );
        }
        Backupkommando::Restore { namn } => {
            let fore = store.aterstall(&namn)?;
            println!(
                "Databasen är återställd från {namn}. Läget före återställningen finns kvar som {}.",
                fore.namn
            );
        }
        Backupkommando::Settings {
            dagar,
            intervall_timmar,
        } => {
            let mut installningar = store.installningar()?;
            if dagar.is_some() || intervall_timmar.is_some() {
                installningar.behall_dagar = dagar.unwrap_or(installningar.behall_dagar);
                installningar.intervall_timmar =
                    intervall_timmar.unwrap_or(installningar.intervall_timmar);
                store.spara_installningar(&installningar)?;
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
