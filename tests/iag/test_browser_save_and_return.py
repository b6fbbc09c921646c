"""Save and come back later in headless Chromium: save on question 3, follow the
emailed link in a fresh browser context, send; a used and an expired link. With
the keyboard only and an axe scan of every page, then again with JavaScript off."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from form_drafts.models import FormDraft
from iag.models import Application
from tests.form_drafts.return_link import return_path

from .test_browser_journey import assert_accessible, press_continue, tab_to, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DETAIL = "I run a youth club."


@pytest.fixture
def demo_data():
    from force import demo as site_demo
    from iag import demo

    site_demo.load(force="essex")
    demo.load(force="essex")


@pytest.fixture
def fresh_context(browser, live_server, settings):
    """Pages in new browser contexts (another device: no cookies), JavaScript on or off."""
    settings.ALLOWED_HOSTS = ["*"]
    contexts = []

    def new_page(javascript: bool = True):
        context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10000)
        return page

    yield new_page
    for context in contexts:
        context.close()


def press(page, selector: str):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_save_on_question_3_and_carry_on_in_another_browser(browser_page, axe, demo_data, fresh_context):
    page, seen = browser_page, []
    page.goto(reverse("iag:apply_step", args=["your-details"]))
    press(page, "button[name=save_for_later]")  # nothing filled in: only the email is asked for
    expect(page).to_have_title(re.compile(r"^Error:"))  # once the answer has loaded
    assert "so we can send you a link" in page.inner_text(".govuk-error-summary")
    assert_accessible(page, axe, seen)
    type_into(page, "#id_full_name", "Jo Bloggs")
    type_into(page, "#id_email", "jo@example.org")
    type_into(page, "#id_postcode", "cm2 6da")
    press_continue(page)
    tab_to(page, "input[name=groups]")
    page.keyboard.press("Space")
    press_continue(page)
    assert page.url.endswith("/apply/communities/")
    type_into(page, "textarea[name=communities_detail]", DETAIL)  # question 3, half answered
    press(page, "button[name=save_for_later]")
    assert page.url.endswith(reverse("form_drafts:saved"))
    assert "Your answers have been saved" in page.inner_text("main")
    assert_accessible(page, axe, seen)

    other = fresh_context()
    link = return_path("jo@example.org")
    other.goto(link)
    assert_accessible(other, axe, seen)
    press(other, "main button[type=submit]")
    assert other.url.endswith("/apply/communities/")
    assert other.input_value("textarea[name=communities_detail]") == DETAIL
    assert_accessible(other, axe, seen)
    tab_to(other, "input[name=communities]")
    other.keyboard.press("Space")
    press_continue(other)
    type_into(other, "textarea[name=why_join]", "To help the police listen.")
    type_into(other, "textarea[name=experience]", "Ten years of youth work.")
    tab_to(other, "input[name=can_attend]")
    other.keyboard.press("Space")
    tab_to(other, "input[name=heard_about]")
    other.keyboard.press("Space")
    press_continue(other)
    press_continue(other)  # equality: all optional
    assert other.url.endswith("/apply/check-your-answers/")
    assert "Jo Bloggs" in other.inner_text("main") and DETAIL in other.inner_text("main")
    tab_to(other, "input[name=consent]")
    other.keyboard.press("Space")
    press_continue(other)
    assert other.url.endswith("/apply/application-sent/")
    assert_accessible(other, axe, seen)
    assert Application.objects.get(email="jo@example.org").communities_detail == DETAIL

    third = fresh_context()
    response = third.goto(link)
    assert response.status == 410 and "This link has already been used" in third.inner_text("h1")
    assert_accessible(third, axe, seen)
    page.goto(reverse("emails_we_send"))
    assert_accessible(page, axe, seen)
    assert len(seen) == 7


def test_save_and_return_with_javascript_off_and_an_expired_link(browser_page_no_js, axe, demo_data, fresh_context):
    page = browser_page_no_js
    page.goto(reverse("iag:apply_step", args=["your-details"]))
    page.get_by_label("Full name").fill("Jo Bloggs")
    page.get_by_label("Email address").fill("jo@example.org")
    page.get_by_label("Postcode").fill("cm2 6da")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/apply/groups/$"))
    page.locator("input[name=groups]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/apply/communities/$"))
    page.locator("textarea[name=communities_detail]").fill(DETAIL)
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url(f"**{reverse('form_drafts:saved')}")

    link = return_path("jo@example.org")
    other = fresh_context(javascript=False)
    other.goto(link)
    other.get_by_role("button", name="Open my saved answers").click()
    other.wait_for_url(re.compile(r"/apply/communities/$"))
    assert other.input_value("textarea[name=communities_detail]") == DETAIL
    used = fresh_context(javascript=False).goto(link)
    assert used.status == 410

    # Saved again, then left past its expiry (before the hourly clean-up deletes it).
    other.get_by_role("button", name="Save and come back later").click()
    other.wait_for_url(f"**{reverse('form_drafts:saved')}")
    expired_link = return_path("jo@example.org")
    assert expired_link != link
    FormDraft.objects.update(expires_at=FormDraft.objects.get().updated_at)
    expired = fresh_context(javascript=False)
    response = expired.goto(expired_link)
    assert response.status == 410 and "This link has expired" in expired.inner_text("h1")
    checked = fresh_context()  # axe needs JavaScript: the same page, scanned
    checked.goto(expired_link)
    assert axe(checked) == []
