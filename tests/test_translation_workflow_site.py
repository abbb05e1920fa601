"""Issue 4's promise end to end: one changed Vietnamese sentence turns exactly that item stale in Hmong,
in `loa status` and on the Hmong page; marking it current clears it."""

from __future__ import annotations

import json

import pytest

from conftest import make_project

pytestmark = pytest.mark.slow


def hmn_row(run_loa, project):
    code, out, _ = run_loa(project, "status", "--json")
    assert code == 0
    row = next(r for r in json.loads(out) if r["campaign"] == "demo" and r["language"] == "hmn")
    assert row.pop("audio_recorded") == [] and row.pop("audio_stale") == []  # recordings: tests/test_audio.py
    assert row.pop("audio_missing")[:3] == ["script", "title", "summary"]
    assert set(row.pop("leaflet_sections")) == {"a4-trifold", "a5-flyer"}  # tests/test_leaflet_sections.py
    return row


def test_changed_source_sentence_is_stale_until_marked_current(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    assert hmn_row(run_loa, project) == {"campaign": "demo", "language": "hmn", "status": "draft",
                                         "total": 9, "translated": 4, "missing": 5, "stale": 0, "leaflet": True}
    code, out, _ = run_loa(project, "mark-current", "demo", "hmn", "--reviewed-by", "Hội LHPN huyện Bắc Hà")
    assert code == 0
    source = project / "campaigns/demo/vi.yml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Lương cao mà **không cần** kinh nghiệm", "Lương rất cao mà **không cần** kinh nghiệm"), encoding="utf-8")
    assert hmn_row(run_loa, project)["stale"] == 1
    assert hmn_row(run_loa, project)["translated"] == 3

    assert run_loa(project, "build")[0] == 0
    page = (project / "site/hmn/campaigns/demo/index.html").read_text(encoding="utf-8")
    warning = page[page.index('id="warning-signs"'):page.index('id="families"')]
    assert '<p class="loa-mark loa-mark--stale" lang="hmn" data-search-exclude>' in warning
    assert page.count('loa-mark--stale') == 1
    assert "loa-notice__stale" in page
    vi_page = (project / "site/campaigns/demo/index.html").read_text(encoding="utf-8")
    assert "loa-mark--stale" not in vi_page
    status_page = (project / "site/status/index.html").read_text(encoding="utf-8")
    assert "Tình trạng bản dịch" in status_page and "loa-status__row--draft" in status_page
    assert 'href="status/"' not in (project / "site/index.html").read_text(encoding="utf-8")  # not in readers' nav

    assert run_loa(project, "mark-current", "demo", "hmn")[0] == 0
    assert hmn_row(run_loa, project)["stale"] == 0


def test_fail_under_for_ci(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    code, _, err = run_loa(project, "status", "--fail-under", "50")
    assert code == 1
    assert "loa: demo hmn is 44% done, under 50%" in err
    assert run_loa(project, "status", "--fail-under", "0")[0] == 0


def test_new_campaign_is_valid_at_once(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    code, out, _ = run_loa(project, "new", "school-safety")
    assert code == 0
    code, out, err = run_loa(project, "check")
    assert code == 0, err
    assert "ok: 2 campaigns" in out
