"""One writer: no output overwrites another's file, and every file is written whole."""

from __future__ import annotations

import shutil

import pytest

from conftest import make_project
from loa.content.files import atomic_path, atomic_write
from loa.outputs.writer import OutputClash, SiteWriter


def test_a_redirect_from_a_live_campaign_is_refused_with_its_line(tmp_path, run_loa):
    """It used to replace the campaign's page with a redirect, silently, in every language."""
    project = make_project(tmp_path / "p")
    shutil.copytree(project / "campaigns/demo", project / "campaigns/going-abroad")
    (project / "campaigns/redirects.yml").write_text("redirects:\n  demo: going-abroad\n", encoding="utf-8")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert ("campaigns/redirects.yml:2:3: error: redirects.demo: 'demo' is a campaign: its page cannot also redirect "
            "to 'going-abroad'\n  hint: remove this line, or rename the folder campaigns/demo/ if the campaign moved") in err
    code, _, err = run_loa(project, "build")
    assert code == 1 and not (project / "site").exists()


def test_a_redirect_to_a_missing_campaign_names_its_line(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    (project / "campaigns/redirects.yml").write_text("redirects:\n  old: nowhere\n", encoding="utf-8")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert "campaigns/redirects.yml:2:3: error: redirects.old: the campaign 'nowhere' does not exist" in err


def test_the_writer_refuses_a_second_output_for_one_path(tmp_path):
    (tmp_path / "campaigns/demo").mkdir(parents=True)
    (tmp_path / "campaigns/demo/index.html").write_text("the live page", encoding="utf-8")
    writer = SiteWriter(tmp_path)
    writer.claim_existing("the site's pages")
    with pytest.raises(OutputClash) as raised:
        writer.write("campaigns/demo/index.html", b"a redirect", "a redirect", "campaigns/redirects.yml")
    assert [p.format() for p in raised.value.problems] == [
        "campaigns/redirects.yml: error: a redirect would overwrite campaigns/demo/index.html, which the site's pages wrote"
        "\n  hint: two outputs cannot share one address: rename one of them"]
    assert (tmp_path / "campaigns/demo/index.html").read_text(encoding="utf-8") == "the live page"
    writer.write("campaigns/old/index.html", b"a redirect", "a redirect")
    writer.write("campaigns/old/index.html", b"the same output again", "a redirect")  # an output may rewrite its own file
    assert (tmp_path / "campaigns/old/index.html").read_bytes() == b"the same output again"


def test_a_tree_that_clashes_copies_nothing(tmp_path):
    site, leaflets = tmp_path / "site", tmp_path / "leaflets"
    (site / "leaflets").mkdir(parents=True)
    (site / "leaflets/guide.pdf").write_bytes(b"page")
    (leaflets / "leaflets").mkdir(parents=True)
    (leaflets / "leaflets/a.pdf").write_bytes(b"a")
    (leaflets / "leaflets/guide.pdf").write_bytes(b"b")
    writer = SiteWriter(site)
    writer.claim_existing("the site's pages")
    with pytest.raises(OutputClash):
        writer.copy_tree(leaflets, "the leaflets")
    assert sorted(p.name for p in (site / "leaflets").iterdir()) == ["guide.pdf"]


def test_a_failed_atomic_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "store.yml"
    atomic_write(target, b"old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["store.yml"]
