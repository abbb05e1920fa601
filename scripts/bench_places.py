"""Bench places: a synthetic country, checked and built beside the same site without places (issue 15).

    scripts/bench --places [--provinces 34] [--communes 3000] [--contacts 5] [--runs R] [--json FILE]

Writes two projects into a temporary folder: the example campaigns with a
synthetic country in campaigns/places/<province>.yml (P provinces, C communes
spread over them, K contacts each, invented numbers), and the same campaigns without places. It
then times, in interleaved pairs (without places, with places; R pairs), `loa
check` and the site build without leaflets (`mkdocs build` with the loa
plugin), wall and CPU time of the process and its children, and reports
medians. Last, one commune's place edition (`loa leaflets --place`) rendered
from a cold cache, R times. Nothing is written into the repository but --json.

JSON keys (all times in seconds, medians over the runs):
  check_plain_s, check_plain_cpu_s      loa check without places
  check_places_s, check_places_cpu_s    loa check with the country
  build_plain_s, build_plain_cpu_s      site build (no leaflets) without places
  build_places_s, build_places_cpu_s    site build (no leaflets) with every place page
  place_pages                           place pages built (provinces + communes, times languages)
  pages_per_s_places                    place_pages / (build_places_s - build_plain_s)
  edition_s, edition_cpu_s              one commune's place edition, every format and language, cold cache
  edition_leaflets                      PDFs in that edition
  provinces, communes, contacts_per_place, languages, runs, cores
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import LOA_PLUGIN, SITE_ONLY_CONFIG, BenchError, run_measured  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KINDS = ("border-guard", "police", "womens-union", "social-work", "shelter", "health", "other")
KEYS = ("check_plain_s", "check_plain_cpu_s", "check_places_s", "check_places_cpu_s", "build_plain_s",
        "build_plain_cpu_s", "build_places_s", "build_places_cpu_s", "place_pages", "pages_per_s_places",
        "edition_s", "edition_cpu_s", "edition_leaflets", "provinces", "communes", "contacts_per_place",
        "languages", "runs", "cores")


def write_project(dest: Path, places: dict[str, str] | None) -> None:
    """The repository's campaigns and site, with `places` as campaigns/places/<province>.yml (or none)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if LOA_PLUGIN not in config:
        raise BenchError(f"mkdocs.yml no longer has the lines {LOA_PLUGIN!r}: update scripts/bench_places.py")
    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    (dest / SITE_ONLY_CONFIG).write_text(config.replace(LOA_PLUGIN, LOA_PLUGIN + "      leaflets: false\n"
                                                        "      offline_zip: false\n"), encoding="utf-8")
    for folder in ("overrides", "docs", "campaigns"):
        shutil.copytree(ROOT / folder, dest / folder)
    (dest / "campaigns" / "places.yml").unlink(missing_ok=True)
    shutil.rmtree(dest / "campaigns" / "places", ignore_errors=True)
    for name, text in (places or {}).items():  # one file per province: a country is too big for one file
        (dest / "campaigns" / "places").mkdir(exist_ok=True)
        (dest / "campaigns" / "places" / f"{name}.yml").write_text(text, encoding="utf-8")


def country(provinces: int, communes: int, contacts: int, today: datetime.date) -> dict[str, str]:
    """One file per province of a synthetic country: invented names and numbers, confirmed last month."""
    checked = (today - datetime.timedelta(days=30)).isoformat()
    files = {}
    serial = 0

    def contact_lines(indent: str) -> list[str]:
        nonlocal serial
        out = [f"{indent}contacts:"]
        for k in range(contacts):
            serial += 1
            out += [f"{indent}  - kind: {KINDS[k % len(KINDS)]}",
                    f"{indent}    name: {{vi: \"Liên hệ {serial}\"}}",
                    f"{indent}    number: \"02{serial // 10_000_000 % 10}0 {serial // 1000 % 10000:04d} {serial % 1000:03d}\"",
                    f"{indent}    hours: \"7:30-17:00\"",
                    f"{indent}    source: synthetic",
                    f"{indent}    checked: {checked}"]
        return out

    for p in range(provinces):
        lines = ["# Synthetic country for scripts/bench --places: every name and number is invented.", "places:",
                 f"  - id: tinh-{p + 1}", f"    name: {{vi: \"Tỉnh {p + 1}\"}}", *contact_lines("    ")]
        share = range(p, communes, provinces)  # communes spread evenly over the provinces
        if share:
            lines.append("    communes:")
        for c in share:
            lines += [f"      - id: xa-{c + 1}", f"        name: {{vi: \"Xã {c + 1}\"}}", *contact_lines("        ")]
        files[f"tinh-{p + 1}"] = "\n".join(lines) + "\n"
    return files


def measure(project: Path, command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command in the project, from a clean output."""
    for name in ("site", ".loa-cache", "out"):
        shutil.rmtree(project / name, ignore_errors=True)
    seconds, _, cpu = run_measured(command, project)
    return seconds, cpu


def run(args: argparse.Namespace, work: Path) -> dict:
    plain, places = work / "plain", work / "places"
    write_project(plain, None)
    write_project(places, country(args.provinces, args.communes, args.contacts, datetime.date.today()))
    loa, mkdocs = str(BIN / "loa"), str(BIN / "mkdocs")
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in ("check_plain", "check_places", "build_plain",
                                                                    "build_places", "edition")}
    for index in range(args.runs):  # interleaved pairs: whatever else the machine does hits both alike
        print(f"pair {index + 1}/{args.runs}", file=sys.stderr)
        times["check_plain"].append(measure(plain, [loa, "check"]))
        times["check_places"].append(measure(places, [loa, "check"]))
        times["build_plain"].append(measure(plain, [mkdocs, "build", "-q", "-f", SITE_ONLY_CONFIG]))
        times["build_places"].append(measure(places, [mkdocs, "build", "-q", "-f", SITE_ONLY_CONFIG]))
    commune = f"tinh-1/xa-{1}"
    for _ in range(args.runs):
        times["edition"].append(measure(places, [loa, "leaflets", "--place", commune, "--out", "out", "--jobs", "1"]))
    leaflets = len(list((places / "out").rglob("*.pdf")))
    languages = len([p for p in (plain / "overrides" / "i18n").glob("*.yml")])
    result = {"provinces": args.provinces, "communes": args.communes, "contacts_per_place": args.contacts,
              "languages": languages, "runs": args.runs, "cores": os.cpu_count(), "edition_leaflets": leaflets,
              "place_pages": (args.provinces + args.communes) * languages}
    for name, pairs in times.items():
        result[f"{name}_s"] = round(statistics.median(p[0] for p in pairs), 3)
        result[f"{name}_cpu_s"] = round(statistics.median(p[1] for p in pairs), 3)
    extra = result["build_places_s"] - result["build_plain_s"]
    result["pages_per_s_places"] = round(result["place_pages"] / extra, 1) if extra > 0 else None
    return {key: result[key] for key in KEYS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench --places", description=__doc__.split("\n\n")[0])
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes", type=int, default=3000)
    parser.add_argument("--contacts", type=int, default=5, help="contacts per province and per commune")
    parser.add_argument("--runs", type=int, default=3, help="interleaved pairs (and edition renders)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="loa-bench-places-") as folder:
        try:
            result = run(args, Path(folder))
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
    for key, value in result.items():
        print(f"{key:22} {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
