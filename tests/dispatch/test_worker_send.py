"""Sending an issue with a real Celery worker on Redis: 10,000 subscribers each
get one email, Send pressed twice sends once, and a worker killed mid-send
still leaves each subscriber with exactly one email."""

import re
import time
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from dispatch.models import Delivery, Issue, Subscriber
from dispatch.services import issue_send
from outbox.models import Notification
from tests.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
TO = re.compile(r"^To: (.+)$", re.MULTILINE)


@pytest.fixture
def broker(redis_url):
    """A Redis this test run started and emptied, so no other test's worker takes these tasks."""
    return redis_url


def subscribers_create(count: int, district, topic) -> None:
    """Confirmed subscribers, in bulk: rows, then their district and topic choices."""
    now = timezone.now()
    created = Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"reader{n:05d}@example.org", confirmed_at=now, confirmation_sent_at=now)
            for n in range(count)
        ],
        batch_size=2000,
    )
    districts, topics = Subscriber.districts.through, Subscriber.topics.through
    districts.objects.bulk_create(
        [districts(subscriber_id=s.pk, district_id=district.pk) for s in created], batch_size=5000
    )
    topics.objects.bulk_create([topics(subscriber_id=s.pk, topic_id=topic.pk) for s in created], batch_size=5000)


def issue_create(districts, topics) -> Issue:
    issue = Issue.objects.create(subject="Summer safety", body="Lock up **sheds** and bikes.")
    issue.districts.set(districts[:1])
    issue.topics.set(topics[:1])
    return issue


def issue_emails_sent(issue) -> int:
    return Notification.objects.filter(kind="dispatch.issue", about_id=str(issue.pk), state="sent").count()


def recipients(*workers) -> Counter:
    """How many Dispatch emails each address got, across every worker's mail."""
    counts = Counter()
    for worker in workers:
        for message in worker.emails():
            if "Dispatch: Summer safety" in message:
                counts.update(TO.findall(message))
    return counts


def test_ten_thousand_subscribers_each_get_the_issue_exactly_once(
    broker, use_broker, celery_worker_factory, districts, topics
):
    use_broker(broker)
    workers = [celery_worker_factory(broker), celery_worker_factory(broker)]  # two, racing for the same rows
    for worker in workers:
        worker.start()
    subscribers_create(10_000, districts[0], topics[0])
    issue = issue_create(districts, topics)

    started = time.monotonic()
    assert issue_send(issue=issue) is True
    wait_until(lambda: issue_emails_sent(issue) == 10_000, timeout=420, interval=1, message="10,000 emails sent")
    elapsed = time.monotonic() - started

    counts = recipients(*workers)
    assert len(counts) == 10_000, f"{len(counts)} addresses got it"
    assert set(counts.values()) == {1}
    assert Delivery.objects.filter(issue=issue).count() == 10_000
    issue.refresh_from_db()
    assert issue.state == Issue.State.SENT and issue.recipients_queued == 10_000
    print(f"10,000 emails in {elapsed:.1f}s")


def test_send_pressed_twice_in_admin_sends_each_email_once(
    broker, use_broker, celery_worker_factory, districts, topics, admin_client
):
    use_broker(broker)
    worker = celery_worker_factory(broker, DISPATCH_SEND_BATCH_SIZE="7")
    worker.start()
    subscribers_create(40, districts[0], topics[0])
    issue = issue_create(districts, topics)
    url = reverse("admin:dispatch_issue_send", args=[issue.pk])
    assert admin_client.post(url).status_code == 302
    assert admin_client.post(url).status_code == 302
    wait_until(lambda: issue_emails_sent(issue) == 40, timeout=60, message="40 emails sent")
    time.sleep(2)  # anything sent twice would have arrived by now
    counts = recipients(worker)
    assert len(counts) == 40 and set(counts.values()) == {1}


def test_worker_killed_mid_send_each_subscriber_still_gets_exactly_one_email(
    broker, use_broker, celery_worker_factory, districts, topics
):
    from engagement_site.celery import app

    use_broker(broker)
    slow = celery_worker_factory(
        broker, EMAIL_BACKEND="tests.email_backends.SlowFileBackend", DISPATCH_SEND_BATCH_SIZE="5"
    )
    slow.start()
    subscribers_create(20, districts[0], topics[0])
    issue = issue_create(districts, topics)
    issue_send(issue=issue)
    wait_until(
        lambda: Notification.objects.filter(kind="dispatch.issue", state="sending").exists(),
        timeout=60,
        message="the worker to start sending",
    )
    in_flight = list(Notification.objects.filter(kind="dispatch.issue").order_by("pk").values_list("pk", flat=True)[:5])
    slow.stop(kill=True)  # SIGKILL in the middle of a send
    assert issue_emails_sent(issue) < 20

    # A claim older than the timeout belongs to a dead worker; the sweeper takes it back.
    replacement = celery_worker_factory(broker, NOTIFICATION_CLAIM_TIMEOUT_SECONDS="1", DISPATCH_SEND_BATCH_SIZE="5")
    replacement.start()
    app.send_task("dispatch.tasks.issues_resume")  # staff press "carry on sending" (or the lost message comes back)
    time.sleep(1.5)
    app.send_task("outbox.tasks.notifications_sweep")  # what beat does every minute
    wait_until(lambda: issue_emails_sent(issue) == 20, timeout=90, message="every email sent")
    # The killed worker's message, when Redis hands it out again, finds its rows sent.
    app.send_task("dispatch.tasks.notifications_send_batch", args=[in_flight])
    app.send_task("dispatch.tasks.issues_resume")
    time.sleep(2)

    counts = recipients(slow, replacement)
    assert len(counts) == 20 and set(counts.values()) == {1}, counts
    assert Delivery.objects.filter(issue=issue).count() == 20
    assert Notification.objects.filter(kind="dispatch.issue").count() == 20
