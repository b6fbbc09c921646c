"""The preparation evenings list is split into pages (GOV.UK pagination)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from positive_action.models import PreparationEvening
from positive_action.selectors import EVENINGS_PER_PAGE

pytestmark = pytest.mark.django_db

EVENINGS = reverse("positive_action:evenings")


def add_evenings(count: int) -> None:
    start = timezone.now() + timedelta(days=3)
    PreparationEvening.objects.bulk_create(
        PreparationEvening(
            title=f"Evening {i}",
            starts_at=start + timedelta(days=i),
            ends_at=start + timedelta(days=i, hours=2),
            mode="online",
            covers="The assessment centre.",
            capacity=10,
        )
        for i in range(count)
    )


def booking_links(html: str) -> int:
    return html.count('class="govuk-summary-card"')


def test_evenings_come_one_page_at_a_time_soonest_first(client):
    add_evenings(EVENINGS_PER_PAGE * 2 + 3)
    first = client.get(EVENINGS).content.decode()
    assert booking_links(first) == EVENINGS_PER_PAGE
    assert '<nav class="govuk-pagination" aria-label="Pages of preparation evenings">' in first
    assert 'aria-current="page">1</a>' in first and 'href="?page=2" rel="next"' in first
    soonest = PreparationEvening.objects.order_by("starts_at").first()
    assert soonest.get_absolute_url() in first

    last = client.get(EVENINGS, {"page": 3}).content.decode()
    assert booking_links(last) == 3
    assert 'href="?page=2" rel="prev"' in last and 'rel="next"' not in last
    assert "(page 3 of 3)" in last


@pytest.mark.parametrize("page", ["0", "-1", "x", "4", "9" * 30, "9" * 5000, "\x00"])
def test_a_page_of_evenings_that_does_not_exist_is_not_found(client, page):
    add_evenings(EVENINGS_PER_PAGE * 2 + 3)
    assert client.get(EVENINGS, {"page": page}).status_code == 404


def test_no_evenings_is_page_one_with_no_pagination(client):
    html = client.get(EVENINGS).content.decode()
    assert "There are no evenings planned" in html and "govuk-pagination" not in html


def queries(client, params) -> int:
    client.get(EVENINGS)  # warm the force profile cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(EVENINGS, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"page": 2}])
def test_query_count_is_the_same_for_30_and_300_evenings(client, params):
    add_evenings(30)
    few = queries(client, params)
    add_evenings(270)
    assert queries(client, params) == few <= 2  # how many, one page of them
