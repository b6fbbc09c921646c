"""A page served from the page cache, in a real browser: the layout's inline
scripts run under the hash-only Content-Security-Policy, and the cookie banner
works with the CSRF token filled in for this visitor, in a gzip answer."""

import pytest
from django.urls import reverse

from page_cache.store import pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cached_site(settings):
    from force import demo

    demo.load(force="essex")
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 0
    pages.clear()
    yield
    pages.clear()


def test_a_cached_page_runs_its_scripts_and_its_cookie_banner_works(browser_page, cached_site):
    page = browser_page
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    assert page.goto(reverse("home")).headers["x-page-cache"] == "miss"
    page.context.clear_cookies()
    response = page.goto(reverse("home"))
    assert response.headers["x-page-cache"] == "hit"
    # Compressed around this visitor's tokens (page_cache.compression), and the browser reads it.
    assert response.headers["content-encoding"] == "gzip"
    classes = page.locator("body").get_attribute("class")
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes  # both inline scripts ran
    page.get_by_role("button", name="Accept the visit-counting cookie").click()
    assert "You’ve accepted" in page.locator(".govuk-cookie-banner").text_content()
    assert violations == []
