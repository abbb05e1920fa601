"""Live preview reloads on a YAML edit; two builds never run at once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import make_project
from loa.outputs.publish import build_lock

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_mkdocs_serve_reloads_when_yaml_changes(tmp_path):
    project = make_project(tmp_path / "p")
    port = free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/hmn/campaigns/demo/"
        assert wait_for(url, "Mus ua hauj lwm deb", 60), "the preview did not start"
        source = project / "campaigns/demo/hmn.yml"
        source.write_text(source.read_text(encoding="utf-8").replace("Mus ua hauj lwm deb", "Lub npe tshiab"), encoding="utf-8")
        assert not wait_for(url, "Lub npe tshiab", 3), "--no-livereload must not rebuild (control)"
    finally:
        server.terminate()
        server.wait(10)
    server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert wait_for(url, "Lub npe tshiab", 60)
        source.write_text(source.read_text(encoding="utf-8").replace("Lub npe tshiab", "Lub npe thib ob"), encoding="utf-8")
        assert wait_for(url, "Lub npe thib ob", 30), "the preview did not reload after the YAML edit"
    finally:
        server.terminate()
        server.wait(10)


def test_second_build_refused_while_one_runs(tmp_path, run_loa):
    project = make_project(tmp_path / "p")
    with build_lock(project / ".loa-cache" / "build.lock"):
        code, _, err = run_loa(project, "build")
    assert code == 1
    assert "another build is running" in err
    assert not (project / "site").exists()


def test_mkdocs_serve_shows_problems_in_the_page_and_recovers(tmp_path):
    """A broken file: the preview answers at once, with file:line and message; fixed, the page is back."""
    project = make_project(tmp_path / "p")
    port = free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/campaigns/demo/"
        assert wait_for(url, "Dấu hiệu lừa đảo", 60), "the preview did not start"
        source = project / "campaigns/demo/vi.yml"
        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace("heading: Dấu hiệu lừa đảo", "heading: 42"), encoding="utf-8")
        assert wait_for(url, "campaigns/demo/vi.yml:9:5: error: sections[0].heading: expected text", 60)
        started = time.monotonic()
        page = fetch(url)
        assert time.monotonic() - started < 2 and "loa-problems" in page and "Dấu hiệu lừa đảo" in page
        source.write_text(good, encoding="utf-8")
        assert wait_for(url, "Dấu hiệu lừa đảo", 60)
        deadline = time.monotonic() + 60
        while "loa-problems" in fetch(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "loa-problems" not in fetch(url)
    finally:
        server.terminate()
        server.wait(10)


def served_file(html: str, port: int, site_url: str) -> str:
    """A served page as `mkdocs build` writes it: without the reload script MkDocs puts before </body>,
    with the configured site_url where serve puts the preview's address."""
    end = html.rindex("</body>")
    html = html[:html.rindex("<script>", 0, end)] + html[end:]
    return html.replace(f"http://127.0.0.1:{port}/", site_url)


LANGUAGES = ("", "hmn/", "ium/", "tyz/")  # vi at the root
INDEXES = ["hmn/search/search_index.json", "ium/search/search_index.json"]
PAGES = [f"{language}{page}" for language in LANGUAGES for page in ("", "campaigns/demo/", "campaigns/demo/listen/")]


def assert_served_as_built(project: Path, port: int, served: dict[str, str], built: Path) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--site-dir", str(built)], cwd=project, check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    for page in PAGES:
        expected = (built / page / "index.html").read_text(encoding="utf-8")
        assert served_file(served[page], port, "https://loa.example.org/") == expected, page
    for index in INDEXES:  # hmn's was built again after the second edit, ium's kept
        assert served[index] == (built / index).read_text(encoding="utf-8"), index


def test_mkdocs_serve_shows_an_edit_in_every_language_as_build_makes_it(tmp_path):
    """An edit of the source text shows in every language whose page falls back on it (hmn has no
    translation of that section, ium and tyz no file at all); an edit of a translation, in its language.
    Languages an edit does not change are not built again, and every page served is the page a build makes."""
    project = make_project(tmp_path / "p")
    port = free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    log = tmp_path / "serve.log"
    server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=open(log, "w"),
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/"
    served = []
    try:
        assert wait_for(f"{url}campaigns/demo/", "Gia đình cần biết", 60), "the preview did not start"
        source = project / "campaigns/demo/vi.yml"
        source.write_text(source.read_text(encoding="utf-8").replace("Gia đình cần biết", "Gia đình nên biết"),
                          encoding="utf-8")
        for language in LANGUAGES:
            assert wait_for(f"{url}{language}campaigns/demo/", "Gia đình nên biết", 60), language
        time.sleep(1)  # the reload is sent once every language is written
        served.append({page: fetch(url + page) for page in [*PAGES, *INDEXES]})
        translation = project / "campaigns/demo/hmn.yml"
        translation.write_text(translation.read_text(encoding="utf-8").replace("Cov cim qhia kev dag", "Cov cim tshiab"),
                               encoding="utf-8")
        assert wait_for(f"{url}hmn/campaigns/demo/", "Cov cim tshiab", 60)
        time.sleep(1)
        served.append({page: fetch(url + page) for page in [*PAGES, *INDEXES]})
    finally:
        server.terminate()
        server.wait(10)
    assert "Cov cim tshiab" in served[1]["hmn/search/search_index.json"]
    assert "vi, ium, tyz left as built" not in log.read_text(encoding="utf-8")  # vi is always built
    assert "ium, tyz left as built" in log.read_text(encoding="utf-8"), "the translation's edit built every language"
    project_after_first = make_project(tmp_path / "first")  # the project as it was after the first edit
    (project_after_first / "campaigns/demo/vi.yml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert_served_as_built(project_after_first, port, served[0], tmp_path / "built-1")
    assert_served_as_built(project, port, served[1], tmp_path / "built-2")
