"""Random and hostile input: the loader and checker answer with clean problems, never an exception."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_project
from loa.glue.config import load_config
from loa.content.load import read_document
from loa.content.validate import check_content

ROOT = Path(__file__).resolve().parent.parent

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                    st.dates().map(str))
structures = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)), max_leaves=25)
known_keys = st.sampled_from(["title", "summary", "key_messages", "sections", "stories", "discussion", "translation",
                              "id", "heading", "body", "audiences", "consent", "text", "status"])
shaped = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(known_keys, children, max_size=5)), max_leaves=25)


def check_tree(tmp_path: Path, text_file: str | bytes) -> list:
    project = tmp_path / "p"
    folder = project / "campaigns" / "x"
    folder.mkdir(parents=True, exist_ok=True)
    (project / "campaigns" / "hotlines.yml").write_text(
        'hotlines:\n  - id: a\n    number: "111"\n    checked: 2026-11-01\n    name: {vi: A}\n', encoding="utf-8")
    (folder / "campaign.yml").write_text("source_language: vi\naudiences: [schools]\nhotlines: [a]\n", encoding="utf-8")
    data = text_file.encode("utf-8", "surrogatepass") if isinstance(text_file, str) else text_file
    (folder / "vi.yml").write_bytes(data)
    config = load_config(ROOT / "mkdocs.yml", project / "campaigns")
    content, problems = check_content(config)
    assert_clean(problems)
    assert content is not None or any(p.severity == "error" for p in problems)  # refused only with a reason
    return problems


# file[:line[:column]]: severity: [field: ]message, then hint lines: as a compiler prints it
_FIRST_LINE = re.compile(r"^\S+?(:\d+(:\d+)?)?: (error|warning): \S.*$")


def assert_clean(problems: list) -> None:
    for problem in problems:
        first, *rest = problem.format().split("\n")
        assert _FIRST_LINE.match(first), first
        assert all(line.startswith("  hint: ") for line in rest), rest
        assert "Traceback" not in problem.message and "Error(" not in problem.message, problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(structures)
def test_random_structures_give_clean_problems(tmp_path, value):
    check_tree(tmp_path, yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shaped)
def test_random_campaign_shapes_give_clean_problems(tmp_path, value):
    check_tree(tmp_path, yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_random_unicode_text_gives_clean_problems(tmp_path, text):
    path = tmp_path / "vi.yml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    doc, problems = read_document(path)
    assert_clean(problems)
    assert doc is not None or any(p.severity == "error" for p in problems)  # unreadable only with a reason


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_random_bytes_give_clean_problems(tmp_path, data):
    check_tree(tmp_path, data)


# `loa build` that dies (SIGKILL: no cleanup runs) at the worst moment: the new site is written, not yet swapped in.
KILLED_BEFORE_SWAP = """
import os, signal, sys
import loa.outputs.publish as publish
publish._swap = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
from loa import cli
sys.exit(cli.main(["build"]))
"""


@pytest.mark.slow
def test_killed_build_leaves_previous_site(tmp_path):
    project = make_project(tmp_path / "p")
    loa = [sys.executable, "-m", "loa.cli", "build"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    assert subprocess.run(loa, cwd=project, env=env, capture_output=True).returncode == 0
    site = project / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "campaigns/demo/vi.yml").write_text(
        (project / "campaigns/demo/vi.yml").read_text(encoding="utf-8").replace("Đi làm xa an toàn", "Tiêu đề mới"),
        encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", KILLED_BEFORE_SWAP], cwd=project, env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert list(project.glob(".site-building-*/hmn")), "the build was killed with the new site fully written"
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    # the next build cleans up the half-built folder and succeeds
    assert subprocess.run(loa, cwd=project, env=env, capture_output=True).returncode == 0
    assert not list(project.glob(".site-building-*"))
    assert "Tiêu đề mới" in (site / "campaigns/demo/index.html").read_text(encoding="utf-8")
