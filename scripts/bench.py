"""Bench: how fast Loa builds a realistic corpus, side by side with plain MkDocs (issue 7).

    scripts/bench [--campaigns N] [--json FILE] [--runs R] [--growth] [--baseline REF|none]

Writes a synthetic corpus into a temporary folder (N campaigns x the site's
languages, cycled from the example campaigns, each with its own slug and
title, every other one with a cover picture), then measures, R times each
(medians reported): the full build, the site alone, the same pages written as
plain Markdown and built by MkDocs + static-i18n, an incremental build after
one sentence changed, and leaflets per second on one core and on all (CPU
time beside wall time). Against a baseline commit (by default the last one
with WeasyPrint leaflets, extracted with `git archive` into the temporary
folder and run from there): leaflet CPU time per leaflet and full builds, in
interleaved pairs in the same run, ratios taken pair by pair. One more full
build runs in-process with timers around the pipeline's steps, to say where
the time goes. Nothing is written into the repository but --json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXAMPLES = ("safe-migration", "online-strangers", "help-after-return")
PROVINCES = ("Lào Cai", "Hà Giang", "Lai Châu", "Điện Biên", "Sơn La", "Cao Bằng", "Lạng Sơn", "Yên Bái",
             "Bắc Kạn", "Tuyên Quang", "Thái Nguyên", "Hòa Bình", "Phú Thọ", "Quảng Ninh", "Bắc Giang",
             "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Kon Tum", "Gia Lai",
             "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "An Giang", "Kiên Giang", "Đồng Tháp")
KEYS = ("full_build_s", "plain_mkdocs_s", "site_build_s", "overhead_ratio", "incremental_s", "incremental_fraction",
        "leaflets_per_s_one_core", "leaflets_per_s_all_cores", "leaflet_parallel_speedup",
        "leaflets_cpu_s_one_core", "leaflets_cpu_s_all_cores", "peak_rss_mb",
        "leaflet_cpu_ms", "baseline_leaflet_cpu_ms", "leaflet_speedup_vs_baseline",
        "baseline_full_build_s", "full_build_speedup_vs_baseline", "baseline",
        "campaigns", "languages", "leaflets", "cores", "runs")
TARGETS = {"overhead_ratio": ("<=", 1.3), "incremental_fraction": ("<=", 0.10), "leaflet_parallel_speedup": (">=", 1.6),
           "leaflet_speedup_vs_baseline": (">=", 10), "full_build_speedup_vs_baseline": (">=", 5)}
# The last commit whose leaflets WeasyPrint rendered (main before the Typst engine): what speedups are measured against.
BASELINE_COMMIT = "c397188fe6c8c222cc80970a354928bababf575b"
PAIR_CAMPAIGNS = 3  # the leaflet pairs render a small corpus: the baseline takes about 0.4 s per leaflet
GROWTH_SIZES = (10, 50, 100)
MAX_FULL_BUILD_S = 600  # growth: a size whose one full build would take longer is skipped
SEED = 7
EPOCH = "1767225600"  # SOURCE_DATE_EPOCH: the same corpus builds the same bytes
LOA_PLUGIN = "  - loa:\n      campaigns: campaigns\n"
SITE_ONLY_CONFIG = "mkdocs-site-only.yml"
EDITED_SENTENCE_SUFFIX = ", theo cán bộ xã."


class BenchError(Exception):
    """A build failed or the corpus is wrong: the message says which command and why."""


# --- the corpus -----------------------------------------------------------------

def write_corpus(dest: Path, n: int, seed: int = SEED, code: Path = ROOT) -> list[str]:
    """A project folder with N campaigns cycled from the examples; returns their slugs.

    `code` is the checkout whose configuration, templates and docs the project uses (a baseline's):
    the campaigns are always this checkout's, so both sides of a comparison do the same work.
    """
    dest.mkdir(parents=True, exist_ok=True)
    config = (code / "mkdocs.yml").read_text(encoding="utf-8")
    if LOA_PLUGIN not in config:
        raise BenchError(f"mkdocs.yml no longer has the lines {LOA_PLUGIN!r}: update scripts/bench.py")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    (dest / SITE_ONLY_CONFIG).write_text(config.replace(LOA_PLUGIN, LOA_PLUGIN + "      leaflets: false\n"),
                                         encoding="utf-8")
    shutil.copytree(code / "overrides", dest / "overrides")
    shutil.copytree(code / "docs", dest / "docs")
    campaigns = dest / "campaigns"
    campaigns.mkdir()
    shutil.copyfile(ROOT / "campaigns" / "hotlines.yml", campaigns / "hotlines.yml")
    rng = random.Random(seed)
    slugs = []
    for index in range(n):
        example, variant = EXAMPLES[index % len(EXAMPLES)], index // len(EXAMPLES)
        province = PROVINCES[variant % len(PROVINCES)]
        slug = f"{example}-{_slug(province)}" + (f"-{variant // len(PROVINCES) + 1}" if variant >= len(PROVINCES) else "")
        _write_campaign(ROOT / "campaigns" / example, campaigns / slug, index, province, index % 2 == 0, rng)
        slugs.append(slug)
    return slugs


def _write_campaign(source: Path, folder: Path, index: int, province: str, cover: bool, rng: random.Random) -> None:
    folder.mkdir()
    for path in sorted(source.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        if path.name == "campaign.yml":
            text = re.sub(r"(?m)^order: .*$", f"order: {10 * (index + 1)}", text)
            text += "image: images/cover.jpg\n" if cover else ""
        elif path.name != "translation-status.yml":
            text = _vary_blocks(_vary_title(text, province), province)
            if cover and path.stem in ("vi", "hmn"):
                text += f"image_alt: {'Đồi chè ở' if path.stem == 'vi' else 'Roob toj siab hauv'} {province}\n"
        (folder / path.name).write_text(text, encoding="utf-8")
    if cover:
        _write_cover(folder / "images" / "cover.jpg", rng)


def _vary_title(text: str, province: str) -> str:
    """'title: Đi làm xa an toàn' -> 'title: Đi làm xa an toàn – Lào Cai' (the content hash changes)."""
    def vary(match: re.Match) -> str:
        value = match.group(1)
        if value[:1] in "\"'":
            return f"title: {value[:-1]} – {province}{value[-1]}"
        return f"title: {value} – {province}"
    varied, count = re.subn(r"(?m)^title: (.+)$", vary, text, count=1)
    if count != 1:
        raise BenchError("an example campaign file has no one-line 'title:': update scripts/bench.py")
    return varied


def _vary_blocks(text: str, province: str) -> str:
    """Name the province at the start of every section body and story: no two campaigns share a block of text."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines[:-1]):
        if line.strip() in ("body: |", "text: |"):
            following = lines[index + 1]
            indent = len(following) - len(following.lstrip())
            bullet = "- " if following.lstrip().startswith("- ") else ""
            rest = following[indent + len(bullet):]
            lines[index + 1] = f"{following[:indent]}{bullet}{province}: {rest}"
    return "".join(lines)


def _write_cover(path: Path, rng: random.Random) -> None:
    """A 1600x900 JPEG that looks like a photo to an encoder: sky, hills, soft edges, a little grain."""
    from PIL import Image, ImageDraw, ImageFilter

    width, height = 1600, 900
    sky = tuple(rng.randint(120, 220) for _ in range(3))
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    sun = rng.randint(100, 1400)
    draw.ellipse([sun, 80, sun + 120, 200], fill=(250, 235, 190))
    for layer in range(4):
        base = int(height * (0.45 + 0.12 * layer))
        points = [(x, base + rng.randint(-60, 60)) for x in range(0, width + 200, 200)]
        green = (rng.randint(30, 90), rng.randint(90, 170), rng.randint(30, 90))
        draw.polygon([(0, height), *points, (width, height)], fill=green)
    image = image.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((width, height), 12).convert("RGB")
    image = Image.blend(image, noise, 0.06)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)


def _slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d")).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.decode().lower()).strip("-")


def edit_one_sentence(vi_file: Path) -> str:
    """Change one sentence of the first section's body; returns the original text (to restore)."""
    original = vi_file.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    first_body = next(i for i, line in enumerate(lines) if line.strip() == "body: |") + 1
    line = lines[first_body]
    lines[first_body] = line.replace(".", EDITED_SENTENCE_SUFFIX, 1) if "." in line \
        else line.rstrip("\n") + " (đã sửa)\n"
    vi_file.write_text("".join(lines), encoding="utf-8")
    return original


# --- the same pages as plain Markdown -----------------------------------------------

def write_plain_site(corpus: Path, dest: Path) -> None:
    """The corpus' pages as ordinary Markdown (suffix layout), with a plain MkDocs + static-i18n config."""
    import yaml

    config = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    for pattern in (r"(?m)^extra_css:\n(?:  - .*\n)+", r"(?m)^  - loa:\n(?:      .*\n)*"):
        config, count = re.subn(pattern, "", config)
        if count != 1:
            raise BenchError(f"mkdocs.yml changed shape ({pattern!r}): update scripts/bench.py")
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    docs = dest / "docs"
    shutil.copytree(corpus / "docs", docs, ignore=shutil.ignore_patterns("guide"))
    languages = [lang["locale"] for lang in _i18n_languages(config)]
    _theme_language_stubs(dest / "overrides", languages)
    hotlines = yaml.safe_load((corpus / "campaigns" / "hotlines.yml").read_text(encoding="utf-8"))["hotlines"]
    campaigns = sorted(p for p in (corpus / "campaigns").iterdir() if p.is_dir())
    for lang in languages:
        ui = _ui_strings(corpus, lang, languages[0])
        cards = []
        for folder in campaigns:
            text = _localized(folder, lang, languages[0])
            cards.append(f"- [{text['title']}](campaigns/{folder.name}/): {text['summary']}")
            page = _campaign_markdown(text, ui, _hotline_lines(hotlines, lang, languages[0]))
            (docs / "campaigns" / folder.name).mkdir(parents=True, exist_ok=True)
            (docs / "campaigns" / folder.name / f"index.{lang}.md").write_text(page, encoding="utf-8")
        home = _front(ui["home.title"], ui["home.description"]) + f"# {ui['home.title']}\n\n{ui['home.intro']}\n\n"
        (docs / f"index.{lang}.md").write_text(home + "\n".join(cards) + "\n", encoding="utf-8")
        help_page = _front(ui["help.title"], ui["help.description"]) + f"# {ui['help.title']}\n\n{ui['help.intro']}\n\n"
        (docs / f"help.{lang}.md").write_text(help_page + "\n".join(_hotline_lines(hotlines, lang, languages[0]))
                                              + f"\n\n{ui['help.safety']}\n", encoding="utf-8")


def _theme_language_stubs(overrides: Path, languages: list[str]) -> None:
    """Material has no strings for hmn, ium, tyz: what a team would add, a copy of the source language's."""
    import material

    shipped = Path(material.__file__).parent / "templates" / "partials" / "languages"
    source = (shipped / f"{languages[0]}.html").read_text(encoding="utf-8")
    for tag in languages:
        if not (shipped / f"{tag}.html").is_file():
            stub = source.replace(f'"language": "{languages[0]}"', f'"language": "{tag}"')
            (overrides / "partials" / "languages").mkdir(parents=True, exist_ok=True)
            (overrides / "partials" / "languages" / f"{tag}.html").write_text(stub, encoding="utf-8")


def _i18n_languages(config: str) -> list[dict]:
    import yaml

    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    plugins = yaml.load(config, Loader=Tolerant)["plugins"]
    i18n = next(p["loa-i18n"] for p in plugins if isinstance(p, dict) and "loa-i18n" in p)
    return sorted(i18n["languages"], key=lambda lang: not lang.get("default"))


def _ui_strings(corpus: Path, lang: str, source: str) -> dict:
    import yaml

    def table(tag: str) -> dict:
        path = corpus / "overrides" / "i18n" / f"{tag}.yml"
        return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("loa", {}) if path.is_file() else {}
    return {**table(source), **table(lang)}


def _localized(folder: Path, lang: str, source: str) -> dict:
    """What a reader of `lang` sees: each item of the translation, else the source's."""
    import yaml

    def read(tag: str) -> dict:
        path = folder / f"{tag}.yml"
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    base, own = read(source), read(lang) if lang != source else {}
    text = {key: own.get(key) or base.get(key) for key in ("title", "summary", "key_messages", "discussion")}
    for key in ("sections", "stories"):
        mine = {item["id"]: item for item in own.get(key) or []}
        text[key] = [{**item, **mine.get(item["id"], {})} for item in base.get(key) or []]
    return text


def _campaign_markdown(text: dict, ui: dict, hotlines: list[str]) -> str:
    parts = [_front(text["title"], text["summary"]), f"# {text['title']}\n\n{text['summary']}\n",
             f"## {ui['campaign.key_messages']}\n\n" + "\n".join(f"- {m}" for m in text["key_messages"]) + "\n"]
    parts += [f"## {s.get('heading') or ''}\n\n{s.get('body') or ''}" for s in text["sections"]]
    if text["stories"]:
        parts.append(f"## {ui['campaign.stories']}\n\n" + "\n\n".join(s.get("text") or "" for s in text["stories"]))
    if text["discussion"]:
        parts.append(f"## {ui['campaign.discussion']}\n\n" + "\n".join(f"- {q}" for q in text["discussion"]) + "\n")
    parts.append(f"## {ui['campaign.hotlines']}\n\n" + "\n".join(hotlines) + "\n")
    return "\n".join(parts)


def _hotline_lines(hotlines: list[dict], lang: str, source: str) -> list[str]:
    return [f"- **{h['name'].get(lang) or h['name'][source]}**: [{h['number']}](tel:{h['number'].replace(' ', '')})"
            f" ({h.get('hours', '')})" for h in hotlines]


def _front(title: str, description: str) -> str:
    import yaml

    return "---\n" + yaml.safe_dump({"title": title, "description": description}, allow_unicode=True, width=1000) + "---\n\n"


# --- running and timing ---------------------------------------------------------

# Runs a command as its child, then reports wall time and the largest RSS of any
# process below it (RUSAGE_CHILDREN covers the leaflet workers the build waited for).
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[2:]).returncode
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(json.dumps({"seconds": seconds, "maxrss_kb": usage.ru_maxrss, "code": code,
                                         "cpu": usage.ru_utime + usage.ru_stime}))
"""


def run_measured(command: list[str], cwd: Path, baseline: Path | None = None) -> tuple[float, float, float]:
    """(seconds, peak RSS in MB of the largest single process, CPU seconds) of a command; BenchError if it fails."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        report = Path(handle.name)
    try:
        done = subprocess.run([sys.executable, "-c", _MEASURE, str(report), *command], cwd=cwd, env=_env(baseline),
                              capture_output=True, text=True)
        result = json.loads(report.read_text() or "{}")
    finally:
        report.unlink(missing_ok=True)
    if done.returncode != 0 or result.get("code") != 0:
        raise BenchError(f"{' '.join(command)} failed in {cwd}:\n{(done.stderr or done.stdout)[-3000:]}")
    return result["seconds"], result["maxrss_kb"] / 1024, result["cpu"]


def _env(baseline: Path | None = None) -> dict:
    """The environment of every measured command; with a baseline checkout, its `loa` package comes first."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    if baseline is not None:
        env["PYTHONPATH"] = str(baseline / "scripts")
    return env


def _loa(baseline: Path | None) -> list[str]:
    """The loa command: the installed one, or the baseline's package run by this interpreter."""
    return [sys.executable, "-m", "loa.cli"] if baseline else [str(BIN / "loa")]


def prepare_baseline(ref: str, work: Path) -> Path:
    """The baseline commit's files (git archive) in work/baseline: its code, templates and config."""
    dest = work / "baseline"
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref], capture_output=True)
    if archive.returncode != 0:
        raise BenchError(f"git archive {ref} failed (a checkout with history is needed, or --baseline none):\n"
                         f"{archive.stderr.decode(errors='replace')[-2000:]}")
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    # Its `loa` must be a regular package: a folder without __init__.py would only be a namespace portion,
    # and this checkout's installed package would be imported in its place.
    (dest / "scripts" / "loa" / "__init__.py").touch()
    return dest


def _clean(project: Path) -> None:
    for name in ("site", ".loa-cache", ".bench-leaflets"):
        shutil.rmtree(project / name, ignore_errors=True)


def measure(project: Path, plain: Path, slugs: list[str], runs: int, leaflets: bool, say,
            baseline: Baseline | None = None) -> dict:
    """Every figure of the JSON for one corpus: medians of `runs` runs of each measurement."""
    loa, mkdocs = str(BIN / "loa"), str(BIN / "mkdocs")
    full_config = "mkdocs.yml" if leaflets else SITE_ONLY_CONFIG
    edited = project / "campaigns" / slugs[0] / "vi.yml"
    samples: dict[str, list[float]] = defaultdict(list)
    for run in range(1, runs + 1):
        if baseline:  # a pair: the baseline's full build, then ours, on the same campaigns
            _clean(baseline.project)
            _sample(samples, "baseline_full_build_s",
                    run_measured([*_loa(baseline.code), "build"], baseline.project, baseline.code))
            say(f"run {run}/{runs}: baseline full build {samples['baseline_full_build_s'][-1]:.1f} s")
        _clean(project)
        _sample(samples, "full_build_s", run_measured([loa, "build", "--config", full_config], project))
        if baseline:
            samples["full_build_ratio"].append(samples["baseline_full_build_s"][-1] / samples["full_build_s"][-1])
            samples["full_build_cpu_ratio"].append(samples["baseline_full_build_s:cpu"][-1] /
                                                   samples["full_build_s:cpu"][-1])
        original = edit_one_sentence(edited)
        try:
            _sample(samples, "incremental_s", run_measured([loa, "build", "--config", full_config], project))
        finally:
            edited.write_text(original, encoding="utf-8")
        _clean(project)
        _sample(samples, "site_build_s", run_measured([loa, "build", "--config", SITE_ONLY_CONFIG], project))
        shutil.rmtree(plain / "site", ignore_errors=True)
        _sample(samples, "plain_mkdocs_s", run_measured([mkdocs, "build", "--quiet"], plain))
        if leaflets:  # a pair, one core then all (all first in even runs): the speedup is the median of the pairs'
            order = ((1, "one"), (0, "all"))
            for jobs, key in order if run % 2 else order[::-1]:
                count, seconds, cpu = _leaflet_rate(project, jobs)
                samples[f"leaflets_{key}"].append(seconds)
                samples[f"leaflets_{key}:cpu"].append(cpu)
                samples["leaflet_count"].append(count)
            samples["parallel_ratio"].append(samples["leaflets_one"][-1] / samples["leaflets_all"][-1])
        if baseline:  # a pair: the baseline's leaflets on one core, then ours, on the same small corpus
            count, _, base_cpu = _leaflet_rate(baseline.pairs, 1, baseline.code)
            ours_count, _, ours_cpu = _leaflet_rate(baseline.ours, 1)
            samples["baseline_leaflet_cpu_ms"].append(1000 * base_cpu / count)
            samples["leaflet_cpu_ms"].append(1000 * ours_cpu / ours_count)
            samples["leaflet_ratio"].append(samples["baseline_leaflet_cpu_ms"][-1] / samples["leaflet_cpu_ms"][-1])
            say(f"run {run}/{runs}: leaflet CPU {samples['baseline_leaflet_cpu_ms'][-1]:.0f} ms (baseline) against "
                f"{samples['leaflet_cpu_ms'][-1]:.0f} ms per leaflet")
        say(f"run {run}/{runs}: full {samples['full_build_s'][-1]:.1f} s, incremental "
            f"{samples['incremental_s'][-1]:.1f} s, site {samples['site_build_s'][-1]:.1f} s, plain "
            f"{samples['plain_mkdocs_s'][-1]:.1f} s" + (f", leaflets 1 core {samples['leaflets_one'][-1]:.1f} s, "
                                                       f"all cores {samples['leaflets_all'][-1]:.1f} s" if leaflets else ""))
    figures = _figures(samples, len(slugs), len(_i18n_languages((project / "mkdocs.yml").read_text(encoding="utf-8"))),
                       runs, leaflets)
    figures["baseline"] = baseline.ref if baseline else None
    return figures


@dataclass
class Baseline:
    """The commit measured against: its checkout, the corpus built with its templates, and the pair corpora."""

    ref: str
    code: Path
    project: Path  # the full corpus, with the baseline's configuration and templates
    pairs: Path  # PAIR_CAMPAIGNS campaigns, baseline's templates: its leaflets in the pairs
    ours: Path  # the same campaigns with this checkout's templates


def make_baseline(ref: str, work: Path, n: int) -> Baseline:
    code = prepare_baseline(ref, work)
    baseline = Baseline(ref, code, work / "baseline-project", work / "baseline-pairs", work / "pairs")
    write_corpus(baseline.project, n, code=code)
    write_corpus(baseline.pairs, min(n, PAIR_CAMPAIGNS), code=code)
    write_corpus(baseline.ours, min(n, PAIR_CAMPAIGNS))
    return baseline


def _sample(samples: dict[str, list[float]], key: str, measured: tuple[float, float, float]) -> None:
    seconds, rss, cpu = measured
    samples[key].append(seconds)
    samples[f"{key}:cpu"].append(cpu)
    if key in ("site_build_s", "plain_mkdocs_s"):  # one process, one core: wall time over CPU time shows contention
        samples["contention"].append(seconds / max(cpu, 1e-9))
    if key == "full_build_s":
        samples["peak_rss_mb"].append(rss)


def _figures(samples: dict[str, list[float]], campaigns: int, languages: int, runs: int, leaflets: bool) -> dict:
    med = {key: statistics.median(values) for key, values in samples.items()}
    count = int(max(samples["leaflet_count"])) if leaflets else 0
    figures = {
        "full_build_s": med["full_build_s"], "plain_mkdocs_s": med["plain_mkdocs_s"],
        "site_build_s": med["site_build_s"], "overhead_ratio": med["site_build_s"] / med["plain_mkdocs_s"],
        "incremental_s": med["incremental_s"], "incremental_fraction": med["incremental_s"] / med["full_build_s"],
        "leaflets_per_s_one_core": count / med["leaflets_one"] if leaflets else None,
        "leaflets_per_s_all_cores": count / med["leaflets_all"] if leaflets else None,
        "leaflet_parallel_speedup": med["parallel_ratio"] if leaflets else None,  # the median of per-pair ratios
        "leaflets_cpu_s_one_core": med.get("leaflets_one:cpu"), "leaflets_cpu_s_all_cores": med.get("leaflets_all:cpu"),
        "peak_rss_mb": max(samples["peak_rss_mb"]),
        "leaflet_cpu_ms": med.get("leaflet_cpu_ms"), "baseline_leaflet_cpu_ms": med.get("baseline_leaflet_cpu_ms"),
        "leaflet_speedup_vs_baseline": med.get("leaflet_ratio"),  # the median of per-pair ratios
        "baseline_full_build_s": med.get("baseline_full_build_s"),
        "full_build_speedup_vs_baseline": med.get("full_build_ratio"), "baseline": None,
        "campaigns": campaigns, "languages": languages, "leaflets": count, "cores": os.cpu_count() or 1, "runs": runs,
    }
    assert tuple(figures) == KEYS
    spreads = {key: (min(v), max(v)) for key, v in samples.items()}
    return {key: round(value, 4) if isinstance(value, float) else value for key, value in figures.items()} | \
        {"_spreads": spreads, "_medians": med}


def _leaflet_rate(project: Path, jobs: int, baseline: Path | None = None) -> tuple[int, float, float]:
    """(leaflets, seconds, CPU seconds) for render_leaflets with an empty cache, in a fresh process (imports not timed).

    CPU time counts the worker processes too (children the pool waited for).
    """
    out = project / ".bench-leaflets" / "result.json"
    shutil.rmtree(out.parent, ignore_errors=True)
    done = subprocess.run([sys.executable, __file__, "--_leaflets", str(project), "--_jobs", str(jobs)],
                          cwd=project, env=_env(baseline), capture_output=True, text=True)
    if done.returncode != 0 or not out.is_file():
        raise BenchError(f"rendering the leaflets (jobs={jobs or 'all'}) failed:\n{done.stderr[-3000:]}")
    result = json.loads(out.read_text())
    shutil.rmtree(out.parent, ignore_errors=True)
    return result["count"], result["seconds"], result["cpu"]


def _leaflets_child(project: Path, jobs: int) -> None:
    """In a child process: render every leaflet once, into an empty cache, and write the time taken."""
    import resource

    # A baseline's package comes first (PYTHONPATH): Python puts this script's folder, which holds this
    # checkout's `loa`, ahead of PYTHONPATH, and the newer `loa` would then render the baseline's templates.
    sys.path[:0] = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    from loa import generate
    try:  # `loa` is a namespace package: a baseline's old modules first, else this checkout's
        from loa.config import load_config
        from loa.leaflets import render_leaflets
    except ImportError:
        from loa.glue.config import load_config  # type: ignore[no-redef]
        from loa.outputs.leaflets import render_leaflets  # type: ignore[no-redef]

    config = load_config(project / "mkdocs.yml")
    result = generate.check(config)
    if not result.ok:
        raise BenchError("the corpus does not pass loa check")
    work = project / ".bench-leaflets"
    cpu = _cpu_seconds(resource)
    start = time.perf_counter()
    links = render_leaflets(config, result.content, result.strings, work / "out", work / "cache", jobs=jobs or None)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds(resource) - cpu
    (work / "result.json").write_text(json.dumps({"count": len(links), "seconds": seconds, "cpu": cpu}))


def _cpu_seconds(resource) -> float:
    """CPU time of this process and of the children it has waited for."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


# --- where the time goes: one full build with timers around each step ------------------

class StageTimer:
    """Exclusive time per step: a step's time minus the steps timed inside it, so they add up to the whole."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.stack: list[float] = []

    def wrap(self, function, label):
        def timed(*args, **kwargs):
            name = label(*args) if callable(label) else label
            start = time.perf_counter()
            self.stack.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                self.seconds[name] += elapsed - self.stack.pop()
                self.calls[name] += 1
                if self.stack:
                    self.stack[-1] += elapsed
        return timed

    def patch(self, owner, attribute: str, label) -> None:
        setattr(owner, attribute, self.wrap(getattr(owner, attribute), label))

    def add(self, label: str, seconds: float) -> None:
        self.seconds[label] += seconds
        self.calls[label] += 1


def _stages_child(project: Path, config_name: str, out: Path) -> None:
    """In a child process: `loa build` (or, with config 'plain', `mkdocs build`) in-process, each step timed."""
    timer, start = StageTimer(), time.perf_counter()
    import material.plugins.search.plugin as search
    import mkdocs.commands.build as mkbuild
    import mkdocs.structure.files as mkfiles
    import mkdocs_static_i18n.plugin as i18n

    timer.patch(mkbuild, "build", lambda config, **_: f"mkdocs build {config.theme['language']}: other")
    timer.patch(i18n, "build", lambda config, **_: f"mkdocs build {config.plugins['loa-i18n'].current_language}: other")
    timer.patch(mkbuild, "get_files", "mkdocs: collect files")
    timer.patch(mkbuild, "_populate_page", "mkdocs: Markdown to HTML")
    timer.patch(mkbuild, "_build_page", "mkdocs: page templates")
    timer.patch(mkbuild, "_build_theme_template", "mkdocs: theme templates (404, sitemap)")
    timer.patch(mkfiles.Files, "copy_static_files", "mkdocs: copy theme assets")
    timer.patch(search.SearchPlugin, "on_post_build", "mkdocs: search index (Material)")
    timer.patch(i18n.I18n, "reconfigure_search_index", "mkdocs: search index merge (static-i18n)")
    os.chdir(project)
    if config_name == "plain":
        from mkdocs.__main__ import cli as mkdocs_cli

        timer.add("imports: MkDocs, Material, static-i18n", time.perf_counter() - start)
        code = mkdocs_cli.main(["build", "--quiet"], standalone_mode=False) or 0
    else:
        code = _timed_loa_build(timer, start, config_name)
    total = time.perf_counter() - start
    stages = sorted(([k, v, timer.calls[k]] for k, v in timer.seconds.items()), key=lambda s: -s[1])
    out.write_text(json.dumps({"code": code, "total": total, "stages": stages}))


def _timed_loa_build(timer: StageTimer, start: float, config_name: str) -> int:
    import loa.generate as generate
    import loa.glue.plugin as plugin
    import loa.outputs.offsite as offsite
    import loa.outputs.pages as pages
    import loa.outputs.publish as publish
    from loa import cli
    from loa.commands import build as build_command
    timer.add("imports: MkDocs, Material, static-i18n" if config_name == SITE_ONLY_CONFIG else
              "imports: loa, MkDocs, Material, static-i18n", time.perf_counter() - start)
    if config_name != SITE_ONLY_CONFIG:  # a site-only build never imports the print engine
        mark = time.perf_counter()
        import loa.outputs.leaflets as leaflets
        timer.add("imports: Typst (loa.outputs.leaflets)", time.perf_counter() - mark)
        timer.patch(leaflets, "render_leaflets", "leaflets (Typst, process pool)")

    timer.patch(generate, "check_content", "check: load and validate YAML")
    timer.patch(generate, "check", "check: URLs, QA, strings")
    timer.patch(generate.CoverJobs, "__init__", "cover pictures: sizes, threads started")
    timer.patch(generate.CoverJobs, "wait", "cover pictures: waiting for the threads")
    timer.patch(pages.PageRenderer, "render_all", "page render (Jinja, Markdown)")
    timer.patch(plugin, "sync_tree", "staging docs written")
    timer.patch(plugin, "tree_fingerprint", "change detection (fingerprint)")
    timer.patch(plugin, "split_search_index", "search split per language")
    timer.patch(plugin, "write_offline_zip", "offline zip")
    timer.patch(offsite, "offsite_resources", "offsite resource scan")
    timer.patch(build_command, "record_urls", "record published URLs")
    timer.patch(publish, "_swap", "swap site folder")
    return cli.main(["build", "--config", config_name])


def stage_times(folder: Path, config: str) -> dict:
    """Each step's time in one build from scratch: config is mkdocs.yml, SITE_ONLY_CONFIG or 'plain'."""
    for name in ("site", ".loa-cache"):
        shutil.rmtree(folder / name, ignore_errors=True)
    out = folder / ".bench-stages.json"
    done = subprocess.run([sys.executable, __file__, "--_stages", str(folder), "--_config", config, "--_out", str(out)],
                          cwd=folder, env=_env(), capture_output=True, text=True)
    result = json.loads(out.read_text()) if out.is_file() else {}
    out.unlink(missing_ok=True)
    if done.returncode != 0 or result.get("code") != 0:
        raise BenchError(f"the timed build ({config}) failed:\n{done.stderr[-3000:]}")
    return result


# --- output ---------------------------------------------------------------------

ROWS = (("full_build_s", "full build (site + leaflets)", "s"), ("plain_mkdocs_s", "plain MkDocs + static-i18n", "s"),
        ("site_build_s", "site build (no leaflets)", "s"), ("overhead_ratio", "overhead ratio (site / plain)", ""),
        ("incremental_s", "incremental build (one sentence)", "s"),
        ("incremental_fraction", "incremental fraction (incr. / full)", ""),
        ("leaflets_per_s_one_core", "leaflets per second, one core", "/s"),
        ("leaflets_per_s_all_cores", "leaflets per second, all cores", "/s"),
        ("leaflet_parallel_speedup", "leaflet parallel speedup", "x"),
        ("leaflets_cpu_s_one_core", "leaflets CPU time, one core", "s"),
        ("leaflets_cpu_s_all_cores", "leaflets CPU time, all cores", "s"), ("peak_rss_mb", "peak RSS", "MB"),
        ("leaflet_cpu_ms", "CPU per leaflet (pairs corpus)", "ms"),
        ("baseline_leaflet_cpu_ms", "CPU per leaflet, baseline", "ms"),
        ("leaflet_speedup_vs_baseline", "leaflet speedup vs baseline (CPU)", "x"),
        ("baseline_full_build_s", "full build, baseline", "s"),
        ("full_build_speedup_vs_baseline", "full build speedup vs baseline", "x"))
SPREAD_OF = {"full_build_s": "full_build_s", "plain_mkdocs_s": "plain_mkdocs_s", "site_build_s": "site_build_s",
             "incremental_s": "incremental_s", "baseline_full_build_s": "baseline_full_build_s"}
RATIO_SPREAD = {"leaflet_speedup_vs_baseline": "leaflet_ratio", "full_build_speedup_vs_baseline": "full_build_ratio"}


def parallel_note(figures: dict) -> str:
    """Wall time beside CPU time for the parallel speedup; a speedup above the number of cores cannot be right."""
    med, (low, high) = figures["_medians"], figures["_spreads"]["parallel_ratio"]
    one, every = med["leaflets_one"], med["leaflets_all"]
    cpu_one, cpu_all = figures["leaflets_cpu_s_one_core"], figures["leaflets_cpu_s_all_cores"]
    note = (f"pairs {low:.2f}-{high:.2f}; wall {one:.1f} s on one core, {every:.1f} s on all; "
            f"CPU {cpu_one:.1f} s and {cpu_all:.1f} s ({cpu_all / every:.2f} cores busy on average)")
    if figures["leaflet_parallel_speedup"] > figures["cores"]:
        note += (f"; IMPOSSIBLE: above the {figures['cores']} cores (the one-core run waited for other programs: "
                 "measure again on a quieter machine)")
    return note


def format_table(figures: dict) -> str:
    lines = [f"Loa bench: {figures['campaigns']} campaigns x {figures['languages']} languages, "
             f"{figures['leaflets']} leaflets, {figures['cores']} cores; medians of {figures['runs']} run(s)"
             + (f"; baseline {figures['baseline'][:10]}" if figures.get("baseline") else ""), ""]
    for key, label, unit in ROWS:
        value = figures[key]
        shown = "n/a" if value is None else f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
        note = ""
        if key in TARGETS and value is not None:
            op, target = TARGETS[key]
            met = value <= target if op == "<=" else value >= target
            note = f"target {op} {target:g}: {'met' if met else 'MISSED'}"
            if key in RATIO_SPREAD and figures.get("_spreads"):
                low, high = figures["_spreads"][RATIO_SPREAD[key]]
                note += f"; pairs {low:.1f}-{high:.1f}"
            if key == "full_build_speedup_vs_baseline":
                note += f"; by CPU time {figures['_medians']['full_build_cpu_ratio']:.1f}"
            if key == "leaflet_parallel_speedup" and figures.get("leaflets_cpu_s_all_cores"):
                note += "; " + parallel_note(figures)
        elif key in SPREAD_OF and figures.get("_spreads") and value is not None:
            low, high = figures["_spreads"][SPREAD_OF[key]]
            note = f"runs {low:.1f}-{high:.1f} s; CPU {figures['_medians'][key + ':cpu']:.1f} s"
        elif key == "peak_rss_mb":
            note = "largest single process (the build or one leaflet worker), not their sum"
        lines.append(f"  {label:<38} {shown:>9} {unit:<3} {note}")
    medians = figures.get("_medians") or {}
    if medians:
        lines.append(f"  (by CPU time, the overhead ratio is {medians['site_build_s:cpu'] / medians['plain_mkdocs_s:cpu']:.2f} "
                     f"and the incremental fraction {medians['incremental_s:cpu'] / medians['full_build_s:cpu']:.3f})")
        busy = max(figures["_spreads"]["contention"])
        if busy > 1.2:
            lines.append(f"  warning: a one-process build took {busy:.1f} times its CPU time: other processes were "
                         "using the CPUs during the runs, and the times are noisy")
    return "\n".join(lines)


OTHER = "other (CLI, MkDocs config, plugin events)"


def _with_other(stages: dict) -> dict[str, tuple[float, int]]:
    steps = {label: (seconds, calls) for label, seconds, calls in stages["stages"]}
    return steps | {OTHER: (stages["total"] - sum(seconds for seconds, _ in steps.values()), 0)}


def format_stages(stages: dict, what: str) -> str:
    total = stages["total"]
    lines = [f"Where the time goes: {what}, in-process, {total:.1f} s (each step without the steps timed inside it)"]
    for label, (seconds, calls) in _with_other(stages).items():
        lines.append(f"  {label:<48} {seconds:8.2f} s {100 * seconds / total:5.1f} %" + (f"  x{calls}" if calls else ""))
    return "\n".join(lines)


def format_comparison(site: dict, plain: dict) -> str:
    """The site build and the plain build step by step: what the overhead is made of."""
    ours, theirs = _with_other(site), _with_other(plain)
    lines = [f"Site build (no leaflets) against plain MkDocs, step by step: {site['total']:.1f} s against "
             f"{plain['total']:.1f} s", f"  {'step':<48} {'Loa':>8} {'plain':>8} {'extra':>8}"]
    for label in sorted(ours.keys() | theirs.keys(), key=lambda k: -(ours.get(k, (0,))[0] - theirs.get(k, (0,))[0])):
        a, b = ours.get(label, (0.0, 0))[0], theirs.get(label, (0.0, 0))[0]
        lines.append(f"  {label:<48} {a:8.2f} {b:8.2f} {a - b:+8.2f}")
    return "\n".join(lines)


def format_growth(growth: list[dict], skipped: list[str]) -> str:
    lines = ["Growth (medians):", f"  {'N':>4} {'leaflets':>8} {'full s':>8} {'site s':>8} {'plain s':>8} {'ratio':>6} "
             f"{'incr s':>7} {'l/s 1c':>7} {'l/s all':>7} {'RSS MB':>7} {'full s/campaign':>15}"]
    for g in growth:
        rate = lambda v: f"{v:7.2f}" if v is not None else "    n/a"  # noqa: E731
        lines.append(f"  {g['campaigns']:>4} {g['leaflets']:>8} {g['full_build_s']:8.1f} {g['site_build_s']:8.1f} "
                     f"{g['plain_mkdocs_s']:8.1f} {g['overhead_ratio']:6.2f} {g['incremental_s']:7.1f} "
                     f"{rate(g['leaflets_per_s_one_core'])} {rate(g['leaflets_per_s_all_cores'])} "
                     f"{g['peak_rss_mb']:7.0f} {g['full_build_s'] / g['campaigns']:15.2f}")
    lines += [f"  {note}" for note in skipped]
    return "\n".join(lines)


# --- the command ----------------------------------------------------------------

def bench_size(n: int, runs: int, leaflets: bool, keep: bool, say, baseline_ref: str | None = None) -> tuple[dict, Path]:
    """Write a corpus of n campaigns into a temporary folder and measure it; returns figures and the folder."""
    work = Path(tempfile.mkdtemp(prefix=f"loa-bench-{n}-"))
    try:
        baseline = make_baseline(baseline_ref, work, n) if baseline_ref and leaflets else None
        slugs = write_corpus(work / "project", n)
        write_plain_site(work / "project", work / "plain")
        check = subprocess.run([str(BIN / "loa"), "check"], cwd=work / "project", env=_env(), capture_output=True, text=True)
        if check.returncode != 0:
            raise BenchError(f"the synthetic corpus does not pass loa check:\n{check.stderr[-3000:]}")
        say(f"{n} campaigns written to {work}; measuring ({runs} run(s))")
        return measure(work / "project", work / "plain", slugs, runs, leaflets, say, baseline), work
    except BaseException:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--campaigns", type=int, default=20, metavar="N", help="campaigns in the corpus (default 20)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write the figures to FILE as JSON")
    parser.add_argument("--runs", type=int, default=3, metavar="R", help="runs of each measurement; medians (default 3)")
    parser.add_argument("--growth", action="store_true", help=f"also measure N = {', '.join(map(str, GROWTH_SIZES))}")
    parser.add_argument("--baseline", default=BASELINE_COMMIT, metavar="REF",
                        help="the commit to measure against, in interleaved pairs (default: the last with WeasyPrint "
                             "leaflets; 'none' to skip)")
    parser.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                        help="only write the corpus (and its plain-Markdown twin in DIR/plain) to DIR, then stop")
    parser.add_argument("-v", "--verbose", action="store_true", help="report progress on stderr")
    hidden = argparse.SUPPRESS
    parser.add_argument("--no-leaflets", action="store_true", help=hidden)  # fast runs for tests
    parser.add_argument("--keep", action="store_true", help=hidden)  # keep the temporary folder, to look inside
    for option in ("--_leaflets", "--_stages", "--_config", "--_out", "--_jobs"):  # child processes
        parser.add_argument(option, default=None, help=hidden)
    args = parser.parse_args(argv)
    if args._leaflets:
        _leaflets_child(Path(args._leaflets), int(args._jobs))
        return 0
    if args._stages:
        _stages_child(Path(args._stages), args._config, Path(args._out))
        return 0
    if args.campaigns < 1 or args.runs < 1:
        parser.error("--campaigns and --runs must be at least 1")
    if args.corpus:
        write_corpus(args.corpus / "project", args.campaigns)
        write_plain_site(args.corpus / "project", args.corpus / "plain")
        print(f"wrote {args.campaigns} campaigns to {args.corpus / 'project'} and their plain twin to {args.corpus / 'plain'}")
        return 0
    try:
        return _bench(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1


def _bench(args: argparse.Namespace) -> int:
    verbose = args.verbose or sys.stderr.isatty()
    say = (lambda message: print(f"bench: {message}", file=sys.stderr, flush=True)) if verbose else (lambda message: None)
    leaflets = not args.no_leaflets
    baseline = None if args.baseline == "none" else args.baseline
    figures, work = bench_size(args.campaigns, args.runs, leaflets, args.keep, say, baseline)
    try:
        say("timing each step of one more full build, site build and plain build")
        site = stage_times(work / "project", SITE_ONLY_CONFIG)
        full = stage_times(work / "project", "mkdocs.yml") if leaflets else site
        plain = stage_times(work / "plain", "plain")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n\n".join([format_table(figures), format_stages(full, "one full build"), format_comparison(site, plain)]))
    result = {key: figures[key] for key in KEYS}
    if args.growth:
        growth, skipped = _growth(args, figures, leaflets, say)
        print("\n" + format_growth(growth, skipped))
        result["growth"] = [{key: g[key] for key in KEYS} for g in growth if g["campaigns"] in GROWTH_SIZES]
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


def _growth(args, figures: dict, leaflets: bool, say) -> tuple[list[dict], list[str]]:
    measured, skipped = {args.campaigns: figures}, []
    for n in GROWTH_SIZES:
        if n in measured:
            continue
        known = max(measured)  # extrapolate from the largest corpus measured so far: cost is linear in N
        predicted = measured[known]["full_build_s"] * n / known
        if predicted > MAX_FULL_BUILD_S:
            skipped.append(f"N = {n} skipped: one full build would take about {predicted / 60:.0f} min "
                           f"(over {MAX_FULL_BUILD_S // 60} min)")
            continue
        say(f"growth: N = {n} (one full build about {predicted:.0f} s)")
        measured[n], work = bench_size(n, args.runs, leaflets, args.keep, say)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return [measured[n] for n in sorted(measured) if n in GROWTH_SIZES or n == args.campaigns], skipped


if __name__ == "__main__":
    sys.exit(main())
