"""The `loa` MkDocs plugin: campaign pages into MkDocs, and nothing else.

MkDocs (with static-i18n) needs real Markdown files in one docs folder: static-i18n
drops pages made by mkdocs-gen-files and crashes on in-memory pages. So on
config we run the pipeline (`generate`), write each rendered page as a small
Markdown file (front matter + the HTML fragment) next to a copy of the
hand-written `docs/`, in a staging folder, and point MkDocs at it. Only files
whose content changed are rewritten. When MkDocs renders one of our pages, its
HTML goes around Markdown (it is finished); cover pictures are resized while
MkDocs builds and published after it. The theme's strings for our languages go
into `config.extra.loa_theme` for `overrides/partials/language.html`.

This module holds the event handlers and their order; the files they write are
`glue/page_files.py`'s (page files), `glue/theme.py`'s (theme data, sitemap) and
`glue/build_leaflets.py`'s (leaflets rendered during the build); `glue/environments.py`
makes the theme's Jinja environments cheap to make again and `glue/preview.py`
tells which languages a live preview edit leaves as they are.
"""

from __future__ import annotations

import shutil
from copy import deepcopy
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs_static_i18n.plugin import I18n

from ..checks.urls import REDIRECTS_FILE, redirect_pages
from ..content.files import CACHE_DIR, tree_fingerprint
from ..content.problems import ERROR, ContentError, display_path
from ..content.site import SiteConfig
from ..generate import CoverJobs, Generated, generate_pages, sync_tree
from ..messages import N_, _, ngettext
from ..outputs.offline import write_offline_zip
from ..outputs.pages import PageRenderer
from ..outputs.publish import MARKER, MARKER_TEXT, UnsafeOutput, check_output_folder, mark_output
from ..outputs.writer import OutputClash, SiteWriter
from .config import load_config
from .build_leaflets import BuildLeaflets
from .page_files import page_file_name, page_markdown
from .environments import share_theme_environments
from .preview import LanguageSkipper, stamp as preview_stamp
from .search import split_search_index
from .theme import reproducible_sitemap_gz, theme_extra

log = get_plugin_logger("loa")

PREVIEW_POLL_S = 0.1  # how often `mkdocs serve` looks for changed files (MkDocs' own: 0.5 s)
SITE_PAGES = N_("the site's pages")  # the SiteWriter owner of what MkDocs wrote (named with _() in messages)

# Theme files that are data for Loa, not assets for readers: keep them out of site/.
PRIVATE_THEME_DIRS = ("i18n/", "loa/pages/", "leaflets/")


class LoaPluginConfig(Config):
    campaigns = config_options.Type(str, default="campaigns")
    """Folder with hotlines.yml and one folder per campaign, relative to mkdocs.yml."""
    staging_dir = config_options.Type(str, default=f"{CACHE_DIR}/docs")
    """Where generated pages and a copy of docs/ are assembled for MkDocs."""
    private_docs = config_options.Type(list, default=["guide/"])
    """Folders of docs/ that are for campaign authors, not published on the site."""
    leaflets = config_options.Type(bool, default=True)
    """Render the PDF leaflets and publish them under leaflets/ (cached by content hash)."""
    offline_zip = config_options.Type(bool, default=True)
    """Pack the built site as offline.zip, to read from disk (not during `mkdocs serve`)."""


class LoaPlugin(BasePlugin[LoaPluginConfig]):
    # Set once by on_startup: whether this process is `mkdocs serve` (MkDocs keeps plugin
    # instances across its rebuilds, but a rebuild of a changed mkdocs.yml may make new ones).
    serving_process = False

    def __init__(self) -> None:
        self.serving = LoaPlugin.serving_process
        self.preview_problems: list[str] = []  # live preview: the campaign files' errors, shown on every page
        self.source_docs_dir: Path | None = None
        self.images_dir: Path | None = None
        self.listen_dir: Path | None = None  # recordings and announcer's sheets, copied into site/audio/
        self.last_fingerprint: str | None = None
        self.generated: Generated | None = None
        self.pending_covers: CoverJobs | None = None  # being resized while MkDocs builds
        self.leaflets = BuildLeaflets()  # rendering in the background while MkDocs builds
        self.generated_files: set[str] = set()  # staging names of the pages we rendered
        self.page_html: dict[str, str] = {}  # src_uri -> our HTML, held while MkDocs renders the page
        self.staged_pages: list[tuple[str, str, bytes]] = []  # (language, staging name, bytes) of our pages
        self.languages = LanguageSkipper()  # live preview: which languages an edit leaves as they are
        self.skipped_languages: list[str] = []  # this build's
        self.loa_written: list[str] = []  # what _write_outputs wrote into the site beside MkDocs' pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = LoaPlugin.serving_process = command == "serve"

    # Runs before static-i18n's on_config (priority -100), which switches the
    # language for each of its per-language builds: we generate all languages once.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        site = site_config(config, self.config.campaigns)
        staging = site.root / self.config.staging_dir
        if self.source_docs_dir is None:
            # The first call is the default language's build: remember the real docs folder.
            self.source_docs_dir = Path(config.docs_dir)
            # MkDocs empties site_dir right after this event: it must be a folder Loa may replace.
            sources = [site.campaigns_dir, self.source_docs_dir, site.overrides_dir]
            _check_output(Path(config.site_dir), site.root, sources, "site_dir (mkdocs.yml)")
            _check_output(staging, site.root, sources, "plugins.loa.staging_dir (mkdocs.yml)")
        inputs = [site.campaigns_dir, site.overrides_dir, self.source_docs_dir]
        stamp = tree_fingerprint(inputs)
        if stamp != self.last_fingerprint or self.generated is None:
            self.generated = self._generate(site, staging, Path(config.config_file_path))
            self.last_fingerprint = stamp
        config.docs_dir = str(staging)
        share_theme_environments(config.theme)
        config.extra.update(theme_extra(site, self.generated, self.preview_problems))
        for path in inputs:
            if str(path) not in config.watch:
                config.watch.append(str(path))
        if _nested_build(config):
            self._build_every_language(config)  # static-i18n has taken its list of languages to build
        elif self.serving:
            # Everything a language's pages are made from besides our pages: templates, strings,
            # hand-written docs, mkdocs.yml, what we hand the theme (problems shown included).
            extra = {key: value for key, value in config.extra.items() if key.startswith("loa_")}
            rest = preview_stamp([tree_fingerprint([site.overrides_dir, self.source_docs_dir, Path(config.config_file_path)]), extra])
            self.languages.plan(self.staged_pages, rest)
        return config

    def _generate(self, site: SiteConfig, staging: Path, config_file: Path) -> Generated:
        self._wait_for_covers()  # a previous build that failed may still be writing them (live preview)
        try:
            self.images_dir = site.root / CACHE_DIR / "site-images"
            shutil.rmtree(self.images_dir, ignore_errors=True)
            self.listen_dir = site.root / CACHE_DIR / "listen-files"
            shutil.rmtree(self.listen_dir, ignore_errors=True)
            leaflets = self.leaflets.step(site, self.serving, config_file) if self.config.leaflets else None
            generated = generate_pages(site, leaflets, self.images_dir, self.listen_dir, sheets=self.config.leaflets)
        except ContentError as error:  # a leaflet that does not fit its page
            raise PluginError("\n".join(p.format() for p in error.problems)) from None
        for problem in generated.problems:
            if problem.severity != ERROR:
                log.warning(problem.format())
        if not generated.ok:
            errors = [p.format() for p in generated.problems if p.severity == ERROR]
            if self._keep_last_preview(generated, staging):
                # Live preview: a failed build left the browser waiting for minutes. Keep the pages
                # of the last good build (still in the staging folder) and show the problems on them.
                for message in errors:
                    log.warning(message)
                self.preview_problems = errors
                return generated
            raise PluginError(ngettext("{n} problem in the campaign files:", "{n} problems in the campaign files:",
                                       len(errors)).format(n=len(errors)) + "\n" + "\n".join(errors))
        self.preview_problems = []
        files = self._hand_written_docs()
        files[MARKER] = MARKER_TEXT.encode("utf-8")  # sync_tree makes the folder hold exactly these files
        self.generated_files = {page_file_name(page) for page in generated.pages}
        self.pending_covers = generated.covers
        self.staged_pages = [(page.language, page_file_name(page), page_markdown(page)) for page in generated.pages]
        files.update({name: data for _, name, data in self.staged_pages})
        written = sync_tree(staging, files)
        log.debug(ngettext("{n} generated page file changed", "{n} generated page files changed", written).format(n=written))
        return generated

    def _keep_last_preview(self, generated: Generated, staging: Path) -> bool:
        """While serving, when a previous build left its pages: remember which staged files are ours."""
        if not self.serving or generated.strings is None or not (staging / MARKER).is_file():
            return False
        hand_written = set(self._hand_written_docs())
        self.generated_files = {p.relative_to(staging).as_posix() for p in staging.rglob("*.md")} - hand_written
        return bool(self.generated_files)

    # Pages listed the leaflets before they were rendered: fill in their sizes as soon as they are known,
    # here if rendering is done, else in on_post_build (the page is written now, rewritten then).
    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        return self.leaflets.fill_page(output, Path(page.file.abs_dest_path))

    # MkDocs watches docs_dir, which is our staging folder: each build writes generated pages there,
    # and watching it would start a second build. Watch the hand-written docs instead (the campaigns
    # and overrides are in config.watch). MkDocs polls for changes every half second, on average a
    # quarter of a second before a rebuild starts: a new observer polls more often (a poll of the
    # examples' folders costs under a millisecond). It is not started yet: watches made from here on use it.
    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.unwatch(config.docs_dir)
        server.unwatch(config.config_file_path)
        server.observer = type(server.observer)(timeout=PREVIEW_POLL_S)  # MkDocs' own kind of observer
        server.watch(config.config_file_path)
        if self.source_docs_dir is not None:
            server.watch(str(self.source_docs_dir))
        return server

    # Live preview: MkDocs empties the site folder right after this event. The languages an edit
    # left as they are are moved aside first (glue/preview.py); static-i18n's builds set `building`.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving and not _nested_build(config):
            self.languages.keep(Path(config.site_dir), _i18n(config).default_language)

    # Live preview, before static-i18n's on_post_build (-100) runs the other languages' builds:
    # the languages left as they are go back in place, and static-i18n does not build them.
    @event_priority(-50)
    def _post_build_keep_languages(self, config: MkDocsConfig) -> None:
        if not self.serving or _nested_build(config):
            return
        # Leaflet sizes only when a language was kept: waiting here would keep the leaflets from
        # rendering beside the other languages' builds.
        sizes = self.leaflets.printed_sizes() if self.languages.kept else {}
        self.skipped_languages = self.languages.restore(Path(config.site_dir), sizes, self.loa_written)
        # static-i18n takes the list of languages to build once, when its on_post_build starts; the
        # first of those builds turns them on again (on_config), so each page links every language.
        i18n = _i18n(config)
        for language in self.skipped_languages:
            i18n.get_language_config(language).build = False
        if self.skipped_languages:
            log.info(_("live preview: {languages} left as built (the edit did not change them)").format(
                languages=", ".join(self.skipped_languages)))

    # After static-i18n's on_post_build (-100), which runs the other languages'
    # builds and then writes the combined search index. Those nested builds call
    # this too, while static-i18n's `building` flag is set: we act once, at the end.
    @event_priority(-200)
    def _post_build_outputs(self, config: MkDocsConfig) -> None:
        if _nested_build(config):
            return
        site = site_config(config, self.config.campaigns)
        self._build_every_language(config)  # when no other language was built
        mark_output(Path(config.site_dir))
        built = tuple(tag for tag in site.tags if tag not in self.skipped_languages)  # the others keep their index
        split_search_index(Path(config.site_dir), built, site.default_language)
        reproducible_sitemap_gz(Path(config.site_dir))
        self.leaflets.finish()  # the pages written before the leaflets' sizes were known
        writer = SiteWriter(Path(config.site_dir))
        try:
            self._write_outputs(site, writer)
        except OutputClash as error:
            raise PluginError("\n".join(p.format() for p in error.problems)) from None
        self.loa_written = [path for path, owner in writer.owners.items() if owner != _(SITE_PAGES)]
        if self.config.offline_zip and not self.serving:
            write_offline_zip(Path(config.site_dir), config.site_url or "")  # last: it packs everything above
        if self.serving:
            self.languages.complete(self.leaflets.printed_sizes())

    def _build_every_language(self, config: MkDocsConfig) -> None:
        for language in self.skipped_languages:
            _i18n(config).get_language_config(language).build = True

    on_post_build = CombinedEvent(_post_build_keep_languages, _post_build_outputs)

    def on_build_error(self, *, error: Exception) -> None:
        self.languages.forget()  # the next build builds every language

    def _write_outputs(self, site: SiteConfig, writer: SiteWriter) -> None:
        """Redirects, leaflets and covers beside the pages MkDocs wrote: none may overwrite another's file."""
        writer.claim_existing(_(SITE_PAGES))
        if self.generated is None or self.generated.content is None:  # live preview showing problems: the last pages
            return
        renderer = PageRenderer(site, self.generated.content, self.generated.strings)
        redirects = display_path(site.campaigns_dir / REDIRECTS_FILE)
        for path, target in redirect_pages(site).items():
            writer.write(f"{path}index.html", renderer.redirect(site.default_language, target).encode("utf-8"),
                         _("a redirect"), redirects)
        if self.leaflets.folder and self.leaflets.folder.is_dir():
            writer.copy_tree(self.leaflets.folder, _("the leaflets"))
        if self.listen_dir and self.listen_dir.is_dir():
            writer.copy_tree(self.listen_dir, _("the recordings and announcer's sheets"))
        self._wait_for_covers()
        if self.images_dir and self.images_dir.is_dir():
            writer.copy_tree(self.images_dir, _("the cover pictures"))

    # After static-i18n's on_page_context (50), which sets the language switcher's links:
    # on home pages they are root-absolute ("/hmn/"), dead from disk (file:///hmn/) and on a
    # host serving the site under a sub-path. Site-relative, Material's `url` filter makes
    # them relative to the page, as every other link.
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        base = urlsplit(config.site_url or "").path or "/"
        for alternate in getattr(config.extra, "alternate", None) or []:  # static-i18n sets it as an attribute
            link = alternate.get("link", "")
            if link.startswith(base):
                alternate["link"] = link[len(base):] or "."
        return context

    # The 404 page gets no page context: without this, its language switcher would keep
    # the links of the last page built. It is served at any path: root-absolute links to
    # each language's home are right there.
    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        i18n = config.plugins.get("loa-i18n")
        alternate = getattr(i18n, "extra_alternate", None)
        if template_name == "404.html" and alternate:
            # an attribute of extra, as static-i18n sets it (not a key): MkDocs' types do not declare it
            config.extra.alternate = deepcopy(alternate)  # type: ignore[attr-defined]
        return context

    # Our pages are finished HTML: Markdown would only pass them through, slowly
    # (its HTML block parser walks every tag). So before any other plugin (static-i18n
    # rewrites admonitions at 50), take the HTML aside and hand it back as the content.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated_files:
            self.page_html[page.file.src_uri] = markdown.strip("\n")
            return ""
        return markdown

    @event_priority(100)
    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        return self.page_html.pop(page.file.src_uri, html)

    # The environment is one of glue/environments.py's (share_theme_environments in on_config):
    # templates compiled once per process, the theme's files listed once.
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.filters["loa_text"] = lambda html: Markup(html).unescape()  # HTML text back to text, for tojson
        return env

    def _wait_for_covers(self) -> None:
        """Covers were resized while MkDocs built the pages; their warnings count in strict mode."""
        if self.pending_covers is not None:
            problems = self.pending_covers.wait()
            self.pending_covers = None
            errors = [p.format() for p in problems if p.severity == ERROR]
            if errors:
                raise PluginError("\n".join(errors))
            for problem in problems:
                log.warning(problem.format())

    def _hand_written_docs(self) -> dict[str, bytes]:
        docs = self.source_docs_dir
        assert docs is not None, "on_config remembers the docs folder before generating"
        files = {}
        for path in sorted(docs.rglob("*")):
            relative = path.relative_to(docs).as_posix()
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


def _i18n(config: MkDocsConfig) -> I18n:
    plugin = config.plugins["loa-i18n"]
    assert isinstance(plugin, I18n)  # glue/i18n.py's, registered under that name
    return plugin


def _nested_build(config: MkDocsConfig) -> bool:
    """Whether this is one of static-i18n's builds of another language, inside the default language's."""
    return getattr(config.plugins.get("loa-i18n"), "building", False)


def _check_output(folder: Path, root: Path, sources: list[Path], option: str) -> None:
    try:
        check_output_folder(folder, root, sources, option)
    except UnsafeOutput as error:
        raise PluginError("\n".join(p.format() for p in error.problems)) from None


def site_config(config: MkDocsConfig, campaigns: str) -> SiteConfig:
    """Loa's view of the MkDocs configuration: mkdocs.yml read by glue.config, as `loa check` reads it."""
    config_file = Path(config.config_file_path)
    if config.plugins.get("loa-i18n") is None:
        raise PluginError(_("the loa plugin needs the loa-i18n plugin in mkdocs.yml, listed after it"))
    try:
        return load_config(config_file, (config_file.parent.resolve() / campaigns).resolve())
    except ContentError as error:
        raise PluginError("\n".join(p.format() for p in error.problems)) from None

