//! The one list of fields the exports deliberately leave out, each with its reason.
//! `tests/alla_falt.rs` fills every field of every kind and reads this list: a field missing
//! from an export must be here, and a field here must really be missing, so the list stays true.

use crate::model::Dokumenttyp;

/// Which export leaves a field out. Excel only matters for tabular fields (template tables
/// and the tjänstekatalog): the workbook is the cost and table data, not the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utelamnas {
    Word,
    Excel,
    Bada,
}

impl Utelamnas {
    pub fn i_word(self) -> bool {
        matches!(self, Utelamnas::Word | Utelamnas::Bada)
    }

    pub fn i_excel(self) -> bool {
        matches!(self, Utelamnas::Excel | Utelamnas::Bada)
    }
}

/// A field the exports leave out. `sokvag` is the field's path in the document's JSON with
/// `[]` for any list index (`tjanstekatalog[].id`); `dokumenttyp` `None` means every kind.
#[derive(Debug, Clone, Copy)]
pub struct EjExporterat {
    pub dokumenttyp: Option<Dokumenttyp>,
    pub sokvag: &'static str,
    pub utelamnas: Utelamnas,
    /// Why, in Swedish, for the reader of this list and of the test's failures.
    pub skal: &'static str,
}

impl EjExporterat {
    /// Whether this entry covers the field at `sokvag` (indices written as `[]`) in a
    /// document of kind `typ`. A path ending in `.*` covers everything below it.
    pub fn galler(&self, typ: Dokumenttyp, sokvag: &str) -> bool {
        let under = |forfader: &str| {
            sokvag
                .strip_prefix(forfader)
                .is_some_and(|rest| rest.starts_with('.'))
        };
        self.dokumenttyp.is_none_or(|t| t == typ)
            && match self.sokvag.strip_suffix(".*") {
                Some(forfader) => under(forfader),
                None => self.sokvag == sokvag,
            }
    }
}

const ID: &str = "Underlags inre nyckel som referenser pekar med; läsaren ser namnet, och id:t ändras aldrig när namnet ändras.";
const ANGIVEN: &str = "Summan en importerad källa angav, sparad bara så att valideringen kan visa var källan och raderna skiljer sig åt; exporterna skriver summan räknad ur raderna.";

pub const EJ_EXPORTERADE: &[EjExporterat] = &[
    EjExporterat {
        dokumenttyp: None,
        sokvag: "meta.mall",
        utelamnas: Utelamnas::Bada,
        skal: "Vilken mall dokumentet följer; exporten är mallen, med dess rubriker och numrering.",
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "tjanstekatalog[].id",
        utelamnas: Utelamnas::Bada,
        skal: ID,
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "pagaende_insatser.insatser[].id",
        utelamnas: Utelamnas::Bada,
        skal: ID,
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "foreslagna_insatser.insatser[].id",
        utelamnas: Utelamnas::Bada,
        skal: ID,
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::Tjansteplan),
        sokvag: "kostnadsuppskattning.initiativ[].id",
        utelamnas: Utelamnas::Bada,
        skal: ID,
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::Digitaliseringsplan),
        sokvag: "insatser.insatser[].id",
        utelamnas: Utelamnas::Bada,
        skal: ID,
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "portfoljanalys.figurer[].filnamn",
        utelamnas: Utelamnas::Bada,
        skal: "Filnamnet på datorn bilden kom ifrån; Word får bilden med dess alternativtext och bildtext.",
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "portfoljanalys.figurer[].mediatyp",
        utelamnas: Utelamnas::Bada,
        skal: "Bildens filformat; Word får alltid bilden som PNG.",
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "framatsyftande_portfoljanalys.*",
        utelamnas: Utelamnas::Bada,
        skal: "2.1 används inte 2024: mallen skriver \"ANVÄNDS INTE FÖR 2024\" under rubriken och formuläret visar inga fält där.",
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "pagaende_insatser.leverantorens_analys",
        utelamnas: Utelamnas::Bada,
        skal: "1.4 har ingen Leverantörens analys i 2024 års mall (insatserna följs i statusrapporteringen) och formuläret visar inget sådant fält.",
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "kostnader.forvaltning.angiven_totalkostnad.*",
        utelamnas: Utelamnas::Bada,
        skal: ANGIVEN,
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "kostnader.utveckling.angiven_totalkostnad.*",
        utelamnas: Utelamnas::Bada,
        skal: ANGIVEN,
    },
    EjExporterat {
        dokumenttyp: Some(Dokumenttyp::ArligAnalys),
        sokvag: "kostnader.nya_insatser.angiven_totalkostnad.*",
        utelamnas: Utelamnas::Bada,
        skal: ANGIVEN,
    },
];
