"""Live preview builds again only the languages an edit changed (glue/preview.py), on folders."""

from __future__ import annotations

from pathlib import Path

from loa.glue.preview import KEPT, LanguageSkipper

PAGES = [("vi", "index.vi.md", b"vi home"), ("hmn", "index.hmn.md", b"hmn home"),
         ("ium", "index.ium.md", b'ium <span data-loa-leaflet-kb="leaflets/x/ium.pdf"></span>')]
SIZES = {"leaflets/x/ium.pdf": 1000}


def site(tmp_path: Path) -> Path:
    for language in ("hmn", "ium"):
        (tmp_path / language).mkdir()
        (tmp_path / language / "index.html").write_text(f"{language} page as built")
    return tmp_path


def built_once(pages=PAGES, stamp="s1") -> LanguageSkipper:
    skipper = LanguageSkipper()
    skipper.plan(pages, stamp)
    skipper.complete(SIZES)
    return skipper


def test_the_first_build_builds_every_language(tmp_path):
    skipper = LanguageSkipper()
    skipper.plan(PAGES, "s1")
    assert skipper.candidates == []


def test_an_edit_of_one_language_leaves_the_others_as_built(tmp_path):
    skipper = built_once()
    skipper.plan([("vi", "index.vi.md", b"vi home, edited"), *PAGES[1:]], "s1")
    assert skipper.candidates == ["hmn", "ium"]
    skipper.keep(site(tmp_path), "vi")
    assert not (tmp_path / "hmn").exists() and (tmp_path / KEPT / "hmn" / "index.html").is_file()
    (tmp_path / "index.html").write_text("MkDocs wrote vi again")
    assert skipper.restore(tmp_path, SIZES, []) == ["hmn", "ium"]
    assert (tmp_path / "hmn" / "index.html").read_text() == "hmn page as built"
    assert not (tmp_path / KEPT).exists()


def test_anything_else_changed_builds_every_language(tmp_path):
    skipper = built_once()
    skipper.plan(PAGES, "s2")  # a template, a string, mkdocs.yml, the problems shown
    assert skipper.candidates == []
    skipper = built_once()
    skipper.plan([*PAGES, ("vi", "campaigns/new/index.vi.md", b"new")], "s1")  # a page more
    assert skipper.candidates == []
    skipper = built_once()
    skipper.forget()  # the last build failed
    skipper.plan(PAGES, "s1")
    assert skipper.candidates == []


def test_a_language_listing_a_leaflet_whose_size_changed_is_built(tmp_path):
    skipper = built_once()
    skipper.plan(PAGES, "s1")
    skipper.keep(site(tmp_path), "vi")
    assert skipper.restore(tmp_path, {"leaflets/x/ium.pdf": 1200}, []) == ["hmn"]
    assert not (tmp_path / "ium").exists()  # MkDocs builds it anew


def test_files_loa_writes_after_the_build_are_removed_from_a_kept_language(tmp_path):
    skipper = built_once()
    skipper.plan(PAGES, "s1")
    (site(tmp_path) / "hmn" / "campaigns" / "old").mkdir(parents=True)
    (tmp_path / "hmn" / "campaigns" / "old" / "index.html").write_text("a redirect")
    skipper.keep(tmp_path, "vi")
    skipper.restore(tmp_path, SIZES, ["hmn/campaigns/old/index.html"])
    assert not (tmp_path / "hmn" / "campaigns" / "old" / "index.html").exists()
    assert (tmp_path / "hmn" / "index.html").is_file()


def test_a_folder_left_by_a_failed_build_is_dropped(tmp_path):
    (tmp_path / KEPT / "tyz").mkdir(parents=True)
    skipper = built_once()
    skipper.plan(PAGES, "s1")
    skipper.keep(site(tmp_path), "vi")
    assert not (tmp_path / KEPT / "tyz").exists()
