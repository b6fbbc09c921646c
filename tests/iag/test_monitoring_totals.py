"""The equality monitoring totals page: only for staff with the special category
permission, and a protected snapshot that one application or withdrawal does
not change (differencing)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone

from iag.disclosure import SUPPRESSED
from iag.models import Application, ApplicationChoice, EqualityMonitoring, MonitoringSnapshot
from iag.models.applications import application_reference
from iag.services import application_erase
from iag.services.monitoring import monitoring_snapshot_due, monitoring_snapshot_take, monitoring_snapshot_take_if_due

TOTALS = "admin:iag_equalitymonitoring_changelist"


def staff(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="iag", codename__in=codenames))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def demo_one(essex) -> Application:
    return Application.objects.get(reference="IAG-DEMO-0006")


def apply_like(application: Application, *, at=None, group=None, **answers) -> Application:
    """A new application to the same group (or `group`), with these answers."""
    copy = Application.objects.get(pk=application.pk)
    copy.pk, copy.reference, copy.status_key = None, application_reference(), None
    copy.submitted_at = at or timezone.now()
    copy.save()
    ApplicationChoice.objects.create(application=copy, group=group or application.groups.get())
    EqualityMonitoring.objects.create(application=copy, **answers)
    return copy


def page(client) -> str:
    """The totals page, with the per-response CSRF token masked."""
    html = client.get(reverse(TOTALS)).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', html)


def test_staff_without_the_special_category_permission_get_403_and_no_link(client, essex):
    client.force_login(staff("viewer", "view_application", "view_equalitymonitoring", "view_applicationevent"))
    assert client.get(reverse(TOTALS)).status_code == 403
    assert reverse(TOTALS) not in client.get(reverse("admin:index")).content.decode()
    client.force_login(staff("special", "view_application", "view_special_category"))
    assert reverse(TOTALS) in client.get(reverse("admin:index")).content.decode()
    assert client.get(reverse(TOTALS)).status_code == 200


def test_one_application_and_one_withdrawal_after_a_snapshot_do_not_change_the_page(client, demo_one):
    earlier = [apply_like(demo_one, disability="yes", religion="sikh") for _n in range(9)]
    client.force_login(staff("special", "view_application", "view_special_category"))
    before = page(client)
    apply_like(demo_one, disability="no", religion="jewish", sexual_orientation="bisexual")
    application_erase(application=earlier[0])
    assert page(client) == before
    assert MonitoringSnapshot.objects.count() == 1


def test_zeros_and_small_counts_are_suppressed_and_totals_rounded(client, demo_one):
    for _n in range(11):
        apply_like(demo_one, disability="yes", religion="sikh")
    for _n in range(7):
        apply_like(demo_one, disability="no")
    client.force_login(staff("special", "view_application", "view_special_category"))
    html = page(client)
    snapshot = MonitoringSnapshot.objects.get()
    shown = [value for t in snapshot.tables for r in t["rows"] for value in [*r["cells"], r["total"]]]
    assert SUPPRESSED in shown and "[c]" in html and "fewer than 5" in html
    numbers = [int(value.replace(",", "")) for value in shown if value != SUPPRESSED]
    assert numbers and all(n >= 5 and n % 5 == 0 for n in numbers)
    disability = next(t for t in snapshot.tables if t["question"] == "Disability")
    row = next(r for r in disability["rows"] if r["group_id"] == demo_one.groups.get().pk)
    # 12 "yes" (11 + the demo one) and 7 "no": shown rounded, the application total too.
    assert row["cells"][:2] == ["10", "5"] and row["total"] in ("15", "20")
    assert "<td>0</td>" not in html and not re.search(r"<td>[1-4]</td>", html)


def test_a_new_snapshot_only_after_a_month_and_enough_new_applications(settings, demo_one):
    settings.IAG_MONITORING_SNAPSHOT_MIN_NEW = 3
    start = timezone.now()
    first = monitoring_snapshot_take(now=start)
    assert not monitoring_snapshot_due(now=start + timedelta(days=40))  # a month, but no new applications
    for day in (1, 2, 3):
        apply_like(demo_one, at=start + timedelta(days=day), disability="yes")
    assert not monitoring_snapshot_due(now=start + timedelta(days=20))  # enough, but not a month yet
    assert monitoring_snapshot_take_if_due(now=start + timedelta(days=20)) is None
    month_later = start + timedelta(days=31)
    assert monitoring_snapshot_due(now=month_later)
    second = monitoring_snapshot_take_if_due(now=month_later)
    assert second is not None and second.period != first.period
    assert MonitoringSnapshot.objects.count() == 2
    assert not monitoring_snapshot_due(now=month_later + timedelta(days=1))


def test_a_group_row_stays_as_it_was_until_enough_new_applications_to_that_group(settings, demo_one):
    from iag.models import AdvisoryGroup

    settings.IAG_MONITORING_SNAPSHOT_MIN_NEW = 5
    group = demo_one.groups.get()
    other = AdvisoryGroup.objects.exclude(pk=group.pk).first()
    start = timezone.now() - timedelta(days=60)
    for _n in range(6):
        apply_like(demo_one, at=start - timedelta(days=1), disability="yes")
    first = monitoring_snapshot_take(now=start)  # 7 "yes" in the group: shown as 5
    apply_like(demo_one, at=start + timedelta(days=1), disability="yes")  # one new: 8 would be shown as 10
    for day in range(2, 8):
        apply_like(demo_one, at=start + timedelta(days=day), group=other, disability="yes")
    second = monitoring_snapshot_take_if_due(now=start + timedelta(days=35))
    assert second is not None

    def rows(snapshot, group_id):
        return [r for t in snapshot.tables for r in t["rows"] if r["group_id"] == group_id]

    assert rows(second, group.pk) == rows(first, group.pk)
    assert rows(second, other.pk) != rows(first, other.pk)


def test_the_beat_task_takes_a_snapshot_only_when_due(essex):
    from iag.tasks import monitoring_snapshot_take_if_due as task

    assert task() is True
    assert task() is False
    assert MonitoringSnapshot.objects.count() == 1
