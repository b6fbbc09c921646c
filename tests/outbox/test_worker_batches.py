"""Batches against real services: two Celery workers on Redis sharing the outbox,
a worker killed in the middle of a batch, and a worker keeping its database
connection between tasks.

What "exactly once" means when a worker dies: the rows of its batch it never
tried are sent once, by whoever claims them after the claim timeout; the one
email in the middle of its send is at least once (the mail server may have taken
it before the worker died; its Message-ID stays the same, so a server can drop the
repeat). The slow backend here writes only after its pause, so it is sent once too."""

import time
from collections import Counter

import pytest
from django.db import connection

from outbox.models import Notification
from tests.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def stored(n: int) -> list[Notification]:
    return Notification.objects.bulk_create(
        [Notification(recipient=f"person{i}@example.org", subject="s", body_text="b", kind="test") for i in range(n)]
    )


def all_sent(rows) -> bool:
    return Notification.objects.filter(pk__in=[row.pk for row in rows], state="sent").count() == len(rows)


def sends(workers, rows) -> Counter:
    """How many times each row's email was written, across every worker."""
    messages = [message for worker in workers for message in worker.emails()]
    return Counter({row.pk: sum(row.message_id in message for message in messages) for row in rows})


def test_two_workers_send_every_email_of_a_batch_exactly_once(redis_url, use_broker, celery_worker_factory):
    use_broker(redis_url)
    workers = [celery_worker_factory(redis_url), celery_worker_factory(redis_url)]
    for worker in workers:
        worker.start()
    from outbox.tasks import notification_send, notifications_drain

    rows = stored(120)
    for row in rows:  # one task per email, as the forms queue them, plus drains racing them
        notification_send.delay(row.pk)
        if row.pk % 20 == 0:
            notifications_drain.delay()
    wait_until(lambda: all_sent(rows), timeout=60, message="every email to be sent")
    time.sleep(1)
    assert set(sends(workers, rows).values()) == {1}
    assert set(Notification.objects.filter(pk__in=[row.pk for row in rows]).values_list("attempts", flat=True)) == {1}


def test_worker_killed_mid_batch_every_email_still_goes_exactly_once(redis_url, use_broker, celery_worker_factory):
    use_broker(redis_url)
    slow = celery_worker_factory(redis_url, EMAIL_BACKEND="tests.email_backends.SlowFileBackend")
    slow.start()
    from outbox.tasks import notification_send, notifications_sweep

    rows = stored(5)
    notification_send.delay(rows[0].pk)  # claims all five as one batch
    wait_until(
        lambda: Notification.objects.filter(state=Notification.State.SENDING).count() == 5,
        timeout=40,
        message="the worker to claim the batch",
    )
    slow.stop(kill=True)  # SIGKILL while the first email is being sent
    assert Notification.objects.filter(state=Notification.State.SENDING).count() == 5
    assert sum(sends([slow], rows).values()) == 0

    replacement = celery_worker_factory(redis_url, NOTIFICATION_CLAIM_TIMEOUT_SECONDS="1")
    replacement.start()
    time.sleep(1.5)
    notifications_sweep.delay()
    wait_until(lambda: all_sent(rows), timeout=40, message="the replacement worker to send the batch")
    for row in rows:  # the killed worker's message, handed out again, and any still queued
        notification_send.delay(row.pk)
    notifications_sweep.delay()
    time.sleep(2)
    assert set(sends([slow, replacement], rows).values()) == {1}
    assert set(Notification.objects.values_list("attempts", flat=True)) == {2}


def test_worker_killed_part_way_through_a_batch_sends_only_the_rest_again(redis_url, use_broker, celery_worker_factory):
    use_broker(redis_url)
    slow = celery_worker_factory(
        redis_url, EMAIL_BACKEND="tests.email_backends.SlowFileBackend", SLOW_EMAIL_SECONDS="0.7"
    )
    slow.start()
    from outbox.tasks import notification_send, notifications_sweep

    rows = stored(8)
    ids = [row.pk for row in rows]
    for row in rows:  # one task per email: the first claims all eight as one batch
        notification_send.delay(row.pk)
    wait_until(
        lambda: Notification.objects.filter(pk__in=ids, state="sent").count() >= 3,
        timeout=40,
        message="the worker to send part of the batch",
    )
    slow.stop(kill=True)  # SIGKILL in the pause before one of the later emails
    sent_before = set(Notification.objects.filter(pk__in=ids, state="sent").values_list("pk", flat=True))
    assert 3 <= len(sent_before) < len(ids)
    assert sum(sends([slow], rows).values()) == len(sent_before)

    replacement = celery_worker_factory(redis_url, NOTIFICATION_CLAIM_TIMEOUT_SECONDS="1")
    replacement.start()
    time.sleep(1.5)
    notifications_sweep.delay()
    wait_until(lambda: all_sent(rows), timeout=40, message="the replacement worker to send the rest")
    for row in rows:  # every task again, as a broker redelivering them would
        notification_send.delay(row.pk)
    notifications_sweep.delay()
    time.sleep(2)
    assert set(sends([slow, replacement], rows).values()) == {1}
    assert {pk for pk, count in sends([replacement], rows).items() if count} == set(ids) - sent_before
    attempts = dict(Notification.objects.filter(pk__in=ids).values_list("pk", "attempts"))
    assert {pk for pk, tries in attempts.items() if tries == 1} == sent_before


def test_a_worker_keeps_its_database_connection_between_emails(redis_url, use_broker, celery_worker_factory):
    if connection.vendor != "postgresql":
        pytest.skip("reads the server's list of connections")
    use_broker(redis_url)

    def open_connections() -> set:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, backend_start FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
            return set(cursor.fetchall())

    others = open_connections()  # left by earlier tests' servers and threads, not the worker's
    worker = celery_worker_factory(redis_url)
    worker.start()
    from outbox.tasks import notification_send

    def worker_connections() -> set:
        return open_connections() - others

    seen = []
    for _ in range(5):  # one email at a time, each its own task
        [row] = stored(1)
        notification_send.delay(row.pk)
        wait_until(lambda row=row: all_sent([row]), timeout=40, message="the email to be sent")
        time.sleep(0.3)
        seen.append(worker_connections())
    assert len(seen[0]) == 1, f"the worker should hold one open connection between tasks, not {seen[0]}"
    assert all(connections == seen[0] for connections in seen)
