"""Special category data, withdrawal, erasure and retention."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone

from iag.disclosure import protect_row
from iag.models import Application, ApplicationEvent, EqualityMonitoring
from iag.models.applications import application_reference
from iag.selectors import monitoring_totals
from iag.services import application_erase, application_transition, applications_anonymise_expired
from outbox.models import Notification
from personal_data.tasks import retention_apply


def staff_user(*codenames) -> User:
    user = User.objects.create_user("staff-" + "-".join(codenames)[:100], password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="iag", codename__in=codenames))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def with_monitoring(essex):
    """IAG-DEMO-0006 has disability "yes" recorded."""
    return Application.objects.get(reference="IAG-DEMO-0006")


def test_special_category_answers_are_hidden_without_the_permission(client, with_monitoring):
    client.force_login(staff_user("view_application", "change_application"))
    html = client.get(reverse("admin:iag_application_change", args=[with_monitoring.pk])).content.decode()
    assert "Dev Patel" in html
    assert "Equality monitoring (special category)" not in html and "Disability: Yes" not in html
    assert with_monitoring.events.get().action == ApplicationEvent.Action.VIEWED


def test_special_category_answers_are_shown_and_the_view_logged_with_the_permission(client, with_monitoring):
    client.force_login(staff_user("view_application", "view_special_category"))
    html = client.get(reverse("admin:iag_application_change", args=[with_monitoring.pk])).content.decode()
    assert "Disability: Yes" in html
    assert with_monitoring.events.get().action == ApplicationEvent.Action.VIEWED_SPECIAL


def test_staff_without_any_permission_get_403(client, with_monitoring):
    client.force_login(staff_user())
    assert client.get(reverse("admin:iag_application_change", args=[with_monitoring.pk])).status_code == 403
    assert client.get(reverse("admin:iag_equalitymonitoring_changelist")).status_code == 403


@pytest.mark.parametrize("codenames", [("view_application",), ("view_application", "view_special_category")])
def test_csv_export_never_contains_equality_answers(client, with_monitoring, codenames):
    EqualityMonitoring.objects.filter(application=with_monitoring).update(ethnicity="asian", religion="hindu")
    client.force_login(staff_user(*codenames))
    response = client.post(
        reverse("admin:iag_application_changelist"),
        {"action": "export_csv", "_selected_action": [with_monitoring.pk]},
    )
    body = b"".join(response.streaming_content).decode()
    assert "IAG-DEMO-0006" in body and "Dev Patel" in body
    header = body.splitlines()[0]
    for word in ("Ethnic", "Religion", "Sexual", "Asian", "Hindu", "hindu"):
        assert word not in body, word
    assert "Sex" not in header and "Age" not in header
    assert with_monitoring.events.filter(action="exported").count() == 1


def test_csv_export_neutralises_spreadsheet_formulas(client, with_monitoring):
    Application.objects.filter(pk=with_monitoring.pk).update(full_name="=HYPERLINK(1)")
    client.force_login(staff_user("view_application"))
    response = client.post(
        reverse("admin:iag_application_changelist"),
        {"action": "export_csv", "_selected_action": [with_monitoring.pk]},
    )
    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode()


def test_totals_hide_zeros_and_numbers_under_five_and_round_the_rest():
    assert protect_row([0, 3, 12, 7]) == (["[c]", "[c]", "10", "5"], "20")
    assert protect_row([5, 6, 1, 8]) == (["[c]", "5", "[c]", "10"], "20")
    assert protect_row([9, 1, 13, 24]) == (["[c]", "[c]", "15", "25"], "45")  # one hidden: the next smallest too
    assert protect_row([0, 2, 1]) == (["[c]", "[c]", "[c]"], "[c]")


def test_totals_page_shows_only_suppressed_counts(client, with_monitoring):
    for _ in range(5):
        copy = Application.objects.get(pk=with_monitoring.pk)
        copy.pk, copy.reference, copy.status_key = None, application_reference(), None
        copy.save()
        from iag.models import ApplicationChoice

        ApplicationChoice.objects.create(application=copy, group=with_monitoring.groups.get())
        EqualityMonitoring.objects.create(application=copy, disability="yes")
    tables = {t["question"]: t for t in monitoring_totals()}
    row = next(r for r in tables["Disability"]["rows"] if r["group"] == with_monitoring.groups.get().name)
    assert row["cells"][0] == "5"  # "yes": 5 copies + the demo one, rounded
    client.force_login(staff_user("view_application", "view_special_category"))
    html = client.get(reverse("admin:iag_equalitymonitoring_changelist")).content.decode()
    assert "[c]" in html and "Dev Patel" not in html


def test_applicant_withdraws_from_the_private_link_and_their_data_is_erased(client, applied):
    token = applied.status_token
    page = client.get(reverse("iag:status", args=[token]))
    assert page.status_code == 200 and applied.reference in page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    response = client.post(reverse("iag:withdraw", args=[token]))
    assert response["Location"] == reverse("iag:withdrawn")
    applied.refresh_from_db()
    assert applied.status == "withdrawn" and applied.anonymised_at
    assert applied.full_name == "[erased]" and "jo@" not in applied.email and applied.postcode == ""
    assert not EqualityMonitoring.objects.filter(application=applied).exists()
    assert not Notification.objects.filter(about_id=str(applied.pk)).exists()
    assert not Application.objects.filter(full_name__icontains="Jo Bloggs").exists()
    assert client.get(reverse("iag:status", args=[token])).status_code == 404  # the link is dead


def test_withdrawal_needs_post_and_a_real_link(client, applied):
    token = applied.status_token
    client.get(reverse("iag:withdraw", args=[token]))
    applied.refresh_from_db()
    assert applied.status == "received"
    for bad in (applied.reference, str(applied.pk), applied.status_key, token[:-2] + "xx"):
        assert client.get(reverse("iag:status", args=[bad])).status_code == 404
        assert client.post(reverse("iag:withdraw", args=[bad])).status_code == 404


def test_staff_erase_on_request_needs_the_permission(client, with_monitoring):
    url = reverse("admin:iag_application_changelist")
    data = {"action": "erase", "_selected_action": [with_monitoring.pk]}
    client.force_login(staff_user("view_application", "change_application"))
    client.post(url, data)
    with_monitoring.refresh_from_db()
    assert with_monitoring.anonymised_at is None
    client.force_login(staff_user("view_application", "change_application", "erase_application"))
    client.post(url, data)
    with_monitoring.refresh_from_db()
    assert with_monitoring.anonymised_at and with_monitoring.full_name == "[erased]"
    assert with_monitoring.events.filter(action="erased").exists()


def test_retention_anonymises_only_decided_applications_past_the_period(essex, settings, applied):
    settings.IAG_RETENTION_DAYS = 30
    application_transition(application=applied, to_status="not_accepted", note="Met Jo Bloggs")
    open_one = Application.objects.get(reference="IAG-DEMO-0001")
    later = timezone.now() + timedelta(days=31)
    applications_anonymise_expired(now=timezone.now())
    applied.refresh_from_db()
    assert applied.anonymised_at is None  # decided today: kept for now
    Application.objects.filter(pk=open_one.pk).update(submitted_at=later - timedelta(days=400))
    count = applications_anonymise_expired(now=later)
    applied.refresh_from_db()
    open_one.refresh_from_db()
    assert applied.anonymised_at and applied.full_name == "[erased]"
    assert not applied.events.filter(note__contains="Jo Bloggs").exists()
    assert not Notification.objects.filter(about_id=str(applied.pk)).exists()
    assert open_one.anonymised_at is None  # still open: kept
    assert count >= 1
    assert applications_anonymise_expired(now=later) == 0  # running again does nothing


def test_retention_beat_task_runs_the_service(essex, applied, monkeypatch):
    application_erase(application=applied)
    calls = []
    monkeypatch.setattr("iag.retention.applications_anonymise_expired", lambda now=None: calls.append(1) or 0)
    retention_apply.delay()
    assert calls == [1]
