//! The rule catalogue: one entry per rule, with its source. `docs/regler.md` is generated from
//! this list (`underlag rules -o docs/regler.md`) and a test fails when the file is stale.

use super::Allvarlighet::{self, Fel, Varning};

#[derive(Debug, Clone, Copy)]
pub struct Regel {
    pub id: &'static str,
    pub allvarlighet: Allvarlighet,
    /// The section the rule reads, or "alla".
    pub avsnitt: &'static str,
    pub beskrivning: &'static str,
    /// Where the rule comes from: the template's anvisning, the riktlinje, or the product.
    pub kalla: &'static str,
}

const fn regel(
    id: &'static str,
    allvarlighet: Allvarlighet,
    avsnitt: &'static str,
    beskrivning: &'static str,
    kalla: &'static str,
) -> Regel {
    Regel {
        id,
        allvarlighet,
        avsnitt,
        beskrivning,
        kalla,
    }
}

pub const REGLER: &[Regel] = &[
    regel(
        "ALLA-versionsordning",
        Varning,
        "alla",
        "En rad i versionshanteringen är daterad före raden ovanför: versionerna står inte i den ordning de gjordes.",
        "Mallarnas tabell Versionshantering listar versionerna från den första till den senaste; sammanställningen och statusen läser den sista raden som den senaste.",
    ),
    regel(
        "ALLA-status",
        Varning,
        "dokument",
        "Dokumentet har status klar eller inskickad fast fel finns kvar, eller (årlig analys) inskickad fast berörd nämnd inte är informerad.",
        "Riktlinjen: underlaget lämnas när det är granskat; berörd nämnd ska informeras innan analysen lämnas.",
    ),
    regel(
        "ALLA-tidplan",
        Varning,
        "1.4; tjänsteplan 7; digitaliseringsplan 4",
        "En tidplan i fritext anger ett intervall som slutar före det börjar (\"2025–2024\"), eller nämner i en plan bara år utanför planperioden.",
        "Mallarnas tidplaner: pågående insatsers tidplan (årlig analys 1.4), initiativens etapper och tidplan (tjänsteplan), insatsernas tidplan under planperioden (digitaliseringsplan).",
    ),
    regel(
        "ALLA-dolda-tecken",
        Varning,
        "alla",
        "En text innehåller tecken som inte syns: styrtecken (U+0000–U+001F utom tabb och radbrytning, U+007F–U+009F), riktningsåsidosättningar och -isoleringar (U+202A–U+202E, U+2066–U+2069), tecken med noll bredd (U+200B, U+2060, U+FEFF) eller U+FFFE/U+FFFF. Texten sparas som den är; Word och Excel kan inte bära styrtecknen och får dem borttagna.",
        "Produkten: inklistrad text bär ofta styrtecken, och en riktningsåsidosättning kan få \"faktura\", U+202E, \"fdp.exe\" att visas som \"fakturaexe.pdf\".",
    ),
    regel(
        "AA-obligatoriskt",
        Fel,
        "alla",
        "Ett fält som mallen markerar som obligatoriskt (`obligatorisk = true` i mallfilen) är tomt i ett avsnitt som används.",
        "Mallen: fälten i den fastställda mallen för årlig analys.",
    ),
    regel(
        "AA-obligatoriskt-utokat",
        Varning,
        "alla",
        "Ett fält som riktlinjen efterfrågar men som den tryckta mallen saknar (`utokat = true`) är tomt.",
        "Riktlinjen för styrning, samordning och finansiering av digital utveckling och förvaltning.",
    ),
    regel(
        "AA-figur-alt-text",
        Fel,
        "1.3, 2.1",
        "En figur (bild från PIOS) saknar alternativtext.",
        "Lagen om tillgänglighet till digital offentlig service (DOS-lagen): en bild ska ha en textbeskrivning.",
    ),
    regel(
        "AA-analys",
        Fel,
        "alla",
        "Leverantörens analys saknas i ett avsnitt som används.",
        "Mallens anvisningar: \"Under avsnittet Leverantörens analys ska tilläggsinformation … ges\".",
    ),
    regel(
        "AA-janej-obesvarad",
        Fel,
        "2.2",
        "En JA/NEJ-fråga är inte besvarad med JA eller NEJ.",
        "Mallen 2.2: frågorna under Strategisk del, Informationssäkerhet och Teknisk del.",
    ),
    regel(
        "AA-janej-kommentar",
        Fel,
        "2.2",
        "Ett NEJ saknar kommentar.",
        "Mallen 2.2: \"JA / NEJ + kommentar\".",
    ),
    regel(
        "AA-janej-kommentar-ja",
        Varning,
        "2.2",
        "Ett JA saknar kommentar där mallen frågar efter \"+ kommentar\".",
        "Mallen 2.2: \"JA / NEJ + kommentar\".",
    ),
    regel(
        "AA-smart-matbart",
        Varning,
        "1.4, 2.2",
        "Ett effektmål saknar något mätbart (tal, procent, index, antal).",
        "Mallen 1.4: \"Effektmålet ska vara S.M.A.R.T, det vill säga Specifikt, Mätbart, Accepterat, Realiserbart och Tidsatt.\"",
    ),
    regel(
        "AA-smart-tidsatt",
        Varning,
        "1.4, 2.2",
        "Ett effektmål saknar en tidpunkt (år, datum, kvartal, \"senast\").",
        "Mallen 1.4: S.M.A.R.T., Tidsatt.",
    ),
    regel(
        "AA-1.4-effektmal",
        Fel,
        "1.4",
        "En pågående förändringsinsats saknar effektmål.",
        "Mallen 1.4: \"Effektmål ska svara på frågan varför förändringsinsatsen ska genomföras.\"",
    ),
    regel(
        "AA-1.4-tidplan",
        Varning,
        "1.4",
        "Tidplanen för en pågående förändringsinsats har passerat men kommentar om avvikelser saknas.",
        "Mallen 1.4: avvikelser kopplade till tid ska beskrivas.",
    ),
    regel(
        "AA-referens",
        Fel,
        "alla",
        "En rad eller insats hänvisar till en tjänst som inte finns i tjänstekatalogen; närmaste namn föreslås.",
        "Riktlinjen: leverantören ska upprätta och uppdatera tjänstekatalog.",
    ),
    regel(
        "AA-referens-kategori",
        Varning,
        "1.2, 1.4, 2.2",
        "En insats eller konsolideringsrad hänvisar till en tjänst som varken är bastjänst eller digital infrastruktur.",
        "Mallen: \"Förändringsinsatser inom både bastjänster och digital infrastruktur\".",
    ),
    regel(
        "AA-tackning",
        Varning,
        "1.2, 3.1, 3.2",
        "En av leverantörens egna bastjänster saknas i en tabell som ska omfatta samtliga bastjänster.",
        "Mallen 1.1–1.2 och 3: \"samtliga befintliga bastjänster och digital infrastruktur\".",
    ),
    regel(
        "AA-3.1-derivation",
        Fel,
        "3.1",
        "Utvecklingskostnaden eller påverkan på förvaltningskostnad i 3.1 stämmer inte med summan av de föreslagna insatserna i 2.2 för samma tjänst.",
        "Mallen 3.1: \"totalkostnaden ska härledas från avsnitt 2.2\".",
    ),
    regel(
        "AA-3.1-avvikelse",
        Varning,
        "3.1",
        "Ett belopp i 3.1 avviker med avsikt från härledningen ur 2.2; skälet som angetts visas så att granskaren kan pröva det.",
        "Mallen 3.1: \"totalkostnaden ska härledas från avsnitt 2.2\"; en avvikelse ska motiveras.",
    ),
    regel(
        "AA-3.1-derivation-saknas",
        Fel,
        "3.1",
        "En föreslagen insats i 2.2 med belopp saknar motsvarande rad i 3.1.",
        "Mallen 3.1: \"totalkostnaden ska härledas från avsnitt 2.2\".",
    ),
    regel(
        "AA-summa",
        Fel,
        "3.1",
        "En angiven totalkostnad (till exempel i ett importerat underlag) är inte summan av raderna.",
        "Mallen 3.1: raden Totalkostnad.",
    ),
    regel(
        "AA-3.1-index",
        Varning,
        "3.1",
        "Förändringen från budget till prognos för en tjänst skiljer sig från den indexuppräkning som analysen anger.",
        "Mallen 3: kostnadsförändringar ska analyseras, \"exempelvis avseende indexökningar\".",
    ),
    regel(
        "AA-1.2-andel",
        Fel,
        "1.2",
        "Andel befintliga kunder ligger utanför 0–100 %, eller antalet anslutna är fler än stadens nämnder och bolagsstyrelser.",
        "Mallen 1.2: \"totalt 25 nämnder och 37 bolagsstyrelser\" (talen står i mallfilen).",
    ),
    regel(
        "AA-1.2-malgrupp",
        Varning,
        "1.2",
        "Andelen eller antalet anslutna stämmer inte med bastjänstens målgrupp (samtliga, enbart nämnder, enbart styrelser).",
        "Riktlinjen: tre kategorier av bastjänster efter målgrupp.",
    ),
    regel(
        "AA-1.2-avsteg",
        Fel,
        "1.2",
        "100 % av befintliga kunder anges samtidigt som ett avsteg: det går inte ihop.",
        "Riktlinjen: ett avsteg är en kunds beslut att inte använda bastjänsten.",
    ),
    regel(
        "AA-1.2-avsteg-beslut",
        Fel,
        "1.2",
        "Ett avsteg saknar motivering, beslut eller beslutsdatum.",
        "Riktlinjen: alla avsteg ska efter dialog med leverantören motiveras, och kundens nämnd eller bolagsstyrelse ska fatta beslut om avsteget.",
    ),
    regel(
        "AA-1.2-ej-ifyllt",
        Varning,
        "1.2",
        "Kolumnen avsteg eller avvikelser är tom; skriv Inga eller ange dem.",
        "Riktlinjen: avsteg och avvikelser ska rapporteras.",
    ),
    regel(
        "AA-2.2-infosak",
        Fel,
        "2.2",
        "Teknisk bedömning utifrån informationsklassning anges som genomförd fast informationsklassningen inte är det.",
        "Mallen 2.2: \"Är teknisk bedömning / IT-säkerhetsbedömning genomförd utifrån informationsklassning?\"",
    ),
    regel(
        "AA-2.2-infrastruktur",
        Varning,
        "2.2",
        "Insatsen påverkar den digitala infrastrukturen: Intraservice behöver involveras. Inte när analysen är Intraservices egen eller kommentaren redan säger att Intraservice är med.",
        "Riktlinjen: Intraservice ansvarar för stadens digitala infrastruktur.",
    ),
    regel(
        "AA-3.2-motivering",
        Fel,
        "3.2",
        "Ett förslag till justering av fördelningsnyckel saknar motivering.",
        "Mallen 3.2: kolumnen Motivering.",
    ),
    regel(
        "AA-finansiering",
        Fel,
        "2.2",
        "En föreslagen insats med projektbudget anger inte vilken kundgrupp som finansierar den.",
        "Riktlinjen: underlaget anger vilken typ av finansiering som bör tillämpas för utveckling och förvaltning.",
    ),
    regel(
        "AA-belopp-negativ",
        Fel,
        "2.2, 3.1",
        "Ett belopp som inte kan vara negativt (kostnad, budget, projektbudget) är negativt.",
        "Produkten.",
    ),
    regel(
        "AA-belopp-enhet",
        Varning,
        "1.3, 2.2, 3.1",
        "Beloppets storlek tyder på kronor inskrivna som tkr eller tvärtom.",
        "Produkten: 3.1 anges i tkr, 2.2 i kronor.",
    ),
    regel(
        "AA-ar",
        Varning,
        "alla",
        "Ett år eller datum ligger utanför planperioden, eller dokumentet följer en mall för ett annat år.",
        "Mallen 3.1: \"Kostnader förvaltning och utveckling {år}–{år+2}\".",
    ),
    regel(
        "AA-inaktiv-innehall",
        Varning,
        "alla",
        "Ett avsnitt som inte används i år (eller är markerat ej tillämpligt) har innehåll som inte kommer med.",
        "Mallen 2.1: \"ANVÄNDS INTE FÖR 2024\".",
    ),
    regel(
        "AA-forra-aret",
        Varning,
        "1.4",
        "Jämfört med samma leverantörs analys för föregående år, när den finns i appen: en pågående insats fanns inte där som föreslagen eller pågående, eller en insats som var pågående redovisas inte i år, varken som pågående, som genomförd i 1.1 eller i analysen.",
        "Mallen 1.4 och 1.1: godkända förslag blir pågående, avslutade insatser redovisas med sin effekthemtagning; riktlinjen: insatser föreslås och godkänns i den årliga analysen.",
    ),
    regel(
        "AA-berord-namnd",
        Varning,
        "dokument",
        "Det är inte angivet att berörd nämnd har informerats.",
        "Riktlinjen: berörd nämnd ska informeras innan analysen lämnas.",
    ),
    regel(
        "TP-obligatoriskt",
        Fel,
        "tjänsteplan",
        "Ett fält som tjänsteplanens mall markerar som obligatoriskt är tomt (för borttagna och flyttade initiativ krävs inte formulären).",
        "Mallen: tjänsteplanerna 2023–2025 (Intraservice).",
    ),
    regel(
        "TP-bilaga",
        Fel,
        "tjänsteplan 8",
        "Bilagans budgetfördelning för ett initiativ summerar inte till initiativets utvecklingsinitiativ för planens första år.",
        "Produkten: tabellen över utvecklingsinitiativ och bilagan Fördelning av budget ska visa samma pengar.",
    ),
    regel(
        "TP-klassning",
        Fel,
        "tjänsteplan 3, 8",
        "Ett initiativ med utvecklingsbudget för planens första år saknar rad i bilagan, och är därmed inte klassat som nyutveckling eller utveckling inom befintlig tjänst.",
        "Bilagan Fördelning av budget och den ekonomiska sammanställningen (Nyutveckling / Utveckling inom befintlig tjänst).",
    ),
    regel(
        "TP-pott",
        Fel,
        "tjänsteplan 3",
        "Initiativen i en pott använder tillsammans mer ett år än potten har.",
        "Tjänsteplanerna: potter vars budget delas av underliggande initiativ.",
    ),
    regel(
        "TP-version",
        Fel,
        "tjänsteplan",
        "Den version planen anger är inte den senast beslutade versionen i versionshanteringen, eller ingen version är markerad som beslutad.",
        "Den ekonomiska sammanställningen citerar planernas versioner; versionsnumren betyder olika saker i olika planer, så beslutet anges uttryckligen.",
    ),
    regel(
        "TP-versionshandelse",
        Varning,
        "tjänsteplan",
        "En rad i versionshanteringen anger inte vilken händelse (till exempel Remissad, Beslutad) den gäller.",
        "Produkten: händelse och forum anges uttryckligen i stället för att läsas ur versionsnumret.",
    ),
    regel(
        "TP-publiceringsdatum",
        Fel,
        "tjänsteplan",
        "Publiceringsdatumet är före den senaste versionens datum.",
        "Sidhuvudet i tjänsteplanerna (publiceringsdatum).",
    ),
    regel(
        "TP-belopp-negativ",
        Fel,
        "tjänsteplan 3, 8",
        "Ett utvecklingsinitiativs budget eller ett belopp i bilagan är negativt; påverkan på vidmakthållande får vara negativ (en besparing).",
        "Produkten, som för årlig analys (AA-belopp-negativ).",
    ),
    regel(
        "TP-belopp-enhet",
        Varning,
        "tjänsteplan 3, 8",
        "Ett belopp är orimligt stort eller så litet att det ser ut att vara skrivet i tkr fast fältet anges i kronor.",
        "Produkten, som för årlig analys (AA-belopp-enhet).",
    ),
    regel(
        "TP-inaktiv-innehall",
        Varning,
        "tjänsteplan",
        "Ett avsnitt som årets mall för tjänsteplanen inte använder har innehåll som inte kommer med i exporten.",
        "Som för årlig analys (AA-inaktiv-innehall): en senare års mall kan ta bort ett avsnitt; det som står där når inte Word-dokumentet.",
    ),
    regel(
        "TP-platshallare",
        Fel,
        "tjänsteplan",
        "En text innehåller en platshållare från mallen, till exempel \"[Publiceringsdatum]\", som aldrig får nå en export.",
        "Källan: HR-planen skickades med platshållaren \"[Publiceringsdatum]\" kvar.",
    ),
    regel(
        "DP-obligatoriskt",
        Fel,
        "digitaliseringsplan",
        "Ett fält som digitaliseringsplanens mall markerar som obligatoriskt är tomt.",
        "Riktlinjen (seed 000) och stadens plan för digitalisering 2023–2026 (seed 001): organisation, period, värddokument, nuläge och önskat läge per målområde, insatser med behov, effektmål, nytta, kostnads- och nyttoanalys, säkerhet och tidplan.",
    ),
    regel(
        "DP-avsteg",
        Fel,
        "digitaliseringsplan 6",
        "Ett avsteg från en bastjänst saknar motivering, beslut i den egna nämnden eller styrelsen, eller beslutets datum.",
        "Riktlinjen: ett avsteg kräver gemensam analys med leverantören, en utförlig motivering och beslut i den egna nämnden/styrelsen, och rapporteras till kommunfullmäktige.",
    ),
    regel(
        "DP-ateranvandning",
        Fel,
        "digitaliseringsplan 4",
        "En insats anger inte om befintliga lösningar inom staden kan återanvändas, eller svarar NEJ utan att säga varför.",
        "Riktlinjen: förvaltningen/bolaget gör kostnads- och nyttoanalys samt säkerställer om befintliga lösningar inom staden kan återanvändas.",
    ),
    regel(
        "DP-effektmal",
        Varning,
        "digitaliseringsplan 4",
        "Ett effektmål ser inte mätbart och tidsatt ut: det saknar ett tal att mäta mot eller ett år/datum.",
        "Remissvaren på stadens plan för digitalisering: mål ska vara mätbara, med delmål över en tidsperiod (\"från 42 procent till XX procent\"). Planen kräver inte S.M.A.R.T.-mål av lokala planer, därför en varning.",
    ),
    regel(
        "DP-nyttorealisering",
        Fel,
        "digitaliseringsplan 4",
        "En insats anger ingen ansvarig för nyttorealiseringen.",
        "Riktlinjen: förvaltningen/bolaget äger nyttorealisering och effekthemtagning; riktlinjen för styrande dokument: planen anger vem som ansvarar för varje insats.",
    ),
    regel(
        "DP-avveckling",
        Fel,
        "digitaliseringsplan 7",
        "Ett verksamhetsspecifikt system som ska avvecklas saknar konsekvensanalys eller avvecklingsplan.",
        "Riktlinjen: avveckling av en verksamhetsspecifik eller övrig tjänst lyfts i digitaliseringsplanen med en konsekvensanalys och en avvecklingsplan.",
    ),
    regel(
        "DP-indikator",
        Varning,
        "digitaliseringsplan 3",
        "En indikator saknar utgångsvärde eller målvärde.",
        "Stadens plan för digitalisering: uppföljning per målområde med indikatorer; remissvaren: mätbara mål med utgångsvärde och målvärde.",
    ),
    regel(
        "DP-belopp-negativ",
        Fel,
        "digitaliseringsplan 4",
        "En insats kostnad för ett år är negativ; en kostnad kan inte vara negativ.",
        "Produkten, som för årlig analys (AA-belopp-negativ).",
    ),
    regel(
        "DP-belopp-enhet",
        Varning,
        "digitaliseringsplan 4",
        "En insats kostnad är orimligt stor eller så liten att den ser ut att vara skriven i tkr fast fältet anges i kronor.",
        "Produkten, som för årlig analys (AA-belopp-enhet).",
    ),
    regel(
        "DP-period",
        Fel,
        "digitaliseringsplan",
        "Planperiodens sista år ligger före dess första år.",
        "Riktlinjen: digitaliseringsplanen gäller en planperiod (stadens plan 2023–2026).",
    ),
    regel(
        "DP-indikator-ar",
        Varning,
        "digitaliseringsplan 3",
        "En indikators målår ligger utanför planperioden.",
        "Stadens plan för digitalisering: uppföljning per målområde med indikatorer under planperioden.",
    ),
    regel(
        "DP-val-utanfor-mallen",
        Varning,
        "digitaliseringsplan 2",
        "Ett valt övergripande mål, en prioriterad nytta eller en inriktning finns inte i mallen för dokumentets år (planen gjordes med en annan års mall). Valet behålls; mallens ersättare erbjuds när mallen anger en.",
        "Stadens plan för digitalisering 2023–2026: planens egna mål, nyttor och inriktningar; en senare plan kan formulera om dem.",
    ),
    regel(
        "DP-inaktiv-innehall",
        Varning,
        "digitaliseringsplan",
        "Ett avsnitt som årets mall för digitaliseringsplanen inte använder har innehåll som inte kommer med i exporten.",
        "Som för årlig analys (AA-inaktiv-innehall): en senare års mall kan ta bort ett avsnitt; det som står där når inte Word-dokumentet.",
    ),
];

pub(super) fn allvarlighet(id: &str) -> Allvarlighet {
    REGLER
        .iter()
        .find(|r| r.id == id)
        .map_or(Fel, |r| r.allvarlighet)
}

/// The catalogue as Markdown, for `docs/regler.md`.
pub fn regelkatalog_markdown() -> String {
    let mut ut = String::from(
        "# Valideringsregler\n\n\
         Genererad ur `src/validate/regler.rs` med `underlag rules -o docs/regler.md`; ändra inte för hand.\n\
         `fel` stoppar en slutlig export, `varning` gör det inte.\n\n\
         | Regel | Allvarlighet | Avsnitt | Vad regeln fångar | Källa |\n|---|---|---|---|---|\n",
    );
    for r in REGLER {
        ut.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.allvarlighet.benamning(),
            r.avsnitt,
            r.beskrivning.replace('|', "\\|"),
            r.kalla.replace('|', "\\|")
        ));
    }
    ut
}
