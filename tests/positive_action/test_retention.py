"""Sign-ups and bookings are anonymised once their retention period has passed
(time moved forward: kept one day before, anonymised one day after)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings

from outbox.models import Notification
from personal_data.tasks import retention_apply
from positive_action.models import Booking, Group, Role, Signup, SignupEqualityAnswers

HEALTH = "Tartan insulin pump checks"


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def signup(pa_demo, django_capture_on_commit_callbacks):
    from positive_action.services import signup_create

    with django_capture_on_commit_callbacks(execute=True):
        return signup_create(
            candidate_reference="ABC123456",
            name="Alex Smith",
            email="alex@example.com",
            phone="07700900982",
            role=Role.objects.get(slug="police-officer"),
            stage="shortlisted",
            wants_buddy=False,
            adjustments=HEALTH,
            groups=[Group.objects.get(name="Women")],
            consent=True,
        )


def test_retention_runs_on_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "personal_data.tasks.retention_apply" in tasks


def test_sign_up_is_kept_until_its_period_then_anonymised(signup, settings):
    settings.PAP_SIGNUP_RETENTION_DAYS = 100
    assert Notification.objects.filter(recipient="alex@example.com").exists()
    with at(signup.created_at + timedelta(days=99)):
        retention_apply()
    signup.refresh_from_db()
    assert signup.name == "Alex Smith" and signup.adjustments == HEALTH
    assert SignupEqualityAnswers.objects.filter(signup=signup).exists()

    with at(signup.created_at + timedelta(days=101)):
        assert retention_apply()["positive_action"]["signups"] == 1
        assert retention_apply()["positive_action"]["signups"] == 0  # safe to run again
    signup.refresh_from_db()
    assert signup.name == "[erased]" and signup.email.endswith("@invalid.example")
    assert signup.phone == "" and signup.adjustments is None
    assert not SignupEqualityAnswers.objects.filter(signup=signup).exists()
    assert not Notification.objects.filter(recipient="alex@example.com").exists()
    assert signup.events.filter(action="erased").exists()


def test_booking_is_kept_until_its_period_after_the_evening_then_anonymised(make_evening, book, settings):
    settings.PAP_BOOKING_RETENTION_DAYS = 30
    evening = make_evening()
    kept = book(evening, 1, access_needs=HEALTH)
    later = make_evening(starts_at=evening.starts_at + timedelta(days=60))
    other = book(later, 2, access_needs=HEALTH)
    with at(evening.ends_at + timedelta(days=29)):
        retention_apply()
    kept.refresh_from_db()
    assert kept.name == "Candidate 1" and kept.access_needs == HEALTH

    with at(evening.ends_at + timedelta(days=31)):
        assert retention_apply()["positive_action"]["bookings"] == 1
    kept.refresh_from_db()
    assert kept.name == "[erased]" and kept.access_needs is None
    assert kept.email.endswith("@invalid.example") and kept.candidate_reference.startswith("ERASED-")
    assert kept.status == Booking.Status.CONFIRMED  # the place and attendance stay
    other.refresh_from_db()
    assert other.name == "Candidate 2" and other.access_needs == HEALTH


def test_default_periods():
    assert settings.PAP_SIGNUP_RETENTION_DAYS == 730
    assert settings.PAP_BOOKING_RETENTION_DAYS == 90


def test_sign_up_erasure_still_anonymises_and_clears_health_answers(signup):
    from personal_data.collector import subject_erase_everywhere

    subject_erase_everywhere(email="alex@example.com")
    signup = Signup.objects.get(pk=signup.pk)
    assert signup.name == "[erased]" and signup.adjustments is None
