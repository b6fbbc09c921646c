"""What a person sees in a real browser: accessibility, quick exit, cookies,
and a form that works with JavaScript off."""

import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from threading import Thread

import pytest
from django.urls import reverse

from outbox.models import Notification
from site_pages.models import Feedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PUBLIC_PAGES = [
    "home",
    "equality",
    "contact",
    "privacy",
    "accessibility",
    "cookies",
    "feedback",
    "feedback_sent",
    "iag_work:advice",
]


class _NeutralPage(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Weather</title><p>Sunny spells")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def neutral_url():
    """A stand-in for the neutral site on another origin (this machine has no internet)."""
    server = HTTPServer(("127.0.0.1", 0), _NeutralPage)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/weather"
    server.shutdown()


@pytest.fixture
def site(settings, neutral_url):
    from force import demo

    demo.load(force="essex")
    settings.QUICK_EXIT_URL = neutral_url


@pytest.fixture
def neutral_site(browser_page, neutral_url):
    return browser_page


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(browser_page, axe, site, name):
    browser_page.goto(reverse(name))
    assert axe(browser_page) == []


def test_pages_with_banner_and_error_summary_have_no_axe_violations(browser_page, axe, site):
    page = browser_page
    page.goto(reverse("feedback"))
    page.get_by_role("button", name="Send feedback").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe(page) == []
    page.goto("/no-such-page/")
    assert axe(page) == []


def test_quick_exit_button_clears_session_and_replaces_history(neutral_site, neutral_url, site):
    page = neutral_site
    page.goto(reverse("home"))
    page.goto(reverse("equality"))
    page.get_by_role("button", name="Emergency: Leave this site").click()
    page.wait_for_url(neutral_url)
    page.go_back()
    # Back goes to the page before the one left, never the page itself.
    assert page.url.endswith(reverse("home"))


def test_shift_three_times_leaves_and_is_announced(neutral_site, neutral_url, site):
    page = neutral_site
    page.goto(reverse("home"))
    page.goto(reverse("equality"))
    page.keyboard.press("Shift")
    assert "press 2 more times" in page.locator("#quick-exit-announcer").text_content()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(neutral_url)
    page.go_back()
    assert page.url.endswith(reverse("home"))


def test_typing_capitals_never_triggers_the_shift_route(neutral_site, site):
    page = neutral_site
    page.goto(reverse("feedback"))
    page.get_by_label("How could we improve it?").click()
    page.keyboard.type("ABC DEF GHI")  # each capital is Shift then a letter
    page.wait_for_timeout(300)
    assert page.url.endswith(reverse("feedback"))


def test_escape_leaves_at_once_outside_text_boxes_and_on_second_press_inside(neutral_site, neutral_url, site):
    page = neutral_site
    page.goto(reverse("feedback"))
    page.get_by_label("How could we improve it?").click()
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    assert page.url.endswith(reverse("feedback")), "one Escape in a text box only dismisses autocomplete"
    assert "Escape again" in page.locator("#quick-exit-announcer").text_content()
    page.keyboard.press("Escape")
    page.wait_for_url(neutral_url)

    page.goto(reverse("contact"))
    page.keyboard.press("Escape")
    page.wait_for_url(neutral_url)


def test_quick_exit_skip_link_is_first_on_the_keyboard_route(neutral_site, neutral_url, site):
    page = neutral_site
    page.goto(reverse("contact"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Leave this site now"
    page.keyboard.press("Enter")
    page.wait_for_url(neutral_url)


def test_accepting_cookies_sets_the_measure_cookie_only_then(browser_page, site):
    page = browser_page
    page.goto(reverse("home"))
    names = {cookie["name"] for cookie in page.context.cookies()}
    assert "site_measure" not in names and "cookies_policy" not in names
    page.get_by_role("button", name="Accept the visit-counting cookie").click()
    assert "You’ve accepted" in page.locator(".govuk-cookie-banner").text_content()
    page.goto(reverse("equality"))  # the next page view sets it
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["cookies_policy"]["value"] == "analytics:yes"
    assert cookies["cookies_policy"]["expires"] - time.time() > 364 * 24 * 3600  # kept for a year
    assert "site_measure" in cookies
    page.get_by_role("button", name="Hide cookie message").click()
    assert page.locator(".govuk-cookie-banner").count() == 0


def test_rejecting_cookies_sets_nothing_non_essential(browser_page, site):
    page = browser_page
    page.goto(reverse("home"))
    page.get_by_role("button", name="Reject the visit-counting cookie").click()
    assert "You’ve rejected" in page.locator(".govuk-cookie-banner").text_content()
    page.goto(reverse("contact"))
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["cookies_policy"]["value"] == "analytics:no"
    assert "site_measure" not in cookies
    # The choice can be changed later on the cookies page.
    page.goto(reverse("cookies"))
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save cookie settings").click()
    page.goto(reverse("home"))
    assert "site_measure" in {cookie["name"] for cookie in page.context.cookies()}


def test_feedback_form_works_with_javascript_off(browser_page_no_js, site):
    page = browser_page_no_js
    page.goto(reverse("feedback"))
    page.get_by_role("button", name="Send feedback").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_role("link", name="Select how you felt about this website").is_visible()
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_label("How could we improve it?").fill("Bigger buttons, please")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url(f"**{reverse('feedback_sent')}")
    assert Feedback.objects.get().comments == "Bigger buttons, please"
    assert Notification.objects.filter(kind="feedback.received").count() == 1
