"""Keyboard-only application in headless Chromium, with an axe scan of every page."""

import re

import pytest
from playwright.sync_api import expect

from iag.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data():
    from force import demo as site_demo
    from iag import demo

    site_demo.load(force="essex")
    demo.load(force="essex")


def tab_to(page, selector: str, limit: int = 120):
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def assert_accessible(page, axe, seen: list):
    violations = axe(page)
    assert violations == [], (page.url, violations)
    seen.append(page.title())


def type_into(page, selector: str, text: str):
    tab_to(page, selector)
    page.keyboard.type(text)


def press_continue(page):
    tab_to(page, "button[name=submit], input[type=submit][name=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_application_from_the_home_page(browser_page, axe, demo_data):
    page, seen = browser_page, []
    page.goto("/")
    tab_to(page, "main a[href='/independent-advisory-groups/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, axe, seen)

    tab_to(page, "a.govuk-button--start")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply/your-details/$"))
    assert_accessible(page, axe, seen)

    press_continue(page)  # nothing filled in: errors
    expect(page).to_have_title(re.compile(r"^Error:"))  # once the answer has loaded
    assert_accessible(page, axe, seen)

    type_into(page, "#id_full_name", "Jo Bloggs")
    type_into(page, "#id_email", "jo@example.org")
    type_into(page, "#id_postcode", "cm2 6da")
    press_continue(page)

    assert page.url.endswith("/apply/groups/")
    assert_accessible(page, axe, seen)
    tab_to(page, "input[name=groups]")
    page.keyboard.press("Space")
    press_continue(page)

    assert page.url.endswith("/apply/communities/")
    assert_accessible(page, axe, seen)
    tab_to(page, "input[name=communities]")
    page.keyboard.press("Space")
    type_into(page, "textarea[name=communities_detail]", "I run a youth club.")
    press_continue(page)

    assert page.url.endswith("/apply/why-join/")
    assert_accessible(page, axe, seen)
    type_into(page, "textarea[name=why_join]", "To help the police listen.")
    type_into(page, "textarea[name=experience]", "Ten years of youth work.")
    tab_to(page, "input[name=can_attend]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=heard_about]")
    page.keyboard.press("Space")
    press_continue(page)

    assert page.url.endswith("/apply/equality/")
    assert_accessible(page, axe, seen)
    press_continue(page)

    assert page.url.endswith("/apply/check-your-answers/")
    assert_accessible(page, axe, seen)
    press_continue(page)  # consent not given: error
    expect(page).to_have_title(re.compile(r"^Error:"))  # once the answer has loaded
    assert_accessible(page, axe, seen)
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    press_continue(page)

    assert page.url.endswith("/apply/application-sent/")
    assert_accessible(page, axe, seen)
    reference = Application.objects.get(email="jo@example.org").reference
    assert reference in page.inner_text(".govuk-panel")
    assert len(seen) == 10


def test_groups_status_and_withdrawal_pages_are_accessible(browser_page, axe, demo_data):
    page, seen = browser_page, []
    page.goto("/independent-advisory-groups/groups/")
    assert_accessible(page, axe, seen)
    application = Application.objects.get(reference="IAG-DEMO-0002")
    page.goto(f"/independent-advisory-groups/application/{application.status_token}/")
    assert "Under review" in page.inner_text("main")
    assert_accessible(page, axe, seen)
    tab_to(page, "main a.govuk-button--warning")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, axe, seen)
    tab_to(page, "main button.govuk-button--warning")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/application/withdrawn/")
    assert_accessible(page, axe, seen)
    application.refresh_from_db()
    assert application.anonymised_at is not None
