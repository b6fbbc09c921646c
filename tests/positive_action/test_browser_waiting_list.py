"""The waiting list in Chromium: a capacity raise offering places in queue order,
leaving the list from the private link (keyboard only; and with JavaScript off),
and a staff override refused without a reason and recorded with one."""

import re
from urllib.parse import urlparse

import pytest

import private_links
from outbox.models import Notification
from positive_action.models import Booking, EveningEvent, PreparationEvening
from tests.conftest import AXE_SOURCE
from tests.positive_action.test_browser_booking import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def full_evening(make_evening, book):
    from force import demo as site_demo

    site_demo.load(force="essex")
    evening = make_evening(capacity=1, title="Queue evening")
    book(evening, 1)
    return evening, [book(evening, n, join_waiting_list=True) for n in range(2, 6)]


@pytest.fixture
def staff_page(browser_page, django_user_model):
    from staff_accounts.staff import current_code, staff_totp_device

    user = django_user_model.objects.create_superuser("unit", "unit@example.org", "a-long-pass-phrase")
    page = browser_page
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto("/admin/")
    page.get_by_label("Username").fill("unit")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_label("Code from your authenticator app").fill(current_code(staff_totp_device(user)))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    yield page
    assert refused == []


def axe_in_content(page) -> list[dict]:
    """axe on what this feature adds to an admin page (#content): the admin's own
    header and breadcrumbs are Django's, outside this project's templates."""
    page.evaluate(AXE_SOURCE.read_text())
    return page.evaluate(
        """async () => {
            const r = await axe.run('#content', {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
            return r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )


def emailed_path(booking, kind: str) -> str:
    email = Notification.objects.filter(kind=kind, recipient=booking.email).latest("pk")
    body, _html, _headers = private_links.fill(email)
    return urlparse(re.search(r"https?://\S+/positive-action/bookings/[\w.-]+/", body).group(0)).path


def test_raising_capacity_offers_the_new_places_to_the_first_two_waiting(staff_page, axe, full_evening):
    evening, waiting = full_evening
    page = staff_page
    page.goto(f"/admin/positive_action/preparationevening/{evening.pk}/change/")
    page.fill("#id_capacity", "0")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=cannot have fewer than 1 places")
    page.fill("#id_capacity", "3")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=2 new places offered to people waiting")
    assert [Booking.objects.get(pk=b.pk).status for b in waiting] == ["offered", "offered", "waiting", "waiting"]
    assert PreparationEvening.objects.get(pk=evening.pk).booked == 3

    visitor = page.context.browser.new_context(base_url=page.url.split("/admin/")[0]).new_page()
    visitor.goto(emailed_path(waiting[0], "positive_action.offer"))
    visitor.wait_for_selector("text=A place is yours if you want it")
    assert axe(visitor) == []
    tab_to(visitor, "Accept the place")
    visitor.keyboard.press("Enter")
    visitor.wait_for_selector("text=Your place is booked")
    assert axe(visitor) == []
    visitor.goto(emailed_path(waiting[2], "positive_action.waiting"))
    visitor.wait_for_selector("text=You are number 1 in the queue")
    visitor.context.close()


def test_leaving_the_waiting_list_from_the_private_link_by_keyboard(browser_page, axe, full_evening):
    evening, waiting = full_evening
    page = browser_page
    page.goto(emailed_path(waiting[1], "positive_action.waiting"))
    page.wait_for_selector("text=You are number 2 in the queue")
    assert "1 person is ahead of you" in page.content()
    assert axe(page) == []
    tab_to(page, "Leave the waiting list")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Leave the waiting list?")
    assert axe(page) == []
    tab_to(page, "Yes, leave the waiting list")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your booking is cancelled")
    assert axe(page) == []
    assert Booking.objects.get(pk=waiting[1].pk).status == "cancelled"
    assert Booking.objects.get(pk=waiting[2].pk).queue_position() == 2


def test_leaving_the_waiting_list_works_without_javascript(browser_page_no_js, axe, full_evening):
    _, waiting = full_evening
    page = browser_page_no_js
    page.goto(emailed_path(waiting[3], "positive_action.waiting"))
    page.wait_for_selector("text=You are number 4 in the queue")
    page.get_by_role("link", name="Leave the waiting list").click()
    page.get_by_role("button", name="Yes, leave the waiting list").click()
    page.wait_for_selector("text=Your booking is cancelled")
    assert Booking.objects.get(pk=waiting[3].pk).status == "cancelled"


def test_a_staff_override_needs_a_reason_and_shows_in_the_history(staff_page, axe, full_evening):
    evening, waiting = full_evening
    page = staff_page
    page.goto(f"/admin/positive_action/booking/{waiting[3].pk}/change/")
    page.get_by_role("link", name="Move up or offer a place (needs a reason)").click()
    page.wait_for_selector("text=is number 4 on the waiting list")
    assert axe_in_content(page) == []
    page.get_by_label("What to do").select_option("move_up")
    page.get_by_role("button", name="Make the change").click()
    page.wait_for_selector("text=Give a reason")
    assert axe_in_content(page) == []
    assert (
        Booking.objects.get(pk=waiting[3].pk).queue_position() == 4
        and not EveningEvent.objects.filter(action="moved_up").exists()
    )

    page.get_by_label("What to do").select_option("offer")
    page.get_by_label("Reason").fill("Could not attend the last two evenings")
    page.get_by_role("button", name="Make the change").click()
    page.wait_for_selector("text=There is no free place on this evening")  # never over capacity
    assert PreparationEvening.objects.get(pk=evening.pk).booked == 1

    page.get_by_label("What to do").select_option("move_up")
    page.get_by_role("button", name="Make the change").click()
    page.wait_for_selector("text=recorded in the evening's history")
    assert "Could not attend the last two evenings" in page.locator("#events-group").inner_text()
    assert Booking.objects.get(pk=waiting[3].pk).queue_position() == 1
