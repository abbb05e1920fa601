"""The `loa-i18n` MkDocs plugin: mkdocs-static-i18n, accepting BCP 47 language tags.

static-i18n 1.3.1 accepts only ISO 639-1 codes with an optional region
(`en`, `en-US`) and refuses `hmn`, `ium` and `tyz` (upstream PR #348 is still
open). Its locale check runs while MkDocs validates the plugin's config, before
any hook could patch it, so we register this subclass under its own name with
one change: the `locale` option takes any BCP 47 tag. Everything else is
static-i18n's own code. Remove this module when upstream accepts such tags.
"""

from __future__ import annotations

import re

from mkdocs.config import config_options
from mkdocs.config.base import ValidationError
from mkdocs_static_i18n import config as i18n_config
from mkdocs_static_i18n.plugin import I18n

from ..messages import _

# language-script-region, e.g. hmn, tyz, zh-Hant, pt-BR (RFC 5646, the common subset)
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")


class Bcp47Locale(i18n_config.Locale):
    """A language tag as BCP 47 writes it: 2 or 3 letter language, optional script and region."""

    def run_validation(self, value):
        value = config_options.Type.run_validation(self, value)
        if not BCP47.fullmatch(value) and value.lower() != "null":
            raise ValidationError(_("'{value}' is not a BCP 47 language tag like 'vi', 'hmn' or 'zh-Hant'.").format(
                value=value))
        return value


class Bcp47Language(i18n_config.I18nPluginLanguage):
    locale = Bcp47Locale(str)


class Bcp47Config(i18n_config.I18nPluginConfig):
    build_only_locale: config_options.Optional[str] = config_options.Optional(Bcp47Locale(str))
    languages = config_options.ListOfItems(config_options.SubConfig(Bcp47Language, validate=True))


class Bcp47I18n(I18n):
    """static-i18n with `Bcp47Config` as its configuration schema."""

    config_class = Bcp47Config
