"""Each finding of the check against the report (issue 18), on the loaded data and on the page."""

import html
import re

import pytest
from django.urls import reverse

from performance.models import Measure, Source, Table


def measure(key) -> Measure:
    return Measure.objects.select_related("source", "section").get(key=key)


def page(client, url) -> str:
    return html.unescape(client.get(url).content.decode())


def section_html(client, key) -> str:
    return page(client, measure(key).section.get_absolute_url())


def shown(text, key) -> str:
    (text,) = re.findall(rf'data-measure="{re.escape(key)}"[^>]*>([^<]+)', text)
    return text.strip()


@pytest.mark.parametrize("key", ["specials-growth-rate", "specials-national-change"])
def test_specials_statistics_give_no_period_the_report_does_not(client, figures, key):
    period = measure(key).period
    assert "year to January 2019" not in period and "(to January 2019)" not in period
    assert "published in January 2019" in period
    assert period in section_html(client, key)


def test_headcount_summary_follows_the_note_on_515_and_513(client, figures):
    table = Table.objects.get(slug="special-constabulary-headcount")
    assert "350" in table.summary and "513" in table.summary and "515" in table.summary
    assert not table.summary.rstrip(".").endswith("to 515")
    assert table.summary in page(client, table.section.get_absolute_url())


def test_rural_investment_claims_no_period(client, figures):
    table = Table.objects.get(slug="rural-business-investment")
    assert "a year" not in table.summary
    assert "without saying over what period" in table.note
    for m in table.measures.all():
        assert m.period != "2019" and "a year" not in m.period
    assert "without saying over what period" in page(client, table.section.get_absolute_url())


def test_national_uniformed_presence_average_is_not_sourced_to_force_records(client, figures):
    m = measure("uniformed-presence-national")
    assert m.source.slug != "force-records"
    assert "names no source" in m.source.name
    assert m.source.name in section_html(client, m.key)


def test_fcr_year_to_date_carries_a_note_that_its_year_is_unclear(client, figures):
    m = measure("fcr-gos-ytd")
    assert "2018/19" in m.note and "not clear" in m.note
    assert m.note in section_html(client, m.key)


def test_online_recorded_note_gives_the_reports_inconsistency(client, figures):
    m, online, everything = measure("online-recorded"), measure("online-reported"), measure("online-all-crime")
    # the arithmetic the note states, from the report's own counts
    assert f"{m.value / online.value * 100:.1f}%" == "57.2%" and "57.2%" in m.note
    assert f"{m.value / everything.value * 100:.1f}%" == "9.0%" and "9.0%" in m.note
    assert "60.1%" in m.note and "9.5%" in m.note
    assert m.note in section_html(client, m.key)


def test_hubs_note_says_the_report_disagrees_on_which_districts_lack_a_hub(client, figures):
    note = measure("hubs-colocated").note
    for district in ("Basildon", "Thurrock", "Harlow"):
        assert district in note
    assert "4.6" in note and "6.6" in note
    assert "Basildon" in page(client, reverse("performance:index"))  # a headline, note shown


def test_survey_source_gives_the_sample_size_not_responses_a_year(figures):
    description = Source.objects.get(slug="public-perception-survey").description
    assert "sample size of 7,700" in description and "a year" not in description


# key -> (value as shown, unit word or sign) for the figures the check found left out
LEFT_OUT = {
    "csew-margin-force": "5.6 percentage points",
    "pps-margin-district": "4.2 percentage points",
    "applicants-ethnic-minority-share": "6.6%",
    "workforce-ethnic-minority-share": "3%",
    "town-centre-teams-launched": "23",
    "specials-headcount-target": "600 people",
    "facebook-page-likes": "190,000 people",
    "facebook-regular-post-reach": "150,000 people",
    "twitter-accounts": "400",
    "rural-area-share": "75%",
    "population-growth-2036": "17%",
}


@pytest.mark.parametrize(("key", "expected"), LEFT_OUT.items())
def test_figures_left_out_before_are_on_their_page(client, figures, key, expected):
    assert shown(section_html(client, key), key) == expected


def test_left_out_figures_keep_the_reports_periods_and_wording(figures):
    assert measure("town-centre-teams-launched").period == "launched on 22 July 2019"
    assert measure("population-growth-2036").period == "by 2036"
    assert "three quarters" in measure("rural-area-share").note
    assert "600 or more" in measure("specials-headcount-target").note
    assert measure("csew-margin-force").sample_size == 900


def test_applicant_and_workforce_shares_are_stated_in_words_too(client, figures):
    text = section_html(client, "applicants-ethnic-minority-share")
    assert "6.6% of the people applying to join the force come from ethnic minority backgrounds" in text
    assert "against 3% of its current workforce" in text
