"""Numbers in campaign texts are checked while campaigns/hotlines.yml has an error, with no false alarm.

The officer sees the hotline mistake and the stray or retired numbers in one run; a number that
may belong to the broken hotline entry, or a campaign that names that entry, gets no word yet.
"""

from __future__ import annotations

from test_check_messages import DEMO, edit
from test_format_v2 import RETIRED
from test_print_gates import STORY, lines_of

BROKEN_POLICE = ('number: "113"\n    free: true', 'number: "113"\n    free: maybe')


def broken_police(project, campaign_hotlines: str) -> None:
    """hotlines.yml with a retired number and an error in the police entry; the demo names `campaign_hotlines`."""
    with (project / "campaigns/hotlines.yml").open("a", encoding="utf-8") as file:
        file.write(RETIRED)
    edit(project, "campaigns/hotlines.yml", *BROKEN_POLICE)
    edit(project, f"{DEMO}/campaign.yml", "hotlines: [child-protection, police]", f"hotlines: {campaign_hotlines}")


def test_a_stray_number_is_reported_beside_the_hotline_error(project, run_loa):
    broken_police(project, "[child-protection]")
    edit(project, f"{DEMO}/vi.yml", STORY, "text: Gọi 0912 345 678 nhé.")
    code, _, err = run_loa(project, "check")
    assert code == 1
    assert any(line.startswith("campaigns/hotlines.yml:") and "hotlines[1].free" in line for line in lines_of(err)), err
    assert ("campaigns/demo/vi.yml:22:15: warning: stories[0].text: the number 0912 345 678 is not one of this "
            "campaign's hotlines (111 (child-protection))") in lines_of(err)


def test_a_retired_number_is_reported_beside_the_hotline_error(project, run_loa):
    broken_police(project, "[child-protection, police]")
    edit(project, f"{DEMO}/vi.yml", STORY, "text: Gọi 1800 1567 hay 0912 345 678 nhé.")
    code, _, err = run_loa(project, "check")
    assert ("campaigns/demo/vi.yml:22:15: error: stories[0].text: the number 1800 1567 is retired (until 2017): "
            "it must never be printed again") in lines_of(err)
    assert "0912 345 678" not in err  # the campaign names the broken police entry: its numbers are not all known


def test_the_number_of_the_broken_entry_is_not_called_stray(project, run_loa):
    broken_police(project, "[child-protection]")
    edit(project, f"{DEMO}/vi.yml", STORY, "text: Gọi 113 hay 0912 345 678 nhé.")
    code, _, err = run_loa(project, "check")
    assert "the number 0912 345 678 is not one of this campaign's hotlines" in err
    assert "the number 113 " not in err  # written in the entry with the error: maybe a hotline once fixed


def test_once_fixed_the_same_numbers_are_reported_as_before(project, run_loa):
    broken_police(project, "[child-protection]")
    edit(project, f"{DEMO}/vi.yml", STORY, "text: Gọi 113 hay 0912 345 678 nhé.")
    edit(project, "campaigns/hotlines.yml", BROKEN_POLICE[1], BROKEN_POLICE[0])
    code, _, err = run_loa(project, "check")
    assert "the number 0912 345 678 is not one of this campaign's hotlines" in err
    assert "hint: add police to hotlines: in campaigns/demo/campaign.yml, or remove the number" in err
