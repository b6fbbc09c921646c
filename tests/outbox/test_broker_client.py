"""Publishing a task on Redis reuses one redis-py client per process (kombu's
own transport builds one per publish), and every message still arrives."""

import json

import pytest
import redis

from outbox.tasks import notification_send


@pytest.fixture
def site_transport(use_broker, redis_url):
    """The broker as settings choose it for a Redis URL, whatever this run's own settings."""
    from engagement_site.celery import app

    original = app.conf.broker_transport
    app.conf.broker_transport = "engagement_site.redis_clients:Transport"
    use_broker(redis_url)
    yield redis.Redis.from_url(redis_url)
    app.conf.broker_transport = original


def test_publishing_reuses_one_redis_client(site_transport, clients_built):
    notification_send.delay(1)  # connects
    clients_built.clear()
    for notification_id in (2, 3, 4):
        notification_send.delay(notification_id)
    assert clients_built == []
    queued = [json.loads(message) for message in site_transport.lrange("celery", 0, -1)]
    assert sorted(message["headers"]["argsrepr"] for message in queued) == ["(1,)", "(2,)", "(3,)", "(4,)"]


def test_a_closed_channel_gets_a_new_client_with_its_new_pool(site_transport):
    from engagement_site.celery import app
    from engagement_site.redis_clients import Channel

    with app.connection_for_write() as connection:
        channel = connection.default_channel
        assert isinstance(channel, Channel)
        with channel.conn_or_acquire() as first, channel.conn_or_acquire() as again:
            assert first is again
        channel._disconnect_pools()
        with channel.conn_or_acquire() as after:
            assert after is not first and after.connection_pool is channel.pool
            assert after.ping()


@pytest.mark.django_db
def test_the_emails_of_one_submission_are_published_together_one_task_each(
    site_transport, monkeypatch, django_capture_on_commit_callbacks
):
    from outbox.services import notifications_queue_many

    notification_send.delay(0)  # connects
    site_transport.delete("celery")
    sent = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    emails = [
        dict(recipient=f"{name}@example.org", template="site_pages/email/feedback_received", context={}, kind="test")
        for name in ("ann", "bob", "cat")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        notifications = notifications_queue_many(emails)
    publishes = [b"".join(command) for command in sent if any(b"LPUSH" in part for part in command)]
    assert len(publishes) == 1 and publishes[0].count(b"LPUSH") == 3  # one round trip
    queued = [json.loads(message)["headers"]["argsrepr"] for message in site_transport.lrange("celery", 0, -1)]
    assert sorted(queued) == sorted(f"({notification.pk},)" for notification in notifications)
