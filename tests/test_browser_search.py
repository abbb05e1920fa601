"""Search as readers use it, in Debian's Chromium: what they type on a phone finds the right page first.

The ranking lives in overrides/assets/javascripts/lunr/min/lunr.vi.min.js, the
link to another language in overrides/assets/loa/search-elsewhere.js.
"""

from __future__ import annotations

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# Material's text under the search box: "Initializing search" until its worker has loaded the index,
# then this placeholder (the answer to the empty query), then each answer's count or "none".
PLACEHOLDER = "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"


def search(page, query: str) -> None:
    """Type the query once Material's index is ready; return once its answer to the whole query is shown.

    Material sends a query on each key release and shows each answer in turn, so typing key by key
    would show answers to "1" and "11" before "111". Filling all but the last character sends no
    query (no key released); the last key sends the one query whose answer replaces the placeholder.
    Material writes the count and the first results in one task, so the list is complete then.
    """
    page.click("label[for=__search]")
    meta_is_placeholder = f"() => document.querySelector('.md-search-result__meta').textContent.trim() === {PLACEHOLDER}"
    page.wait_for_function(meta_is_placeholder, timeout=60_000)  # the index is loaded
    page.fill("input[name=query]", query[:-1])
    page.type("input[name=query]", query[-1])
    page.wait_for_function(f"() => !({meta_is_placeholder})()", timeout=60_000)


def results(page) -> list[tuple[str, list[str]]]:
    """Each result page in order: its path and the words Material highlighted in it."""
    return page.eval_on_selector_all(".md-search-result__item", """items => items.map(i => [
        new URL(i.querySelector('a').href).pathname, [...i.querySelectorAll('mark')].map(m => m.textContent)])""")


@pytest.mark.parametrize("start, query", [("", "duong day nong"), ("", "111"), ("", "đường dây nóng"),
                                          ("hmn/", "111"), ("tyz/", "111"), ("ium/", "111")])
def test_hotline_words_bring_the_help_page_first(phone, server, start, query):
    page = phone.new_page()
    page.goto(server + start)
    search(page, query)
    found = results(page)
    assert found and found[0][0] == f"/{start}help/", found


# Holds back the search index as a loaded machine or a 2G line does: Material fetches it with XMLHttpRequest.
SLOW_INDEX = """(delay) => {
  const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) { this.loaUrl = String(url); return open.call(this, method, url, ...rest); };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.loaUrl.includes("search_index")) return send.apply(this, args);
    setTimeout(() => send.apply(this, args), delay);
  };
}"""


def test_a_search_typed_before_the_index_arrives_waits_for_it(phone, server):
    """The helper above types only once the index is there: typed before, the results were read empty."""
    phone.add_init_script(f"({SLOW_INDEX})(2000)")
    page = phone.new_page()
    page.goto(server + "hmn/")
    search(page, "111")
    found = results(page)
    assert found and found[0][0] == "/hmn/help/", found


def test_a_match_with_the_typed_diacritics_ranks_above_folded_ones(phone, server):
    """On the Tay site "mua bán người" first finds the pages saying it, not Tay "Mừa ..." matched only folded."""
    page = phone.new_page()
    page.goto(server + "tyz/")
    search(page, "mua bán người")
    found = results(page)
    exact = [all(w in [m.lower().strip(".,:;!?“”\"") for m in marks] for w in ("mua", "bán", "người")) for _, marks in found]
    assert exact[0] and exact == sorted(exact, reverse=True), found
    assert found[0][0] != "/tyz/campaigns/help-after-return/"  # "Mừa rườn mì cần chuổi": a folded title match


def test_phrase_typed_without_diacritics_ranks_pages_saying_it_first(phone, server, example_site):
    """"di lam xa": pages saying "đi làm xa" first, then those with "đi", "làm", "xa" here and there."""
    page = phone.new_page()
    page.goto(server)
    search(page, "di lam xa")
    says = [("đi làm xa" in (example_site / path.lstrip("/") / "index.html").read_text(encoding="utf-8").lower())
            for path, _ in results(page)]
    assert says[0] and says == sorted(says, reverse=True), says


def test_no_result_here_says_where_it_is_found_with_a_link(phone, server):
    page = phone.new_page()
    page.goto(server + "campaigns/safe-migration/")
    search(page, "haujlwm")  # a Hmong word: nothing in Vietnamese
    assert results(page) == []
    link = page.locator(".loa-search-elsewhere a")
    link.wait_for(timeout=10_000)
    assert link.inner_text() == "Có kết quả bằng Hmoob: tìm ở đó"
    assert link.get_attribute("hreflang") == "hmn"
    link.click()
    page.wait_for_url("**/hmn/**")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)  # search opened there, with the query
    assert page.input_value("input[name=query]") == "haujlwm"
    assert all(path.startswith("/hmn/") for path, _ in results(page))


def test_a_query_found_nowhere_says_nothing_more(phone, server):
    page = phone.new_page()
    page.goto(server + "hmn/")
    search(page, "zzzqx")
    page.wait_for_timeout(1500)  # time to look in the other languages
    assert not page.locator(".loa-search-elsewhere a").is_visible()
