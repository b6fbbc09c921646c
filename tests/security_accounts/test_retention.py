"""The site's own personal records are deleted or blanked once their retention
period has passed (time moved forward: kept one day before, gone one day after)."""

from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from outbox.models import Notification
from personal_data.models import PrivacyRequest, email_digest
from personal_data.tasks import retention_apply
from protected_forms.models import FormSubmission
from site_pages.models import Feedback

NOW = timezone.now()


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def email(state=Notification.State.SENT, **extra) -> Notification:
    values = {
        "recipient": "network.member@example.org",
        "subject": "Message from Sam Quigley",
        "body_text": "Sam Quigley wrote: please call me on 07700 900123",
        "body_html": "<p>Sam Quigley</p>",
        "headers": {"Reply-To": "sam@example.org"},
        "kind": "networks.contact",
        "state": state,
        "sent_at": NOW if state == Notification.State.SENT else None,
        "created_at": NOW,
    }
    return Notification.objects.create(**{**values, **extra})


def test_retention_tasks_run_on_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "personal_data.tasks.retention_apply" in tasks


@pytest.mark.parametrize(
    "name,days",
    [
        ("NOTIFICATION_RETENTION_DAYS", 30),
        ("FEEDBACK_RETENTION_DAYS", 365),
        ("FORM_SUBMISSION_RETENTION_DAYS", 30),
        ("STAFF_SIGN_IN_LOG_RETENTION_DAYS", 90),
        ("PRIVACY_REQUEST_LOG_RETENTION_DAYS", 730),
        ("FORM_DRAFT_MAX_AGE_SECONDS", 8 * 60 * 60),
    ],
)
def test_default_periods(name, days):
    assert getattr(settings, name) == days


def test_sent_email_keeps_its_body_until_the_period_then_is_blanked(db, settings):
    settings.NOTIFICATION_RETENTION_DAYS = 30
    sent = email()
    failed = email(Notification.State.FAILED, last_error="550 sam@example.org unknown")
    pending = email(Notification.State.PENDING)
    with at(NOW + timedelta(days=29)):
        retention_apply()
    sent.refresh_from_db()
    assert "Sam Quigley" in sent.body_text and sent.recipient == "network.member@example.org"

    with at(NOW + timedelta(days=31)):
        assert retention_apply()["outbox"]["notifications"] == 2
        assert retention_apply()["outbox"]["notifications"] == 0
    for row in (sent, failed):
        row.refresh_from_db()
        assert row.recipient == "erased@invalid.example" and row.subject == "[erased]"
        assert row.body_text == row.body_html == row.last_error == "" and row.headers == {}
        assert row.kind == "networks.contact"  # kind, state and times stay
    pending.refresh_from_db()
    assert "Sam Quigley" in pending.body_text  # not sent yet: untouched


def test_admin_history_of_a_blanked_email_no_longer_names_the_recipient(db, admin_user, settings):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    sent = email()
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(Notification),
        object_id=str(sent.pk),
        object_repr=str(sent),
        action_flag=CHANGE,
        change_message="Resent to network.member@example.org",
    )
    with at(NOW + timedelta(days=settings.NOTIFICATION_RETENTION_DAYS + 1)):
        retention_apply()
    entry = LogEntry.objects.get()
    assert "network.member" not in entry.object_repr + entry.change_message


def test_feedback_and_used_form_tokens_are_deleted_after_their_periods(db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 100
    settings.FORM_SUBMISSION_RETENTION_DAYS = 10
    Feedback.objects.create(satisfaction="satisfied", comments="I am Sam Quigley", created_at=NOW)
    FormSubmission.objects.create(token="t" * 43, form_name="iag_apply", result="IAG-1", created_at=NOW)
    with at(NOW + timedelta(days=9)):
        retention_apply()
    assert Feedback.objects.exists() and FormSubmission.objects.exists()
    with at(NOW + timedelta(days=11)):
        retention_apply()
    assert Feedback.objects.exists() and not FormSubmission.objects.exists()
    with at(NOW + timedelta(days=99)):
        retention_apply()
    assert Feedback.objects.exists()
    with at(NOW + timedelta(days=101)):
        assert retention_apply()["site_pages"]["feedback"] == 1
    assert not Feedback.objects.exists()


def test_staff_sign_in_records_and_request_log_are_deleted_after_their_periods(db, settings):
    settings.STAFF_SIGN_IN_LOG_RETENTION_DAYS = 90
    settings.PRIVACY_REQUEST_LOG_RETENTION_DAYS = 365
    common = {"user_agent": "x", "ip_address": "192.0.2.1", "username": "staff.member", "http_accept": "*/*"}
    AccessAttempt.objects.create(**common, path_info="/admin/", get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**common, path_info="/admin/")
    AccessFailureLog.objects.create(**common, path_info="/admin/")
    AccessAttempt.objects.update(attempt_time=NOW)
    AccessLog.objects.update(attempt_time=NOW)
    AccessFailureLog.objects.update(attempt_time=NOW)
    PrivacyRequest.objects.create(kind="erasure", email_hash=email_digest("a@example.org"), created_at=NOW)
    with at(NOW + timedelta(days=89)):
        retention_apply()
    assert AccessAttempt.objects.exists() and AccessLog.objects.exists() and AccessFailureLog.objects.exists()
    with at(NOW + timedelta(days=91)):
        done = retention_apply()
        assert done["staff_accounts"] == {"sign_in_records": 3} and done["personal_data"] == {"privacy_requests": 0}
    assert PrivacyRequest.objects.exists()
    with at(NOW + timedelta(days=366)):
        assert retention_apply()["personal_data"]["privacy_requests"] == 1
    assert not PrivacyRequest.objects.exists()
