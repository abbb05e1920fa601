"""Leaflet layout is bounded: text no leaflet can print is refused by `loa check` from font metrics, in seconds."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml

from conftest import make_project
from loa.checks import print_bounds


def test_the_column_figures_match_the_leaflet_formats():
    from loa.outputs.leaflets.formats import FORMATS, PAD_X, PAD_Y

    assert set(print_bounds.COLUMN_MM) == set(FORMATS)
    assert print_bounds.COLUMN_MM["a4-trifold"] == 97.0 - 2 * PAD_X  # the inside flap, the narrowest panel
    assert print_bounds.COLUMN_MM["a5-flyer"] == FORMATS["a5-flyer"].width - 2 * PAD_X
    assert print_bounds.COLUMN_HEIGHT_MM == FORMATS["a4-trifold"].height - 2 * PAD_Y == FORMATS["a5-flyer"].inner_height


@pytest.mark.parametrize("field, text, message", [
    ("sections[0].body", "Đoạn " + "a" * 900_000, "the word 'aaaaaaaaaaaaaaaaaaaa…aaaaa' (900,000 letters) is 2,137,410 mm "
                                                  "wide at 12 pt, wider than a leaflet column (81 mm): it cannot be broken"),
    ("title", "Tiêu đề " + "x" * 40, "the word 'xxxxxxxxxxxxxxxxxxxx…xxxxx' (40 letters) is 228 mm wide at 28 pt"),
    ("sections[0].body", "Đoạn văn dài. " * 50_000, "the text would fill about 467 leaflet columns at 12 pt, and a whole "
                                                     "leaflet of this campaign's format has 2: it can never be printed"),
    ("summary", "Tóm tắt dài. " * 3_000, "leaflet columns at 14 pt, and a whole leaflet of this campaign's format has 2"),
])
def test_unprintable_text_is_refused_by_loa_check_in_seconds(tmp_path, field, text, message):
    project = make_project(tmp_path / "p")
    path = project / "campaigns/demo/vi.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if field == "sections[0].body":
        data["sections"][0]["body"] = text
    else:
        data[field] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**7), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "loa.cli", "check"], cwd=project, env=env, capture_output=True,
                          text=True, timeout=120)  # a guard, not a measurement: scripts/hostile-table measures
    assert done.returncode == 1
    line = next((ln for ln in done.stderr.splitlines()
                 if ln.startswith("campaigns/demo/vi.yml") and f": error: {field}: " in ln and message[:20] in ln), "")
    assert message in line, done.stderr
    assert time.monotonic() - start < 120


def test_the_example_campaigns_are_within_bounds():
    from pathlib import Path

    from loa.content.validate import check_content
    from loa.glue.config import load_config

    root = Path(__file__).resolve().parent.parent
    content, _ = check_content(load_config(root / "mkdocs.yml"))
    assert print_bounds.print_bound_problems(content, root / "overrides/leaflets/fonts") == []
