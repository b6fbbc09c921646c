"""The public “You said, we did” pages: list, filters, pagination, counts, feed, CSV, cache."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iag_work.models import AdvicePoint, AdviceStatus
from tests.factories import AdvicePointFactory, MembershipFactory, ScrutinyRecordFactory, ThemeFactory


@pytest.fixture
def custody(db):
    return ThemeFactory(name="Custody", slug="custody")


def test_the_list_shows_published_advice_newest_first(client, basildon):
    AdvicePointFactory(group=basildon, advice="Older advice", given_on=date(2026, 1, 5))
    AdvicePointFactory(group=basildon, advice="Newer advice", given_on=date(2026, 6, 5))
    AdvicePointFactory(group=basildon, advice="Draft advice", published=False)
    html = client.get(reverse("iag_work:advice")).content.decode()
    assert html.index("Newer advice") < html.index("Older advice")
    assert "Draft advice" not in html


def test_filters_by_group_theme_and_status_without_javascript(client, basildon, standards, custody):
    AdvicePointFactory(group=basildon, advice="Basildon search advice")
    AdvicePointFactory(group=standards, theme=custody, advice="Standards custody advice", status="done")
    url = reverse("iag_work:advice")
    html = client.get(url, {"group": "professional-standards-iag"}).content.decode()
    assert "Standards custody advice" in html and "Basildon search advice" not in html
    html = client.get(url, {"theme": "stop-and-search"}).content.decode()
    assert "Basildon search advice" in html and "Standards custody advice" not in html
    html = client.get(url, {"status": "done"}).content.decode()
    assert "Standards custody advice" in html and "Basildon search advice" not in html
    assert '<option value="done" selected>' in html
    # a made-up value is ignored rather than an error, and the other filters still apply
    response = client.get(url, {"group": "nowhere", "status": "done"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Standards custody advice" in html and "Basildon search advice" not in html


def test_the_list_is_paginated_and_keeps_the_filters(client, basildon):
    AdvicePointFactory.create_batch(25, group=basildon, status="open")
    first = client.get(reverse("iag_work:advice"), {"status": "open"}).content.decode()
    assert "govuk-pagination" in first and "?status=open&amp;page=2" in first
    second = client.get(reverse("iag_work:advice"), {"status": "open", "page": 2}).content.decode()
    assert second.count('class="govuk-summary-card"') == 5


def test_counts_this_year_per_group(client, basildon, standards):
    year = timezone.localdate().year
    AdvicePointFactory.create_batch(3, group=basildon, given_on=date(year, 1, 2))
    AdvicePointFactory.create_batch(2, group=basildon, given_on=date(year, 1, 2), status=AdviceStatus.DONE)
    AdvicePointFactory(group=basildon, given_on=date(year - 1, 1, 2), status=AdviceStatus.DONE)  # last year
    response = client.get(reverse("iag_work:advice"))
    rows = {row["group"].slug: (row["given"], row["changed"]) for row in response.context["counts"]}
    assert rows["basildon-iag"] == (5, 2) and rows["professional-standards-iag"] == (0, 0)


def test_not_taken_forward_needs_a_reason(basildon):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        AdvicePointFactory(group=basildon, status=AdviceStatus.NOT_TAKEN_FORWARD, not_taken_forward_reason="")


def test_the_group_page_shows_its_advice_scrutiny_and_only_consenting_names(client, basildon, standards):
    AdvicePointFactory(group=basildon, advice="Ours", force_response="We agree", what_changed="New leaflet")
    AdvicePointFactory(group=standards, advice="Theirs")
    ScrutinyRecordFactory(meeting__group=basildon, reviewed="6 body-worn video clips", published=True)
    ScrutinyRecordFactory(meeting__group=basildon, reviewed="Not yet published")
    MembershipFactory(group=basildon, name="Named Person", name_public=True)
    MembershipFactory(group=basildon, name="Private Person")
    html = client.get(reverse("iag_work:group", args=["basildon-iag"])).content.decode()
    assert "Ours" in html and "We agree" in html and "New leaflet" in html and "Theirs" not in html
    assert "6 body-worn video clips" in html and "Not yet published" not in html
    assert "Named Person" in html and "Private Person" not in html


def test_example_data_is_marked_on_the_page(client, basildon):
    AdvicePointFactory(group=basildon)
    assert "example data" not in client.get(reverse("iag_work:advice")).content.decode()
    AdvicePoint.objects.update(is_example=True)
    assert "example data" in client.get(reverse("iag_work:advice")).content.decode()


def test_the_feeds_are_atom_with_the_response(client, basildon, standards):
    AdvicePointFactory(group=basildon, advice="Ours", force_response="We agree")
    AdvicePointFactory(group=standards, advice="Theirs")
    response = client.get(reverse("iag_work:group_feed", args=["basildon-iag"]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<feed" in body and "Ours" in body and "We agree" in body and "Theirs" not in body
    assert "Theirs" in client.get(reverse("iag_work:advice_feed")).content.decode()


def test_the_csv_download_follows_the_filters_and_is_safe_in_spreadsheets(client, basildon, standards):
    AdvicePointFactory(group=basildon, advice="=HYPERLINK(1)")
    AdvicePointFactory(group=standards, advice="Theirs")
    response = client.get(reverse("iag_work:advice_csv"), {"group": "basildon-iag"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Given on" and len(rows) == 2
    assert rows[1][3] == "'=HYPERLINK(1)"


def test_query_counts_stay_flat_from_10_to_10000_advice_points(client, basildon, standards):
    """The pages as the benchmark lists them, grown with the benchmark's own data."""
    from benchmarks.data import advice_points_grow

    paths = [
        reverse("iag_work:advice"),
        reverse("iag_work:advice") + "?status=done&theme=stop-and-search",
        reverse("iag_work:group", args=["basildon-iag"]),
        reverse("iag_work:advice_feed"),
        reverse("iag_work:group_feed", args=["basildon-iag"]),
        reverse("iag_work:advice_csv"),
    ]

    def queries() -> dict[str, int]:
        counts = {}
        for path in paths:
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path).status_code == 200
            counts[path] = len(captured.captured_queries)
        return counts

    assert advice_points_grow(20) == 20  # some of every status and theme: no list is empty
    small = queries()
    assert advice_points_grow(10_000) == 10_000
    assert queries() == small


def test_saving_advice_empties_the_page_cache(client, basildon, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    url = reverse("iag_work:advice")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        AdvicePointFactory(group=basildon, advice="Fresh advice")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Fresh advice" in response.content.decode()


def test_the_advisory_group_pages_link_to_you_said_we_did(client, basildon):
    assert reverse("iag_work:advice") in client.get(reverse("iag:index")).content.decode()
    assert reverse("iag_work:group", args=["basildon-iag"]) in client.get(reverse("iag:groups")).content.decode()


@pytest.mark.parametrize("value", ["\x00", "x" * 5000, "é/../", "1 OR 1=1", "%00", "done\n"])
def test_any_filter_value_gives_a_page_never_a_server_error(client, basildon, value):
    AdvicePointFactory(group=basildon)
    for name in ("iag_work:advice", "iag_work:advice_csv"):
        params = {"group": value, "theme": value, "status": value, "page": value}
        assert client.get(reverse(name), params).status_code == 200
    assert client.get(reverse("iag_work:group", args=["basildon-iag"]), {"theme": value}).status_code == 200
