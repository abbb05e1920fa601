"""The hostile-input table: every class of bad input tried for real, with its message, time and peak memory.

Each row copies the fixture project into a fresh folder, plants one hostile
input, runs one `loa` command in its own process and records the first line
of what it said, the wall time and the process's peak memory (VmHWM, read by
the process itself at exit: ru_maxrss would carry the parent's across exec).
Prints a Markdown table and writes JSON (default test-results/hostile-table.json).

    scripts/hostile-table [--json PATH] [--only WORD]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "campaigns"
# Runs the CLI, then prints the process's own peak memory on stderr's last line.
MEASURED = ("import re, sys\nfrom loa import cli\ntry:\n    code = cli.main(sys.argv[1:])\nfinally:\n"
            "    status = open('/proc/self/status').read()\n"
            "    print('peak-kb', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\nsys.exit(code)")


def project(folder: Path) -> Path:
    """The fixture campaigns with the real configuration, overrides and docs (leaflets off unless a row asks)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - loa:\n      campaigns: campaigns\n", "  - loa:\n      campaigns: campaigns\n      leaflets: false\n")
    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("overrides", "docs"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(FIXTURES, folder / "campaigns")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def vi(p: Path) -> Path:
    return p / "campaigns/demo/vi.yml"


def hmn(p: Path) -> Path:
    return p / "campaigns/demo/hmn.yml"


def replace_file(path: Path, make: Callable[[Path], None]) -> None:
    path.unlink()
    make(path)


def cover(p: Path, name: str, data: bytes) -> None:
    (p / "campaigns/demo/images").mkdir()
    (p / "campaigns/demo/images" / name).write_bytes(data)
    edit(p / "campaigns/demo/campaign.yml", "order: 5", f"order: 5\nimage: images/{name}")
    (vi(p)).write_text(vi(p).read_text(encoding="utf-8") + "image_alt: Ảnh bìa\n", encoding="utf-8")


def png_bomb(kind: bytes) -> bytes:
    from PIL import Image

    plain = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(plain, "PNG")
    data = plain.getvalue()
    payload = (b"Comment\0\0" if kind == b"zTXt" else b"icc\0\0") + zlib.compress(b"\0" * 200_000_000, 9)
    chunk = struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    return data[:33] + chunk + data[33:]


def truncated_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (800, 600), "red").save(out, "JPEG")
    return out.getvalue()[: len(out.getvalue()) // 2]


def big_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (9000, 5000), 0).save(out, "PNG", optimize=True)
    return out.getvalue()


def exported_xlsx(p: Path, change: Callable) -> list[str]:
    """Export demo/hmn, change the title's translation cell, and return the import command."""
    import openpyxl

    subprocess.run([sys.executable, "-m", "loa.cli", "export", "demo", "hmn", "--out", str(p)], cwd=p, check=True,
                   capture_output=True)
    path = p / "demo.hmn.xlsx"
    book = openpyxl.load_workbook(path)
    row = next(r for r in book["translation"].iter_rows(min_row=2) if r[0].value == "title")
    change(row[2])
    book.save(path)
    return ["import", str(path)]


def xlsx_bomb(p: Path) -> list[str]:
    path = p / "demo.hmn.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(b"<row/>" * 100_000)
    return ["import", str(path)]


def yaml_body(p: Path, body: str) -> None:
    import yaml

    data = yaml.safe_load(vi(p).read_text(encoding="utf-8"))
    data["sections"][0]["body"] = body
    vi(p).write_text(yaml.safe_dump(data, allow_unicode=True, width=10**7), encoding="utf-8")


def mine(p: Path) -> None:
    (p / "mine").mkdir()
    (p / "mine/notes.txt").write_text("my notes", encoding="utf-8")


PAYLOAD = '</title> <script> PW=1 </script> <img src=x onerror=PW=2 id=pwn>'  # spaced: a leaflet column fits each word

# (class, input, plant(project) -> extra argv or None, argv, environment)
ROWS: list[tuple[str, str, Callable[[Path], list[str] | None], list[str], dict]] = [
    ("1 output", "loa build --site-dir .", lambda p: None, ["build", "--site-dir", "."], {}),
    ("1 output", "loa build --site-dir campaigns", lambda p: None, ["build", "--site-dir", "campaigns"], {}),
    ("1 output", "loa leaflets --out mine (not empty, not Loa's)", mine, ["leaflets", "--out", "mine"], {}),
    ("2 escaping", f"title: {PAYLOAD}", lambda p: edit(vi(p), "title: Đi làm xa an toàn", f"title: '{PAYLOAD}'"),
     ["build"], {}),
    ("3 loader", "30,000 nested [ in hmn.yml", lambda p: hmn(p).write_text("title: " + "[" * 30000 + "]" * 30000 + "\n"),
     ["check"], {}),
    ("3 loader", "hmn.yml -> /dev/zero", lambda p: replace_file(hmn(p), lambda f: f.symlink_to("/dev/zero")), ["check"], {}),
    ("3 loader", "hmn.yml is a FIFO", lambda p: replace_file(hmn(p), os.mkfifo), ["check"], {}),
    ("3 loader", "hmn.yml is a 1.5 GB (sparse) file",
     lambda p: replace_file(hmn(p), lambda f: open(f, "wb").truncate(1_500_000_000)), ["check"], {}),
    ("3 loader", 'title: "a\\u0007b" (control character)', lambda p: edit(vi(p), "title: Đi làm xa an toàn", 'title: "a\\u0007b"'),
     ["check"], {}),
    ("3 loader", 'title with U+202E (bidi override)', lambda p: edit(vi(p), "title: Đi làm xa an toàn", 'title: "abc \\u202Eevil"'),
     ["check"], {}),
    ("3 loader", "key message of zero-width spaces only",
     lambda p: edit(vi(p), "  - Giữ giấy tờ tùy thân của bạn.", '  - "\\u200B\\u200B"'), ["check"], {}),
    ("3 loader", 'number: "111\\n" (trailing newline)',
     lambda p: edit(p / "campaigns/hotlines.yml", 'number: "111"', 'number: "111\\n"'), ["check"], {}),
    ("4 pictures", "cover PNG with a zTXt bomb (190 KB -> 200 MB)", lambda p: cover(p, "cover.png", png_bomb(b"zTXt")), ["check"], {}),
    ("4 pictures", "cover PNG with an iCCP bomb", lambda p: cover(p, "cover.png", png_bomb(b"iCCP")), ["check"], {}),
    ("4 pictures", "cover JPEG cut in half", lambda p: cover(p, "cover.jpg", truncated_jpeg()), ["check"], {}),
    ("4 pictures", "cover PNG of 9000 x 5000 px (45 MP)", lambda p: cover(p, "cover.png", big_png()), ["build"], {}),
    ("5 markdown", "body: setext heading + indented code block",
     lambda p: yaml_body(p, "Setextword\n==========\n\n    Codeword one\n    Codeline two\n"), ["build"], {}),
    ("6 redirects", "redirects: demo: other (live campaign)",
     lambda p: (p / "campaigns/redirects.yml").write_text("redirects:\n  demo: other\n"), ["check"], {}),
    ("6 redirects", "redirects: a: b, b: a (loop)",
     lambda p: (p / "campaigns/redirects.yml").write_text("redirects:\n  a: b\n  b: a\n"), ["check"], {}),
    ("7 print", "body: one word of 900,000 letters", lambda p: yaml_body(p, "Đoạn " + "a" * 900_000), ["check"], {}),
    ("7 print", "body: 700 KB of sentences", lambda p: yaml_body(p, "Đoạn văn dài. " * 50_000), ["check"], {}),
    ("8 failures", "SOURCE_DATE_EPOCH=abc loa build", lambda p: None, ["build"], {"SOURCE_DATE_EPOCH": "abc"}),
    ("8 failures", "xlsx title cell = formula with no saved result",
     lambda p: exported_xlsx(p, lambda c: setattr(c, "value", '=CONCATENATE("a","b")')), [], {}),
    ("8 failures", "xlsx title cell with U+202E", lambda p: exported_xlsx(p, lambda c: setattr(c, "value", "Mus \u202eua")), [], {}),
    ("8 failures", "xlsx that unpacks to 120 MB (120 KB file)", xlsx_bomb, [], {}),
    ("9 dates", "hotline checked: 2999-01-01",
     lambda p: edit(p / "campaigns/hotlines.yml", "checked: 2026-11-01", "checked: 2999-01-01"), ["check"], {}),
]


def run_row(row, work: Path) -> dict:
    group, description, plant, argv, extra_env = row
    folder = project(work / "p")
    extra = plant(folder)
    argv = (extra or []) + argv if not argv else argv
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra_env}
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-c", MEASURED, *argv], cwd=folder, env=env, capture_output=True,
                              text=True, timeout=300)
        seconds, code, err = time.monotonic() - start, done.returncode, done.stderr
    except subprocess.TimeoutExpired:
        seconds, code, err = time.monotonic() - start, "timeout", "peak-kb 0\n"
    peak = int(err.rsplit("peak-kb ", 1)[1].split()[0]) / 1024 if "peak-kb " in err else None
    lines = [line for line in err.splitlines() if ": error: " in line or line.startswith("loa: ")]
    message = lines[0] if lines else _outcome(folder, description, code)
    return {"class": group, "input": description, "command": "loa " + " ".join(argv).replace(str(folder) + "/", ""),
            "exit": code, "message": message.replace(str(folder) + "/", ""), "seconds": round(seconds, 2),
            "peak_mb": round(peak, 1) if peak else None}


def _outcome(folder: Path, description: str, code) -> str:
    """What a successful row shows instead of an error: the evidence that nothing was lost or injected."""
    page = folder / "site/campaigns/demo/index.html"
    if code == 0 and page.is_file():
        html = page.read_text(encoding="utf-8")
        if "setext" in description:
            found = [w for w in ("Setextword", "Codeword", "Codeline") if w in html]
            return f"built; on the page: {', '.join(found)}"
        if "<script>" in description:
            return "built; <title>, header and meta hold it escaped: " + ("yes" if "&lt;script&gt; PW=1" in html
                                                                          and "<script> PW=1" not in html else "NO")
    return f"exit {code}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=ROOT / "test-results" / "hostile-table.json")
    parser.add_argument("--only", default=None, help="rows whose class or input contains this")
    args = parser.parse_args()
    rows = []
    for row in ROWS:
        if args.only and args.only not in row[0] + row[1]:
            continue
        with tempfile.TemporaryDirectory(prefix="loa-hostile-") as work:
            rows.append(run_row(row, Path(work)))
        print(f"  {rows[-1]['class']}: {rows[-1]['input']}: {rows[-1]['seconds']} s", file=sys.stderr)
    print("| class | input | command | exit | message (first line) | time s | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['class']} | {r['input']} | `{r['command']}` | {r['exit']} | {r['message'].replace('|', '/')} | "
              f"{r['seconds']} | {r['peak_mb']} |")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
