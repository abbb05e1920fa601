"""Schema: JSON Schema (draft-07) for the campaign files, made from `spec`.

Editors with the YAML language server read these files through the
`# yaml-language-server: $schema=...` comment at the top of each campaign file,
and complete and check fields as officers type. Draft-07 because that server
supports nothing newer. `loa schema` rewrites them; a test keeps them in sync.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import spec

SCHEMA_DIR = Path(__file__).parents[1] / "schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def schemas() -> dict[str, dict]:
    text = spec.TRANSLATION_TEXT_FILE.schema()
    # Without a translation: block the file is a source text, and the source needs it all.
    source_required = [name for name, field in spec.SOURCE_TEXT_FILE.fields.items() if field.required]
    text["if"] = {"not": {"required": ["translation"]}}
    text["then"] = {"required": source_required}
    return {
        "hotlines.schema.json": _document(spec.HOTLINES_FILE.schema(), "Loa hotlines"),
        "campaign.schema.json": _document(spec.CAMPAIGN_FILE.schema(), "Loa campaign"),
        "text.schema.json": _document(text, "Loa campaign text"),
        "publisher.schema.json": _document(spec.PUBLISHER_FILE.schema(), "Loa publisher"),
        "wording.schema.json": _document(spec.WORDING_FILE.schema(), "Loa wording"),
        "places.schema.json": _document(spec.PLACES_FILE.schema(), "Loa places"),
    }


def _document(body: dict, title: str) -> dict:
    return {"$schema": DRAFT_07, "title": title, **body}


def render(name: str, body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in schemas().items():
        path = folder / name
        path.write_text(render(name, body), encoding="utf-8")
        written.append(path)
    return written
