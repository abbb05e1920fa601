"""Fixtures of the browser tests: the example site built once, served with gzip, and Debian's Chromium.

Imported by conftest.py so every browser test file shares one build and one browser per font.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_fonts import fontconfig_file
from webserver import StaticServer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--font-render-hinting=none"]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The real example campaigns, built with loa build (leaflets and offline.zip included)."""
    from conftest import ROOT, loa_in, make_project

    project = make_project(tmp_path_factory.mktemp("examples") / "project", campaigns=ROOT / "campaigns",
                           leaflets=os.environ.get("LOA_TEST_LEAFLETS", "1") == "1")
    assert loa_in(project, "build") == 0
    return project / "site"


@pytest.fixture(scope="session")
def server(example_site):
    with StaticServer(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def browsers(tmp_path_factory):
    """browsers("Roboto") or browsers("DejaVu Sans"): one Chromium per font, launched when first asked for.

    browsers("Roboto", "--use-fake-device-for-media-stream", ...): one with these flags too (a fake microphone).
    """
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("fonts")
    launched = {}
    with sync_playwright() as p:
        def get(family: str = "Roboto", *flags: str):
            if (family, flags) not in launched:
                env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file(family, folder))}
                launched[(family, flags)] = p.chromium.launch(executable_path=CHROMIUM, args=ARGS + list(flags), env=env)
            return launched[(family, flags)]
        yield get
        for browser in launched.values():
            browser.close()


@pytest.fixture(scope="session")
def browser(browsers):
    """Chromium with Android's font, Roboto, for every family."""
    return browsers("Roboto")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context
    context.close()
