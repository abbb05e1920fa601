"""The `loa` MkDocs plugin: campaign pages into MkDocs, and nothing else.

MkDocs (with static-i18n) needs real Markdown files in one docs folder: static-i18n
drops pages made by mkdocs-gen-files and crashes on in-memory pages. So on
config we run the pipeline (`generate`), write each rendered page as a small
Markdown file (front matter + the HTML fragment) next to a copy of the
hand-written `docs/`, in a staging folder, and point MkDocs at it. Only files
whose content changed are rewritten. The theme's strings for our languages go
into `config.extra.loa_theme` for `overrides/partials/language.html`.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from ..config import Language, SiteConfig
from ..generate import Generated, fingerprint, generate_pages, sync_tree
from ..pages import RenderedPage
from ..problems import ERROR

log = get_plugin_logger("loa")

# Theme files that are data for Loa, not assets for readers: keep them out of site/.
PRIVATE_THEME_DIRS = ("i18n/", "loa/pages/", "leaflets/")


class LoaPluginConfig(Config):
    campaigns = config_options.Type(str, default="campaigns")
    """Folder with hotlines.yml and one folder per campaign, relative to mkdocs.yml."""
    staging_dir = config_options.Type(str, default=".loa-cache/docs")
    """Where generated pages and a copy of docs/ are assembled for MkDocs."""
    private_docs = config_options.Type(list, default=["guide/"])
    """Folders of docs/ that are for campaign authors, not published on the site."""


class LoaPlugin(BasePlugin[LoaPluginConfig]):
    def __init__(self):
        self.source_docs_dir: Path | None = None
        self.last_fingerprint: str | None = None
        self.generated: Generated | None = None

    # Runs before static-i18n's on_config (priority -100), which switches the
    # language for each of its per-language builds: we generate all languages once.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.source_docs_dir is None:
            self.source_docs_dir = Path(config.docs_dir)
        site = site_config(config, self.config.campaigns)
        staging = site.root / self.config.staging_dir
        inputs = [site.campaigns_dir, site.overrides_dir, self.source_docs_dir]
        stamp = fingerprint(inputs)
        if stamp != self.last_fingerprint:
            self.generated = self._generate(site, staging)
            self.last_fingerprint = stamp
        config.docs_dir = str(staging)
        config.extra["loa_theme"] = {tag: dict(s.own) for tag, s in self.generated.strings.theme.items()}
        config.extra["loa_theme_fallback"] = dict(self.generated.strings.theme[site.default_language].own)
        config.extra["loa_ui"] = {tag: {**s.fallback, **s.own, "_status": s.status}
                                  for tag, s in self.generated.strings.loa.items()}
        config.extra["loa_language_names"] = {lang.tag: lang.name for lang in site.languages}
        for path in inputs:
            if str(path) not in config.watch:
                config.watch.append(str(path))
        return config

    def _generate(self, site: SiteConfig, staging: Path) -> Generated:
        generated = generate_pages(site)
        for problem in generated.problems:
            if problem.severity != ERROR:
                log.warning(problem.format())
        if not generated.ok:
            errors = [p.format() for p in generated.problems if p.severity == ERROR]
            raise PluginError(f"{len(errors)} problem(s) in the campaign files:\n" + "\n".join(errors))
        files = self._hand_written_docs()
        files.update({page_file_name(page): page_markdown(page) for page in generated.pages})
        written = sync_tree(staging, files)
        log.debug(f"{written} generated page file(s) changed")
        return generated

    def _hand_written_docs(self) -> dict[str, bytes]:
        files = {}
        for path in sorted(self.source_docs_dir.rglob("*")):
            relative = path.relative_to(self.source_docs_dir).as_posix()
            if path.is_file() and not any(relative.startswith(p) for p in self.config.private_docs):
                files[relative] = path.read_bytes()
        return files

    # Before static-i18n's on_files (-100), which sorts files into languages.
    @event_priority(50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in list(files):
            if not file.is_documentation_page() and file.src_uri.startswith(PRIVATE_THEME_DIRS) \
                    and not Path(config.docs_dir, file.src_uri).exists():
                files.remove(file)
        return files


def site_config(config: MkDocsConfig, campaigns: str) -> SiteConfig:
    """Loa's view of the MkDocs configuration: languages from the loa-i18n plugin."""
    root = Path(config.config_file_path).parent.resolve()
    i18n = config.plugins.get("loa-i18n")
    if i18n is None:
        raise PluginError("the loa plugin needs the loa-i18n plugin in mkdocs.yml, listed after it")
    languages = sorted(i18n.config.languages, key=lambda lang: not lang.default)
    custom_dir = config.theme.custom_dir or str(root / "overrides")
    return SiteConfig(
        root=root,
        languages=tuple(Language(lang.locale, lang.name) for lang in languages if lang.build),
        site_url=config.site_url or "http://localhost:8000/",
        campaigns_dir=(root / campaigns).resolve(),
        overrides_dir=Path(custom_dir).resolve(),
    )


def page_file_name(page: RenderedPage) -> str:
    """static-i18n's suffix layout: campaigns/x/index.hmn.md, help.hmn.md, index.hmn.md."""
    stem = page.path.rstrip("/")
    if not stem:
        return f"index.{page.language}.md"
    if page.path.startswith("campaigns/"):
        return f"{stem}/index.{page.language}.md"
    return f"{stem}.{page.language}.md"


def page_markdown(page: RenderedPage) -> bytes:
    """Front matter (YAML-escaped) and the page's HTML fragment, which Markdown passes through."""
    meta = {"title": page.title, "description": page.description, **page.meta}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{page.html}".encode("utf-8")
