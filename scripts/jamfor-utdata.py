#!/usr/bin/env python3
"""Compares what the Linux and the Windows command line wrote for the same commands.

    jamfor-utdata.py LINUX_KATALOG WINDOWS_KATALOG

Both folders hold the same file names (scripts/test-paket writes them). Equal means:
  *.json             the same JSON value (exchange files, `validate --format json` findings)
  *.txt              the same text once line endings are made alike (messages, exit codes)
  *.docx, *.xlsx     the same package parts with the same bytes, except docProps/ (the time the
                     file was written); so the same Word text and styles and the same Excel cells,
                     formulas and cached values.
Exits 1 and names every difference, 0 when all are equal.
"""

import json
import sys
import zipfile
from pathlib import Path


def delar(fil: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(fil) as z:
        return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}


def forsta_skillnad(a: bytes, b: bytes) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return (
        f"vid byte {i}: Linux {a[max(0, i - 60):i + 60]!r}\n"
        f"                 Windows {b[max(0, i - 60):i + 60]!r}"
    )


def jamfor(linux: Path, windows: Path) -> list[str]:
    if not windows.exists():
        return [f"{linux.name}: finns bara från Linux"]
    suffix = linux.suffix
    if suffix == ".json":
        a, b = json.loads(linux.read_bytes()), json.loads(windows.read_bytes())
        return [] if a == b else [f"{linux.name}: olika JSON"]
    if suffix == ".txt":
        a = linux.read_text(encoding="utf-8").replace("\r\n", "\n")
        b = windows.read_text(encoding="utf-8").replace("\r\n", "\n")
        return [] if a == b else [f"{linux.name}: olika text:\n--- Linux\n{a}\n--- Windows\n{b}"]
    if suffix in (".docx", ".xlsx"):
        a, b = delar(linux), delar(windows)
        fel = [f"{linux.name}: delen {n} finns bara i den ena" for n in sorted(set(a) ^ set(b))]
        for namn in sorted(set(a) & set(b)):
            if a[namn] != b[namn]:
                fel.append(f"{linux.name}: delen {namn} skiljer sig {forsta_skillnad(a[namn], b[namn])}")
        return fel
    return [f"{linux.name}: okänd filtyp"]


def main() -> int:
    linux, windows = Path(sys.argv[1]), Path(sys.argv[2])
    filer = sorted(p for p in linux.iterdir() if p.is_file())
    if not filer:
        print(f"Inga filer i {linux}", file=sys.stderr)
        return 1
    fel = [f"{p.name}: finns bara från Windows" for p in windows.iterdir() if not (linux / p.name).exists()]
    for fil in filer:
        fel += jamfor(fil, windows / fil.name)
    for rad in fel:
        print(rad, file=sys.stderr)
    if not fel:
        print(f"Linux och Windows gav samma utdata: {len(filer)} filer jämförda.")
    return 1 if fel else 0


if __name__ == "__main__":
    sys.exit(main())
