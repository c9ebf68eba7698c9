"""Start-up of the desktop app against LibreOffice Writer opening the same analysis as .docx.

Run by bench/app-start inside Xvfb and a D-Bus session (standard library only). Each run starts
the program, polls the window titles every 20 ms with xdotool until the document's window is
there, and sums VmRSS (and Pss) over the program's whole process tree at that moment and 3 s
later. The runs alternate Underlag and LibreOffice; one untimed run of each comes first (it
creates LibreOffice's fresh profile and warms the file cache for both).
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

INTERVALL = 0.020
TIDSGRANS = 90.0
EFTER = 3.0
# The goals (issue 22): at most 0.6 s and 0.7 x LibreOffice's time; PSS at most LibreOffice's;
# RSS under 250 MB; the stripped binary under 15 MB.
MAL_TID = 0.6  # s
MAL_TIDSKVOT = 0.7  # Underlag / LibreOffice
MAL_RSS = 250.0  # MB
MAL_BINAR = 15.0  # MB, stripped


def barn_till(rot):
    """Pids of `rot` and all its descendants that are still alive (not zombies)."""
    foralder = {}
    for namn in os.listdir("/proc"):
        if not namn.isdigit():
            continue
        try:
            with open(f"/proc/{namn}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after the last ')'.
        falt = stat[stat.rindex(")") + 2 :].split()
        if falt[0] == "Z":
            continue
        foralder.setdefault(int(falt[1]), []).append(int(namn))
    trad, ko = [], [rot]
    while ko:
        pid = ko.pop()
        trad.append(pid)
        ko.extend(foralder.get(pid, []))
    return [p for p in trad if levande(p)]


def levande(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def summa_kb(pids, fil, nyckel):
    summa = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/{fil}") as f:
                for rad in f:
                    if rad.startswith(nyckel + ":"):
                        summa += int(rad.split()[1])
                        break
        except OSError:
            pass
    return summa


def minne(rot):
    pids = barn_till(rot)
    return {
        "rss": summa_kb(pids, "status", "VmRSS") * 1024 / 1e6,
        "pss": summa_kb(pids, "smaps_rollup", "Pss") * 1024 / 1e6,
        "processer": len(pids),
    }


def vanta_pa_fonster(monster, process, start):
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"programmet avslutades (kod {process.returncode}) innan fönstret visades")
        if time.monotonic() - start > TIDSGRANS:
            raise RuntimeError(f"inget fönster som matchar {monster!r} inom {TIDSGRANS:.0f} s")
        svar = subprocess.run(
            ["xdotool", "search", "--name", monster], capture_output=True, text=True
        )
        if svar.returncode == 0 and svar.stdout.strip():
            return time.monotonic() - start
        time.sleep(INTERVALL)


def stoppa(process):
    pids = barn_till(process.pid)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    slut = time.monotonic() + 15
    while time.monotonic() < slut and any(levande(p) for p in pids):
        process.poll()
        time.sleep(0.05)
    for pid in pids:
        if levande(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    process.wait()


def kor(kommando, monster, miljo, logg):
    start = time.monotonic()
    process = subprocess.Popen(
        kommando, env=miljo, stdout=logg, stderr=subprocess.STDOUT
    )
    try:
        tid = vanta_pa_fonster(monster, process, start)
        vid_start = minne(process.pid)
        time.sleep(EFTER)
        senare = minne(process.pid)
    finally:
        stoppa(process)
    return {
        "tid": tid,
        "rss": vid_start["rss"],
        "pss": vid_start["pss"],
        "processer": vid_start["processer"],
        "rss_senare": senare["rss"],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--docx", required=True)
    ap.add_argument("--korningar", type=int, default=5)
    ap.add_argument("--binar-byte", type=int, required=True)
    ap.add_argument("--strippad-byte", type=int)
    ap.add_argument("--logg", required=True)
    a = ap.parse_args()

    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("soffice saknas: kör bash scripts/setup --test")
    arbete = tempfile.mkdtemp(prefix="app-start-")
    profil = os.path.join(arbete, "lo-profil")
    docx = os.path.abspath(a.docx)
    lasfil = os.path.join(os.path.dirname(docx), ".~lock." + os.path.basename(docx) + "#")

    def underlag(i):
        katalog = os.path.join(arbete, f"underlag-{i}")
        miljo = dict(
            os.environ,
            UNDERLAG_DB=os.path.join(katalog, "underlag.sqlite"),
            # The key from the environment: the D-Bus session here has no keychain.
            UNDERLAG_DB_KEY="0123456789abcdef" * 4,
            XDG_DATA_HOME=os.path.join(katalog, "data"),
            XDG_CONFIG_HOME=os.path.join(katalog, "config"),
            XDG_CACHE_HOME=os.path.join(katalog, "cache"),
        )
        return kor([a.app, "--exempel"], "Årlig analys", miljo, logg)

    def libreoffice(i):
        if os.path.exists(lasfil):
            os.remove(lasfil)
        kommando = [
            soffice,
            f"-env:UserInstallation=file://{profil}",
            "--norestore",
            "--nologo",
            docx,
        ]
        return kor(kommando, re.escape(os.path.basename(docx)), dict(os.environ), logg)

    # The display can take a moment to accept clients after xvfb-run starts it; GTK gives up
    # at once.
    for _ in range(100):
        if subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True).returncode == 0:
            break
        time.sleep(0.1)

    with open(a.logg, "w") as logg:
        print("Uppvärmning (mäts inte): Underlag, LibreOffice (skapar profilen)", flush=True)
        underlag(0)
        libreoffice(0)
        resultat = {"Underlag": [], "LibreOffice": []}
        for i in range(1, a.korningar + 1):
            for namn, funktion in (("Underlag", underlag), ("LibreOffice", libreoffice)):
                r = funktion(i)
                resultat[namn].append(r)
                print(
                    f"  körning {i} {namn:<11} {r['tid']:6.3f} s  RSS {r['rss']:6.1f} MB "
                    f"({r['processer']} processer)  PSS {r['pss']:6.1f} MB  "
                    f"RSS efter {EFTER:.0f} s {r['rss_senare']:6.1f} MB",
                    flush=True,
                )
    shutil.rmtree(arbete, ignore_errors=True)

    def median(namn, nyckel):
        return statistics.median(r[nyckel] for r in resultat[namn])

    rader = [
        ("Tid till interaktiv (s)", "tid", "{:.3f}"),
        ("RSS, processträdet, då (MB)", "rss", "{:.1f}"),
        ("PSS, processträdet, då (MB)", "pss", "{:.1f}"),
        (f"RSS, processträdet, {EFTER:.0f} s senare (MB)", "rss_senare", "{:.1f}"),
    ]
    print()
    print(f"Median av {a.korningar} körningar (Xvfb 1280x800, {os.cpu_count()} kärnor):")
    print(f"{'':<40}{'Underlag':>10}{'LibreOffice':>13}{'LO/Underlag':>13}")
    for rubrik, nyckel, format_ in rader:
        u, lo = median("Underlag", nyckel), median("LibreOffice", nyckel)
        kvot = f"{lo / u:.1f}x" if u > 0 else "-"
        print(f"{rubrik:<40}{format_.format(u):>10}{format_.format(lo):>13}{kvot:>13}")
    storlek = f"Release-binären: {a.binar_byte / 1e6:.1f} MB"
    if a.strippad_byte:
        storlek += f" (strippad {a.strippad_byte / 1e6:.1f} MB)"
    print(storlek)
    tid, rss, pss = (median("Underlag", k) for k in ("tid", "rss", "pss"))
    lo_tid, lo_pss = median("LibreOffice", "tid"), median("LibreOffice", "pss")
    strippad = (a.strippad_byte or a.binar_byte) / 1e6

    def ja(villkor):
        return "ja" if villkor else "NEJ"

    print("Mål:")
    print(f"  tid högst {MAL_TID} s: {ja(tid <= MAL_TID)} ({tid:.3f} s)")
    print(
        f"  tid högst {MAL_TIDSKVOT} x LibreOffice: {ja(tid <= MAL_TIDSKVOT * lo_tid)} "
        f"({tid / lo_tid:.2f} x)"
    )
    print(f"  PSS högst LibreOffices: {ja(pss <= lo_pss)} ({pss:.1f} mot {lo_pss:.1f} MB)")
    print(f"  RSS under {MAL_RSS:.0f} MB: {ja(rss < MAL_RSS)} ({rss:.1f} MB)")
    print(f"  strippad binär under {MAL_BINAR:.0f} MB: {ja(strippad < MAL_BINAR)} ({strippad:.1f} MB)")


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as e:
        sys.exit(f"Mätningen misslyckades: {e}")
