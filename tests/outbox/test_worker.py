"""The outbox against real services: a Celery worker process on Redis, the
broker going away while people submit forms, and a worker killed mid-send."""

import re
import time

import pytest
from django.urls import reverse

from outbox.models import Notification
from tests.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def submit_feedback(client, comments="Clearer maps"):
    page = client.get(reverse("feedback"))
    token = page.context["form"].initial["form_token"]
    return client.post(reverse("feedback"), {"satisfaction": "satisfied", "comments": comments, "form_token": token})


def sent(notification_id):
    return Notification.objects.get(pk=notification_id).state == Notification.State.SENT


def emails_mentioning(worker, text):
    return [message for message in worker.emails() if text in message]


def test_a_real_worker_on_redis_sends_an_outbox_email(client, redis_url, use_broker, celery_worker_factory):
    use_broker(redis_url)
    worker = celery_worker_factory(redis_url)
    worker.start()
    response = submit_feedback(client)
    assert response.status_code == 302
    notification = Notification.objects.get()
    wait_until(lambda: sent(notification.pk), timeout=40, message="the worker to send the email")
    assert len(emails_mentioning(worker, notification.message_id)) == 1
    assert "outbox.tasks.notification_send" in worker.output()
    # Logged through Django's LOGGING ("<time> LEVEL logger message"), not Celery's own format.
    assert re.search(r"^\S+ \S+ INFO celery\.\S+ Task outbox\.tasks\.notification_send", worker.output(), re.M)


def test_broker_down_the_form_still_succeeds_and_the_email_goes_once_it_is_back(
    client, private_redis, use_broker, celery_worker_factory
):
    use_broker(private_redis.url)
    private_redis.stop()

    started = time.monotonic()
    response = submit_feedback(client)
    elapsed = time.monotonic() - started
    assert response.status_code == 302 and response.url == reverse("feedback_sent")
    assert elapsed < 8, f"the person waited {elapsed:.1f}s for a broker that is down"
    notification = Notification.objects.get()
    assert notification.state == Notification.State.PENDING

    private_redis.start()
    worker = celery_worker_factory(private_redis.url)
    worker.start()
    from outbox.tasks import notifications_sweep

    notifications_sweep.delay()  # what beat does every minute
    wait_until(lambda: sent(notification.pk), timeout=40, message="the sweeper to send the email")
    notifications_sweep.delay()  # a second sweep finds nothing more to send
    time.sleep(2)
    assert len(emails_mentioning(worker, notification.message_id)) == 1


def test_worker_killed_mid_send_the_email_still_goes_exactly_once(client, redis_url, use_broker, celery_worker_factory):
    use_broker(redis_url)
    slow = celery_worker_factory(redis_url, EMAIL_BACKEND="tests.email_backends.SlowFileBackend")
    slow.start()
    submit_feedback(client)
    notification = Notification.objects.get()
    wait_until(
        lambda: Notification.objects.get(pk=notification.pk).state == Notification.State.SENDING,
        timeout=40,
        message="the worker to start sending",
    )
    slow.stop(kill=True)  # SIGKILL in the middle of the send
    assert Notification.objects.get(pk=notification.pk).state == Notification.State.SENDING
    assert emails_mentioning(slow, notification.message_id) == []

    # A claim older than the timeout belongs to a dead worker; the sweeper takes it back.
    replacement = celery_worker_factory(redis_url, NOTIFICATION_CLAIM_TIMEOUT_SECONDS="1")
    replacement.start()
    time.sleep(1.5)
    from outbox.tasks import notification_send, notifications_sweep

    notifications_sweep.delay()
    wait_until(lambda: sent(notification.pk), timeout=40, message="the replacement worker to send")
    # The killed worker's message, when Redis hands it out again, finds the row sent.
    notification_send.delay(notification.pk)
    time.sleep(2)
    assert len(emails_mentioning(replacement, notification.message_id)) == 1
    assert Notification.objects.get(pk=notification.pk).attempts == 2
