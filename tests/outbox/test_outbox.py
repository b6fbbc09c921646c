"""The notification outbox: stored with what it reports, sent once, retried, swept."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from outbox.models import Notification
from outbox.services import notification_resend, notification_send, notifications_sweep, retry_delay
from site_pages.models import Feedback
from site_pages.services import feedback_create

pytestmark = pytest.mark.django_db


def make_feedback(**kwargs):
    return feedback_create(satisfaction="satisfied", comments=kwargs.get("comments", "Fine"), page="/")


def test_notification_is_stored_in_the_same_transaction_as_what_it_reports():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            make_feedback()
            assert Notification.objects.count() == 1
            raise RuntimeError("the submission fails after the email was queued")
    assert Feedback.objects.count() == 0
    assert Notification.objects.count() == 0


def test_notification_is_sent_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        feedback = make_feedback()
    notification = Notification.objects.get()
    assert notification.state == Notification.State.PENDING
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    callbacks[0]()
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["diversity.unit@engagement.example.org"]
    assert feedback.reference in mail.outbox[0].subject


def test_unit_alert_carries_reference_and_admin_link_but_not_the_answers(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = make_feedback(comments="My neighbour's name is Jo Bloggs")
    body = mail.outbox[0].body
    assert feedback.reference in body
    assert f"/admin/site_pages/feedback/{feedback.pk}/change/" in body
    assert "Bloggs" not in body and "Bloggs" not in mail.outbox[0].subject


def test_a_notification_is_never_sent_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_feedback()
    notification = Notification.objects.get()
    assert notification_send(notification_id=notification.pk) is None
    assert notifications_sweep() == 0
    assert len(mail.outbox) == 1


def test_failed_send_is_retried_with_backoff_then_marked_failed(settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("smtp down")):
        with django_capture_on_commit_callbacks(execute=True):
            make_feedback()
        notification = Notification.objects.get()
        assert notification.state == Notification.State.PENDING
        assert notification.attempts == 1
        assert "smtp down" in notification.last_error
        assert notification.next_attempt_at > timezone.now()
        # Not due yet: neither a direct send nor the sweeper tries it early.
        assert notification_send(notification_id=notification.pk) is None
        assert notifications_sweep() == 0
        for _ in range(2):
            Notification.objects.update(next_attempt_at=timezone.now())
            notifications_sweep()
    notification.refresh_from_db()
    assert notification.state == Notification.State.FAILED
    assert notification.attempts == 3
    assert len(mail.outbox) == 0


def test_retry_delay_grows_and_is_capped(settings):
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 30
    assert 24 <= retry_delay(1) <= 36
    assert 96 <= retry_delay(3) <= 144
    assert retry_delay(30) <= 1800 * 1.2


def test_sweeper_sends_what_is_pending(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        make_feedback()  # as if the broker was down: the callback never ran
    assert notifications_sweep() == 1
    assert Notification.objects.get().state == Notification.State.SENT
    assert len(mail.outbox) == 1


def test_sweeper_takes_back_a_notification_a_dead_worker_left_sending(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        make_feedback()
    claimed = timezone.now() - timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS - 30)
    Notification.objects.update(state=Notification.State.SENDING, claimed_at=claimed, attempts=1)
    assert notifications_sweep() == 0, "a recent claim may still be in progress"
    Notification.objects.update(claimed_at=claimed - timedelta(seconds=60))
    assert notifications_sweep() == 1
    assert Notification.objects.get().state == Notification.State.SENT
    assert len(mail.outbox) == 1


def test_staff_resend_sends_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_feedback()
    with django_capture_on_commit_callbacks(execute=True):
        notification_resend(notification=Notification.objects.get())
    assert len(mail.outbox) == 2
    assert Notification.objects.get().state == Notification.State.SENT


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_one_email():
    if connection.vendor == "sqlite":
        pytest.skip("needs a server database for two connections at once")
    feedback = Feedback.objects.create(satisfaction="satisfied", comments="x")
    notification = Notification.objects.create(
        recipient="a@example.org", subject="s", body_text="b", kind="test", about_id=str(feedback.pk)
    )
    barrier = threading.Barrier(4)

    def send():
        barrier.wait()
        try:
            notification_send(notification_id=notification.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mail.outbox) == 1
    assert Notification.objects.get().attempts == 1


def test_admin_lists_notifications_with_filters_and_resend(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_feedback()
    response = admin_client.get("/admin/outbox/notification/?state__exact=sent")
    html = response.content.decode()
    assert response.status_code == 200
    assert "feedback: received" in html
    assert "Send the selected notifications again" in html
    notification = Notification.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/outbox/notification/",
            {"action": "resend", "_selected_action": [notification.pk]},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_staff_without_permission_cannot_resend(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_notification"))
    client.force_login(user)
    html = client.get("/admin/outbox/notification/").content.decode()
    assert "Send the selected notifications again" not in html
