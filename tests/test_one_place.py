"""One place for each thing: mkdocs.yml read once for check and build alike, each YAML file parsed once."""

from __future__ import annotations

from collections import Counter

from conftest import make_project
from loa.content import load


def test_a_language_with_build_false_is_the_same_language_set_for_check_and_build(tmp_path, run_loa):
    """`loa check` used to accept it and `loa build` to fail on its files: both now skip it with a warning."""
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    declared = "        - locale: hmn\n          name: Hmoob\n          build: true\n"
    assert declared in text
    config.write_text(text.replace(declared, declared.replace("build: true", "build: false")), encoding="utf-8")
    warning = ("campaigns/demo/hmn.yml: warning: 'hmn' has build: false in mkdocs.yml: this file is not published\n"
               "  hint: set build: true under the language hmn in mkdocs.yml to publish it")
    code, _, err = run_loa(project, "check")
    assert code == 0, err
    assert warning in err
    code, _, err = run_loa(project, "build")
    assert code == 0, err
    assert warning in err
    assert (project / "site/ium/index.html").is_file() and not (project / "site/hmn").exists()


def test_loa_check_parses_each_yaml_file_once(tmp_path, run_loa, monkeypatch):
    project = make_project(tmp_path / "p")
    parses: Counter[str] = Counter()
    compose = load._compose

    def counted(text, path, shown):
        parses[shown] += 1
        return compose(text, path, shown)

    monkeypatch.setattr(load, "_compose", counted)
    code, _, err = run_loa(project, "check")
    assert code == 0, err
    assert {"campaigns/hotlines.yml", "campaigns/demo/campaign.yml", "campaigns/demo/vi.yml",
            "campaigns/demo/hmn.yml"} <= set(parses)
    assert {name: n for name, n in parses.items() if n > 1} == {}


def test_font_coverage_names_the_line_of_the_field(tmp_path, run_loa):
    """Checks on the model know the field; the registry adds its line from the document validate kept."""
    project = make_project(tmp_path / "p")
    path = project / "campaigns/demo/vi.yml"
    text = path.read_text(encoding="utf-8")
    assert "  - id: warning-signs\n    heading: " in text
    path.write_text(text.replace("  - id: warning-signs\n    heading: ", "  - id: warning-signs\n    heading: ☃ "),
                    encoding="utf-8")
    line = text.splitlines().index(next(t for t in text.splitlines() if t.startswith("    heading: "))) + 1
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert f'campaigns/demo/vi.yml:{line}:5: error: sections[0].heading: the leaflet font cannot draw "☃"' in err
