#!/usr/bin/env python3
"""Converts a .docx to PDF through LibreOffice's UNO API, updating every index (the table of
contents) and field first: a plain `soffice --convert-to pdf` shows the table of contents'
entries as the export wrote them, without page numbers.

Usage: python3 scripts/docx-till-pdf.py IN.docx UT.pdf
Each run starts its own headless LibreOffice with its own profile, so parallel runs do not
collide, and stops it afterwards.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # noqa: F401  (python3-uno; sets up the UNO bridge)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main(inn, ut):
    profil = tempfile.mkdtemp(prefix="underlag-lo-")
    ror = "underlag%d" % os.getpid()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice saknas: installera libreoffice-writer och python3-uno (scripts/setup gör det)")
    process = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "-env:UserInstallation=file://" + profil, "--accept=pipe,name=%s;urp;" % ror],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        lokal = uno.getComponentContext()
        resolver = lokal.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", lokal)
        kontext = None
        for _ in range(600):
            try:
                kontext = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % ror)
                break
            except NoConnectException:
                time.sleep(0.1)
        if kontext is None:
            sys.exit("LibreOffice startade inte")
        desktop = kontext.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", kontext)
        url = uno.systemPathToFileUrl(os.path.abspath(inn))
        dok = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        index = dok.getDocumentIndexes()
        for i in range(index.getCount()):
            index.getByIndex(i).update()
        dok.getTextFields().refresh()
        dok.refresh()
        # Page numbers in the table of contents are right only once the layout exists.
        for i in range(index.getCount()):
            index.getByIndex(i).update()
        dok.storeToURL(uno.systemPathToFileUrl(os.path.abspath(ut)), (prop("FilterName", "writer_pdf_Export"),))
        dok.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profil, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
