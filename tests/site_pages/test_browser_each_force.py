"""The equality, IAG and positive action pages read in each force's own words in
Chromium, with example data marked, and axe finds nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# page: what a reader must see there, for each force
EXPECTED = {
    "essex": {
        "equality": ["What the diversity unit does", "Diversity and Inclusion Board", "extension 130072", "three aims"],
        "iag:index": ["since 2016", "The Professional Standards IAG followed in 2021", "meets four times a year"],
        "iag:groups": ["Basildon IAG", "Professional Standards IAG"],
        "positive_action:index": ["Positive action in recruitment", "communities of Essex"],
        "positive_action:buddies": ["Having a buddy"],
        "positive_action:evenings": ["Example data", "Preparation evening"],
    },
    "leicestershire": {
        "equality": [
            "What the Equality Unit does",
            "Equality Supporters Scheme, running since 1991",
            "three specific duties",
            "Our equality objectives",
        ],
        "iag:index": ["Example data", "not groups Leicestershire Police has published"],
        "iag:groups": ["City IAG", "Example data"],
        "positive_action:index": ["communities of Leicester, Leicestershire and Rutland"],
        "positive_action:buddies": ["Having a buddy"],
        "positive_action:evenings": ["Example data"],
    },
}


@pytest.mark.parametrize("force", sorted(EXPECTED))
def test_pages_read_in_the_forces_own_words_without_axe_violations(browser_page, axe, force):
    call_command("load_demo", "--force", force)
    for name, phrases in EXPECTED[force].items():
        browser_page.goto(reverse(name))
        text = " ".join(browser_page.locator("main").inner_text().split())
        for phrase in phrases:
            assert phrase in text, (name, phrase)
        assert axe(browser_page) == [], name


def test_language_switcher_reads_and_passes_axe_once_welsh_has_a_catalogue(browser_page, axe, welsh):
    call_command("load_demo", "--force", "essex")
    browser_page.goto(reverse("equality"))
    switcher = browser_page.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name="Cymraeg").click()
    browser_page.wait_for_url("**/cy/equality-and-diversity/")
    assert browser_page.locator("h1").inner_text() == "Cydraddoldeb ac amrywiaeth"
    assert axe(browser_page) == []
