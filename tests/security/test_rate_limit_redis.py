"""The rate limit in Redis, as in production: one round trip per submission,
atomic under concurrent requests, a window that starts at the first count, and
no refusal when Redis is down."""

import threading

import pytest
import redis
from django.core.cache import cache
from django.test import RequestFactory

from protected_forms.protection import rate_limited
from tests.conftest import free_port


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "engagement_site.redis_clients.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.FORM_RATE_WINDOW_SECONDS = 600
    return redis.Redis.from_url(redis_url)


@pytest.fixture
def round_trips(monkeypatch):
    """Counts what is written to Redis's socket: one per command, or one per
    pipeline however many commands it holds."""
    sent = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    return sent


def request_from(address: str = "192.0.2.10"):
    return RequestFactory().post("/feedback/", REMOTE_ADDR=address)


def counter_key(scope: str, address: str = "192.0.2.10") -> str:
    return cache.make_and_validate_key(f"rate:{scope}:{address}")


def test_each_submission_costs_one_redis_round_trip(redis_cache, round_trips, settings):
    settings.FORM_RATE_LIMIT = 1
    rate_limited(request_from(), "feedback")  # connects
    round_trips.clear()
    assert rate_limited(request_from(), "feedback") is True
    assert len(round_trips) == 1
    assert int(redis_cache.get(counter_key("feedback"))) == 2


def test_concurrent_submissions_are_each_counted_once(redis_cache, settings):
    settings.FORM_RATE_LIMIT = 30
    results, lock = [], threading.Lock()

    def send_many():
        for _ in range(10):
            limited = rate_limited(request_from(), "feedback")
            with lock:
                results.append(limited)

    threads = [threading.Thread(target=send_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(False) == 30 and results.count(True) == 50
    assert int(redis_cache.get(counter_key("feedback"))) == 80


def test_the_window_starts_at_the_first_count_and_is_not_stretched(redis_cache, settings):
    settings.FORM_RATE_LIMIT = 100
    rate_limited(request_from(), "feedback")
    key = counter_key("feedback")
    assert 0 < redis_cache.ttl(key) <= 600
    redis_cache.expire(key, 5)  # most of the window has passed
    rate_limited(request_from(), "feedback")
    assert 0 < redis_cache.ttl(key) <= 5
    assert rate_limited(request_from("192.0.2.99"), "feedback") is False  # each client has its own count


def test_redis_down_lets_the_submission_through(settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "engagement_site.redis_clients.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.FORM_RATE_LIMIT = 0
    assert rate_limited(request_from(), "feedback") is False
    assert "Rate limit skipped, cache unavailable" in caplog.text


@pytest.mark.django_db
def test_the_iag_final_post_makes_at_most_three_redis_round_trips(
    redis_cache, redis_url, use_broker, round_trips, demo, django_capture_on_commit_callbacks
):
    """Redis is the shared cache and the broker: the rate limit is one round
    trip, the force's profile the two emails show is read from the cache once,
    and the two emails' tasks are published together after commit."""
    from django.test import Client

    from .public_forms import PUBLIC_FORMS, fresh_token, post

    form = next(form for form in PUBLIC_FORMS if form.name == "iag apply")
    use_broker(redis_url)
    warm = Client()
    with django_capture_on_commit_callbacks(execute=True):
        form.send(warm, {**form.valid_data(), "form_token": fresh_token()})  # connections opened
    client, data = Client(), {**form.valid_data(), "form_token": fresh_token()}
    assert form.prepare(client, data)[-1].status_code == 302
    round_trips.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, form.url(), data).status_code == 302
    sent = [b"".join(command) if isinstance(command, list) else bytes(command) for command in round_trips]
    assert sent[0].startswith(b"*1\r\n$5\r\nMULTI") and b"INCR" in sent[0]
    # The force's profile: from this process's own copy (kept a second), else one GET.
    profile_reads = [command for command in sent[1:] if command.startswith(b"*2\r\n$3\r\nGET")]
    assert len(profile_reads) <= 1 and all(b"force-profile" in command for command in profile_reads)
    publishes = [command for command in sent if b"LPUSH" in command]
    assert len(publishes) == 1 and publishes[0].count(b"LPUSH") == 2
    assert len(sent) == 2 + len(profile_reads), sent


def test_the_rate_limit_reuses_one_redis_client(redis_cache, clients_built):
    """Django's own Redis cache builds a redis-py client for each command."""
    rate_limited(request_from(), "feedback")  # connects
    clients_built.clear()
    rate_limited(request_from(), "feedback")
    cache.get("anything")
    assert clients_built == []
