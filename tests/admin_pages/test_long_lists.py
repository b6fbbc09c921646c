"""Admin lists of tables that grow without end cost the same at any size: the
same queries at 5 rows as at 50, and no COUNT over the whole table."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.long_lists import COUNT_LIMIT, CappedCountPaginator, LongListAdminMixin
from iag.models import Application
from tests import factories

pytestmark = pytest.mark.django_db

LONG_LISTS = {
    "iag_application": factories.ApplicationChoiceFactory,  # an application with its group
    "iag_applicationevent": factories.ApplicationEventFactory,
    "positive_action_booking": factories.BookingFactory,
    "positive_action_signup": factories.SignupFactory,
    "positive_action_signupevent": factories.SignupEventFactory,
    "outbox_notification": factories.NotificationFactory,
    "dispatch_subscriber": factories.SubscriberFactory,
}


def changelist(client, name: str, params=None):
    url = reverse(f"admin:{name}_changelist")
    client.get(url, params or {})  # warm the force profile cache, as in real use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("name", LONG_LISTS)
def test_a_long_admin_list_runs_the_same_queries_at_5_and_50_rows(admin_client, name):
    make = LONG_LISTS[name]
    make.create_batch(5)
    _, five = changelist(admin_client, name)
    make.create_batch(45)
    response, fifty = changelist(admin_client, name)
    assert len(five) == len(fifty)
    assert response.context["cl"].result_count >= 50


# The Dispatch subscribers list also shows staff the confirmed totals by district
# and topic: counts of the whole table, on purpose. Its own page count is capped.
WITH_TOTALS = {"dispatch_subscriber"}


@pytest.mark.parametrize("name", sorted(set(LONG_LISTS) - WITH_TOTALS))
def test_a_long_admin_list_never_counts_the_whole_table(admin_client, name):
    LONG_LISTS[name].create_batch(3)
    _, queries = changelist(admin_client, name)
    counts = [sql for sql in queries if "COUNT(" in sql.upper()]
    assert counts, "the list counts its rows for the page links"
    assert all(f"LIMIT {COUNT_LIMIT + 1}" in sql for sql in counts), counts


@pytest.mark.parametrize("name", sorted(WITH_TOTALS))
def test_a_list_with_totals_counts_its_pages_no_further_than_the_limit(admin_client, name):
    LONG_LISTS[name].create_batch(3)
    _, queries = changelist(admin_client, name)
    assert any(f"LIMIT {COUNT_LIMIT + 1}" in sql for sql in queries if "COUNT(" in sql.upper())


def test_past_the_limit_the_list_says_more_than_and_pages_on(admin_client, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_limit", 60)
    factories.ApplicationChoiceFactory.create_batch(70)
    response, _ = changelist(admin_client, "iag_application")
    html = response.content.decode()
    assert "more than 60 applications" in html
    assert "Select all more than 60 applications" in html
    assert response.context["cl"].paginator.num_pages == 2
    last = admin_client.get(reverse("admin:iag_application_changelist"), {"p": 2}).content.decode()
    assert last.count('class="action-select"') == 20  # the rest, though they were not counted


def test_under_the_limit_the_count_is_exact(admin_client):
    factories.ApplicationChoiceFactory.create_batch(7)
    response, _ = changelist(admin_client, "iag_application")
    assert response.context["cl"].result_count == 7 and "7 applications" in response.content.decode()


def test_the_row_checkbox_is_the_one_django_draws(admin_client):
    factories.ApplicationChoiceFactory()
    application = Application.objects.get()
    model_admin = admin.site._registry[Application]
    assert isinstance(model_admin, LongListAdminMixin)
    assert model_admin.action_checkbox(application) == admin.ModelAdmin.action_checkbox(model_admin, application)


@pytest.mark.parametrize("name", LONG_LISTS)
def test_each_row_links_to_its_own_change_page(admin_client, name):
    """The list builds row links from one reversed URL; each must be the URL
    Django would reverse for that row."""
    LONG_LISTS[name].create_batch(3)
    response, _ = changelist(admin_client, name)
    rows = list(response.context["cl"].result_list)
    assert rows
    html = response.content.decode()
    for row in rows:
        expected = reverse(f"admin:{name}_change", args=[row.pk])
        assert response.context["cl"].url_for_result(row) == expected
        assert f'href="{expected}' in html


def test_the_admin_home_still_lists_every_section_the_user_may_see(admin_client):
    """The list of apps is built only when a page shows it: the home page does."""
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert reverse("admin:iag_application_changelist") in response.content.decode()
    changelist_page = admin_client.get(reverse("admin:iag_application_changelist")).content.decode()
    assert 'id="nav-sidebar"' not in changelist_page


def _django_rows(cl) -> list[str]:
    from django.contrib.admin.templatetags.admin_list import items_for_result

    return ["<tr>" + "".join(items_for_result(cl, row, None)) + "</tr>" for row in cl.result_list]


@pytest.mark.parametrize("name", LONG_LISTS)
@pytest.mark.parametrize("params", [{}, {"o": "-1"}])
def test_a_long_list_draws_each_row_exactly_as_django_would(admin_client, name, params):
    """The rows are drawn once per column rather than once per cell: the HTML must
    be Django's own, links (with the list's filters and sort kept) and classes included."""
    LONG_LISTS[name].create_batch(3)
    response, _ = changelist(admin_client, name, params)
    cl = response.context["cl"]
    html = response.content.decode()
    expected = _django_rows(cl)
    assert len(expected) == 3
    for row in expected:
        assert row in html


def test_a_filtered_list_keeps_its_filters_in_each_row_link(admin_client):
    factories.ApplicationChoiceFactory.create_batch(2, application__status="received")
    response, _ = changelist(admin_client, "iag_application", {"status__exact": "received"})
    html = response.content.decode()
    assert "_changelist_filters=status__exact%3Dreceived" in html
    expected = _django_rows(response.context["cl"])
    assert len(expected) == 2
    for row in expected:
        assert row in html


def _applications(count: int, groups) -> None:
    """Applications as the public form leaves them: one or two groups each, a
    community, and equality answers from some."""
    from iag.models import ApplicationChoice, Community, EqualityMonitoring

    community, _ = Community.objects.get_or_create(name="Young people", defaults={"slug": "young-people"})
    for i in range(count):
        application = factories.ApplicationFactory(status=["received", "under_review", "invited"][i % 3])
        chosen = groups[: 1 + i % 2]
        ApplicationChoice.objects.bulk_create(ApplicationChoice(application=application, group=g) for g in chosen)
        application.communities.add(community)
        if i % 3 == 0:
            EqualityMonitoring.objects.create(application=application, ethnicity="prefer_not_to_say")


@pytest.mark.parametrize("who", ["unit_lead", "unit_officer"])
@pytest.mark.parametrize("params", [{}, {"status__exact": "received"}, {"q": "Alex"}, {"o": "2"}])
def test_the_applications_list_runs_the_same_queries_at_10_and_300_applications(client, request, who, params):
    """The diversity unit's moderation queue, signed in with and without the special
    category permission, plain, filtered, searched and sorted: each group name,
    status and date on the page comes without a query per row."""
    client.force_login(request.getfixturevalue(who))
    groups = factories.AdvisoryGroupFactory.create_batch(3)
    _applications(10, groups)
    _, at_10 = changelist(client, "iag_application", params)
    _applications(290, groups)
    response, at_300 = changelist(client, "iag_application", params)
    assert len(at_10) == len(at_300), "\n".join(at_300)
    rows = response.context["cl"].result_list
    assert 50 >= len(rows) > 10
    html = response.content.decode()
    for application in rows:
        names = ", ".join(g.name for g in application.groups.order_by("display_order", "name"))
        assert f'<td class="field-group_names">{names}</td>' in html


@pytest.mark.parametrize("name", LONG_LISTS)
def test_a_long_list_draws_the_action_menu_exactly_as_django_would(admin_client, name):
    from django.contrib.admin import helpers

    LONG_LISTS[name].create_batch(2)
    response, _ = changelist(admin_client, name)
    model_admin = response.context["cl"].model_admin
    django_form = helpers.ActionForm(auto_id=None)
    django_form.fields["action"].choices = model_admin.get_action_choices(response.wsgi_request)
    html = response.content.decode()
    if not model_admin.get_actions(response.wsgi_request):  # the audit trails: nothing to act on
        assert 'name="action"' not in html
        return
    assert str(django_form["action"]).count("<option") > 1
    assert str(django_form["action"]) in html
    assert str(django_form["select_across"]) in html


# Rows either side of the year's end and of a month's start in summer time
# (23:30 UTC on 31 May is 00:30 on 1 June in London).
DATED = [
    "2025-12-31T23:30:00+00:00",
    "2026-01-15T12:00:00+00:00",
    "2026-05-31T23:30:00+00:00",
    "2026-06-02T08:00:00+00:00",
]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"created_at__year": "2026"},
        {"created_at__year": "2026", "created_at__month": "6"},
        {"created_at__year": "2026", "created_at__month": "6", "created_at__day": "1"},
        {"created_at__year": "2026", "kind": "later"},
    ],
)
def test_the_date_drill_down_lists_the_periods_django_would(admin_client, params):
    """The years, months and days with rows are found through the index, one
    look-up each: the same choices, in local time, as Django's DISTINCT query."""
    from datetime import datetime

    from django.contrib.admin.templatetags.admin_list import date_hierarchy

    from audit.list_index import long_list_date_hierarchy

    for i, moment in enumerate(DATED):
        factories.NotificationFactory(created_at=datetime.fromisoformat(moment), kind="later" if i else "first")
    response, _ = changelist(admin_client, "outbox_notification", params)
    cl = response.context["cl"]
    ours, djangos = long_list_date_hierarchy(cl), date_hierarchy(cl)
    assert ours == djangos
    assert djangos["choices"]
    for choice in djangos["choices"]:
        assert choice["title"] in response.content.decode()


def test_the_date_drill_down_reads_no_more_than_one_row_per_period(admin_client):
    from datetime import datetime

    for moment in DATED * 3:
        factories.NotificationFactory(created_at=datetime.fromisoformat(moment))
    _, queries = changelist(admin_client, "outbox_notification", {"created_at__year": "2026"})
    assert not [sql for sql in queries if "DATE_TRUNC" in sql.upper()]


@pytest.mark.parametrize("params", [{}, {"kind": "iag.acknowledgement"}, {"state": "sent"}])
def test_the_filter_by_kind_offers_the_kinds_django_would_without_reading_every_row(admin_client, params):
    from django.contrib.admin import AllValuesFieldListFilter

    from outbox.models import Notification

    for kind in ["iag.acknowledgement", "dispatch.confirm", "iag.acknowledgement", "Zeta & <b>"]:
        factories.NotificationFactory(kind=kind)
    response, queries = changelist(admin_client, "outbox_notification", params)
    cl = response.context["cl"]
    ours = next(f for f in cl.filter_specs if getattr(f, "lookup_kwarg", None) == "kind")
    model_admin = cl.model_admin
    field = Notification._meta.get_field("kind")
    django = AllValuesFieldListFilter(
        field, response.wsgi_request, cl.get_filters_params(), Notification, model_admin, "kind"
    )
    assert list(ours.choices(cl)) == list(django.choices(cl))
    assert len(list(ours.lookup_choices)) == 3
    assert not [sql for sql in queries if "DISTINCT" in sql.upper()]
