"""The JSON Schemas for editors: generated from the checker's spec, in sync, and right."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from loa.content.schema import SCHEMA_DIR, render, schemas

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "campaigns").rglob("*.yml"))


def as_json(value):
    """YAML values as an editor's YAML 1.2 server sees them: dates are strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def schema_for(path: Path) -> dict:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), f"{path} has no schema comment"
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    return json.loads(target.read_text(encoding="utf-8"))


def test_committed_schemas_match_the_spec():
    for name, body in schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == render(name, body), f"run: loa schema ({name})"


def test_schemas_are_valid_draft_07():
    for body in schemas().values():
        assert body["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(body)


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_examples_validate_against_their_schema(path):
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, schema_for(path), cls=jsonschema.Draft7Validator)


@pytest.mark.parametrize("name, document, message", [
    ("hotlines.schema.json", {"hotlines": [{"id": "x", "number": 113, "name": {"vi": "a"}}]}, "113 is not of type 'string'"),
    ("campaign.schema.json", {"source_language": "vi", "audiences": ["school"], "hotlines": ["x"]}, "'school' is not one of"),
    ("text.schema.json", {"title": "x"}, "'summary' is a required property"),
    ("text.schema.json", {"translation": {"status": "done"}}, "'done' is not one of ['draft', 'reviewed']"),
    ("text.schema.json", {"translation": {"status": "draft"}, "titel": "x"}, "Additional properties are not allowed ('titel'"),
])
def test_schema_catches_mistakes(name, document, message):
    body = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft7Validator(body).iter_errors(document)]
    assert any(message in e for e in errors), errors
