"""Format version 2: hotlines required/reachable/retired, publisher.yml, real and composite stories,
the translation record. Each case edits the fixture and pins the exact message `loa check` prints."""

from __future__ import annotations

import pytest

from test_check_messages import DEMO, edit

REAL_STORY = """    kind: real
    consent:
      given_by: {given_by}
      under_18: {under_18}
      date: 2026-10-01
      scope: [{scope}]
      expires: {expires}
"""


def real_story(given_by="person", under_18="false", scope="web, print", expires="2030-01-01") -> str:
    return REAL_STORY.format(given_by=given_by, under_18=under_18, scope=scope, expires=expires)


CASES = [
    # (id, file, old, new, exit code, expected line, expected hint or None)
    ("v1-consent-warns", f"{DEMO}/vi.yml", "    kind: composite\n", "    consent: true\n", 0,
     "campaigns/demo/vi.yml:21:5: warning: stories[0].consent: the story has 'consent: true' but no record of who "
     "gave it, when, and for what; it is published on the site and on paper for now", None),
    ("real-without-record", f"{DEMO}/vi.yml", "    kind: composite\n", "    kind: real\n", 1,
     "campaigns/demo/vi.yml:20:5: error: stories[0]: a real story needs a consent record: who gave it, when and for what",
     "hint: add consent: with given_by (person or guardian), date and scope ([web, print, audio])"),
    ("minor-without-guardian", f"{DEMO}/vi.yml", "    kind: composite\n", real_story(under_18="true"), 1,
     "campaigns/demo/vi.yml:23:7: error: stories[0].consent.given_by: the person was under 18: consent must be given "
     "by a guardian", "hint: ask a parent or legal guardian, then write 'given_by: guardian'"),
    ("consent-expired", f"{DEMO}/vi.yml", "    kind: composite\n", real_story(expires="2020-01-01"), 0,
     "campaigns/demo/vi.yml:27:7: warning: stories[0].consent.expires: the consent expired on 2020-01-01: the story "
     "is no longer published", None),
    ("consent-not-for-web", f"{DEMO}/vi.yml", "    kind: composite\n", real_story(scope="print"), 0,
     "campaigns/demo/vi.yml:26:7: warning: stories[0].consent.scope: the consent does not cover the web: the story "
     "is not on the site", None),
    ("unknown-story-kind", f"{DEMO}/vi.yml", "kind: composite", "kind: invented", 1,
     "campaigns/demo/vi.yml:21:5: error: stories[0].kind: expected one of composite, real, found the text 'invented'",
     None),
    ("hmong-orthography", f"{DEMO}/hmn.yml", "orthography: RPA", "orthography: Latin", 1,
     "campaigns/demo/hmn.yml:3:3: error: translation.orthography: expected RPA or 1961 for Hmong, found 'Latin'",
     "hint: write RPA (Romanized Popular Alphabet) or 1961 (the Vietnamese-based script of 1961)"),
    ("review-in-the-future", f"{DEMO}/hmn.yml", "status: draft",
     "status: reviewed\n  reviewed_by: Hội LHPN xã\n  reviewed_on: 2062-11-20", 1,
     "campaigns/demo/hmn.yml:4:3: error: translation.reviewed_on: the review is dated 2062-11-20, a day still to come",
     "hint: write the day the native speaker checked the text"),
    ("hmong-orthography-missing", f"{DEMO}/hmn.yml", "  orthography: RPA\n", "  dialect: Hmoob Ntsuab\n", 0,
     "campaigns/demo/hmn.yml:1:1: warning: translation: a Hmong text must say its orthography", None),
    ("required-hotline-missing", "campaigns/hotlines.yml", "    free: true\n", "    required: true\n    free: true\n", 0,
     None, None),  # both campaigns carry both hotlines: nothing to report
    ("required-hotline-not-carried", f"{DEMO}/campaign.yml", "hotlines: [child-protection, police]",
     "hotlines: [police]", 0, None, None),
    ("retired-number-as-hotline", "campaigns/hotlines.yml", 'number: "113"', 'number: "18001567"', 1,
     "campaigns/hotlines.yml:11:5: error: hotlines[1].number: the number 18001567 is retired "
     "(campaigns/hotlines.yml, retired[0])",
     "hint: write the number that replaced it, or remove it from the retired list"),
    ("checked-in-the-future", "campaigns/hotlines.yml", "checked: 2026-11-01", "checked: 2999-01-01", 1,
     "campaigns/hotlines.yml:6:5: error: hotlines[0].checked: the number 111 is dated as confirmed on 2999-01-01, "
     "a day still to come", None),
    ("publisher-without-source-language", "campaigns/publisher.yml", "  vi: Sở Y tế", "  hmn: Sở Y tế", 1,
     "campaigns/publisher.yml:1:1: error: organisation: the organisation's name in the source language (vi) is missing",
     "hint: add 'vi: ...' under organisation"),
    ("publisher-unknown-key", "campaigns/publisher.yml", "free_distribution:", "free_distributon:", 1,
     "campaigns/publisher.yml:5:1: error: free_distributon: unknown key 'free_distributon'",
     "hint: did you mean 'free_distribution'?"),
]

RETIRED = 'retired:\n  - number: "18001567"\n    replaced_by: child-protection\n    note: until 2017\n'
PUBLISHER = "organisation:\n  vi: Sở Y tế tỉnh Lào Cai\ncontact: \"0214 3840 000\"\nedition: 2026-12\nfree_distribution: true\n"


@pytest.fixture
def v2_project(project):
    """The fixture project with a retired number and a publisher (version 2 files)."""
    with (project / "campaigns/hotlines.yml").open("a", encoding="utf-8") as file:
        file.write(RETIRED)
    (project / "campaigns/publisher.yml").write_text(PUBLISHER, encoding="utf-8")
    return project


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_v2_message(case, v2_project, run_loa):
    name, relative, old, new, code, message, hint = case
    if name == "required-hotline-not-carried":
        edit(v2_project, "campaigns/hotlines.yml", "    free: true\n", "    required: true\n    free: true\n")
        message = ("campaigns/demo/campaign.yml:3:1: error: hotlines: the hotline 'child-protection' (111) is required "
                   "in every campaign")
        hint, code = "hint: add child-protection to hotlines: [child-protection, police]", 1
    edit(v2_project, relative, old, new)
    found, out, err = run_loa(v2_project, "check")
    assert found == code, err
    assert "Traceback" not in err
    if message is None:
        assert "required" not in err
        return
    lines = err.splitlines()
    assert message in lines, err
    if hint:
        assert lines[lines.index(message) + 1].strip() == hint


def test_version_1_files_stay_valid(project, run_loa):
    """No kind, consent: true, no publisher, no retired list: accepted, with one warning for the story."""
    edit(project, f"{DEMO}/vi.yml", "    kind: composite\n", "    consent: true\n")
    code, _, err = run_loa(project, "check")
    assert code == 0, err
    assert err.strip().splitlines()[-1] == "0 errors, 1 warning"


def test_story_withheld_after_expiry(v2_project):
    import datetime

    from loa.glue.config import load_config
    from loa.translation.localize import localize
    from loa.content.validate import check_content

    edit(v2_project, f"{DEMO}/vi.yml", "    kind: composite\n", real_story(expires="2027-06-30", scope="web"))
    config = load_config(v2_project / "mkdocs.yml")
    content, problems = check_content(config, today=datetime.date(2026, 12, 1))
    campaign = content.campaigns[0]
    assert len(localize(campaign, "vi", "web", datetime.date(2027, 6, 30)).stories) == 1
    assert localize(campaign, "vi", "web", datetime.date(2027, 7, 1)).stories == ()
    assert localize(campaign, "vi", "print", datetime.date(2027, 1, 1)).stories == ()  # scope is web only
    assert content.publisher.organisation == {"vi": "Sở Y tế tỉnh Lào Cai"}
    assert content.retired[0].replaced_by == "child-protection"


def test_composite_story_is_marked_composite(project):
    from loa.glue.config import load_config
    from loa.translation.localize import localize
    from loa.content.validate import check_content

    content, _ = check_content(load_config(project / "mkdocs.yml"))
    (story,) = localize(content.campaigns[0], "hmn").stories
    assert story.composite and story.fallback
