"""Save and come back later on the programme sign-up, JavaScript off: saved half
done, opened in a fresh browser context from the emailed link; axe on each page."""

import re

import pytest
from django.urls import reverse

from tests.form_drafts.return_link import return_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADJUSTMENTS = "A quiet room, please"


def test_sign_up_saved_half_done_and_carried_on_in_another_browser(
    browser, live_server, browser_page_no_js, axe, pa_demo
):
    page = browser_page_no_js
    page.goto(reverse("positive_action:signup"))
    page.get_by_role("button", name="Save and come back later").click()
    assert "so we can send you a link" in page.inner_text(".govuk-error-summary")
    page.get_by_label("Full name").fill("Alex Smith")
    page.get_by_label("Email address").fill("alex@example.com")
    page.get_by_label("Do you need any adjustments? (optional)").fill(ADJUSTMENTS)
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url(f"**{reverse('form_drafts:saved')}")

    contexts = [browser.new_context(base_url=live_server.url, java_script_enabled=js) for js in (False, True)]
    try:
        other, scanner = (context.new_page() for context in contexts)
        link = return_path("alex@example.com")
        scanner.goto(link)  # axe needs JavaScript; looking does not use the link up
        assert axe(scanner) == []
        other.goto(link)
        other.get_by_role("button", name="Open my saved answers").click()
        other.wait_for_url(re.compile(r"/sign-up/$"))
        assert other.input_value("#id_adjustments") == ADJUSTMENTS
        assert other.input_value("#id_name") == "Alex Smith"
        assert other.locator(".govuk-error-summary").count() == 0
        scanner.goto(reverse("positive_action:signup"))  # the scanner's own (empty) sign-up page
        assert axe(scanner) == []
        assert scanner.goto(link).status == 410
    finally:
        for context in contexts:
            context.close()
