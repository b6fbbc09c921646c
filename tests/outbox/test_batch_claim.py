"""A worker claims a batch of due emails with one statement and sends it over one
mail connection; concurrent claimers take disjoint rows."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from outbox import services
from outbox.models import Notification
from outbox.services import notification_send, notifications_drain, notifications_sweep

pytestmark = pytest.mark.django_db


def rows(n: int, **fields) -> list[int]:
    created = Notification.objects.bulk_create(
        [
            Notification(recipient=f"person{i}@example.org", subject="s", body_text="b", kind="test", **fields)
            for i in range(n)
        ]
    )
    return [row.pk for row in created]


def test_one_task_sends_its_own_email_first_then_other_due_ones_over_one_mail_connection():
    ids = rows(5)
    with mock.patch.object(services, "get_connection", wraps=services.get_connection) as opened:
        assert notification_send(notification_id=ids[3], limit=3) is None
    assert opened.call_count == 1
    assert [message.to[0] for message in mail.outbox] == [
        "person3@example.org",
        "person0@example.org",
        "person1@example.org",
    ]
    states = dict(Notification.objects.values_list("pk", "state"))
    assert [states[pk] for pk in ids] == ["sent", "sent", "pending", "sent", "pending"]


def test_a_batch_leaves_emails_not_due_and_claims_still_in_progress_alone(settings):
    later = rows(2, next_attempt_at=timezone.now() + timedelta(minutes=5))
    in_progress = rows(1, state=Notification.State.SENDING, claimed_at=timezone.now(), attempts=1)
    due = rows(2)
    claimed, left = notifications_drain(limit=10)
    assert (claimed, left) == (2, [])
    assert sorted(message.to[0] for message in mail.outbox) == ["person0@example.org", "person1@example.org"]
    assert Notification.objects.filter(pk__in=later + in_progress, state="sent").count() == 0
    assert Notification.objects.filter(pk__in=due, state="sent", attempts=1).count() == 2


def test_a_drain_takes_back_what_a_dead_worker_left_but_a_single_send_leaves_that_to_the_sweeper(settings):
    stale = timezone.now() - timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS + 60)
    [abandoned] = rows(1, state=Notification.State.SENDING, claimed_at=stale, attempts=1)
    [fresh] = rows(1)
    notification_send(notification_id=fresh, limit=10)
    assert Notification.objects.get(pk=abandoned).state == Notification.State.SENDING
    assert notifications_drain(limit=10) == (1, [])
    assert Notification.objects.get(pk=abandoned).attempts == 2
    assert len(mail.outbox) == 2


def test_the_sweeper_queues_one_drain_task_per_batch(settings):
    settings.CELERY_TASK_SOFT_TIME_LIMIT = 60
    settings.NOTIFICATION_SEND_SECONDS_PER_MESSAGE = 15  # 30 s usable: two emails a batch
    rows(5)
    with mock.patch.object(services, "_enqueue_drain", wraps=services._enqueue_drain) as queued:
        assert notifications_sweep() == 5
    assert queued.call_count == 3
    assert len(mail.outbox) == 5
    assert notifications_sweep() == 0


def test_claiming_a_batch_on_postgresql_is_one_statement(django_assert_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement claim (UPDATE ... SKIP LOCKED ... RETURNING) is PostgreSQL's")
    ids = rows(20)
    with django_assert_num_queries(1) as captured:
        claimed = services._claim(first=ids[5], limit=8)
    assert "FOR UPDATE SKIP LOCKED" in captured.captured_queries[0]["sql"]
    assert [row.pk for row in claimed][0] == ids[5] and len(claimed) == 8
    assert all(row.state == "sending" and row.attempts == 1 for row in claimed)


@pytest.mark.django_db(transaction=True)
def test_concurrent_claimers_take_disjoint_batches():
    if connection.vendor == "sqlite":
        pytest.skip("needs a server database for several connections at once")
    rows(100)
    barrier = threading.Barrier(4)
    batches = []

    def claim():
        barrier.wait()
        try:
            batches.append([row.pk for row in services._claim(limit=30)])
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    claimed = [pk for batch in batches for pk in batch]
    assert len(claimed) == len(set(claimed)) > 30
    assert Notification.objects.filter(state="sending").count() == len(claimed)
    assert set(Notification.objects.filter(attempts=1).values_list("pk", flat=True)) == set(claimed)


def test_the_task_of_an_email_another_batch_took_only_reads_it_by_primary_key(django_assert_num_queries):
    ids = rows(5)
    notification_send(notification_id=ids[0], limit=5)  # the first task to run sends all five
    assert len(mail.outbox) == 5
    with django_assert_num_queries(1) as captured:
        assert notification_send(notification_id=ids[3], limit=5) is None
    sql = captured.captured_queries[0]["sql"].upper()
    assert sql.startswith("SELECT") and "UPDATE" not in sql
    assert len(mail.outbox) == 5


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"next_attempt_at": timezone.now() + timedelta(minutes=5)},
        {"state": "sending", "claimed_at": timezone.now(), "attempts": 1},
        {"state": "sending", "claimed_at": timezone.now() - timedelta(hours=1), "attempts": 1},
        {"state": "sending", "claimed_at": timezone.now() - timedelta(hours=1), "attempts": 99},
        {"state": "sent", "sent_at": timezone.now(), "attempts": 1},
        {"state": "failed", "attempts": 6},
    ],
    ids=["due", "not due", "being sent", "left by a dead worker", "out of attempts", "sent", "failed"],
)
def test_the_quick_read_agrees_with_the_claim_on_whether_an_email_is_still_to_send(fields):
    [pk] = rows(1, **fields)
    claimable = Notification.objects.filter(services._claimable(timezone.now()), pk=pk).exists()
    assert services._still_to_send(pk) is claimable
