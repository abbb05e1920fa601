"""Redirects cannot unpublish: an old address that is still a live campaign, a circle or a chain is refused."""

from __future__ import annotations

import shutil

import pytest

from conftest import make_project


@pytest.mark.parametrize("lines, messages", [
    (["demo: second"], ["campaigns/redirects.yml:2:3: error: redirects.demo: 'demo' is a campaign: its page cannot "
                        "also redirect to 'second'"]),
    (["demo: demo"], ["redirects.demo: 'demo' is a campaign: its page cannot also redirect to 'demo'"]),
    (["gone: gone"], ["redirects.gone: 'gone' is redirected to itself"]),
    (["a: b", "b: a"], ["redirects.a: these redirects go round in a circle: a → b → a",
                        "redirects.b: these redirects go round in a circle: b → a → b"]),
    (["a: b", "b: c", "c: a"], ["redirects.a: these redirects go round in a circle: a → b → c → a"]),
    (["a: b", "b: second"], ["redirects.a: 'b' is itself redirected (a → b → second)",
                             "hint: point 'a' straight at the campaign it ends at: 'a: second'"]),
    (["old: nowhere"], ["redirects.old: the campaign 'nowhere' does not exist"]),
])
def test_a_redirect_that_would_unpublish_or_loop_is_refused(tmp_path, run_loa, lines, messages):
    project = make_project(tmp_path / "p")
    shutil.copytree(project / "campaigns/demo", project / "campaigns/second")
    (project / "campaigns/redirects.yml").write_text("redirects:\n" + "".join(f"  {line}\n" for line in lines),
                                                     encoding="utf-8")
    code, _, err = run_loa(project, "build")
    assert code == 1, err
    for message in messages:
        assert message in err
    assert not (project / "site").exists()


def test_a_moved_campaign_still_redirects(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    shutil.copytree(project / "campaigns/demo", project / "campaigns/second")
    (project / "campaigns/redirects.yml").write_text("redirects:\n  old-name: second\n", encoding="utf-8")
    code, _, err = run_loa(project, "build")
    assert code == 0, err
    assert "url=../second/" in (project / "site/campaigns/old-name/index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in (project / "site/campaigns/demo/index.html").read_text(encoding="utf-8")
