"""The directory and a network page in a real browser: axe-core finds nothing,
and the directory works with JavaScript switched off."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def load_demo():
    from force import demo as site_demo
    from networks import demo

    site_demo.load(force="essex")
    demo.load(force="essex")


def test_directory_pages_have_no_axe_violations(browser_page, axe):
    load_demo()
    page = browser_page
    for path, heading in [
        ("/staff-networks/", "All 14 networks"),
        ("/staff-networks/?q=support&category=wellbeing-and-support&join=volunteers", "network"),
        ("/staff-networks/?q=no+such+network", "0 networks found"),
    ]:
        page.goto(path)
        assert heading in page.locator("#results").inner_text()
        assert axe(page) == [], path


def test_network_page_and_contact_form_have_no_axe_violations(browser_page, axe):
    load_demo()
    page = browser_page
    page.goto("/staff-networks/catholic-police-guild/")
    assert page.get_by_role("heading", level=1).inner_text() == "Catholic Police Guild"
    assert axe(page) == []
    page.get_by_role("button", name="Contact this network").click()
    page.get_by_role("button", name="Send message").click()  # nothing filled in
    expect(page).to_have_title(re.compile(r"^Error: "))  # once the answer has loaded
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe(page) == []


def test_directory_search_and_filters_work_without_javascript(browser_page_no_js):
    load_demo()
    page = browser_page_no_js
    page.goto("/staff-networks/")
    page.get_by_label("Search networks").fill("FORUM")
    page.get_by_label("Volunteers").check()
    page.get_by_role("button", name="Show networks").click()
    assert "q=FORUM" in page.url and "join=volunteers" in page.url
    results = page.locator("#results").inner_text()
    assert results.strip() == "1 network found"
    assert page.get_by_role("link", name="Men's Forum").is_visible()
    # The URL can be shared: opening it again gives the same view.
    page.goto(page.url)
    assert page.get_by_label("Volunteers").is_checked()
    page.get_by_role("link", name="Remove who can join Volunteers").click()
    assert "join=" not in page.url
    assert "3 networks found" in page.locator("#results").inner_text()
    page.get_by_role("link", name="Men's Forum").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Men's Forum"


def test_directory_pages_of_networks_pass_axe_and_keep_the_filters(browser_page, axe):
    from tests.networks.test_query_count import add_networks

    add_networks(60)  # 54 published: three pages
    page = browser_page
    page.goto("/staff-networks/?join=staff")
    pagination = page.get_by_role("navigation", name="Pages of networks")
    assert pagination.get_by_role("link", name="Page 1").get_attribute("aria-current") == "page"
    assert axe(page) == []
    pagination.get_by_role("link", name="Next page").click()
    page.wait_for_url("**page=2")
    assert "join=staff" in page.url and "page=2" in page.url
    assert "(page 2 of 3)" in page.title()
    assert axe(page) == [], page.url
    page.get_by_role("navigation", name="Pages of networks").get_by_role("link", name="Previous page").click()
    page.wait_for_url("**?join=staff")
    assert "page=" not in page.url and "join=staff" in page.url
