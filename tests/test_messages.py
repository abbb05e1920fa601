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


# --- end to end: what a Vietnamese officer sees with no language set -------------------------------------------

def test_build_speaks_vietnamese(project):
    done = loa(project, "build")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("đã dựng xong "), done.stdout
    assert "built" not in done.stdout


def test_a_refused_build_speaks_vietnamese(broken):
    done = loa(broken, "build")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert "campaigns/hotlines.yml:" in lines[0] and ": lỗi: " in lines[0], done.stderr
    assert "1 lỗi, 0 cảnh báo" in lines and "loa: chưa dựng gì; trang web cũ vẫn giữ nguyên" in lines, done.stderr


def test_help_speaks_vietnamese(project):
    done = loa(project, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("cách dùng: loa "), done.stdout
    for words in ("tùy chọn:", "hiện hướng dẫn này rồi thoát", "ngôn ngữ thông báo của Loa",
                  "kiểm tra mọi tệp chiến dịch và báo tất cả các vấn đề"):
        assert words in done.stdout, words
    assert "usage:" not in done.stdout and "show this help" not in done.stdout
    command = loa(project, "export", "--help").stdout
    assert command.startswith("cách dùng: loa export ") and "tham số:" in command
    assert "tệp hoặc thư mục (mặc định: thư mục hiện tại)" in command


@pytest.mark.parametrize("args,said", [
    (("export",), "loa export: lỗi: còn thiếu các tham số bắt buộc sau: slug, language"),
    (("bogus",), "loa: lỗi: tham số COMMAND: lựa chọn không hợp lệ: 'bogus' (hãy chọn một trong: 'check', "),
    (("check", "--nope"), "loa: lỗi: không hiểu các tham số: --nope"),
    (("status", "--fail-under", "half"), "loa status: lỗi: tham số --fail-under: giá trị float không hợp lệ: 'half'"),
])
def test_usage_errors_speak_vietnamese(project, args, said):
    done = loa(project, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("cách dùng: loa"), done.stderr
    assert said in done.stderr, done.stderr


def test_help_and_usage_errors_in_english_on_request(project):
    assert loa(project, "--lang", "en", "--help").stdout.startswith("usage: loa ")
    done = loa(project, "export", LANG="en_GB.UTF-8")
    assert "loa export: error: the following arguments are required: slug, language" in done.stderr


@pytest.mark.slow
def test_the_live_preview_shows_its_problems_in_vietnamese(project):
    from test_serve_and_lock import fetch, free_port, wait_for

    port = free_port()
    clean = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    mkdocs = os.path.join(os.path.dirname(sys.executable), "mkdocs")
    server = subprocess.Popen([mkdocs, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**clean, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/campaigns/demo/"
        assert wait_for(url, "Dấu hiệu lừa đảo", 60), "the preview did not start"
        source = project / "campaigns/demo/vi.yml"
        source.write_text(source.read_text(encoding="utf-8").replace("heading: Dấu hiệu lừa đảo", "heading: 42"),
                          encoding="utf-8")
        assert wait_for(url, "campaigns/demo/vi.yml:9:5: lỗi: sections[0].heading: ", 60)
        page = fetch(url)
        assert "loa: 1 vấn đề trong các tệp chiến dịch. Bản xem trước này hiện các trang của lần dựng tốt gần nhất" in page
        assert "problem" not in page.split('class="loa-problems"')[1].split("</div>")[0]
    finally:
        server.terminate()
        server.wait(10)


def test_an_unknown_language_for_export_names_the_command(project):
    done = loa(project, "export", "demo", "xx")
    assert done.returncode == 1
    assert done.stderr.startswith("loa export: lỗi: 'xx' không phải là một ngôn ngữ của trang web (vi, hmn, ium, tyz)")
