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
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.FORM_RATE_LIMIT = 0
    assert rate_limited(request_from(), "feedback") is False
    assert "Rate limit skipped, cache unavailable" in caplog.text
