"""Sign-ups never confirmed are deleted by the site's retention task after the period in settings."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from dispatch.models import Subscriber
from personal_data.tasks import retention_apply

pytestmark = pytest.mark.django_db


def unconfirmed_signups_remove() -> int:
    """What the beat's retention task removed from Dispatch."""
    return retention_apply()["dispatch"]["unconfirmed_subscribers"]


def test_the_retention_task_on_the_beat_schedule_covers_dispatch():
    names = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert "personal_data.tasks.retention_apply" in names
    assert "dispatch" in retention_apply()


def test_stale_unconfirmed_sign_ups_are_removed_and_nothing_else(make_subscriber, settings):
    settings.DISPATCH_UNCONFIRMED_MAX_AGE_DAYS = 7
    now = timezone.now()
    stale = make_subscriber("stale@example.org", confirmed=False, confirmation_sent_at=now - timedelta(days=8))
    fresh = make_subscriber("fresh@example.org", confirmed=False, confirmation_sent_at=now - timedelta(days=6))
    old_but_confirmed = make_subscriber(
        "loyal@example.org", created_at=now - timedelta(days=400), confirmation_sent_at=now - timedelta(days=400)
    )
    assert unconfirmed_signups_remove() == 1
    remaining = set(Subscriber.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, old_but_confirmed.pk}
    assert stale.pk not in remaining


def test_the_period_comes_from_settings(make_subscriber, settings):
    settings.DISPATCH_UNCONFIRMED_MAX_AGE_DAYS = 1
    make_subscriber("two-days@example.org", confirmed=False, confirmation_sent_at=timezone.now() - timedelta(days=2))
    assert unconfirmed_signups_remove() == 1
    assert not Subscriber.objects.exists()
