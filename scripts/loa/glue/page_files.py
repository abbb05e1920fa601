"""Our rendered pages as the Markdown files MkDocs reads: static-i18n's file names, front matter for Material.

Each file is front matter (title, description, search rank, status) and the page's finished HTML,
which the plugin hands back to MkDocs around Markdown.
"""

from __future__ import annotations

import yaml
from markupsafe import escape

from ..outputs.pages import RenderedPage


def page_file_name(page: RenderedPage) -> str:
    """static-i18n's suffix layout: campaigns/x/index.hmn.md, help.hmn.md, index.hmn.md."""
    stem = page.path.rstrip("/")
    if not stem:
        return f"index.{page.language}.md"
    if page.path.startswith("campaigns/"):
        return f"{stem}/index.{page.language}.md"
    return f"{stem}.{page.language}.md"



# Material's search plugin reads these front matter keys: a boosted page ranks first, an excluded one is not indexed.
SEARCH_FRONT_MATTER: dict[str, dict[str, dict[str, int | bool]]] = {"first": {"search": {"boost": 10}}, "normal": {}, "hidden": {"search": {"exclude": True}}}


def page_markdown(page: RenderedPage) -> bytes:
    """Front matter (YAML-escaped) and the page's HTML fragment, which Markdown passes through.

    MkDocs and Material treat a page's title as HTML, in <title>, the header, the navigation and
    the search index; the description lands in a meta tag as it is. Both go in as HTML text.
    """
    # loa_generated: main.html leaves the page notice to the page itself (one notice per page)
    meta: dict[str, object] = {"title": str(escape(page.title)), "description": str(escape(page.description)), "loa_generated": True,
            **SEARCH_FRONT_MATTER[page.search]}
    if page.status:
        meta["status"] = page.status
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{page.html}".encode("utf-8")
