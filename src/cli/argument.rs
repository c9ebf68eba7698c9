//! The command line's arguments (clap's derive), with its help and usage errors in Swedish.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser, Subcommand};

use underlag::model::{Forum, Versionshandelse};
use underlag::store::DokumentId;

const HJALPMALL: &str = "\
{before-help}{about-with-newline}
{usage-heading} {usage}

{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "underlag",
    version,
    about = "Underlag – årlig analys av digital utveckling och förvaltning, tjänsteplan och \
             digitaliseringsplan för Göteborgs Stad",
    after_help = "Användarhandboken: underlag help (sidorna), underlag help <ÄMNE> (en sida, \
                  samma text som Hjälp i appen).",
    help_template = HJALPMALL,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Kommandon",
    next_help_heading = "Flaggor",
    override_usage = "underlag [FLAGGOR] <KOMMANDO>"
)]
pub struct Cli {
    /// Databasfil (standard: i användarens datakatalog; eller miljövariabeln UNDERLAG_DB)
    #[arg(long, global = true, env = "UNDERLAG_DB", value_name = "FIL")]
    pub db: Option<PathBuf>,

    /// Katalog med egna mallfiler (*.toml) som läses utöver de inbyggda
    #[arg(long, global = true, env = "UNDERLAG_MALLAR", value_name = "KATALOG")]
    pub mallar: Option<PathBuf>,

    /// Visa hjälp
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help)]
    pub hjalp: Option<bool>,

    /// Visa versionen
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    pub version: Option<bool>,

    #[command(subcommand)]
    pub kommando: Kommando,
}

#[derive(Subcommand)]
pub enum Kommando {
    /// Skriv ett medföljande exempel (en årlig analys, tre tjänsteplaner, en digitaliseringsplan)
    /// till en fil och visa en sammanfattning
    Example {
        /// Vilket exempel: arlig-analys-2024 (standard), tjansteplan-2023-ekonomi,
        /// tjansteplan-2023-kommunikation, tjansteplan-2023-ledning,
        /// digitaliseringsplan-2024-exempel
        #[arg(value_name = "NAMN", default_value = "arlig-analys-2024")]
        namn: String,
        /// Utdatafil, till exempel exempel.underlag.json
        #[arg(short = 'o', long = "output", value_name = "FIL")]
        ut: PathBuf,
    },
    /// Skapa ett nytt, tomt dokument (årlig analys, tjänsteplan eller digitaliseringsplan) i en fil
    New {
        /// Dokumenttyp: arlig-analys, tjansteplan eller digitaliseringsplan
        #[arg(long = "kind", value_name = "TYP")]
        typ: String,
        /// Analysåret (årlig analys) eller planens första år (tjänsteplan, digitaliseringsplan),
        /// till exempel 2025
        #[arg(long = "year", value_name = "ÅR")]
        ar: i32,
        /// Nämnden eller bolaget som lämnar dokumentet
        #[arg(long = "organisation", value_name = "NAMN")]
        organisation: String,
        #[arg(short = 'o', long = "output", value_name = "FIL")]
        ut: PathBuf,
    },
    /// Läs in en utbytesfil (*.underlag.json) av vilken dokumenttyp som helst i databasen
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
        /// Vad som hände (krävs för en tjänsteplan): mall, upprattad, dialog, remissad,
        /// stallningstagande, beslutad, justerad, revidering eller uppdatering; beslutad gör
        /// versionen till planens version
        #[arg(long = "event", value_name = "HÄNDELSE", requires = "id", value_parser = modellvarde::<Versionshandelse>)]
        handelse: Option<Versionshandelse>,
        /// Var det hände, för remisser och beslut: tjansteforum, prioriteringsforum,
        /// beslutsforum eller voit
        #[arg(long = "forum", value_name = "FORUM", requires = "id", value_parser = modellvarde::<Forum>)]
        forum: Option<Forum>,
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
    /// Granska en årlig analys, tjänsteplan eller digitaliseringsplan (ett id i databasen eller en
    /// fil); slutkod 1 om det finns fel
    Validate {
        #[arg(value_name = "ID_ELLER_FIL")]
        dokument: String,
        /// text (standard) eller json
        #[arg(long = "format", value_name = "FORMAT", default_value = "text")]
        format: Utformat,
    },
    /// Exportera en årlig analys, tjänsteplan eller digitaliseringsplan (ett id i databasen eller
    /// en fil) som Word-dokument och Excel-arbetsbok
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
    /// Användarhandboken, samma sidor som Hjälp i appen: utan ÄMNE listas sidorna, med ÄMNE
    /// (sidans namn eller rubrik, till exempel arlig-analys) skrivs sidan
    Help {
        #[arg(value_name = "ÄMNE")]
        amne: Option<String>,
    },
    /// Kör ett av appens kommandon med ett JSON-argument och skriv svaret som JSON (för skript);
    /// utan NAMN listas kommandona
    Call {
        /// Kommandots namn, som i listan
        #[arg(value_name = "NAMN")]
        namn: Option<String>,
        /// Argumentet som JSON, till exempel '{"id": 1}'
        #[arg(value_name = "JSON", default_value = "{}")]
        arg: String,
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
pub enum Backupkommando {
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
pub enum Nyckelkommando {
    /// Visa var databasens nyckel finns och om databasen är krypterad
    Status,
    /// Skapa en nyckelfil som bara du kan läsa, för datorer utan nyckelring (före första start)
    CreateFile,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Insatsstatusval {
    Foreslagen,
    Pagaende,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Utformat {
    Text,
    Json,
}

/// A model enumeration by the name it is stored under (`beslutad`, `prioriteringsforum`): the
/// model's own serde names, so the command line cannot drift from the exchange format.
fn modellvarde<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| format!("\"{text}\" är inget av de tillåtna värdena"))
}

/// clap's own messages are English; say the same in Swedish, with the usage line.
pub fn anvandningsfel(e: clap::Error) -> ExitCode {
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
