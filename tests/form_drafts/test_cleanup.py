from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from form_drafts.models import FormDraft
from personal_data.tasks import retention_apply


def _draft(*, expires_at):
    return FormDraft.objects.create(form_name="iag_apply", payload="{}", expires_at=expires_at)


def test_beat_runs_the_session_and_draft_cleanup_every_hour():
    (entry,) = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "personal_data.tasks.retention_apply"]
    assert entry["schedule"] <= 60 * 60


def test_drafts_expire_after_eight_hours_by_default():
    assert settings.FORM_DRAFT_MAX_AGE_SECONDS == 8 * 60 * 60


def test_cleanup_deletes_expired_sessions_and_keeps_live_ones(db):
    old = SessionStore()
    old["x"] = 1
    old.create()
    live = SessionStore()
    live["x"] = 2
    live.create()
    Session.objects.filter(session_key=old.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    retention_apply()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_cleanup_deletes_a_draft_one_second_after_it_expires_and_not_before(db):
    now = timezone.now()
    draft = _draft(expires_at=now + timedelta(hours=1))
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=59)):
        retention_apply()
    assert FormDraft.objects.filter(pk=draft.pk).exists()
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=1, seconds=1)):
        retention_apply()
    assert not FormDraft.objects.filter(pk=draft.pk).exists()
