use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Kronor, TjanstId, Tjanstekatalog, Trearsbelopp};

/// Årlig analys av digital utveckling och förvaltning: one leverantörsnämnd's analysis for one
/// year. Section fields are named after what they hold; the template maps numbers to them
/// (1.1 `effekthemtagning`, 1.2 `konsolidering`, … 4 `langsiktig_utveckling`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ArligAnalys {
    pub meta: Meta,
    #[serde(default)]
    pub tjanstekatalog: Tjanstekatalog,
    #[serde(default)]
    pub versionshantering: Vec<Versionspost>,
    /// 1.1 Genomförd effekthemtagning
    #[serde(default)]
    pub effekthemtagning: Effekthemtagning,
    /// 1.2 Status konsolidering
    #[serde(default)]
    pub konsolidering: Konsolidering,
    /// 1.3 Portföljanalys
    #[serde(default)]
    pub portfoljanalys: Portfoljanalys,
    /// 1.4 Pågående förändringsinsatser
    #[serde(default)]
    pub pagaende_insatser: PagaendeInsatser,
    /// 2.1 Framåtsyftande portföljanalys
    #[serde(default)]
    pub framatsyftande_portfoljanalys: Portfoljanalys,
    /// 2.2 Förslag på nya förändringsinsatser
    #[serde(default)]
    pub foreslagna_insatser: ForeslagnaInsatser,
    /// 3 and 3.1 Kostnader förvaltning och utveckling
    #[serde(default)]
    pub kostnader: Kostnader,
    /// 3.2 Förslag justering av fördelningsnycklar
    #[serde(default)]
    pub fordelningsnycklar: Fordelningsnycklar,
    /// 4 Långsiktig utveckling och avveckling
    #[serde(default)]
    pub langsiktig_utveckling: LangsiktigUtveckling,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The leverantörsnämnd that writes the analysis.
    pub organisation: String,
    /// The year the analysis plans for ("Årlig analys … 2024"); year-relative column names
    /// ("Utfall {år-2}") count from it.
    pub analysar: i32,
    /// Id of the template the document follows, e.g. `arlig-analys-2024`.
    pub mall: String,
    #[serde(default)]
    pub status: Status,
    /// The riktlinje requires that berörd nämnd is informed before the analysis is sent.
    #[serde(default)]
    pub berord_namnd_informerad: Option<NamndInformerad>,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Utkast,
    UnderGranskning,
    Klar,
    Inskickad,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NamndInformerad {
    pub datum: NaiveDate,
    /// Paragraph or diarienummer of the beslut, if the nämnd decided on it.
    #[serde(default)]
    pub beslut: String,
}

/// One row of the versionshantering table. The store appends one when a version is recorded;
/// recorded versions are immutable there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Versionspost {
    pub datum: NaiveDate,
    pub version: String,
    pub beskrivning: String,
    pub andrad_av: String,
    /// What happened: stated explicitly, because version numbers mean different things in
    /// different plans ("2.0" is a decision in one and a draft in another).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handelse: Option<Versionshandelse>,
    /// Where it happened, for remisser and decisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forum: Option<Forum>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Versionshandelse {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Forum {
    Tjansteforum,
    Prioriteringsforum,
    Beslutsforum,
    Voit,
}

/// Whether a section applies this year. "Not applicable, with a reason" (the example's 1.1:
/// the nämnd was no leverantör the year before) is distinct from "left empty".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum Tillamplighet {
    #[default]
    Tillamplig,
    EjTillamplig {
        skal: String,
    },
}

/// A JA/NEJ question of the template, with its kommentar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct JaNejSvar {
    /// `None` while unanswered, or when the answer given was neither JA nor NEJ.
    pub svar: Option<JaNej>,
    pub kommentar: String,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum JaNej {
    Ja,
    Nej,
}

/// An amount as entered in a free-text cell of the template ("Uppskattas till cirka 300 000
/// kronor"): the exact kronor when one could be read, whether it is an estimate, and the text as
/// written so that nothing the author wrote is lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Beloppsuppgift {
    pub belopp: Option<Kronor>,
    pub uppskattning: bool,
    pub text: String,
}

/// Amounts per year relative to the analysår: {år}, {år+1}, {år+2} and "senare".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Arsbelopp {
    pub ar: Option<Kronor>,
    pub ar_plus_1: Option<Kronor>,
    pub ar_plus_2: Option<Kronor>,
    pub senare: Option<Kronor>,
    /// "cirka", "uppskattas till"
    pub uppskattning: bool,
    /// "per år": the amount recurs every year from its first year.
    pub aterkommande: bool,
    /// "plus indexuppräkning": the amount is raised by an index each year.
    pub indexerad: bool,
    /// The index rate used, in percent, when the author states it.
    pub indexsats_procent: Option<f64>,
    /// The author's own words about the amounts.
    pub text: String,
}

impl Arsbelopp {
    /// The amounts of {år}, {år+1}, {år+2} in order.
    pub fn tre_ar(&self) -> [Option<Kronor>; 3] {
        [self.ar, self.ar_plus_1, self.ar_plus_2]
    }

    /// Sum of every year including "senare".
    pub fn summa(&self) -> Kronor {
        [self.ar, self.ar_plus_1, self.ar_plus_2, self.senare]
            .into_iter()
            .flatten()
            .sum()
    }
}

super::referenser::id_typ! {
    /// Stable identity of a förändringsinsats, so that 3.1 can refer to a proposal in 2.2.
    InsatsId
}

// ---------------------------------------------------------------------------------------------
// 1.1 Genomförd effekthemtagning

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Effekthemtagning {
    pub tillamplighet: Tillamplighet,
    pub rader: Vec<EffekthemtagningRad>,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct EffekthemtagningRad {
    pub tjanst: TjanstId,
    #[serde(default)]
    pub genomforda_forandringsinsatser: String,
    /// Effekthemtagning leverantör samt möjliggjord effekthemtagning för förvaltningar och bolag
    #[serde(default)]
    pub effekthemtagning: String,
}

// ---------------------------------------------------------------------------------------------
// 1.2 Status konsolidering

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Konsolidering {
    pub tillamplighet: Tillamplighet,
    pub rader: Vec<KonsolideringRad>,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct KonsolideringRad {
    pub tjanst: TjanstId,
    /// Andel (%) befintliga kunder, of 25 nämnder and 37 bolagsstyrelser.
    #[serde(default)]
    pub andel_befintliga_kunder_procent: Option<f64>,
    /// The same share as counts, when the leverantör states them: anslutna nämnder …
    #[serde(default)]
    pub anslutna_namnder: Option<u32>,
    /// … and anslutna bolagsstyrelser. The denominators (25 and 37 in 2024) are template data.
    #[serde(default)]
    pub anslutna_bolagsstyrelser: Option<u32>,
    #[serde(default)]
    pub konsolideringsplan_nya_kunder: String,
    #[serde(default)]
    pub avsteg_och_avvikelser: AvstegOchAvvikelser,
}

/// "Eventuella avsteg eller avvikelser under året": an explicit "Inga" is distinct from blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum AvstegOchAvvikelser {
    #[default]
    EjIfyllt,
    Inga,
    Angivna {
        poster: Vec<AvstegEllerAvvikelse>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AvstegEllerAvvikelse {
    pub typ: Avvikelsetyp,
    /// The nämnd or bolagsstyrelse concerned.
    #[serde(default)]
    pub kund: String,
    #[serde(default)]
    pub beskrivning: String,
    /// An avsteg is motivated by the customer.
    #[serde(default)]
    pub motivering: String,
    /// The customer's beslut (avsteg) or the leverantör's plan (avvikelse).
    #[serde(default)]
    pub beslut_eller_atgard: String,
    /// The date of the customer's beslut; an avsteg needs it (riktlinjen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub beslutsdatum: Option<NaiveDate>,
}

impl AvstegEllerAvvikelse {
    /// The post's text fields and the labels a reader sees them under, in order; the Word
    /// export prints a post as these labelled lines and the Word import reads them back.
    pub const FALT: [(&'static str, &'static str); 4] = [
        ("kund", "Nämnd eller bolagsstyrelse"),
        ("beskrivning", "Beskrivning"),
        ("motivering", "Motivering (avsteg)"),
        ("beslut_eller_atgard", "Beslut eller åtgärd"),
    ];

    /// The beslut's date and its label, a date rather than text.
    pub const DATUMFALT: (&'static str, &'static str) = ("beslutsdatum", "Beslutsdatum (avsteg)");
}

/// Riktlinjen: an avsteg is the customer's decided deviation from using a bastjänst; an
/// avvikelse is when the leverantör cannot deliver per the customer's needs or its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Avvikelsetyp {
    Avsteg,
    Avvikelse,
}

// ---------------------------------------------------------------------------------------------
// 1.3 and 2.1 Portföljanalys

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Portfoljanalys {
    pub tillamplighet: Tillamplighet,
    /// Images from PIOS.
    pub figurer: Vec<Figur>,
    pub total_projektbudget: Beloppsuppgift,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Figur {
    /// File name as imported, e.g. `pios-portfolj.png`.
    pub filnamn: String,
    /// `image/png` or `image/jpeg`.
    pub mediatyp: String,
    /// The image bytes, base64-encoded (standard alphabet, with padding).
    pub data_base64: String,
    /// Alternative text for screen readers; required for accessibility (DOS-lagen).
    #[serde(default)]
    pub alt_text: String,
    #[serde(default)]
    pub bildtext: String,
}

/// The largest image a figure takes. A PIOS screenshot is well under a megabyte; the document
/// holds every figure as base64 inside the exchange file (at most
/// `exchange::STORSTA_FILSTORLEK`), so a few photographs must not fill it.
pub const STORSTA_BILD: usize = 5 * 1024 * 1024;

/// Why an image cannot become a figure; the messages are the user's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Bildfel {
    #[error(
        "Bilden är {storlek_mb} MB; en figur får vara högst {grans_mb} MB. Beskär eller förminska bilden och försök igen."
    )]
    ForStor { storlek_mb: String, grans_mb: usize },
    #[error(
        "Filen är inte en PNG- eller JPEG-bild. Spara bilden som PNG eller JPEG och försök igen."
    )]
    InteBild,
    #[error("Bilden går inte att läsa ({orsak}); filen kan vara skadad.")]
    Skadad { orsak: String },
}

impl Figur {
    /// Refuses an image larger than `STORSTA_BILD` by its length, before reading it.
    pub fn kontrollera_storlek(langd: u64) -> Result<(), Bildfel> {
        if langd > STORSTA_BILD as u64 {
            return Err(Bildfel::ForStor {
                storlek_mb: crate::exchange::megabyte(langd),
                grans_mb: STORSTA_BILD / (1024 * 1024),
            });
        }
        Ok(())
    }

    /// A figure from image bytes, without alt text. The one check of what a figure holds: PNG
    /// or JPEG by content (a name or a clipboard's type can lie), small enough, and decodable,
    /// since the Word export decodes it and would otherwise fail at export time.
    pub fn av_bild(filnamn: &str, data: &[u8]) -> Result<Figur, Bildfel> {
        Figur::kontrollera_storlek(data.len() as u64)?;
        let (format, mediatyp) = match image::guess_format(data) {
            Ok(image::ImageFormat::Png) => (image::ImageFormat::Png, "image/png"),
            Ok(image::ImageFormat::Jpeg) => (image::ImageFormat::Jpeg, "image/jpeg"),
            _ => return Err(Bildfel::InteBild),
        };
        image::load_from_memory_with_format(data, format).map_err(|e| Bildfel::Skadad {
            orsak: e.to_string(),
        })?;
        use base64::Engine as _;
        Ok(Figur {
            filnamn: filnamn.to_string(),
            mediatyp: mediatyp.to_string(),
            data_base64: base64::engine::general_purpose::STANDARD.encode(data),
            alt_text: String::new(),
            bildtext: String::new(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// 1.4 Pågående förändringsinsatser

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct PagaendeInsatser {
    pub tillamplighet: Tillamplighet,
    pub insatser: Vec<PagaendeInsats>,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PagaendeInsats {
    pub id: InsatsId,
    /// Bastjänst eller infrastrukturtjänst det gäller (one or more).
    #[serde(default)]
    pub tjanster: Vec<TjanstId>,
    #[serde(default)]
    pub namn: String,
    #[serde(default)]
    pub effektmal: String,
    #[serde(default)]
    pub projektmal: String,
    #[serde(default)]
    pub tidplan: String,
    #[serde(default)]
    pub kommentar_avvikelser: String,
    /// The anvisning asks how informationssäkerhetsklassning and dataskydd are ensured; the
    /// printed form has no row for it.
    #[serde(default)]
    pub informationssakerhet_och_dataskydd: String,
    /// From 2024 only insatser the strategiska samordningsgruppen decided to follow belong here.
    #[serde(default)]
    pub beslutad_att_foljas_av_ssg: Option<bool>,
}

// ---------------------------------------------------------------------------------------------
// 2.2 Förslag på nya förändringsinsatser

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct ForeslagnaInsatser {
    pub tillamplighet: Tillamplighet,
    pub insatser: Vec<ForeslagenInsats>,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ForeslagenInsats {
    pub id: InsatsId,
    #[serde(default)]
    pub namn: String,
    #[serde(default)]
    pub strategisk: StrategiskDel,
    #[serde(default)]
    pub informationssakerhet: Informationssakerhet,
    #[serde(default)]
    pub teknisk: TekniskDel,
    #[serde(default)]
    pub ekonomisk: EkonomiskDel,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct StrategiskDel {
    pub behovsbeskrivning: String,
    /// Kopplat till befintlig bastjänst eller infratjänst.
    pub tjanster: Vec<TjanstId>,
    pub nytta: String,
    pub effektmal: String,
    pub intern_extern_nytta: Option<InternExtern>,
    pub effektivitet_innovation: Option<EffektivitetInnovation>,
    /// Kommer arbetet bedrivas i projektform?
    pub projektform: JaNejSvar,
    /// Dokumenterad koppling till beslutade mål (KF budget, program, planer, Agenda2030)
    pub koppling_till_beslutade_mal: String,
    pub komplexitet_kund: Komplexitetsbedomning,
    pub komplexitet_leverantor: Komplexitetsbedomning,
    /// "Om förslag … handlar om nationell eller regional tjänst ska det framgå."
    pub nationell_eller_regional_tjanst: String,
    /// Whether reuse of an existing solution in the city was considered.
    pub ateranvandning_provad: JaNejSvar,
    /// A förändringsinsats adds a new capability to an existing tjänst (3.1 utveckling) or
    /// through a new tjänst (3.1 nya förändringsinsatser).
    pub formaga: Option<Formaga>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum InternExtern {
    Intern,
    Extern,
    InternOchExtern,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum EffektivitetInnovation {
    Effektivitet,
    Innovation,
    EffektivitetOchInnovation,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Komplexitet {
    Mindre,
    Mattlig,
    Stor,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Formaga {
    /// Ny förmåga i en befintlig tjänst: counted in 3.1 utvecklingskostnader.
    BefintligTjanst,
    /// Ny tjänst: counted in 3.1 kostnader för nya förändringsinsatser.
    NyTjanst,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Komplexitetsbedomning {
    pub niva: Option<Komplexitet>,
    pub kommentar: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Informationssakerhet {
    /// Är informationsklassning genomförd?
    pub informationsklassning: JaNejSvar,
    /// Tröskel- och konsekvensanalys genomförd?
    pub troskel_och_konsekvensanalys: JaNejSvar,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct TekniskDel {
    /// Är teknisk bedömning / IT-säkerhetsbedömning genomförd utifrån informationsklassning?
    pub it_sakerhetsbedomning: JaNejSvar,
    /// Är arkitekturbedömning genomförd?
    pub arkitekturbedomning: JaNejSvar,
    /// Får påverkan på digital infrastruktur?
    pub paverkan_digital_infrastruktur: JaNejSvar,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct EkonomiskDel {
    /// Total projektbudget per year.
    pub projektbudget: Arsbelopp,
    /// Påverkan på förvaltningskostnad per year.
    pub paverkan_forvaltningskostnad: Arsbelopp,
    pub kundgrupp_som_finansierar: String,
    pub forslag_fordelningsnyckel: String,
}

// ---------------------------------------------------------------------------------------------
// 3 Kostnader och fördelningsnycklar, 3.1 the three cost tables

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Kostnader {
    pub tillamplighet: Tillamplighet,
    pub forvaltning: Forvaltningskostnader,
    pub utveckling: Utvecklingskostnader,
    pub nya_insatser: NyaInsatskostnader,
}

/// Utfall {år-2}, Budget {år-1}, Prognos budget {år}.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Kostnadsutveckling {
    pub utfall: Option<Kronor>,
    pub budget: Option<Kronor>,
    pub prognos: Option<Kronor>,
}

impl Kostnadsutveckling {
    /// The three amounts with their field names, for code that reports by path.
    pub fn med_falt(&self) -> [(&'static str, Option<Kronor>); 3] {
        [
            ("utfall", self.utfall),
            ("budget", self.budget),
            ("prognos", self.prognos),
        ]
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Forvaltningskostnader {
    pub rader: Vec<ForvaltningskostnadRad>,
    /// The Totalkostnad row as stated in an imported source. Never used as the total (that is
    /// computed); kept so that validation can show where the source disagrees with its rows.
    pub angiven_totalkostnad: Option<Kostnadsutveckling>,
    /// The index uplift the analysis declares for the prognos ("indexuppräkning på sex
    /// procent"), in percent.
    pub indexupprakning_procent: Option<f64>,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ForvaltningskostnadRad {
    pub tjanst: TjanstId,
    #[serde(default)]
    pub kostnad: Kostnadsutveckling,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Utvecklingskostnader {
    pub rader: Vec<UtvecklingskostnadRad>,
    /// As for `Forvaltningskostnader::angiven_totalkostnad`.
    pub angiven_totalkostnad: Option<UtvecklingskostnadSumma>,
    /// A note printed under the table.
    pub not: String,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct UtvecklingskostnadRad {
    pub tjanst: TjanstId,
    #[serde(default)]
    pub kostnad: Kostnadsutveckling,
    #[serde(default)]
    pub paverkan_forvaltningskostnad: Trearsbelopp,
    /// Cells of the row that deliberately differ from what 2.2 gives, each with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overstyrningar: Vec<Overstyrning>,
}

/// A 3.1 cell that the author keeps different from its derivation from 2.2. The riktlinje
/// wants 3.1 derived from 2.2; a deviation is allowed only with a written reason, which the
/// Granskning and the Word document show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Overstyrning {
    /// The cell within its row, as the template's column key (`kostnad.prognos`).
    pub falt: String,
    pub motivering: String,
}

/// The reason a row's cell `falt` deviates from 2.2, when the row says so with a reason.
pub fn motivering_for<'a>(overstyrningar: &'a [Overstyrning], falt: &str) -> Option<&'a str> {
    overstyrningar
        .iter()
        .find(|o| o.falt == falt && !o.motivering.trim().is_empty())
        .map(|o| o.motivering.as_str())
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct UtvecklingskostnadSumma {
    pub kostnad: Kostnadsutveckling,
    pub paverkan_forvaltningskostnad: Trearsbelopp,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct NyaInsatskostnader {
    pub rader: Vec<NyInsatskostnadRad>,
    pub angiven_totalkostnad: Option<NyInsatskostnadSumma>,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NyInsatskostnadRad {
    /// The proposal in 2.2 the row costs.
    pub insats: InsatsId,
    #[serde(default)]
    pub kostnad: Trearsbelopp,
    #[serde(default)]
    pub paverkan_forvaltningskostnad: Trearsbelopp,
    /// As for `UtvecklingskostnadRad::overstyrningar`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overstyrningar: Vec<Overstyrning>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct NyInsatskostnadSumma {
    pub kostnad: Trearsbelopp,
    pub paverkan_forvaltningskostnad: Trearsbelopp,
}

// ---------------------------------------------------------------------------------------------
// 3.2 Förslag justering av fördelningsnycklar

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Fordelningsnycklar {
    pub tillamplighet: Tillamplighet,
    pub rader: Vec<Fordelningsnyckel>,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Fordelningsnyckel {
    pub tjanst: TjanstId,
    #[serde(default)]
    pub nuvarande: String,
    #[serde(default)]
    pub forslag_justering: String,
    #[serde(default)]
    pub motivering: String,
}

// ---------------------------------------------------------------------------------------------
// 4 Långsiktig utveckling och avveckling

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct LangsiktigUtveckling {
    pub tillamplighet: Tillamplighet,
    /// Proposed avvecklingar; each carries a konsekvensanalys and an avvecklingsplan.
    pub avvecklingar: Vec<Avveckling>,
    pub leverantorens_analys: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Avveckling {
    pub tjanst: TjanstId,
    #[serde(default)]
    pub beskrivning: String,
    #[serde(default)]
    pub konsekvensanalys: String,
    #[serde(default)]
    pub avvecklingsplan: String,
    /// When the tjänst is to be avvecklad, as the author writes it ("under 2026").
    #[serde(default)]
    pub tidpunkt: String,
}
