"""A good sample of the report's figures, written as the report writes them, must appear on the site."""

import re

import pytest
from django.urls import reverse

# measure key -> the figure as the report prints it
REPORT_FIGURES = {
    "officer-strength": "3,069.67",
    "officer-strength-plan": "3,200",
    "tct-constables-total": "58",
    "tcs-total": "10",
    "frontline-devices": "2,300",
    "specials-headcount": "515",
    "specials-growth-rate": "22.1%",
    "specials-national-change": "12.3%",
    "hubs-colocated": "8",
    "cadet-units-2019": "13",
    "cadets-2019": "354",
    "active-citizens": "128",
    "watch-members-total": "185,000",
    "watch-schemes-count": "15",
    "csas-organisations": "53",
    "csas-persons-asb": "350",
    "inv-town-centre-officers": "68",
    "inv-local-policing-teams-officers": "50",
    "inv-gangs-staff": "11",
    "inv-operational-total-officers": "215",
    "inv-operational-total-staff": "32",
    "inv-support-functions-staff": "18",
    "tct-southend": "5",
    "tct-harlow": "3",
    "tct-clacton": "3",
    "public-engagement-team-cost": "£115,398",
    "sb-calls-2016-17": "659,670",
    "sb-calls-2017-18": "676,227",
    "sb-calls-2018-19": "611,420",
    "sb-gos-2016-17": "89.02%",
    "sb-gos-2018-19": "95.65%",
    "cb-inbound": "98,988",
    "cb-answered": "54,456",
    "cb-abandoned-share": "22.5%",
    "cb-callback": "22,276",
    "cb-gos-2018": "37.70%",
    "cb-gos-2019": "56.20%",
    "cb-answer-time-2018": "00:11:53",
    "cb-answer-time-2019": "00:06:31",
    "cb-extra-calls-share": "78.83%",
    "fcr-calls-2016-17": "340,281",
    "fcr-gos-2016-17": "43.92%",
    "fcr-gos-ytd": "45.3%",
    "online-all-crime": "13,488",
    "online-reported-share": "15.8%",
    "online-recorded-share-online": "60.1%",
    "pnc-officers-q2": "6,424",
    "pnc-fcr-q4": "9,635",
    "inv-gtret-current": "£273,330",
    "inv-rural-total": "£302,441.00",
    "inv-gtret-full": "£679,179.00",
    "inv-business-crime-unit": "£221,626.00",
    "rural-offences": "22,480",
    "citizens-in-policing-cost": "£230,976",
    "pps-confidence-2017-18": "69.0%",
    "pps-confidence-2018-19": "67.0%",
    "pps-understanding-2017-18": "54.0%",
    "pps-understanding-2018-19": "59.0%",
    "csew-confidence-2016": "53.6%",
    "csew-confidence-2018": "48.1%",
    "csew-understanding-2017": "59.2%",
    "csew-understanding-2018": "61.4%",
    "csew-confidence-national-2018": "42",
    "csew-understanding-msg-2016": "6",
    "uttlesford-confidence-2018-19": "62%",
}
REPORT_INTERVALS = {
    "pps-understanding-2018-19": "1.1",
    "csew-confidence-2016": "4.0",
    "csew-confidence-2017": "5.2",
    "csew-understanding-2016": "3.9",
    "csew-understanding-2017": "4.9",
}
HEADLINES = ["3,069.67 FTE", "58 people", "2,300 people", "515 people", "185,000 people", "354 people"]


def all_pages(client):
    from performance.models import Section

    html = client.get(reverse("performance:index")).content.decode()
    for section in Section.objects.all():
        html += client.get(section.get_absolute_url()).content.decode()
    return html


def test_every_sampled_figure_appears_as_the_report_gives_it(client, figures):
    html = all_pages(client)
    for key, expected in REPORT_FIGURES.items():
        shown = re.findall(rf'data-measure="{re.escape(key)}"[^>]*>([^<]+)', html)
        assert shown, f"{key} is not on any page"
        # a standalone figure carries its unit word ("3,069.67 FTE"), a table cell does not
        assert all(text.strip().split(" ")[0] == expected for text in shown), (key, shown, expected)


def test_confidence_intervals_match_the_report(figures):
    from performance.models import Measure

    for key, expected in REPORT_INTERVALS.items():
        assert Measure.objects.get(key=key).ci_text == expected


def test_overview_shows_the_headline_figures_with_period_and_source(client, figures):
    html = client.get(reverse("performance:index")).content.decode()
    for figure in HEADLINES:
        assert figure in html
    assert "as at 1 July 2019" in html and "Force records in the board report" in html


@pytest.mark.django_db
def test_overview_without_figures_says_so(client):
    response = client.get(reverse("performance:index"))
    assert response.status_code == 200
    assert "No performance figures have been published yet." in response.content.decode()
