//! The schema's order for the children of WordprocessingML elements, applied to a finished part.
//!
//! docx-rs 0.4.22 writes many property elements with their children out of the schema's sequence
//! (`w:pStyle` after `w:rPr` in `w:pPr`, `w:tblStyle` last in `w:tblPr`, `w:headerReference`
//! after `w:pgSz` in `w:sectPr`, `w:pPr` after `w:rPr` in `w:style` …), an undeclared `w:type`
//! on `w:gridCol`, and an empty `w:rPr` inside the `w:pPr` of styles and numbering levels, where
//! the schema has no place for it ([`OTILLATNA`]). LibreOffice reads such files as they are, but
//! a strict reader (the Open XML SDK, the validators archives and checkers use) reports every one,
//! and how far Word tolerates them is nowhere promised.
//! Rather than patch each element where docx-rs writes it, this pass reorders every element
//! listed in [`SEKVENSER`] after the fact, so neither a docx-rs upgrade nor a new element in our
//! own code can bring the problem back unnoticed (`tests/ooxml.rs` runs the validator).
//!
//! The order is data: [`SEKVENSER`] is ECMA-376 Part 1 (§17, the CT_ complex types) as the Open
//! XML SDK's schema data has it, read from the validator `openxml-audit` 0.8.0
//! (`openxml_audit/data/openxml/schemas/schemas_openxmlformats_org_wordprocessingml_2006_main.json`).
//! Where one element name has several types (the `w:pPr` of a paragraph is CT_PPr, that of a
//! style CT_PPrGeneral; the `w:rPr` of a run, a paragraph mark or a style differ likewise), the
//! row is the union of their sequences, which never contradict each other.
//!
//! Only elements whose children are a fixed sequence of properties are listed; content
//! containers (`w:body`, `w:p`, `w:r`, `w:tbl`, `w:tr`, `w:tc`) are left as written. A child the
//! table does not name (an extension element, say) goes after the named ones, and such children
//! keep their order among themselves: every sequence here ends in its extension points, so the
//! end is where the schema allows foreign elements, and the result does not depend on where
//! docx-rs happened to put them. Text, comments and whitespace between children travel with the
//! element that follows them; attributes and everything inside a child are left untouched, except
//! the attributes in [`ODEKLARERADE_ATTRIBUT`].
//!
//! Names are matched with their prefix (`w:`, `w14:`, `c:`), as docx-rs and rust_xlsxwriter
//! always write them; the pass only ever sees packages we produced. The Excel charts' series
//! (`c:ser`) are in the same table: `paket::ordna_diagrammen` runs the pass over a workbook's
//! chart parts.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

use super::paket::EVENT_MELLAN_AVBROTT;
use crate::cancel::Avbrott;

/// An element and the schema's sequence of its children: one slot per position, and the names
/// in one slot are a choice that may come in any order among themselves.
pub(super) type Sekvens = (&'static str, &'static [&'static [&'static str]]);

/// The sequences (see the module documentation for the source). CT_TblPr and CT_TblPrStyle share
/// the name `w:tblPr`; the band sizes of the latter stand where ECMA-376's CT_TblPrBase puts
/// them, after `w:bidiVisual`.
#[rustfmt::skip]
pub(super) const SEKVENSER: &[Sekvens] = &[
    ("w:pPr", &[
        &["w:pStyle"], &["w:keepNext"], &["w:keepLines"], &["w:pageBreakBefore"], &["w:framePr"],
        &["w:widowControl"], &["w:numPr"], &["w:suppressLineNumbers"], &["w:pBdr"], &["w:shd"],
        &["w:tabs"], &["w:suppressAutoHyphens"], &["w:kinsoku"], &["w:wordWrap"],
        &["w:overflowPunct"], &["w:topLinePunct"], &["w:autoSpaceDE"], &["w:autoSpaceDN"],
        &["w:bidi"], &["w:adjustRightInd"], &["w:snapToGrid"], &["w:spacing"], &["w:ind"],
        &["w:contextualSpacing"], &["w:mirrorIndents"], &["w:suppressOverlap"], &["w:jc"],
        &["w:textDirection"], &["w:textAlignment"], &["w:textboxTightWrap"], &["w:outlineLvl"],
        &["w:divId"], &["w:cnfStyle"], &["w:rPr"], &["w:sectPr"], &["w:pPrChange"],
    ]),
    ("w:rPr", &[
        &["w:ins"], &["w:del"], &["w:moveFrom"], &["w:moveTo"],
        &["w14:conflictIns", "w14:conflictDel"], &["w:rStyle"], &["w:rFonts"], &["w:b"], &["w:bCs"],
        &["w:i"], &["w:iCs"], &["w:caps"], &["w:smallCaps"], &["w:strike"], &["w:dstrike"],
        &["w:outline"], &["w:shadow"], &["w:emboss"], &["w:imprint"], &["w:noProof"],
        &["w:snapToGrid"], &["w:vanish"], &["w:webHidden"], &["w:color"], &["w:spacing"], &["w:w"],
        &["w:kern"], &["w:position"], &["w:sz"], &["w:szCs"], &["w:highlight"], &["w:u"],
        &["w:effect"], &["w:bdr"], &["w:shd"], &["w:fitText"], &["w:vertAlign"], &["w:rtl"],
        &["w:cs"], &["w:em"], &["w:lang"], &["w:eastAsianLayout"], &["w:specVanish"], &["w14:glow"],
        &["w14:shadow"], &["w14:reflection"], &["w14:textOutline"], &["w14:textFill"],
        &["w14:scene3d"], &["w14:props3d"], &["w14:ligatures"], &["w14:numForm"],
        &["w14:numSpacing"], &["w14:stylisticSets"], &["w14:cntxtAlts"], &["w:oMath"],
        &["w:rPrChange"],
    ]),
    ("w:tblPr", &[
        &["w:tblStyle"], &["w:tblpPr"], &["w:tblOverlap"], &["w:bidiVisual"],
        &["w:tblStyleRowBandSize"], &["w:tblStyleColBandSize"], &["w:tblW"], &["w:jc"],
        &["w:tblCellSpacing"], &["w:tblInd"], &["w:tblBorders"], &["w:shd"], &["w:tblLayout"],
        &["w:tblCellMar"], &["w:tblLook"], &["w:tblCaption"], &["w:tblDescription"],
        &["w:tblPrChange"],
    ]),
    ("w:tcPr", &[
        &["w:cnfStyle"], &["w:tcW"], &["w:gridSpan"], &["w:hMerge"], &["w:vMerge"],
        &["w:tcBorders"], &["w:shd"], &["w:noWrap"], &["w:tcMar"], &["w:textDirection"],
        &["w:tcFitText"], &["w:vAlign"], &["w:hideMark"],
        &["w:cellIns", "w:cellDel", "w:cellMerge"], &["w:tcPrChange"],
    ]),
    ("w:trPr", &[
        &["w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
          "w:trHeight", "w:hidden", "w:cantSplit", "w:tblHeader", "w:tblCellSpacing", "w:jc"],
        &["w:ins"], &["w:del"], &["w:trPrChange"], &["w14:conflictIns", "w14:conflictDel"],
    ]),
    ("w:sectPr", &[
        &["w:headerReference", "w:footerReference"], &["w:footnotePr"], &["w:endnotePr"],
        &["w:type"], &["w:pgSz"], &["w:pgMar"], &["w:paperSrc"], &["w:pgBorders"], &["w:lnNumType"],
        &["w:pgNumType"], &["w:cols"], &["w:formProt"], &["w:vAlign"], &["w:noEndnote"],
        &["w:titlePg"], &["w:textDirection"], &["w:bidi"], &["w:rtlGutter"], &["w:docGrid"],
        &["w:printerSettings"], &["w15:footnoteColumns"], &["w:sectPrChange"],
    ]),
    ("w:tblBorders", &[
        &["w:top"], &["w:left"], &["w:start"], &["w:bottom"], &["w:right"], &["w:end"],
        &["w:insideH"], &["w:insideV"],
    ]),
    ("w:tcBorders", &[
        &["w:top"], &["w:left"], &["w:start"], &["w:bottom"], &["w:right"], &["w:end"],
        &["w:insideH"], &["w:insideV"], &["w:tl2br"], &["w:tr2bl"],
    ]),
    ("w:pBdr", &[
        &["w:top"], &["w:left"], &["w:bottom"], &["w:right"], &["w:between"], &["w:bar"],
    ]),
    ("w:tblCellMar", &[
        &["w:top"], &["w:left"], &["w:start"], &["w:bottom"], &["w:right"], &["w:end"],
    ]),
    ("w:tcMar", &[
        &["w:top"], &["w:left"], &["w:start"], &["w:bottom"], &["w:right"], &["w:end"],
    ]),
    ("w:numPr", &[
        &["w:ilvl"], &["w:numId"], &["w:numberingChange"], &["w:ins"],
    ]),
    ("w:tblGrid", &[
        &["w:gridCol"], &["w:tblGridChange"],
    ]),
    ("w:style", &[
        &["w:name"], &["w:aliases"], &["w:basedOn"], &["w:next"], &["w:link"], &["w:autoRedefine"],
        &["w:hidden"], &["w:uiPriority"], &["w:semiHidden"], &["w:unhideWhenUsed"], &["w:qFormat"],
        &["w:locked"], &["w:personal"], &["w:personalCompose"], &["w:personalReply"], &["w:rsid"],
        &["w:pPr"], &["w:rPr"], &["w:tblPr"], &["w:trPr"], &["w:tcPr"], &["w:tblStylePr"],
    ]),
    ("w:tblStylePr", &[
        &["w:pPr"], &["w:rPr"], &["w:tblPr"], &["w:trPr"], &["w:tcPr"],
    ]),
    ("w:docDefaults", &[
        &["w:rPrDefault"], &["w:pPrDefault"],
    ]),
    ("w:styles", &[
        &["w:docDefaults"], &["w:latentStyles"], &["w:style"],
    ]),
    ("w:lvl", &[
        &["w:start"], &["w:numFmt"], &["w:lvlRestart"], &["w:pStyle"], &["w:isLgl"], &["w:suff"],
        &["w:lvlText"], &["w:lvlPicBulletId"], &["w:legacy"], &["w:lvlJc"], &["w:pPr"], &["w:rPr"],
    ]),
    ("w:lvlOverride", &[
        &["w:startOverride"], &["w:lvl"],
    ]),
    ("w:abstractNum", &[
        &["w:nsid"], &["w:multiLevelType"], &["w:tmpl"], &["w:name"], &["w:styleLink"],
        &["w:numStyleLink"], &["w:lvl"],
    ]),
    ("w:num", &[
        &["w:abstractNumId"], &["w:lvlOverride"],
    ]),
    ("w:numbering", &[
        &["w:numPicBullet"], &["w:abstractNum"], &["w:num"], &["w:numIdMacAtCleanup"],
    ]),
    ("w:footnotePr", &[
        &["w:pos"], &["w:numFmt"], &["w:numStart"], &["w:numRestart"], &["w:footnote"],
    ]),
    ("w:endnotePr", &[
        &["w:pos"], &["w:numFmt"], &["w:numStart"], &["w:numRestart"], &["w:endnote"],
    ]),
    ("w:settings", &[
        &["w:writeProtection"], &["w:view"], &["w:zoom"], &["w:removePersonalInformation"],
        &["w:removeDateAndTime"], &["w:doNotDisplayPageBoundaries"], &["w:displayBackgroundShape"],
        &["w:printPostScriptOverText"], &["w:printFractionalCharacterWidth"], &["w:printFormsData"],
        &["w:embedTrueTypeFonts"], &["w:embedSystemFonts"], &["w:saveSubsetFonts"],
        &["w:saveFormsData"], &["w:mirrorMargins"], &["w:alignBordersAndEdges"],
        &["w:bordersDoNotSurroundHeader"], &["w:bordersDoNotSurroundFooter"], &["w:gutterAtTop"],
        &["w:hideSpellingErrors"], &["w:hideGrammaticalErrors"], &["w:activeWritingStyle"],
        &["w:proofState"], &["w:formsDesign"], &["w:attachedTemplate"], &["w:linkStyles"],
        &["w:stylePaneFormatFilter"], &["w:stylePaneSortMethod"], &["w:documentType"],
        &["w:mailMerge"], &["w:revisionView"], &["w:trackRevisions"], &["w:doNotTrackMoves"],
        &["w:doNotTrackFormatting"], &["w:documentProtection"], &["w:autoFormatOverride"],
        &["w:styleLockTheme"], &["w:styleLockQFSet"], &["w:defaultTabStop"], &["w:autoHyphenation"],
        &["w:consecutiveHyphenLimit"], &["w:hyphenationZone"], &["w:doNotHyphenateCaps"],
        &["w:showEnvelope"], &["w:summaryLength"], &["w:clickAndTypeStyle"],
        &["w:defaultTableStyle"], &["w:evenAndOddHeaders"], &["w:bookFoldRevPrinting"],
        &["w:bookFoldPrinting"], &["w:bookFoldPrintingSheets"], &["w:drawingGridHorizontalSpacing"],
        &["w:drawingGridVerticalSpacing"], &["w:displayHorizontalDrawingGridEvery"],
        &["w:displayVerticalDrawingGridEvery"], &["w:doNotUseMarginsForDrawingGridOrigin"],
        &["w:drawingGridHorizontalOrigin"], &["w:drawingGridVerticalOrigin"],
        &["w:doNotShadeFormData"], &["w:noPunctuationKerning"], &["w:characterSpacingControl"],
        &["w:printTwoOnOne"], &["w:strictFirstAndLastChars"], &["w:noLineBreaksAfter"],
        &["w:noLineBreaksBefore"], &["w:savePreviewPicture"], &["w:doNotValidateAgainstSchema"],
        &["w:saveInvalidXml"], &["w:ignoreMixedContent"], &["w:alwaysShowPlaceholderText"],
        &["w:doNotDemarcateInvalidXml"], &["w:saveXmlDataOnly"], &["w:useXSLTWhenSaving"],
        &["w:saveThroughXslt"], &["w:showXMLTags"], &["w:alwaysMergeEmptyNamespace"],
        &["w:updateFields"], &["w:hdrShapeDefaults"], &["w:footnotePr"], &["w:endnotePr"],
        &["w:compat"], &["w:docVars"], &["w:rsids"], &["m:mathPr"], &["w:uiCompat97To2003"],
        &["w:attachedSchema"], &["w:themeFontLang"], &["w:clrSchemeMapping"],
        &["w:doNotIncludeSubdocsInStats"], &["w:doNotAutoCompressPictures"], &["w:forceUpgrade"],
        &["w:captions"], &["w:readModeInkLockDown"], &["sl:schemaLibrary"], &["w:shapeDefaults"],
        &["w:decimalSymbol"], &["w:listSeparator"], &["w14:docId"],
        &["w14:discardImageEditingData"], &["w14:defaultImageDpi"], &["w14:conflictMode"],
        &["w15:chartTrackingRefBased"], &["w15:docId"],
    ]),
    // A DrawingML chart series (§21.2.2: CT_ScatterSer, CT_LineSer, CT_BarSer, CT_PieSer,
    // CT_AreaSer, CT_RadarSer, CT_BubbleSer, CT_SurfaceSer as one union, which never
    // contradicts itself). rust_xlsxwriter 0.102 writes a scatter series' `c:marker` before its
    // `c:spPr`, which a strict reader reports and Excel may offer to repair.
    ("c:ser", &[
        &["c:idx"], &["c:order"], &["c:tx"], &["c:spPr"],
        &["c:invertIfNegative", "c:marker", "c:explosion"], &["c:pictureOptions"], &["c:dPt"],
        &["c:dLbls"], &["c:trendline"], &["c:errBars"], &["c:cat", "c:xVal"],
        &["c:val", "c:yVal"], &["c:bubbleSize"], &["c:shape", "c:smooth", "c:bubble3D"],
        &["c:extLst"],
    ]),
    ("w:compat", &[
        &["w:useSingleBorderforContiguousCells"], &["w:wpJustification"], &["w:noTabHangInd"],
        &["w:noLeading"], &["w:spaceForUL"], &["w:noColumnBalance"],
        &["w:balanceSingleByteDoubleByteWidth"], &["w:noExtraLineSpacing"],
        &["w:doNotLeaveBackslashAlone"], &["w:ulTrailSpace"], &["w:doNotExpandShiftReturn"],
        &["w:spacingInWholePoints"], &["w:lineWrapLikeWord6"], &["w:printBodyTextBeforeHeader"],
        &["w:printColBlack"], &["w:wpSpaceWidth"], &["w:showBreaksInFrames"], &["w:subFontBySize"],
        &["w:suppressBottomSpacing"], &["w:suppressTopSpacing"], &["w:suppressSpacingAtTopOfPage"],
        &["w:suppressTopSpacingWP"], &["w:suppressSpBfAfterPgBrk"], &["w:swapBordersFacingPages"],
        &["w:convMailMergeEsc"], &["w:truncateFontHeightsLikeWP6"], &["w:mwSmallCaps"],
        &["w:usePrinterMetrics"], &["w:doNotSuppressParagraphBorders"], &["w:wrapTrailSpaces"],
        &["w:footnoteLayoutLikeWW8"], &["w:shapeLayoutLikeWW8"], &["w:alignTablesRowByRow"],
        &["w:forgetLastTabAlignment"], &["w:adjustLineHeightInTable"], &["w:autoSpaceLikeWord95"],
        &["w:noSpaceRaiseLower"], &["w:doNotUseHTMLParagraphAutoSpacing"],
        &["w:layoutRawTableWidth"], &["w:layoutTableRowsApart"], &["w:useWord97LineBreakRules"],
        &["w:doNotBreakWrappedTables"], &["w:doNotSnapToGridInCell"],
        &["w:selectFldWithFirstOrLastChar"], &["w:applyBreakingRules"],
        &["w:doNotWrapTextWithPunct"], &["w:doNotUseEastAsianBreakRules"],
        &["w:useWord2002TableStyleRules"], &["w:growAutofit"], &["w:useFELayout"],
        &["w:useNormalStyleForList"], &["w:doNotUseIndentAsNumberingTabStop"],
        &["w:useAltKinsokuLineBreakRules"], &["w:allowSpaceOfSameStyleInTable"],
        &["w:doNotSuppressIndentation"], &["w:doNotAutofitConstrainedTables"],
        &["w:autofitToFirstFixedWidthCell"], &["w:underlineTabInNumList"],
        &["w:displayHangulFixedWidth"], &["w:splitPgBreakAndParaMark"],
        &["w:doNotVertAlignCellWithSp"], &["w:doNotBreakConstrainedForcedTable"],
        &["w:doNotVertAlignInTxbx"], &["w:useAnsiKerningPairs"], &["w:cachedColBalance"],
        &["w:compatSetting"],
    ]),
];

/// Attributes docx-rs writes that the schema does not declare on the element: (element,
/// attribute). `w:gridCol` has only `w:w`, always in twentieths of a point, so its `w:type="dxa"`
/// says nothing and is dropped.
pub(super) const ODEKLARERADE_ATTRIBUT: &[(&str, &str)] = &[("w:gridCol", "w:type")];

/// Children the schema does not allow in some contexts: (element, its parent, the parents of
/// that parent where it may not stand). Removed only when empty (no attributes, no content), so
/// the pass never drops anything that says something; a non-empty one stays and the validator
/// test reports it.
///
/// The `w:pPr` of a style, of the document defaults and of a numbering level has no `w:rPr`
/// (CT_PPrGeneral: the paragraph mark's run properties exist only in a paragraph's own `w:pPr`),
/// and docx-rs writes an empty one there.
pub(super) const OTILLATNA: &[(&str, &str, &[&str])] = &[(
    "w:rPr",
    "w:pPr",
    &["w:style", "w:pPrDefault", "w:lvl", "w:tblStylePr"],
)];

/// A parsed part: elements with their children, everything else (text, comments, the XML
/// declaration) as the event it was read as.
enum Nod {
    Element {
        start: BytesStart<'static>,
        /// Written as `<x/>` in the input; kept so untouched elements come out as they went in.
        tom: bool,
        barn: Vec<Nod>,
    },
    Annat(Event<'static>),
}

impl Nod {
    fn namn(&self) -> Option<&[u8]> {
        match self {
            Nod::Element { start, .. } => Some(start.name().into_inner()),
            Nod::Annat(_) => None,
        }
    }
}

/// Rewrites one XML part with every listed element's children in schema order, undeclared
/// attributes and forbidden empty children removed.
/// Stops with an error once `avbrott` is cancelled.
pub(super) fn ordna_efter_schemat(xml: &[u8], avbrott: &Avbrott) -> Result<Vec<u8>, String> {
    let mut noder = las(xml, avbrott)?;
    let mut forfader = Vec::new();
    ordna(&mut noder, &mut forfader)?;
    let mut writer = Writer::new(Vec::with_capacity(xml.len()));
    skriv(noder, &mut writer)?;
    Ok(writer.into_inner())
}

fn las(xml: &[u8], avbrott: &Avbrott) -> Result<Vec<Nod>, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut rot = Vec::new();
    // The open elements, each with the children read so far.
    let mut oppna: Vec<(BytesStart<'static>, Vec<Nod>)> = Vec::new();
    let mut buf = Vec::new();
    for handelse in 1usize.. {
        if handelse.is_multiple_of(EVENT_MELLAN_AVBROTT) {
            avbrott.kontrollera().map_err(|a| a.to_string())?;
        }
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?
            .into_owned();
        let nod = match event {
            Event::Eof => break,
            Event::Start(start) => {
                oppna.push((start, Vec::new()));
                buf.clear();
                continue;
            }
            Event::End(_) => {
                // quick-xml has already checked that the end tag matches.
                let (start, barn) = oppna
                    .pop()
                    .ok_or_else(|| "sluttagg utan starttagg".to_string())?;
                Nod::Element {
                    start,
                    tom: false,
                    barn,
                }
            }
            Event::Empty(start) => Nod::Element {
                start,
                tom: true,
                barn: Vec::new(),
            },
            annat => Nod::Annat(annat),
        };
        match oppna.last_mut() {
            Some((_, barn)) => barn.push(nod),
            None => rot.push(nod),
        }
        buf.clear();
    }
    if let Some((start, _)) = oppna.last() {
        return Err(format!(
            "elementet {} avslutas aldrig",
            String::from_utf8_lossy(start.name().as_ref())
        ));
    }
    Ok(rot)
}

fn sekvens(namn: &[u8]) -> Option<&'static [&'static [&'static str]]> {
    SEKVENSER
        .iter()
        .find(|(element, _)| element.as_bytes() == namn)
        .map(|(_, barn)| *barn)
}

/// The slot of `namn` in `sekvens`; names the sequence does not list come after all of it.
fn plats(sekvens: &[&[&str]], namn: &[u8]) -> usize {
    sekvens
        .iter()
        .position(|slot| slot.iter().any(|n| n.as_bytes() == namn))
        .unwrap_or(sekvens.len())
}

/// `forfader` holds the names of the elements enclosing `noder`, outermost first. Recursive: the
/// depth is the part's nesting depth, a dozen levels in what docx-rs writes.
fn ordna(noder: &mut Vec<Nod>, forfader: &mut Vec<Vec<u8>>) -> Result<(), String> {
    if let (Some(forald), farforalder) = (forfader.last(), forfader.iter().rev().nth(1)) {
        noder.retain(|n| !otillaten(n, forald, farforalder.map(Vec::as_slice)));
    }
    for nod in noder.iter_mut() {
        if let Nod::Element { start, barn, .. } = nod {
            ta_bort_odeklarerade(start)?;
            forfader.push(start.name().as_ref().to_vec());
            ordna(barn, forfader)?;
            forfader.pop();
        }
    }
    if let Some(sekvens) = forfader.last().and_then(|f| sekvens(f)) {
        sortera(noder, sekvens);
    }
    Ok(())
}

fn otillaten(nod: &Nod, forald: &[u8], farforalder: Option<&[u8]>) -> bool {
    let Nod::Element { start, barn, .. } = nod else {
        return false;
    };
    let tomt = barn.is_empty() && start.attributes().next().is_none();
    tomt && OTILLATNA.iter().any(|(element, f, ff)| {
        element.as_bytes() == start.name().as_ref()
            && f.as_bytes() == forald
            && farforalder.is_some_and(|x| ff.iter().any(|f| f.as_bytes() == x))
    })
}

fn ta_bort_odeklarerade(start: &mut BytesStart<'static>) -> Result<(), String> {
    let namn = start.name();
    let bort: Vec<&str> = ODEKLARERADE_ATTRIBUT
        .iter()
        .filter(|(element, _)| element.as_bytes() == namn.as_ref())
        .map(|(_, attribut)| *attribut)
        .collect();
    if bort.is_empty() {
        return Ok(());
    }
    let mut ny = BytesStart::new(String::from_utf8_lossy(namn.as_ref()).into_owned());
    for a in start.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if !bort.iter().any(|b| b.as_bytes() == a.key.as_ref()) {
            ny.push_attribute(a);
        }
    }
    *start = ny.into_owned();
    Ok(())
}

/// A stable sort of `noder` by slot; whatever is not an element moves with the element after
/// it, and what trails the last element stays last.
fn sortera(noder: &mut Vec<Nod>, sekvens: &[&[&str]]) {
    let mut grupper: Vec<(usize, Vec<Nod>)> = Vec::new();
    let mut vantande = Vec::new();
    for nod in noder.drain(..) {
        let plats = nod.namn().map(|n| plats(sekvens, n));
        vantande.push(nod);
        if let Some(plats) = plats {
            grupper.push((plats, std::mem::take(&mut vantande)));
        }
    }
    if !vantande.is_empty() {
        grupper.push((usize::MAX, vantande));
    }
    grupper.sort_by_key(|(plats, _)| *plats);
    noder.extend(grupper.into_iter().flat_map(|(_, g)| g));
}

fn skriv(noder: Vec<Nod>, w: &mut Writer<Vec<u8>>) -> Result<(), String> {
    for nod in noder {
        match nod {
            Nod::Element {
                start,
                tom: true,
                barn,
            } if barn.is_empty() => skriv_event(w, Event::Empty(start))?,
            Nod::Element { start, barn, .. } => {
                let slut = start.to_end().into_owned();
                skriv_event(w, Event::Start(start))?;
                skriv(barn, w)?;
                skriv_event(w, Event::End(slut))?;
            }
            Nod::Annat(e) => skriv_event(w, e)?,
        }
    }
    Ok(())
}

fn skriv_event(w: &mut Writer<Vec<u8>>, e: Event<'_>) -> Result<(), String> {
    w.write_event(e).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordnad(xml: &str) -> String {
        ordna_efter_schemat(xml.as_bytes(), &Avbrott::default())
            .map(|b| String::from_utf8(b).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn sekvensen(element: &str) -> &'static [&'static [&'static str]] {
        sekvens(element.as_bytes()).unwrap_or_else(|| panic!("{element} saknas i tabellen"))
    }

    #[test]
    fn the_table_names_each_element_once_and_each_child_once_per_element() {
        for (i, (element, barn)) in SEKVENSER.iter().enumerate() {
            assert!(
                SEKVENSER[..i].iter().all(|(e, _)| e != element),
                "{element} står två gånger"
            );
            let alla: Vec<&str> = barn.iter().flat_map(|slot| slot.iter().copied()).collect();
            for (j, namn) in alla.iter().enumerate() {
                assert!(
                    !alla[..j].contains(namn),
                    "{namn} står två gånger i {element}"
                );
            }
            assert!(
                barn.iter().all(|slot| !slot.is_empty()),
                "tom plats i {element}"
            );
        }
        // The orders the validator reported broken in docx-rs's output.
        let ppr = sekvensen("w:pPr");
        assert!(plats(ppr, b"w:pStyle") < plats(ppr, b"w:keepNext"));
        assert!(plats(ppr, b"w:tabs") < plats(ppr, b"w:rPr"));
        assert_eq!(plats(sekvensen("w:tblPr"), b"w:tblStyle"), 0);
        let sect = sekvensen("w:sectPr");
        assert_eq!(plats(sect, b"w:headerReference"), 0);
        assert_eq!(plats(sect, b"w:footerReference"), 0);
        let stil = sekvensen("w:style");
        assert!(plats(stil, b"w:qFormat") < plats(stil, b"w:pPr"));
        assert!(plats(stil, b"w:pPr") < plats(stil, b"w:rPr"));
        assert!(plats(stil, b"w:tblPr") < plats(stil, b"w:tcPr"));
        let rpr = sekvensen("w:rPr");
        assert!(plats(rpr, b"w:rFonts") < plats(rpr, b"w:b"));
        assert!(plats(rpr, b"w:color") < plats(rpr, b"w:sz"));
        let installningar = sekvensen("w:settings");
        assert!(plats(installningar, b"w:zoom") < plats(installningar, b"w:defaultTabStop"));
        assert!(plats(installningar, b"w:updateFields") < plats(installningar, b"w:compat"));
    }

    #[test]
    fn a_shuffled_paragraph_properties_comes_out_in_schema_order() {
        let ppr = sekvensen("w:pPr");
        let mut namn: Vec<&str> = ppr.iter().map(|slot| slot[0]).collect();
        let mut slump = fastrand::Rng::with_seed(17);
        for _ in 0..20 {
            slump.shuffle(&mut namn);
            let barn: String = namn.iter().map(|n| format!("<{n}/>")).collect();
            let ut = ordnad(&format!("<w:p><w:pPr>{barn}</w:pPr></w:p>"));
            let vantat: String = ppr.iter().map(|slot| format!("<{}/>", slot[0])).collect();
            assert_eq!(ut, format!("<w:p><w:pPr>{vantat}</w:pPr></w:p>"));
        }
    }

    #[test]
    fn what_docx_rs_writes_is_reordered() {
        assert_eq!(
            ordnad(
                r#"<w:body><w:p><w:pPr><w:rPr /><w:pStyle w:val="Analysrubrik" /><w:keepNext /></w:pPr></w:p><w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct" /><w:jc w:val="left" /><w:tblStyle w:val="Underlagstabell" /></w:tblPr></w:tbl><w:sectPr><w:pgSz w:w="11906" w:h="16838" /><w:cols w:space="425" w:num="1" /><w:headerReference w:type="default" r:id="rIdHeader1" /></w:sectPr></w:body>"#
            ),
            r#"<w:body><w:p><w:pPr><w:pStyle w:val="Analysrubrik" /><w:keepNext /><w:rPr /></w:pPr></w:p><w:tbl><w:tblPr><w:tblStyle w:val="Underlagstabell" /><w:tblW w:w="5000" w:type="pct" /><w:jc w:val="left" /></w:tblPr></w:tbl><w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1" /><w:pgSz w:w="11906" w:h="16838" /><w:cols w:space="425" w:num="1" /></w:sectPr></w:body>"#
        );
    }

    #[test]
    fn unknown_children_follow_the_known_ones_in_their_own_order() {
        assert_eq!(
            ordnad("<w:pPr><x:b/><w:jc/><x:a>1</x:a><w:pStyle/><w:unknown/></w:pPr>"),
            "<w:pPr><w:pStyle/><w:jc/><x:b/><x:a>1</x:a><w:unknown/></w:pPr>"
        );
    }

    #[test]
    fn a_choice_keeps_its_order_and_equal_names_keep_theirs() {
        assert_eq!(
            ordnad(
                r#"<w:sectPr><w:pgSz/><w:footerReference r:id="f"/><w:headerReference r:id="h1"/><w:headerReference r:id="h2"/></w:sectPr>"#
            ),
            r#"<w:sectPr><w:footerReference r:id="f"/><w:headerReference r:id="h1"/><w:headerReference r:id="h2"/><w:pgSz/></w:sectPr>"#
        );
    }

    #[test]
    fn text_attributes_and_declaration_are_untouched() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="urn:w"><w:r><w:rPr><w:sz w:val="22" /><w:color w:val="&quot;1F&amp;" /><w:b /></w:rPr><w:t xml:space="preserve"> a &amp; &lt;b&gt; Ö </w:t></w:r></w:document>"#;
        assert_eq!(
            ordnad(xml),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="urn:w"><w:r><w:rPr><w:b /><w:color w:val="&quot;1F&amp;" /><w:sz w:val="22" /></w:rPr><w:t xml:space="preserve"> a &amp; &lt;b&gt; Ö </w:t></w:r></w:document>"#
        );
        // A part with nothing listed comes out byte for byte.
        let orort = r#"<w:hdr><w:p w14:paraId="01"><w:r><w:t>Sida</w:t><w:tab /></w:r></w:p><!-- x --></w:hdr>"#;
        assert_eq!(ordnad(orort), orort);
    }

    #[test]
    fn whitespace_and_comments_travel_with_the_next_element() {
        assert_eq!(
            ordnad("<w:pPr>\n  <w:jc/>\n  <!-- stil --><w:pStyle/>\n</w:pPr>"),
            "<w:pPr>\n  <!-- stil --><w:pStyle/>\n  <w:jc/>\n</w:pPr>"
        );
    }

    #[test]
    fn nested_listed_elements_are_ordered_at_every_level() {
        assert_eq!(
            ordnad(
                r#"<w:styles><w:style w:styleId="T"><w:name w:val="T"/><w:rPr><w:sz w:val="44"/><w:color w:val="1F3864"/><w:b/></w:rPr><w:pPr><w:outlineLvl w:val="0"/><w:spacing/></w:pPr><w:tcPr/><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:qFormat/></w:style><w:docDefaults><w:pPrDefault/><w:rPrDefault/></w:docDefaults></w:styles>"#
            ),
            r#"<w:styles><w:docDefaults><w:rPrDefault/><w:pPrDefault/></w:docDefaults><w:style w:styleId="T"><w:name w:val="T"/><w:qFormat/><w:pPr><w:spacing/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="44"/></w:rPr><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tcPr/></w:style></w:styles>"#
        );
    }

    #[test]
    fn removes_the_undeclared_type_of_a_grid_column_only() {
        assert_eq!(
            ordnad(
                r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="1511" w:type="dxa" /><w:gridCol w:type="dxa" w:w="20"></w:gridCol></w:tblGrid></w:tbl>"#
            ),
            r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="1511"/><w:gridCol w:w="20"></w:gridCol></w:tblGrid></w:tbl>"#
        );
    }

    #[test]
    fn an_empty_run_properties_leaves_a_style_paragraph_but_not_a_paragraph() {
        assert_eq!(
            ordnad(
                r#"<w:numbering><w:lvl><w:pPr><w:rPr /><w:ind w:left="420"/></w:pPr><w:rPr /></w:lvl></w:numbering>"#
            ),
            r#"<w:numbering><w:lvl><w:pPr><w:ind w:left="420"/></w:pPr><w:rPr /></w:lvl></w:numbering>"#
        );
        assert_eq!(
            ordnad(r#"<w:style><w:pPr><w:rPr></w:rPr><w:jc/></w:pPr></w:style>"#),
            r#"<w:style><w:pPr><w:jc/></w:pPr></w:style>"#
        );
        // One that says something stays, for the validator test to report.
        assert_eq!(
            ordnad(r#"<w:style><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:style>"#),
            r#"<w:style><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:style>"#
        );
        assert_eq!(
            ordnad(r#"<w:p><w:pPr><w:rPr /><w:jc/></w:pPr></w:p>"#),
            r#"<w:p><w:pPr><w:jc/><w:rPr /></w:pPr></w:p>"#
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(ordna_efter_schemat(b"<w:pPr><w:jc>", &Avbrott::default()).is_err());
        assert!(ordna_efter_schemat(b"<w:pPr></w:rPr>", &Avbrott::default()).is_err());
    }
}
