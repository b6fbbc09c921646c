import re
from urllib.parse import urlparse

import pytest

import private_links
from outbox.models import Notification
from positive_action.models import Booking


def tab_to(page, text: str, limit: int = 80):
    """Press Tab until the focused element's accessible text or label contains `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(
            """(text) => {
                const el = document.activeElement;
                if (!el) return false;
                const label = el.labels && el.labels[0] ? el.labels[0].innerText : '';
                return (el.innerText || el.value || '').includes(text) || label.includes(text);
            }""",
            text,
        )
        if found:
            return
    raise AssertionError(f"could not reach {text!r} with the keyboard")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_book_the_last_place_by_keyboard_then_cancel_from_the_email(browser_page, axe, make_evening, book):
    from force import demo as site_demo

    site_demo.load(force="essex")
    page = browser_page
    evening = make_evening(capacity=2, title="Keyboard evening")
    book(evening, 1)

    page.goto("/positive-action/preparation-evenings/")
    assert axe(page) == []
    tab_to(page, "Book a place")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/book/$"))
    assert axe(page) == []

    # One mistake first: the error summary must pass axe and keep the answers.
    tab_to(page, "Full name")
    page.keyboard.type("Alex Smith")
    page.keyboard.press("Tab")
    page.keyboard.type("alex@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type("not valid")
    tab_to(page, "Book a place")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert axe(page) == []
    assert page.input_value("#id_email") == "alex@example.com"

    page.focus("#id_candidate_reference")
    page.keyboard.press("Control+A")
    page.keyboard.type("ABC123456")
    tab_to(page, "Book a place")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Check your email")
    assert axe(page) == []
    assert "/positive-action/bookings/" not in page.content()  # the private link only goes by email
    evening.refresh_from_db()
    assert evening.booked == 2 and evening.places_left == 0

    booking = Booking.objects.get(candidate_reference="ABC123456")
    email = Notification.objects.get(kind="positive_action.confirmed", recipient="alex@example.com")
    sent, _html, _headers = private_links.fill(email)  # as the outbox sends it; the stored body has a placeholder
    link = re.search(r"https?://\S+/positive-action/bookings/[\w.-]+/", sent).group(0)
    page.goto(urlparse(link).path)  # the emailed link, on the test server
    page.wait_for_selector("text=Your place is booked")
    assert axe(page) == []
    tab_to(page, "Cancel my place")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Cancel your place?")
    assert axe(page) == []
    tab_to(page, "Yes, cancel")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your booking is cancelled")
    assert axe(page) == []
    booking.refresh_from_db()
    evening.refresh_from_db()
    assert booking.status == "cancelled" and evening.booked == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_explain_pages_and_sign_up_pass_axe(browser_page, axe):
    from force import demo as site_demo
    from positive_action import demo

    site_demo.load(force="essex")
    demo.load(force="essex")
    page = browser_page
    for path in ["/positive-action/", "/positive-action/buddies/", "/positive-action/under-representation/"]:
        page.goto(path)
        assert axe(page) == [], path
    page.goto("/positive-action/sign-up/")
    assert axe(page) == []
    page.click("text=Continue")
    page.wait_for_selector(".govuk-error-summary")
    assert axe(page) == []
    page.fill("#id_name", "Alex Smith")
    page.fill("#id_email", "alex@example.com")
    page.fill("#id_phone", "07700 900 982")
    page.fill("#id_candidate_reference", "ABC123456")
    page.check("input[name=role] >> nth=0")
    page.check("input[name=stage] >> nth=0")
    page.check("input[name=wants_buddy][value=yes]")
    page.check("#id_consent")
    page.click("text=Continue")
    page.wait_for_selector("text=Check your answers before signing up")
    assert axe(page) == []
    page.click("text=Accept and send")
    page.wait_for_selector("text=Sign-up complete")
    assert axe(page) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_of_evenings_pass_axe(browser_page, axe):
    from positive_action.selectors import EVENINGS_PER_PAGE
    from tests.positive_action.test_evenings_pages import add_evenings

    add_evenings(EVENINGS_PER_PAGE + 2)
    page = browser_page
    page.goto("/positive-action/preparation-evenings/")
    assert axe(page) == []
    page.get_by_role("navigation", name="Pages of preparation evenings").get_by_role("link", name="Next page").click()
    page.wait_for_url("**?page=2")
    assert "(page 2 of 2)" in page.title()
    assert page.locator(".govuk-summary-card").count() == 2
    assert axe(page) == []
