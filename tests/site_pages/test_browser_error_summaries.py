"""Every public form, and every page of every journey, sent empty in Chromium:
each link in the error summary must point at an element that exists and move
focus to it when followed (GOV.UK's error summary pattern). A checkbox or radio
question's link goes to its first input, since no element carries the question's id."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.security import public_forms as forms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form button:not([type=button]):not(.govuk-button--secondary), main form input[type=submit]"


def dispatch_preferences_url() -> str:
    from django.utils import timezone

    from dispatch import tokens
    from dispatch.models import Subscriber

    subscriber = Subscriber.objects.create(email="reader@example.org", name="Sam", confirmed_at=timezone.now())
    return reverse("dispatch:preferences", args=[tokens.manage_token(subscriber.key)])


# name, start URL, valid answers (to get past each page), path of the last page to check
JOURNEYS = [
    ("feedback", lambda: reverse("feedback"), forms.feedback_data, None),
    ("network contact", lambda: reverse("networks:contact", args=[forms.network_taking_messages().slug]),
     forms.network_contact_data, None),
    ("evening booking", lambda: reverse("positive_action:evening_book", args=[forms.open_evening().pk]),
     forms.booking_data, None),
    ("dispatch sign-up", lambda: reverse("dispatch:index"), forms.dispatch_data, None),
    ("dispatch preferences", dispatch_preferences_url, forms.dispatch_data, None),
    ("iag apply", lambda: reverse("iag:apply"), forms.iag_data, reverse("iag:apply_check")),
    # its check page has no questions (consent is asked with the others)
    ("pap sign-up", lambda: reverse("positive_action:signup"), forms.signup_data, reverse("positive_action:signup")),
]  # fmt: skip


@pytest.fixture
def demo(settings):
    settings.FORM_RATE_LIMIT = 10**6  # the rate limit has its own tests
    call_command("load_demo", stdout=StringIO())


def send(page):
    with page.expect_navigation():
        page.locator(SUBMIT).first.click()


def fill(page, data: dict) -> None:
    """Answer the questions of this page that `data` has answers for."""
    for name, value in data.items():
        inputs = page.locator(f"main [name='{name}']")
        if not inputs.count():
            continue
        kind = inputs.first.evaluate("e => e.type")
        values = value if isinstance(value, list) else [value]
        if kind in ("checkbox", "radio"):
            for v in values:
                chosen = page.locator(f"main [name='{name}'][value='{v}']")
                (chosen if chosen.count() else inputs.first).check()
        elif kind == "select-one":
            inputs.first.select_option(str(value))
        elif kind != "hidden":
            inputs.first.fill(str(value))


def follow_every_error_link(page) -> list[str]:
    """Click each link of the error summary; return the ids they focused."""
    links = page.locator(".govuk-error-summary__list a")
    assert links.count(), f"no error summary on {page.url}"
    focused = []
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href").removeprefix("#")
        assert page.locator(f"[id='{target}']").count() == 1, f"{page.url}: #{target} does not exist"
        links.nth(index).click()
        active = page.evaluate("() => [document.activeElement.id, document.activeElement.tagName]")
        assert active == [target, "INPUT"] or active[1] in ("TEXTAREA", "SELECT") and active[0] == target, (
            f"{page.url}: following #{target} focused {active}"
        )
        focused.append(target)
    return focused


@pytest.mark.parametrize("journey", JOURNEYS, ids=[journey[0] for journey in JOURNEYS])
def test_every_error_summary_link_focuses_its_question(browser_page, demo, journey):
    name, start, answers, last_path = journey
    page = browser_page
    page.goto(start())
    data = answers()
    checked = {}
    for _ in range(10):
        here = page.url
        send(page)  # nothing answered
        if page.url != here:
            continue  # a page of optional questions only
        checked[here] = follow_every_error_link(page)
        if last_path is None or here.endswith(last_path):
            break
        fill(page, data)
        send(page)
        assert page.url != here, f"{name}: valid answers refused on {here}"
    assert checked, name
    if name == "iag apply":
        assert len(checked) == 5  # details, groups, communities, why join, check answers
        assert "id_groups_1" in checked[page.url.replace("check-your-answers", "groups")]
    if name == "pap sign-up":
        assert {"id_role_1", "id_stage_1", "id_wants_buddy_1"} <= set(next(iter(checked.values())))
    if name == "dispatch sign-up":
        assert {"id_districts_1", "id_topics_1"} <= set(checked[page.url])
