#!/usr/bin/env python3
"""The peer for the Word export benchmark: writes the same content as `underlag export --docx`
(title block, versionshantering, table of contents field, every section of the template with its
anvisning, tables with totals, insats forms and Leverantörens analys) with python-docx.

Usage: docx_peer.py TEMPLATE.toml DOCUMENT.underlag.json OUT.docx ITERATIONS
Prints the mean time of one export in milliseconds (reading the inputs excluded, as in the
Rust benchmark).
"""
import json
import sys
import time
import tomllib

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def year_label(text, year):
    out = text
    for k in range(-5, 6):
        token = "{år}" if k == 0 else "{år%+d}" % k
        out = out.replace(token, str(year + k))
    return out


def get(value, path):
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def tkr(kr):
    return "{:,}".format(kr // 1000).replace(",", " ") + " tkr"


def show(field, value, doc, catalogue, in_tkr):
    if value is None:
        return ""
    kind = field["typ"]
    if kind == "belopp":
        return tkr(value) if in_tkr else "{:,} kr".format(value).replace(",", " ")
    if kind == "tjanst":
        return catalogue.get(value, value)
    if kind == "tjanster":
        return ", ".join(catalogue.get(t, t) for t in value)
    if kind == "ja_nej":
        answer = {"ja": "JA", "nej": "NEJ"}.get(value.get("svar") or "", "")
        return ", ".join(s for s in (answer, value.get("kommentar", "")) if s)
    if kind in ("beloppsuppgift", "arsbelopp"):
        return value.get("text", "")
    if kind == "komplexitet":
        return value.get("niva") or value.get("kommentar", "")
    if isinstance(value, (dict, list)):
        return ""
    return str(value)


def header_repeat(row):
    pr = row._tr.get_or_add_trPr()
    pr.append(OxmlElement("w:tblHeader"))
    pr.append(OxmlElement("w:cantSplit"))


def export(template, data, out):
    doc_json = data["dokument"]
    year = doc_json["meta"]["analysar"]
    catalogue = {t["id"]: t["namn"] for t in doc_json["tjanstekatalog"]}
    d = Document()
    title = "%s %d" % (template["mall"]["titel"], year)
    d.core_properties.title = title
    d.core_properties.author = doc_json["meta"]["organisation"]
    d.sections[0].header.paragraphs[0].text = year_label(template["mall"]["sidhuvud"], year)
    d.add_heading(title, 0)
    d.add_paragraph("Organisation: " + doc_json["meta"]["organisation"])
    cols = template["versionshantering"]["kolumner"]
    table = d.add_table(rows=1, cols=len(cols))
    for cell, col in zip(table.rows[0].cells, cols):
        cell.text = col["etikett"]
    header_repeat(table.rows[0])
    d.add_paragraph("Innehållsförteckning")
    run = d.add_paragraph().add_run()
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), 'TOC \\o "1-2" \\h \\z \\u')
    run._r.append(fld)
    for section in template["avsnitt"]:
        level = section["nummer"].count(".") + 1
        d.add_heading("%s %s" % (section["nummer"], year_label(section["rubrik"], year)), level)
        if section.get("anvisning"):
            d.add_paragraph("Anvisning")
            for para in year_label(section["anvisning"], year).split("\n"):
                if para.strip():
                    d.add_paragraph(para)
        if not section["aktiv"]:
            d.add_paragraph(section.get("inaktiv_text", ""))
            continue
        key = section.get("nyckel")
        if not key:
            continue
        part = doc_json.get(key, {})
        for tab in section.get("tabeller", []):
            if tab.get("utokat"):
                continue
            cols = [c for c in tab["kolumner"] if not c.get("utokat")]
            rows = get(part, tab["nyckel"]) or []
            table = d.add_table(rows=1, cols=len(cols))
            for cell, col in zip(table.rows[0].cells, cols):
                cell.text = year_label(col["etikett"], year)
            header_repeat(table.rows[0])
            in_tkr = tab.get("enhet") == "tkr"
            for row in rows:
                cells = table.add_row().cells
                for cell, col in zip(cells, cols):
                    cell.text = show(col, get(row, col["nyckel"]), doc_json, catalogue, in_tkr)
                    if col["typ"] == "belopp":
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if tab.get("summarad"):
                cells = table.add_row().cells
                for i, (cell, col) in enumerate(zip(cells, cols)):
                    if col["typ"] == "belopp":
                        values = [get(r, col["nyckel"]) for r in rows if get(r, col["nyckel"]) is not None]
                        cell.text = tkr(sum(values)) if values else ""
                    elif i == 0:
                        cell.text = tab["summarad"]
            analysis = tab.get("analys")
            if analysis:
                d.add_paragraph(analysis["etikett"])
                for para in (get(part, analysis["nyckel"]) or "").split("\n"):
                    d.add_paragraph(para)
        form = section.get("insats")
        if form:
            for n, insats in enumerate(get(part, form["nyckel"]) or [], 1):
                table = d.add_table(rows=1, cols=2)
                table.rows[0].cells[0].merge(table.rows[0].cells[1]).text = form["rubrik"].replace("{nr}", str(n))
                header_repeat(table.rows[0])
                for group in form["grupper"]:
                    if group.get("rubrik"):
                        row = table.add_row()
                        row.cells[0].merge(row.cells[1]).text = group["rubrik"]
                    for field in group["falt"]:
                        if field.get("utokat"):
                            continue
                        cells = table.add_row().cells
                        cells[0].text = year_label(field["etikett"], year)
                        cells[1].text = show(field, get(insats, field["nyckel"]), doc_json, catalogue, False)
        analysis = section.get("analys")
        if analysis:
            d.add_paragraph(analysis["etikett"])
            for para in (get(part, analysis["nyckel"]) or "").split("\n"):
                d.add_paragraph(para)
    d.save(out)


def main():
    template_path, doc_path, out, iterations = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with open(template_path, "rb") as f:
        template = tomllib.load(f)
    with open(doc_path, encoding="utf-8") as f:
        data = json.load(f)
    export(template, data, out)  # warm-up
    start = time.perf_counter()
    for _ in range(iterations):
        export(template, data, out)
    print("%.3f" % ((time.perf_counter() - start) * 1000 / iterations))


if __name__ == "__main__":
    main()
