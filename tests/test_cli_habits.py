"""The `loa` command as people expect a command to behave: --version, --verbose anywhere, run from any folder of the project."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from loa import cli


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == "loa 0.1.0"


@pytest.mark.parametrize("argv", [["--verbose", "check"], ["check", "--verbose"], ["check", "--strict", "--verbose"]])
def test_verbose_anywhere_on_the_line(project, run_loa, monkeypatch, argv):
    seen = {}

    def boom(args):
        seen["verbose"] = args.verbose
        raise RuntimeError("a bug")
    monkeypatch.setattr(cli, "run_check", boom)
    code, _, err = run_loa(project, *argv, crash_expected=True)
    assert code == 1 and seen["verbose"] is True
    assert "Traceback (most recent call last)" in err and "RuntimeError: a bug" in err


def test_not_verbose_by_default(project, run_loa, monkeypatch):
    monkeypatch.setattr(cli, "run_check", lambda args: (_ for _ in ()).throw(RuntimeError("a bug")))
    code, _, err = run_loa(project, "check", crash_expected=True)
    assert code == 1 and "Traceback" not in err
    assert "loa: unexpected error: RuntimeError: a bug" in err


@pytest.mark.parametrize("folder", ["campaigns", "campaigns/demo", "docs"])
def test_the_project_is_found_from_a_folder_inside_it(project, run_loa, folder):
    code, out, err = run_loa(project / folder, "check")
    assert code == 0, err
    assert out.startswith("ok: 1 campaign in 4 languages")


def test_outside_any_project_the_message_says_where_to_run(tmp_path, run_loa):
    code, _, err = run_loa(tmp_path, "check")
    assert code == 1
    assert "mkdocs.yml: error: the site configuration file does not exist" in err
    assert "run loa in the project folder (or a folder inside it)" in err


def test_loa_on_the_path_after_activation(project):
    """README: after scripts/build, `source .venv/bin/activate` puts `loa` (and mkdocs) on the PATH."""
    venv_bin = os.path.dirname(sys.executable)
    activate = os.path.join(venv_bin, "activate")
    if not os.path.isfile(activate):
        pytest.skip("tests not run from the project's .venv")
    done = subprocess.run(["bash", "-c", f"source {activate} && cd campaigns/demo && loa --version && loa check"],
                          cwd=project, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(project), "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("loa 0.1.0\nổn: 1 chiến dịch")  # no language set: Vietnamese, as officers see it


def test_record_reaches_its_command_and_names_an_unknown_language(project, run_loa):
    # no other test starts `loa record` from the command line: its import once pointed above the package
    code, _, err = run_loa(project, "record", "any-campaign", "xx", "--no-browser")
    assert code == 1 and "'xx' is not one of the site's languages" in err, err


def test_an_unknown_campaign_is_named_with_a_suggestion(project, run_loa):
    code, _, err = run_loa(project, "mark-current", "dem", "hmn")
    assert code == 1 and "there is no campaign 'dem'" in err and "demo" in err, err
