"""Each text field declared once: every stage reads `content.spec.TEXT_FIELDS`, none keeps its own list.

Each text of the table (and a `subtitle` added to the table inside a test, as a
developer would add one) is written into a campaign, then looked for in every
consumer: validation and the JSON Schema, the model, translation items, the
fallback to the source, the translators' xlsx and PO files and their write-back,
the texts the checks read, font coverage and print bounds. A consumer that keeps
its own list of fields fails here for the field it does not know.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import jinja2
import pytest
import yaml

from conftest import make_project
from loa.checks import fonts, print_bounds
from loa.checks.texts import all_texts
from loa.content import schema, spec
from loa.content.kinds import Field, Object, Text
from loa.content.validate import check_content
from loa.glue.config import load_config
from loa.translation.exchange import export, export_rows, read_exchange
from loa.translation.items import data_items, text_items
from loa.translation.localize import Item, localize
from loa.translation.write_back import write_items

SNOWMAN = "☃"  # not in the leaflet font (Noto Sans): font coverage reports it where it is printed


def add_subtitle(monkeypatch) -> spec.TextField:
    """Declare a translatable, printed `subtitle` after `summary`, in the spec only, as a developer would."""
    subtitle = Field(Text(max_length=120), "a line under the title", translatable=True, printed=True)

    def with_subtitle(shape: Object) -> Object:
        fields = {}
        for name, field in shape.fields.items():
            fields[name] = field
            if name == "summary":
                fields["subtitle"] = subtitle
        return replace(shape, fields=fields)

    monkeypatch.setattr(spec, "SOURCE_TEXT_FILE", with_subtitle(spec.SOURCE_TEXT_FILE))
    monkeypatch.setattr(spec, "TRANSLATION_TEXT_FILE", with_subtitle(spec.TRANSLATION_TEXT_FILE))
    monkeypatch.setattr(spec, "TEXT_FIELDS", spec.text_fields(spec.SOURCE_TEXT_FILE))
    monkeypatch.setitem(print_bounds.FIELD_TYPE, "subtitle", (16, "Regular"))  # the leaflet's type size: its template
    return next(f for f in spec.TEXT_FIELDS if f.name == "subtitle")


def write_field(project: Path, field: spec.TextField, value: str) -> str:
    """Put `value` in the source's `field` (and take the field out of the translation). Returns the item's key."""
    folder = project / "campaigns/demo"
    source = yaml.safe_load((folder / "vi.yml").read_text(encoding="utf-8"))
    translation = yaml.safe_load((folder / "hmn.yml").read_text(encoding="utf-8"))
    if field.group:
        entry = source[field.group][0]
        entry[field.name] = value
        key = field.key(entry["id"])
        translation.pop(field.group, None)
    else:
        source[field.name] = [value, "Dòng hai", "Dòng ba"] if field.is_list else value
        key = field.key()
        translation.pop(field.name, None)
    for name, data in (("vi.yml", source), ("hmn.yml", translation)):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return key


def assert_every_stage_reads(field: spec.TextField, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    value = f"Chữ của {field.name} {SNOWMAN}"
    key = write_field(project, field, value)
    config = load_config(project / "mkdocs.yml")
    content, problems = check_content(config)
    assert content is not None, [p.format() for p in problems]  # validation accepts it
    campaign = content.campaigns[0]
    top = field.group or field.name
    assert top in schema.schemas()["text.schema.json"]["properties"]

    # Translation items: the model, and the plain document (files not yet validated), in the table's order.
    items = text_items(campaign.source)
    assert value in items[key]
    document = content.documents[campaign.source.file]
    assert data_items(document.data)[key] == items[key]

    # Fallback: the translation lacks it, the reader of Hmong sees the Vietnamese, marked as such.
    if not field.group:
        shown = localize(campaign, "hmn")[field.name]
        first = shown[0] if isinstance(shown, tuple) else shown
        assert isinstance(first, Item) and value in first.text and first.fallback and first.language == "vi"
        page = jinja2.Environment(autoescape=True).from_string(f"{{{{ c.{field.name} }}}}")  # as a page template reads it
        assert value.split()[0] in page.render(c=localize(campaign, "hmn"))

    # The translators' files: a row in xlsx and PO, in reading order, and an import writes it where the spec says.
    rows = [row.key for row in export_rows(campaign, "hmn", {})]
    assert rows == list(items)
    for fmt in ("xlsx", "po"):
        path = export(campaign, "hmn", fmt, tmp_path, {})
        assert [row.key for row in read_exchange(path).rows] == rows
    target = campaign.folder / "hmn.yml"
    write_items(target, {key: "Lus txhais"}, yaml.safe_load(campaign.source.file.read_text(encoding="utf-8")))
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data_items(written)[key] == "Lus txhais"
    order = ["translation", *(k for k in spec.SOURCE_TEXT_FILE.fields if k != "translation")]
    assert list(written) == sorted(written, key=order.index)

    # Checks: the texts readers see, font coverage and print bounds where it is printed.
    paths = [t.path for t in all_texts(content) if t.language == "vi"]
    assert any(path[0] == top and (not field.group or path[2] == field.name) for path in paths)
    font_dir = config.overrides_dir / "leaflets" / "fonts"
    tofu = [p.field for p in fonts.font_coverage_problems(content, font_dir)]
    at = f"{field.group}[0].{field.name}" if field.group else f"{field.name}[0]" if field.is_list else field.name
    assert (at in tofu) == field.printed, tofu
    print_bounds.print_bound_problems(content, font_dir)  # a printed field has its type size (KeyError otherwise)


@pytest.mark.parametrize("field", spec.TEXT_FIELDS, ids=lambda f: f.key("x"))
def test_every_declared_text_reaches_every_stage(field, tmp_path):
    assert_every_stage_reads(field, tmp_path)


def test_a_field_added_to_the_table_alone_reaches_every_stage(monkeypatch, tmp_path):
    assert_every_stage_reads(add_subtitle(monkeypatch), tmp_path)


def test_recordable_texts_are_recording_items(tmp_path):
    """Recordings are named by item (outputs/announce.py composes them): each recordable top-level text is one."""
    config = load_config(make_project(tmp_path / "p") / "mkdocs.yml")
    campaign = check_content(config)[0].campaigns[0]
    recordable = [f.name for f in spec.TEXT_FIELDS if f.recordable and not f.group and not f.is_list]
    assert recordable and set(recordable) <= set(campaign.audio_items())
