"""Readers who use a keyboard, a screen reader, thumbs, or no JavaScript: the example site in Debian's Chromium.

Beyond axe-core's rules (test_browser.py): what is hidden is not in the Tab order,
every target is 44 px, the search dialog has a name, highlighted words keep 4.5:1.
"""

from __future__ import annotations

import pytest

from browser_fixtures import PHONE

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SMALL = {"width": 320, "height": 568}

# The element's own text colour against the first opaque background behind it, as WCAG computes it.
CONTRAST = """el => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                     .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  let bg = [255, 255, 255], node = el;
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] === 1) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  const fg = rgb(getComputedStyle(el).color), alpha = fg.length > 3 ? fg[3] : 1;
  const mixed = fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
  const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def open_search(page, query: str) -> None:
    page.click("label[for=__search]")
    page.wait_for_function("() => typeof document$ !== 'undefined'", timeout=30_000)  # Material's script loaded
    page.type("input[name=query]", query, delay=20)  # Material searches on key release
    page.wait_for_selector(".md-search-result__item", timeout=30_000)


@pytest.mark.parametrize("path", ["hmn/campaigns/safe-migration/", "campaigns/online-strangers/", "help/"])
def test_nothing_hidden_in_the_tab_order_before_the_hotline(phone, server, path):
    page = phone.new_page()
    page.goto(server + path)
    hidden = []
    for _ in range(30):
        page.keyboard.press("Tab")
        page.wait_for_timeout(400)  # the language menu fades in (0.25 s) when its button has focus
        focused = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return {html: e.outerHTML.slice(0, 80), hotline: e.classList.contains('loa-hotline__link'),
                    shown: e.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width > 0
                           && r.right > 0 && r.left < innerWidth && r.bottom > 0}; }""")
        if focused["hotline"]:
            break
        if not focused["shown"]:
            hidden.append(focused["html"])
    else:
        pytest.fail("the hotline was not reached in 30 Tab presses")
    assert hidden == []


@pytest.mark.parametrize("viewport", [SMALL, PHONE], ids=["320", "360"])
def test_tap_targets_of_header_language_menu_and_phone_numbers(browser, server, viewport):
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + "hmn/campaigns/safe-migration/")
    small = []
    targets = page.locator(".md-header__button:visible, .md-typeset a[href^='tel:'], .loa-notice summary")
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        if box["height"] < 43.9 or box["width"] < 43.9:  # 44 px, less layout rounding
            small.append((targets.nth(i).evaluate("e => e.outerHTML.slice(0, 60)"), box["width"], box["height"]))
    page.focus(".md-header__option .md-header__button")
    for link in page.locator("a.md-select__link").all():
        box = link.bounding_box()
        if box["height"] < 43.9:
            small.append((link.get_attribute("hreflang"), box["width"], box["height"]))
    assert targets.count() >= 5
    context.close()
    assert small == []


def test_language_menu_fits_a_320px_screen_without_javascript(browser, server):
    context = browser.new_context(viewport=SMALL, java_script_enabled=False, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + "hmn/campaigns/safe-migration/")
    page.focus(".md-header__option .md-header__button")
    boxes = [link.bounding_box() for link in page.locator("a.md-select__link").all()]
    assert len(boxes) == 4
    for box in boxes:
        assert box["x"] >= 0 and box["x"] + box["width"] <= SMALL["width"], box
        assert box["y"] + box["height"] <= SMALL["height"], box
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL["width"]
    context.close()


def test_search_dialog_has_a_name(phone, server):
    page = phone.new_page()
    page.goto(server + "hmn/")
    assert page.get_attribute(".md-search[role=dialog]", "aria-label") == "Nrhiav"


def test_highlighted_search_words_keep_4_5_to_1(phone, server):
    page = phone.new_page()
    page.goto(server)
    open_search(page, "giay to")
    marks = page.locator(".md-search-result mark")
    assert marks.count() > 0
    ratios = [marks.nth(i).evaluate(CONTRAST) for i in range(min(marks.count(), 10))]
    assert min(ratios) >= 4.5, ratios
