"""The resident's journeys in headless Chromium, with an axe-core scan of every
page: sign up (with and without errors), confirm, preferences, unsubscribe."""

import re

import pytest
from playwright.sync_api import expect

from dispatch.models import Subscriber
from outbox.models import Notification

from .conftest import confirm_link_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page, axe, seen: list):
    violations = axe(page)
    assert violations == [], (page.url, violations)
    seen.append(page.title())


def submit(page, name: str):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def sign_up_and_confirm(page, axe, seen):
    page.goto("/")
    with page.expect_navigation():
        page.locator("footer").get_by_role("link", name="Dispatch e-newsletter").click()
    assert_accessible(page, axe, seen)

    submit(page, "Sign up")  # nothing filled in
    expect(page).to_have_title(re.compile(r"^Error:"))  # once the answer has loaded
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, axe, seen)

    page.get_by_label("Email address").fill("resident@example.org")
    page.get_by_label("Your name (optional)").fill("Sam")
    page.get_by_label("Colchester").check()
    page.get_by_label("Fraud and scams").check()
    submit(page, "Sign up")
    page.wait_for_url(re.compile(r"/dispatch/check-your-email/$"))
    assert_accessible(page, axe, seen)

    page.goto(confirm_link_path(Notification.objects.get(kind="dispatch.confirm")))
    assert_accessible(page, axe, seen)
    submit(page, "Confirm my subscription")
    page.wait_for_url(re.compile(r"/dispatch/preferences/"))
    assert "You are subscribed to Dispatch" in page.content()
    assert_accessible(page, axe, seen)


def test_sign_up_confirm_change_preferences_and_unsubscribe_with_no_axe_violations(
    browser_page, axe, districts, topics
):
    page, seen = browser_page, []
    sign_up_and_confirm(page, axe, seen)
    subscriber = Subscriber.objects.get()
    assert subscriber.is_confirmed

    page.get_by_label("Colchester").uncheck()
    submit(page, "Save my choices")  # no district left: an error
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, axe, seen)
    page.get_by_label("Harlow").check()
    submit(page, "Save my choices")
    assert "Your choices are saved" in page.content()
    assert_accessible(page, axe, seen)
    assert [d.name for d in subscriber.districts.all()] == ["Harlow"]

    with page.expect_navigation():
        page.get_by_role("link", name="Unsubscribe from Dispatch").click()
    assert_accessible(page, axe, seen)
    submit(page, "Unsubscribe")
    page.wait_for_url(re.compile(r"/dispatch/unsubscribed/$"))
    assert_accessible(page, axe, seen)
    assert not Subscriber.objects.exists()

    page.go_back()
    page.reload()  # the same link again: nothing to do, said plainly
    assert "You are not subscribed" in page.content()
    assert_accessible(page, axe, seen)
    assert len(seen) == 10


def test_link_problem_pages_have_no_axe_violations(browser_page, axe, make_subscriber):
    page, seen = browser_page, []
    page.goto("/dispatch/confirm/not-a-real-token/")
    assert "This link does not work" in page.content()
    assert_accessible(page, axe, seen)
    page.goto("/dispatch/preferences/not-a-real-token/")
    assert_accessible(page, axe, seen)
    subscriber = make_subscriber(confirmed=False)
    from dispatch import tokens

    token = tokens.confirmation_token(subscriber.key)
    subscriber.delete()
    page.goto(f"/dispatch/confirm/{token}/")
    assert "This link has expired" in page.content()
    assert_accessible(page, axe, seen)


def test_the_whole_journey_works_without_javascript(browser_page_no_js, axe, districts, topics):
    page, seen = browser_page_no_js, []
    sign_up_and_confirm(page, lambda _page: [], seen)
    with page.expect_navigation():
        page.get_by_role("link", name="Unsubscribe from Dispatch").click()
    submit(page, "Unsubscribe")
    assert "You have unsubscribed" in page.content()
    assert not Subscriber.objects.exists()
