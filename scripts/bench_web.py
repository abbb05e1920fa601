"""Benchmark the site as a reader on a cheap phone over 2G gets it, next to default Material.

    scripts/bench-web [--json FILE] [--runs R] [--leaflets] [--keep DIR | --reuse DIR]

Builds the example campaigns (campaigns/) twice, in a temporary folder:

  loa       the site as configured (mkdocs.yml, overrides/), leaflets and offline.zip off
            to save time (--leaflets renders them, and measures the leaflets page);
  material  the same pages with Material's defaults: overrides/main.html removed (so
            Material's script, search worker and index load on every page, as Material
            does), overrides/assets/javascripts/lunr removed (Material's own lunr.vi),
            `font: false` removed (Material's default Roboto from Google Fonts), no
            palette (as in Material's default config, and as in ours), and Loa's split of
            the search index skipped (patched out in the build process, no code edited),
            so search/search_index.json holds every language, as static-i18n writes it.
            Everything else (loa.css, interface strings, page content) is the same, but
            the notices main.html adds (draft interface strings, page shown in the source
            language, the offline.zip link on the about page) are missing.

Each is served on 127.0.0.1 by tests/webserver.StaticServer (gzip, HTTP/1.0, one
connection per request) and opened in Debian's Chromium with a 360x740 phone viewport.

Per page type, medians of R runs (default 5):
  - first visit, empty cache: bytes transferred (compressed body + response headers, from
    Playwright's request.sizes()), request count, offsite requests attempted;
  - second page (same tab, warm cache): the same figures;
  - first contentful paint under 2G (CDP Network.emulateNetworkConditions: 300 ms latency,
    31250 bytes/s down and up), first visit and second page, and the load event.

Requests to any host but 127.0.0.1 are never sent: Playwright routing aborts them while
the cache is cold (routing disables Chromium's cache, as a first visit wants), and for the
warm-cache second page, where routing is off, Chromium resolves no host but 127.0.0.1
(--host-resolver-rules). Either way they are counted as "offsite", not as bytes.

Search, side by side: queries typed key by key, without and with diacritics (and once in
decomposed Unicode), on / and /hmn/: pages found (Material's count), of them the pages of
the reader's language that hold every word (diacritics ignored, computed from the built
text), pages Material shows matching every word, pages outside the reader's language; and
what opening search costs on top of the page.

Prints a table and, with --json, writes every figure (and the URLs of one run) to FILE.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        # Belt and braces: no host but 127.0.0.1 can even be resolved, so nothing ever leaves the machine.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
PHONE = {"width": 360, "height": 740}
TWO_G = {"offline": False, "latency": 300, "downloadThroughput": 31250, "uploadThroughput": 31250}
BUDGET = {"first_bytes": 60_000, "first_requests": 8, "second_bytes": 8_000}

BUILDS = {
    "loa": "Loa (as configured)",
    "material": "default Material",
}

# (name, first page, second page or None): the second is opened in the same tab, cache warm.
SCENARIOS = [
    ("home", "", "campaigns/safe-migration/"),
    ("campaign", "campaigns/safe-migration/", "campaigns/online-strangers/"),
    ("campaign hmn", "hmn/campaigns/safe-migration/", "hmn/campaigns/online-strangers/"),
    ("help", "help/", "campaigns/help-after-return/"),
    ("leaflets", "leaflets/", None),
    ("about", "about/", None),
]

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
SEARCHES = [  # (start page, label, query, diacritics)
    ("", "mua ban nguoi", "mua ban nguoi", False),
    ("", "giay to", "giay to", False),
    ("", "lua dao", "lua dao", False),
    ("", "viec lam", "viec lam", False),
    ("", "mua bán người", "mua bán người", True),
    ("", "giấy tờ", "giấy tờ", True),
    ("", "lừa đảo", "lừa đảo", True),
    ("", "việc làm", "việc làm", True),
    ("", "mua bán người (NFD)", NFD("mua bán người"), True),
    ("hmn/", "mua ban nguoi", "mua ban nguoi", False),
    ("hmn/", "viec lam", "viec lam", False),
    ("hmn/", "mua bán người", "mua bán người", True),
    ("hmn/", "việc làm", "việc làm", True),
    ("hmn/", "haujlwm", "haujlwm", False),
    ("hmn/", "111", "111", False),
]
OTHER_LANGUAGES = ("hmn/", "ium/", "tyz/")


# --------------------------------------------------------------------------- building

def make_project(dest: Path, variant: str, leaflets: bool) -> Path:
    """A copy of the site's sources; for `material`, with Loa's changes to Material's defaults taken out."""
    dest.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    anchor = "  - loa:\n      campaigns: campaigns\n"
    if anchor not in config:
        raise SystemExit("bench-web: mkdocs.yml no longer has the `loa` plugin with `campaigns: campaigns`")
    options = "      offline_zip: false\n" + ("" if leaflets else "      leaflets: false\n")
    config = config.replace(anchor, anchor + options)
    for name in ("overrides", "docs", "campaigns"):
        shutil.copytree(ROOT / name, dest / name)
    if variant == "material":
        font = re.compile(r"^  font: false.*\n", re.M)
        if not font.search(config):
            raise SystemExit("bench-web: mkdocs.yml no longer has `font: false` under theme")
        config = font.sub("", config)
        config = re.sub(r"^  palette:.*\n(^    .*\n)*", "", config, flags=re.M)  # Material's default: none
        (dest / "overrides" / "main.html").unlink()
        shutil.rmtree(dest / "overrides" / "assets" / "javascripts" / "lunr")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build(project: Path, variant: str) -> float:
    """Build in a separate process (the `material` build patches Loa's search split out). Returns seconds."""
    start = time.monotonic()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, __file__, "--_build", str(project), variant], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"bench-web: the {variant} build failed")
    return time.monotonic() - start


def _build_here(project: Path, variant: str) -> int:
    os.chdir(project)
    if variant == "loa":
        from loa import cli
        return cli.main(["build"])
    # Default Material: keep static-i18n's combined search index (all languages in search/),
    # and skip `loa build`'s offsite check, which rightly refuses Material's Google Fonts.
    import loa.glue.plugin as plugin
    from loa.glue.mkdocs_build import build_site

    plugin.split_search_index = lambda *args, **kwargs: {}
    build_site(project / "mkdocs.yml", project / "site")
    return 0


# --------------------------------------------------------------------------- measuring pages

class Traffic:
    """Requests of one page load: bytes transferred (compressed body + response headers) and offsite attempts."""

    def __init__(self, page, local: str):
        self.local = local
        self.requests: list[dict] = []
        self.offsite: list[str] = []
        page.on("request", self._request)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _request(self, request):
        if not request.url.startswith(self.local) and not request.url.startswith(("data:", "blob:")):
            self.offsite.append(request.url)

    def _finished(self, request):
        if not request.url.startswith(self.local):
            return
        sizes = request.sizes()
        # A cache hit reports body = -headers: nothing was transferred, and it is not a request on the wire.
        transferred = max(0, sizes["responseBodySize"] + max(sizes["responseHeadersSize"], 0))
        if transferred > 0:
            response = request.response()
            self.requests.append({"url": request.url[len(self.local) - 1:], "bytes": transferred,
                                  "type": request.resource_type,
                                  "status": response.status if response else None})

    def _failed(self, request):
        if request.url.startswith(self.local):
            self.requests.append({"url": request.url[len(self.local) - 1:], "bytes": 0,
                                  "type": request.resource_type, "status": f"failed: {request.failure}"})

    def take(self) -> dict:
        figures = {"bytes": sum(r["bytes"] for r in self.requests), "requests": len(self.requests),
                   "offsite": len(self.offsite), "urls": list(self.requests), "offsite_urls": list(self.offsite)}
        self.requests.clear()
        self.offsite.clear()
        return figures


def new_phone(browser):
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


def abort_offsite(context, local: str) -> None:
    context.route(lambda url: not url.startswith(local), lambda route: route.abort())


def settle(page, extra_ms: int = 700) -> None:
    """Network idle, then a little more: Material's worker may fetch its index a moment after idle."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(extra_ms)
    page.wait_for_load_state("networkidle")


def paint_times(page) -> dict:
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0", timeout=120_000)
    return page.evaluate("""() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
        const nav = performance.getEntriesByType('navigation')[0];
        return {fcp: Math.round(fcp), load: nav && nav.loadEventEnd ? Math.round(nav.loadEventEnd) : null};
    }""")


def measure_weights(browser, url: str, first: str, second: str | None) -> dict:
    """Unthrottled: what a first visit (cold cache) and a second page (warm cache) transfer."""
    context = new_phone(browser)
    abort_offsite(context, url)  # routing also disables the cache: a cold first visit
    page = context.new_page()
    traffic = Traffic(page, url)
    page.goto(url + first, wait_until="load")
    settle(page)
    result = {"first": traffic.take()}
    if second is not None:
        context.unroute_all(behavior="wait")  # the cache works again; --host-resolver-rules still blocks offsite
        page.goto(url + second, wait_until="load")
        settle(page)
        result["second"] = traffic.take()
    context.close()
    return result


def measure_paint(browser, url: str, first: str, second: str | None) -> dict:
    """Under 2G: first contentful paint and load event of the first visit and of the second page (ms)."""
    context = new_phone(browser)
    abort_offsite(context, url)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", TWO_G)
    page.goto(url + first, wait_until="load", timeout=180_000)
    result = {"first": paint_times(page)}
    if second is not None:
        page.wait_for_load_state("networkidle", timeout=180_000)  # what the first page still loads competes
        context.unroute_all(behavior="wait")
        page.goto(url + second, wait_until="load", timeout=180_000)
        result["second"] = paint_times(page)
    context.close()
    return result


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def measure_pages(browser, url: str, site: Path, runs: int, log) -> dict:
    pages = {}
    for name, first, second in SCENARIOS:
        if not (site / first / "index.html").is_file():
            log(f"  {name}: /{first} not in this build, skipped")
            continue
        weights = [measure_weights(browser, url, first, second) for _ in range(runs)]
        paints = [measure_paint(browser, url, first, second) for _ in range(runs)]
        entry = {"path": "/" + first}
        for visit, path in (("first", first), ("second", second)):
            if path is None:
                continue
            w = [r[visit] for r in weights]
            p = [r[visit] for r in paints]
            entry[visit] = {
                "path": "/" + path,
                "bytes": median([x["bytes"] for x in w]),
                "requests": median([x["requests"] for x in w]),
                "offsite": median([x["offsite"] for x in w]),
                "fcp_2g_ms": median([x["fcp"] for x in p]),
                "load_2g_ms": median([x["load"] for x in p]),
                "runs": {"bytes": [x["bytes"] for x in w], "requests": [x["requests"] for x in w],
                         "fcp_2g_ms": [x["fcp"] for x in p], "load_2g_ms": [x["load"] for x in p]},
                "urls": w[0]["urls"],
                "offsite_urls": w[0]["offsite_urls"],
            }
        pages[name] = entry
        f, s = entry["first"], entry.get("second")
        log(f"  {name}: {f['bytes'] / 1000:.1f} kB / {f['requests']:g} req, FCP {f['fcp_2g_ms']} ms"
            + (f"; then {s['path']}: {s['bytes'] / 1000:.1f} kB, FCP {s['fcp_2g_ms']} ms" if s else ""))
    return pages


# --------------------------------------------------------------------------- measuring search

def result_messages(page) -> dict:
    translations = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations")
    return {k: translations.get(f"search.result.{k}", "") for k in ("none", "one", "other", "placeholder")}


def search_once(browser, url: str, start: str, query: str) -> dict:
    """Open search, type the query key by key as a reader does, and read Material's results."""
    context = new_phone(browser)
    abort_offsite(context, url)
    page = context.new_page()
    traffic = Traffic(page, url)
    page.goto(url + start, wait_until="load")
    settle(page, 300)
    page_load = traffic.take()
    messages = result_messages(page)
    page.click("label[for=__search]")
    page.wait_for_function("typeof window.component$ !== 'undefined'", timeout=30_000)  # Material's bundle runs
    # Material reads the query on keyup (not on `input`), so type it: fill() alone would search nothing.
    page.type("input[name=query]", query, delay=20)
    counted = re.escape(messages["other"]).replace("\\#", "#").replace("#", r"(\d+)")
    done = """([none, one, counted]) => {
        const meta = document.querySelector('.md-search-result__meta');
        const text = meta ? meta.textContent.trim() : '';
        return text === none || text === one || new RegExp('^' + counted + '$').test(text);
    }"""
    outcome = {"query": query, "start": "/" + start}
    try:
        page.wait_for_function(done, arg=[messages["none"], messages["one"], counted], timeout=30_000)
    except Exception:  # noqa: BLE001 - recorded, not fatal
        outcome.update(results=None, error="no result message within 30 s",
                       meta=page.text_content(".md-search-result__meta"))
        context.close()
        return outcome
    # Playwright types letters like "ờ" as text, without the keyup Material searches on: one more
    # keyup (End, which changes nothing) makes sure the whole query is what was searched.
    page.press("input[name=query]", "End")
    # Each keystroke searched: wait until the results for the whole query stop changing.
    snapshot, stable_since = None, time.monotonic()
    while time.monotonic() - stable_since < 0.6:
        now = page.inner_html(".md-search-result")
        if now != snapshot:
            snapshot, stable_since = now, time.monotonic()
        page.wait_for_timeout(100)
    meta = page.text_content(".md-search-result__meta").strip()
    match = re.fullmatch(counted, meta)
    total = 0 if meta == messages["none"] else 1 if meta == messages["one"] else int(match.group(1))
    # Material renders results 10 at a time as the list scrolls: scroll until all are there.
    shown = page.locator(".md-search-result__item").count()
    while shown < total:
        page.eval_on_selector(".md-search__scrollwrap", "el => { el.scrollTop = el.scrollHeight; }")
        try:
            page.wait_for_function(f"document.querySelectorAll('.md-search-result__item').length > {shown}",
                                   timeout=2_000)
        except Exception:  # noqa: BLE001 - no more to render
            break
        shown = page.locator(".md-search-result__item").count()
    # Material names the query words a page or section lacks under its teaser; a page shown only as a
    # heading over its best sections has no teaser and names none: it is judged by those sections.
    items = page.eval_on_selector_all(".md-search-result__item", """items => items.map(item => {
        const judged = a => !a.querySelector('.md-search-result__icon') || Array.from(a.childNodes).slice(2)
            .some(n => n.nodeType === 1 ? !n.matches('nav.md-tags') : n.textContent.trim() !== '');
        return {
            href: item.querySelector('.md-search-result__link').href,
            every_word: Array.from(item.querySelectorAll('.md-search-result__article')).some(a =>
                parseFloat(a.dataset.mdScore) > 0 && judged(a) && !a.querySelector('.md-search-result__terms')),
        };
    })""")
    settle(page, 300)
    opened = traffic.take()  # what opening search and searching cost, on top of the page
    paths = [urlsplit(item["href"]).path.lstrip("/") for item in items]
    if start:
        foreign = [p for p in paths if not p.startswith(start)]
    else:
        foreign = [p for p in paths if p.startswith(OTHER_LANGUAGES)]
    outcome.update(results=total, shown=len(paths), every_word=sum(item["every_word"] for item in items),
                   every_word_paths=[p for p, item in zip(paths, items, strict=True) if item["every_word"]],
                   foreign=len(foreign), foreign_paths=foreign, paths=paths, meta=meta,
                   offsite=page_load["offsite"] + opened["offsite"],
                   search_bytes=opened["bytes"], search_requests=opened["requests"],
                   search_urls=[r["url"] for r in opened["urls"]])
    context.close()
    return outcome


def fold(text: str) -> str:
    """As Loa's lunr.vi folds: no tone or vowel marks, đ -> d, lower case, NFC."""
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text.replace("đ", "d").replace("Đ", "D").lower())


def pages_with_every_word(site: Path, start: str, query: str) -> list[str]:
    """Reference: pages of the reader's language (from Loa's per-language index) whose text or one of
    whose sections has, for every query word, a word starting with it, diacritics ignored."""
    index = json.loads((site / start / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    edges = re.compile(r"^\W+|\W+$")
    wanted = [fold(w) for w in query.split()]
    pages = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")
        words = [edges.sub("", fold(w)) for w in separator.split(text)]
        if all(any(w.startswith(q) for w in words) for q in wanted):
            pages.add(start + doc["location"].split("#")[0])
    return sorted(pages)


def measure_search(browser, url: str, log) -> list[dict]:
    found = []
    for start, label, query, diacritics in SEARCHES:
        outcome = search_once(browser, url, start, query)
        outcome.update(label=label, diacritics=diacritics)
        found.append(outcome)
        log(f"  /{start} {label!r}: {outcome.get('results')} result(s), {outcome.get('every_word')} with every word, "
            f"{outcome.get('foreign')} outside the language")
    return found


# --------------------------------------------------------------------------- report

def kb(n):
    return "-" if n is None else f"{n / 1000:.1f}"


def secs(ms):
    return "-" if ms is None else f"{ms / 1000:.2f}"


def flag(ok: bool) -> str:
    return "" if ok else " !"


def table(results: dict) -> str:
    lines = []
    head = (f"{'page':<13} {'build':<9} | {'1st kB':>7} {'req':>4} {'off':>4} {'FCP 2G':>7} {'load 2G':>8} | "
            f"{'2nd page':<33} {'kB':>6} {'req':>4} {'FCP 2G':>7}")
    lines += [head, "-" * len(head)]
    for name, _first, _second in SCENARIOS:
        for variant in BUILDS:
            entry = results["builds"][variant]["pages"].get(name)
            if not entry:
                continue
            f, s = entry["first"], entry.get("second") or {}
            budget = variant == "loa" and name.startswith("campaign")
            first_kb = kb(f["bytes"]) + (flag(f["bytes"] <= BUDGET["first_bytes"]) if budget else "")
            first_req = f"{f['requests']:g}" + (flag(f["requests"] <= BUDGET["first_requests"]) if budget else "")
            second_kb = kb(s.get("bytes")) + (flag(s["bytes"] <= BUDGET["second_bytes"]) if budget and s else "")
            lines.append(
                f"{name:<13} {variant:<9} | {first_kb:>7} {first_req:>4} {f['offsite']:>4g} {secs(f['fcp_2g_ms']):>6}s "
                f"{secs(f['load_2g_ms']):>7}s | {s.get('path', ''):<33} {second_kb:>6} "
                f"{'' if not s else format(s['requests'], 'g'):>4} {secs(s.get('fcp_2g_ms')) if s else '':>6}"
                f"{'s' if s else ''}")
    lines.append("")
    for variant in BUILDS:
        searches = [o for o in results["builds"][variant]["search"] if o.get("search_bytes") is not None]
        if searches:
            lines.append(f"Opening search and searching, on top of the page ({variant}): median "
                         f"{kb(median([o['search_bytes'] for o in searches]))} kB in "
                         f"{median([o['search_requests'] for o in searches]):g} requests")
    lines.append("")
    lines.append("Search: pages found / of them in 'ref' / shown matching every word / outside the reader's language")
    head = (f"{'page':<6} {'query':<22} {'marks':<5} {'ref':>3} | "
            + " | ".join(f"{BUILDS[v][:22]:<22}" for v in BUILDS))
    lines += [head, "-" * len(head)]
    rows = {}
    for variant in BUILDS:
        for outcome in results["builds"][variant]["search"]:
            rows.setdefault((outcome["start"], outcome["label"], outcome["diacritics"]), {})[variant] = outcome
    for (start, label, diacritics), by_variant in rows.items():
        cells = []
        reference = results["reference"].get(f"{start}|{label}", [])
        for variant in BUILDS:
            o = by_variant.get(variant)
            if o is None or o.get("results") is None:
                cells.append(f"{'no answer':<22}")
            else:
                relevant = len(set(o["paths"]) & set(reference))
                cells.append(f"{o['results']:>3} / {relevant:>2} / {o['every_word']:>2} / {o['foreign']:>3}".ljust(22))
        reference = len(reference)
        lines.append(f"{start:<6} {label:<22} {'yes' if diacritics else 'no':<5} {reference:>3} | " + " | ".join(cells))
    return "\n".join(lines)


def notes() -> str:
    return "\n".join([
        "Figures are medians. kB = 1000 bytes transferred: compressed body + response headers (request.sizes()).",
        "'off' = requests to other hosts attempted: aborted by Playwright routing (or unresolvable), never sent,",
        "  and not counted in kB or req. 2G = 300 ms latency, 31250 bytes/s each way (CDP emulateNetworkConditions);",
        "  the server speaks HTTP/1.0 with gzip, one connection per request. First visit: empty cache;",
        "  2nd page: same tab, warm cache. '!' marks a Loa campaign page over the issue's budget",
        f"  (first visit <= {BUDGET['first_bytes'] // 1000} kB and <= {BUDGET['first_requests']} requests, "
        f"second page <= {BUDGET['second_bytes'] // 1000} kB).",
        "Search: typed key by key on a fresh page. 'ref' = pages of the reader's language where every query",
        "  word starts a word of the page or of one of its sections, diacritics ignored (from the built text).",
        "  'matching every word' = Material names no 'missing' word under the page's or a section's teaser",
        "  (a page shown as a bare heading over its sections is judged by them only, so this can undercount).",
        "  (NFD) = the same words in decomposed Unicode, as some keyboards send them.",
        "default Material = same pages without overrides/main.html and our lunr.vi, Roboto from Google Fonts",
        "  (font: false removed), no palette, and static-i18n's combined search index (our split skipped).",
    ])


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-web", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (medians are shown; default 5)")
    parser.add_argument("--leaflets", action="store_true", help="render leaflets too, to measure the leaflets page")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR (new) and keep it")
    parser.add_argument("--reuse", type=Path, metavar="DIR", help="measure the builds kept in DIR by --keep")
    parser.add_argument("--_build", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._build:
        return _build_here(Path(args._build[0]), args._build[1])
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    def log(message):
        print(message, file=sys.stderr, flush=True)

    from playwright.sync_api import sync_playwright
    from webserver import StaticServer

    temporary = None
    if args.reuse:
        work = args.reuse
    elif args.keep:
        work = args.keep
        work.mkdir(parents=True)
    else:
        temporary = tempfile.TemporaryDirectory(prefix="bench-web-")
        work = Path(temporary.name)
    results = {"runs": args.runs, "viewport": PHONE, "throttling": TWO_G, "budget": BUDGET,
               "chromium": None, "builds": {}}
    try:
        for variant in BUILDS:
            project = work / variant
            if not args.reuse:
                log(f"building {BUILDS[variant]} in {project} ...")
                seconds = build(make_project(project, variant, args.leaflets), variant)
                log(f"  built in {seconds:.0f} s")
            results["builds"][variant] = {"label": BUILDS[variant]}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            results["chromium"] = browser.version
            for variant in BUILDS:
                site = work / variant / "site"
                with StaticServer(site) as url:
                    log(f"measuring {BUILDS[variant]} at {url} ({args.runs} runs) ...")
                    results["builds"][variant]["pages"] = measure_pages(browser, url, site, args.runs, log)
                    log(f"searching {BUILDS[variant]} ...")
                    results["builds"][variant]["search"] = measure_search(browser, url, log)
            browser.close()
        loa_site = work / "loa" / "site"
        results["reference"] = {f"/{start}|{label}": pages_with_every_word(loa_site, start, query)
                                for start, label, query, _ in SEARCHES}
    finally:
        if temporary is not None:
            temporary.cleanup()
    print()
    print(table(results))
    print()
    print(notes())
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
