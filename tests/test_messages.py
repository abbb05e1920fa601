"""Loa's own messages: Vietnamese by default, English through LANG or --lang, every message in the catalog."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from loa import messages
from conftest import ROOT

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def loa(project, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`loa` as a user runs it: a new process, with only the language variables given here."""
    clean = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run([sys.executable, "-m", "loa.cli", *args], cwd=project, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def broken(project):
    """The fixture project with one unquoted hotline number (a mistake officers make)."""
    hotlines = project / "campaigns" / "hotlines.yml"
    text = hotlines.read_text(encoding="utf-8")
    assert 'number: "111"' in text
    hotlines.write_text(text.replace('number: "111"', "number: 111", 1), encoding="utf-8")
    return project


def test_every_message_has_its_vietnamese():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "messages.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_vietnamese_by_default(broken):
    done = loa(broken, "check")
    assert done.returncode == 1
    assert "campaigns/hotlines.yml:" in done.stderr and ": lỗi: " in done.stderr, done.stderr
    assert "gợi ý: " in done.stderr and ": error: " not in done.stderr


def test_a_plain_c_locale_is_vietnamese(broken):
    assert ": lỗi: " in loa(broken, "check", LANG="C.UTF-8").stderr


@pytest.mark.parametrize("env,args", [({"LANG": "en_US.UTF-8"}, ()), ({"LANGUAGE": "fr:en"}, ()),
                                      ({"LANG": "vi_VN.UTF-8"}, ("--lang", "en")), ({}, ("check", "--lang=en"))])
def test_english_on_request(broken, env, args):
    argv = args if "check" in args else (*args, "check")
    done = loa(broken, *argv, **env)
    assert done.returncode == 1
    assert ": error: " in done.stderr and "  hint: " in done.stderr and "lỗi" not in done.stderr, done.stderr


def test_lang_asks_for_vietnamese_over_the_environment(broken):
    assert ": lỗi: " in loa(broken, "--lang", "vi", "check", LANGUAGE="en").stderr


def test_language_rules(monkeypatch):
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    assert messages.language() == "vi"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert messages.language() == "en"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")  # set and not one Loa speaks: the default, as gettext would
    assert messages.language() == "vi"
    messages.use_language("en")
    try:
        assert messages.language() == "en"
        assert messages._("error") == "error"
    finally:
        messages.use_language(None)
    assert messages._("error") == "lỗi"
