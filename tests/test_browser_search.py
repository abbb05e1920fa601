"""Search as readers use it, in Debian's Chromium: what they type on a phone finds the right page first.

The ranking lives in overrides/assets/javascripts/lunr/min/lunr.vi.min.js, the
link to another language in overrides/assets/loa/search-elsewhere.js.
"""

from __future__ import annotations

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def search(page, query: str) -> None:
    page.click("label[for=__search]")
    page.wait_for_function("() => typeof document$ !== 'undefined'", timeout=30_000)  # Material's script loaded
    page.type("input[name=query]", query, delay=20)  # Material searches on key release
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && m.textContent && !m.textContent.includes('…') && document.querySelector('input[name=query]').value; }""")
    page.wait_for_timeout(400)  # the last key's results


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
