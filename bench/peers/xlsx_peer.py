#!/usr/bin/env python3
"""The peer for the Excel export benchmark: writes the same sheets as `underlag export --xlsx`
(three 3.1 tables with SUM totals and a column chart, Förslag, Fördelningsnycklar,
Konsolidering and a Kontroller sheet of formulas) with XlsxWriter.

Usage: xlsx_peer.py TEMPLATE.toml DOCUMENT.underlag.json OUT.xlsx ITERATIONS
Prints the mean time of one export in milliseconds (reading the inputs excluded).
"""
import json
import sys
import time
import tomllib

import xlsxwriter


def year_label(text, year):
    for k in range(-5, 6):
        text = text.replace("{år}" if k == 0 else "{år%+d}" % k, str(year + k))
    return text


def get(value, path):
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def cell_text(col, value, catalogue):
    if value is None:
        return ""
    if col["typ"] == "tjanst":
        return catalogue.get(value, value)
    if isinstance(value, dict):
        return value.get("status", "")
    return str(value)


def sheet(wb, name, headers, rows, total, fmt):
    ws = wb.add_worksheet(name)
    for c, (h, w) in enumerate(headers):
        ws.set_column(c, c, w)
    last = max(len(rows), 1)
    ws.add_table(0, 0, last, len(headers) - 1, {"columns": [{"header": h} for h, _ in headers], "name": "T_" + "".join(ch for ch in name if ch.isascii() and ch.isalnum())})
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            if isinstance(v, float):
                ws.write_number(r, c, v, fmt["tkr"])
            elif isinstance(v, str):
                ws.write_string(r, c, v, fmt["quote"] if v[:1] in "=+-@\t\r" else None)
    if total:
        ws.write_string(last + 1, 0, total)
        for c in range(1, len(headers)):
            if any(isinstance(r[c], float) for r in rows):
                col = xlsxwriter.utility.xl_col_to_name(c)
                value = sum(r[c] for r in rows if isinstance(r[c], float))
                ws.write_formula(last + 1, c, "=SUM(%s2:%s%d)" % (col, col, last + 1), fmt["tkr"], value)
    ws.freeze_panes(1, 0)
    ws.set_landscape()
    ws.repeat_rows(0)
    return ws


def export(template, data, out):
    doc = data["dokument"]
    year = doc["meta"]["analysar"]
    catalogue = {t["id"]: t["namn"] for t in doc["tjanstekatalog"]}
    wb = xlsxwriter.Workbook(out)
    wb.set_properties({"title": template["mall"]["titel"], "author": doc["meta"]["organisation"]})
    fmt = {"tkr": wb.add_format({"num_format": '#,##0 "tkr"'}), "quote": wb.add_format({"quote_prefix": True})}
    sections = {s.get("nyckel"): s for s in template["avsnitt"]}
    for key, name in [("forvaltning.rader", "Förvaltningskostnader"), ("utveckling.rader", "Utvecklingskostnader"), ("nya_insatser.rader", "Nya förändringsinsatser")]:
        table = next(t for t in sections["kostnader"]["tabeller"] if t["nyckel"] == key)
        cols = [c for c in table["kolumner"] if not c.get("utokat")]
        rows = []
        for row in get(doc["kostnader"], key) or []:
            rows.append([(get(row, c["nyckel"]) / 1000.0 if get(row, c["nyckel"]) is not None else None) if c["typ"] == "belopp" else cell_text(c, get(row, c["nyckel"]), catalogue) for c in cols])
        ws = sheet(wb, name, [(year_label(c["etikett"], year), 16) for c in cols], rows, table.get("summarad"), fmt)
        if name == "Förvaltningskostnader" and rows:
            chart = wb.add_chart({"type": "column"})
            for c in (1, 2, 3):
                chart.add_series({"name": [name, 0, c], "categories": [name, 1, 0, len(rows), 0], "values": [name, 1, c, len(rows), c]})
            ws.insert_chart(len(rows) + 4, 0, chart)
    headers = [("Nr", 6), ("Förändringsinsats", 40), ("Tjänst", 34)] + [("Projektbudget %s" % y, 16) for y in (year, year + 1, year + 2, "senare")] + [("Påverkan %d" % y, 16) for y in (year, year + 1, year + 2)]
    rows = []
    for n, x in enumerate(doc["foreslagna_insatser"]["insatser"], 1):
        pb = x["ekonomisk"]["projektbudget"]
        pf = x["ekonomisk"]["paverkan_forvaltningskostnad"]
        tj = catalogue.get((x["strategisk"]["tjanster"] or [""])[0], "")
        rows.append([str(n), x["namn"], tj] + [(pb[k] / 1000.0 if pb.get(k) is not None else None) for k in ("ar", "ar_plus_1", "ar_plus_2", "senare")] + [(pf[k] / 1000.0 if pf.get(k) is not None else None) for k in ("ar", "ar_plus_1", "ar_plus_2")])
    sheet(wb, "Förslag", headers, rows, "Totalt", fmt)
    for key, name in [("fordelningsnycklar", "Fördelningsnycklar"), ("konsolidering", "Konsolidering")]:
        table = sections[key]["tabeller"][0]
        cols = [c for c in table["kolumner"] if not c.get("utokat")]
        rows = [[cell_text(c, get(r, c["nyckel"]), catalogue) for c in cols] for r in get(doc[key], table["nyckel"]) or []]
        sheet(wb, name, [(year_label(c["etikett"], year), 30) for c in cols], rows, None, fmt)
    ws = wb.add_worksheet("Kontroller")
    for c, h in enumerate(["Kontroll", "Tjänst", "Angivet", "Härlett", "Differens", "Status"]):
        ws.write_string(0, c, h)
    last = len(doc["foreslagna_insatser"]["insatser"]) + 1
    for i, row in enumerate(doc["kostnader"]["utveckling"]["rader"], 1):
        ws.write_string(i, 0, "Prognos = projektbudget i 2.2")
        ws.write_string(i, 1, catalogue.get(row["tjanst"], ""))
        ws.write_formula(i, 2, "='Utvecklingskostnader'!D%d" % (i + 1), fmt["tkr"])
        ws.write_formula(i, 3, "=SUMIFS('Förslag'!$D$2:$D$%d,'Förslag'!$C$2:$C$%d,$B%d)" % (last, last, i + 1), fmt["tkr"])
        ws.write_formula(i, 4, "=C%d-D%d" % (i + 1, i + 1), fmt["tkr"])
        ws.write_formula(i, 5, '=IF(ABS(E%d)<1,"OK","Avvikelse")' % (i + 1))
    wb.close()


def main():
    template_path, doc_path, out, iterations = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with open(template_path, "rb") as f:
        template = tomllib.load(f)
    with open(doc_path, encoding="utf-8") as f:
        data = json.load(f)
    export(template, data, out)
    start = time.perf_counter()
    for _ in range(iterations):
        export(template, data, out)
    print("%.3f" % ((time.perf_counter() - start) * 1000 / iterations))


if __name__ == "__main__":
    main()
