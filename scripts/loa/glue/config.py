"""Config: `mkdocs.yml` read once, as plain YAML, into the site's settings (`content.site.SiteConfig`).

The one place that knows where the site engine keeps Loa's settings: the
languages in the `loa-i18n` plugin (a language with `build: false` is not part
of the site, for `loa check` as for `loa build`), the campaigns folder in the
`loa` plugin, the templates in `theme.custom_dir`. It does not import MkDocs, so
`loa check` stays light; the plugin reads the same file through it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..content.load import read_limited
from ..content.problems import ContentError, Problem, display_path
from ..content.site import Language, SiteConfig
from ..messages import _

MAX_CONFIG_BYTES = 1_000_000
# The project's own mkdocs.yml and overrides/ (templates, fonts, interface strings), shipped in the package:
# what a folder with only campaigns/ is checked with, and the templates of a project without its own.
BUNDLED = Path(__file__).resolve().parents[1] / "defaults"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name:` tags we do not need."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV NAME` and `!ENV [NAME, OTHER, default]`: the first variable set, else the default."""
    names: list = []  # a mapping names no variable
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        names = loader.construct_sequence(node)
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_config(config_file: Path, campaigns_dir: Path | None = None, root: Path | None = None) -> SiteConfig:
    """Read `mkdocs.yml` (root: the project folder, by default the file's). Raises ContentError if it cannot."""
    shown = display_path(config_file)
    raw, problem = read_limited(config_file, MAX_CONFIG_BYTES, shown)
    if problem:
        raise ContentError([problem])
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_TolerantLoader) or {}
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as error:
        raise ContentError([Problem(shown, None, None, "", _("cannot read the site configuration ({error})").format(
            error=error))]) from None
    root = (root or config_file.parent).resolve()
    plugins = _plugins(data.get("plugins"))
    languages = _languages(plugins.get("loa-i18n") or {}, shown)
    loa_options = plugins.get("loa") or {}
    campaigns = campaigns_dir or root / loa_options.get("campaigns", "campaigns")
    return SiteConfig(
        root=root,
        languages=languages,
        site_url=data.get("site_url") or "http://localhost:8000/",
        campaigns_dir=Path(campaigns).resolve(),
        overrides_dir=_overrides(root / (data.get("theme", {}) or {}).get("custom_dir", "overrides")),
        unbuilt=_unbuilt(plugins.get("loa-i18n") or {}),
    )


def _plugins(value: Any) -> dict[str, dict]:
    """mkdocs.yml lists plugins as names or one-key mappings: make it one mapping."""
    result: dict[str, dict] = {}
    for item in value or []:
        if isinstance(item, str):
            result[item] = {}
        elif isinstance(item, dict):
            for name, options in item.items():
                result[name] = options or {}
    return result


def _languages(options: dict, shown: str) -> tuple[Language, ...]:
    entries = [e for e in options.get("languages") or [] if isinstance(e, dict) and e.get("locale")
               and e.get("build", True) is not False]  # static-i18n builds no site for it
    if not entries:
        raise ContentError([Problem(shown, None, None, "plugins.loa-i18n.languages", _("no languages are declared"),
                                    _("list the site's languages under the loa-i18n plugin, the source language with "
                                      "default: true"))])
    entries.sort(key=lambda e: not e.get("default", False))  # the default language first
    return tuple(Language(str(e["locale"]), str(e.get("name") or e["locale"])) for e in entries)


def _unbuilt(options: dict) -> tuple[str, ...]:
    return tuple(str(e["locale"]) for e in options.get("languages") or []
                 if isinstance(e, dict) and e.get("locale") and e.get("build", True) is False)


def _overrides(folder: Path) -> Path:
    """The project's templates folder, or the bundled one when the project has none."""
    return folder if folder.is_dir() else BUNDLED / "overrides"


def bundled_config(campaigns_dir: Path | None) -> SiteConfig:
    """The settings Loa ships with (languages vi, hmn, ium, tyz), for a folder of campaigns without mkdocs.yml."""
    root = Path.cwd()
    return load_config(BUNDLED / "mkdocs.yml", campaigns_dir or root / "campaigns", root)
