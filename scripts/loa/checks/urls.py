"""URLs: printed URLs never break.

Leaflets carry URLs and QR codes for years. Every campaign and language page
the site has published is recorded in `campaigns/published-urls.txt` (written
by `loa build`, committed with the content). When a recorded page would
disappear (a campaign folder removed or renamed, a language dropped), `loa
check` fails and names the URL, unless `campaigns/redirects.yml` says where
the campaign went; the site then serves a redirect page at the old address.
"""

from __future__ import annotations

from ..content import kinds, spec
from ..content.files import atomic_write
from ..content.site import SiteConfig
from ..content.load import Document, read_document, read_limited
from ..content.model import Content
from ..content.problems import ContentError, Problem, display_path
from ..messages import _

RECORD_FILE = "published-urls.txt"
REDIRECTS_FILE = "redirects.yml"
_HEADER = ("# Pages this site has published: printed leaflets and QR codes point at them.\n"
           "# Written by `loa build`; commit it with the campaigns. Do not remove lines:\n"
           "# to move a campaign, declare it in redirects.yml.\n")


def site_paths(config: SiteConfig, content: Content) -> set[str]:
    """Every page a QR code or a printed line may point at: each language's home, campaign,
    listening and place pages."""
    paths = set()
    for tag in config.tags:
        prefix = "/" + config.language_prefix(tag)
        paths.add(prefix)
        paths.update(f"{prefix}campaigns/{c.slug}/" for c in content.campaigns)
        paths.update(f"{prefix}campaigns/{c.slug}/listen/" for c in content.campaigns)
        paths.update(f"{prefix}{place.path}" for place in content.all_places())
    return paths


def load_redirects(config: SiteConfig) -> tuple[dict[str, str], list[Problem], Document | None]:
    """old slug -> new slug, from campaigns/redirects.yml (optional), its problems and the document."""
    path = config.campaigns_dir / REDIRECTS_FILE
    if not path.exists() and not path.is_symlink():  # a link to a device is reported, not ignored
        return {}, [], None
    doc, problems = read_document(path)
    if doc is None:
        return {}, problems, None
    data = doc.data.get("redirects") if isinstance(doc.data, dict) else None
    if not isinstance(data, dict):
        return {}, problems + [doc.problem((), _("expected 'redirects:' with one 'old-slug: new-slug' per line"),
                                           _("see docs/guide/writing-campaigns.md"))], doc
    redirects = {}
    for old, new in data.items():
        if not (isinstance(new, str) and spec.SLUG.fullmatch(new) and spec.SLUG.fullmatch(old)):
            problems.append(doc.problem(("redirects", old), kinds.expected_found("'old-slug: new-slug'", kinds.describe(new)),
                                        _("both sides are campaign folder names")))
        else:
            redirects[old] = new
    return redirects, problems, doc


def redirect_problems(doc: Document, redirects: dict[str, str], slugs: set[str]) -> list[Problem]:
    """A redirect must never take a live page's place, nor lead nowhere or round in a circle."""
    problems = []
    for old, new in redirects.items():
        where = ("redirects", old)
        if old in slugs:
            # the redirect page would replace the campaign's live page
            problems.append(doc.problem(where, _("'{old}' is a campaign: its page cannot also redirect to '{new}'").format(old=old, new=new),
                                        _("remove this line, or rename the folder campaigns/{old}/ if the campaign moved").format(old=old)))
        elif old == new:
            problems.append(doc.problem(where, _("'{old}' is redirected to itself").format(old=old),
                                        _("point it at the campaign that replaced it")))
        elif new in redirects:
            chain = _chain(old, redirects)
            if chain[-1] == chain[0] or chain.count(chain[-1]) > 1:
                problems.append(doc.problem(where, _("these redirects go round in a circle: {chain}").format(chain=" → ".join(chain)),
                                            _("point each old address straight at a campaign that exists")))
            else:
                problems.append(doc.problem(where, _("'{new}' is itself redirected ({chain})").format(new=new, chain=" → ".join(chain)),
                                            _("point '{old}' straight at the campaign it ends at: '{old}: {end}'").format(old=old, end=chain[-1])))
        elif new not in slugs:
            problems.append(doc.problem(where, _("the campaign '{new}' does not exist").format(new=new),
                                        _("point the redirect at an existing campaign folder")))
    return problems


def _chain(start: str, redirects: dict[str, str]) -> list[str]:
    """start → next → ... until a campaign that is not redirected, or a slug seen before (a circle)."""
    chain = [start]
    while chain[-1] in redirects and (len(chain) == 1 or chain[-1] not in chain[:-1]):
        chain.append(redirects[chain[-1]])
    return chain


def recorded_paths(config: SiteConfig) -> set[str]:
    path = config.campaigns_dir / RECORD_FILE
    if not path.is_file():
        return set()
    raw, problem = read_limited(path, 20_000_000, display_path(path))
    if problem:
        raise ContentError([problem])
    lines = raw.decode("utf-8", errors="replace").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def check_urls(config: SiteConfig, content: Content) -> list[Problem]:
    """An error for each published page that would disappear without a declared redirect."""
    redirects, problems, doc = load_redirects(config)
    current = site_paths(config, content)
    slugs = {c.slug for c in content.campaigns}
    shown = display_path(config.campaigns_dir / RECORD_FILE)
    if doc is not None:
        problems += redirect_problems(doc, redirects, slugs)
    for path in sorted(recorded_paths(config) - current):
        slug = _campaign_slug(path)
        if slug and slug in redirects:
            continue
        problems.append(Problem(shown, None, None, "", _("the published page {page} would disappear").format(page=path), _keep_hint(path, slug)))
    return problems


def _keep_hint(path: str, slug: str | None) -> str:
    """How to keep a published page: by its kind."""
    if slug:
        return _("restore campaigns/{slug}/, or say where it moved in campaigns/{file}: '{slug}: new-slug'").format(slug=slug, file=REDIRECTS_FILE)
    if "/help/" in f"/{path.strip('/')}/":
        return _("restore the place in campaigns/places.yml: printed leaflets and QR codes point at its page")
    return _("restore the language in mkdocs.yml: printed leaflets point at this address")


def _campaign_slug(path: str) -> str | None:
    """The campaign of a campaign page or its listening page, else None."""
    parts = path.strip("/").split("/")
    if parts[-1] == "listen":
        parts = parts[:-1]
    return parts[-1] if len(parts) >= 2 and parts[-2] == "campaigns" else None


def redirect_pages(config: SiteConfig) -> dict[str, str]:
    """site path of each old campaign page -> relative URL of its new page."""
    redirects, _problems, _doc = load_redirects(config)
    pages = {}
    for tag in config.tags:
        prefix = config.language_prefix(tag)
        for old, new in redirects.items():
            pages[f"{prefix}campaigns/{old}/"] = f"../{new}/"
            pages[f"{prefix}campaigns/{old}/listen/"] = f"../../{new}/listen/"
    return pages


def record_urls(config: SiteConfig, content: Content) -> bool:
    """Add the site's current pages to the record. True when the file changed."""
    path = config.campaigns_dir / RECORD_FILE
    before = recorded_paths(config)
    after = before | site_paths(config, content)
    if after == before and path.is_file():
        return False
    atomic_write(path, (_HEADER + "".join(f"{p}\n" for p in sorted(after))).encode("utf-8"))
    return True
