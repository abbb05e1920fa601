"""Leaflets during a site build: rendered in the background while MkDocs builds the pages.

Pages list the leaflets from the plan, before they are rendered; their sizes are filled in
as soon as rendering is done (at once if it already is, else rewritten after the build).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..checks.print_gates import print_shop_problems
from ..content.files import CACHE_DIR
from ..content.problems import ContentError
from ..content.site import SiteConfig
from ..messages import ngettext
from ..outputs.pages import LeafletLink, fill_leaflet_sizes, kilobytes
from .config import load_config

if TYPE_CHECKING:  # the print engine is imported only when leaflets are rendered
    from ..outputs.leaflets import BackgroundRender

log = get_plugin_logger("loa")


class BuildLeaflets:
    """One build's leaflets: the render in the background, their folder, the pages waiting for their sizes."""

    def __init__(self) -> None:
        self.folder: Path | None = None  # the rendered PDFs, copied into site/leaflets/ after the build
        self.render: BackgroundRender | None = None
        self.unfilled_pages: list[Path] = []  # written before the leaflets' sizes were known

    def step(self, site: SiteConfig, serving: bool, config_file: Path):
        """The generate step that starts planning and rendering, and returns how to get the planned leaflets
        (sizes filled in later)."""
        def start(content, strings):
            from ..outputs.leaflets import BackgroundRender

            self.folder = site.root / CACHE_DIR / "leaflet-files"
            shutil.rmtree(self.folder, ignore_errors=True)
            # Under `mkdocs serve`, site_url is the preview's address: QR codes keep the real site's, so
            # leaflets are the ones that will be printed and the cache does not depend on the port.
            printed = replace(site, site_url=_configured_site_url(config_file, site)) if serving else site
            # Office and bilingual editions, then the print-shop ones (bleed): the leaflets page lists both.
            # Print-shop editions only when every print gate passes: a field team orders thousands of
            # copies of what the site offers, and those cannot be recalled (checks/print_gates.py).
            blocked = print_shop_problems(printed, content, strings)
            if blocked:
                log.info(ngettext("print-shop editions are not published: {n} problem blocks them ({command} names it)",
                                  "print-shop editions are not published: {n} problems block them ({command} names each)",
                                  len(blocked)).format(n=len(blocked), command="loa leaflets --print-shop"))
            render = BackgroundRender(printed, content, strings, self.folder, site.root / CACHE_DIR / "leaflets",
                                      print_shop=not blocked, progress=not serving)  # a bar only on a terminal, never in CI
            self.render = render
            return render.planned
        return start

    def fill_page(self, output: str, page_file: Path) -> str:
        """A page that lists leaflets, with their sizes if known; else it is rewritten by `finish`."""
        render = self.render
        if render is None or "data-loa-leaflet-kb" not in output:
            return output
        if render.done():
            return fill_leaflet_sizes(output, _results(render))
        self.unfilled_pages.append(page_file)
        return output

    def finish(self) -> None:
        """Wait for the leaflets, then fill their sizes into the pages written before they were known."""
        if self.render is None:
            return
        results = _results(self.render)
        for path in self.unfilled_pages:
            path.write_text(fill_leaflet_sizes(path.read_text(encoding="utf-8"), results), encoding="utf-8")
        self.unfilled_pages = []

    def printed_sizes(self) -> dict[str, int | None]:
        """Each leaflet's size as the pages print it, in kB (waits for the rendering); none without leaflets."""
        if self.render is None:
            return {}
        return {leaflet.path: kilobytes(leaflet.size_bytes) if leaflet.size_bytes is not None else None
                for leaflet in _results(self.render)}


def _results(render: BackgroundRender) -> list[LeafletLink]:
    """Every leaflet with its size, once rendered; one that does not fit its page stops the build, named."""
    try:
        return render.results()
    except ContentError as error:  # a leaflet that does not fit its page
        raise PluginError("\n".join(p.format() for p in error.problems)) from None


def _configured_site_url(config_file: Path, site: SiteConfig) -> str:
    """site_url as mkdocs.yml says it (mkdocs serve replaces it with the preview's address)."""
    return load_config(config_file, site.campaigns_dir).site_url
