"""Faults against real services, on loopback only.

- Redis (the Celery broker and the shared cache) stopped while people send
  several different forms: every page still succeeds, every record and outbox
  row is saved; when Redis is back a real worker and the sweeper send each
  email exactly once.
- PostgreSQL restarted between two requests to the site under gunicorn: the
  next request works, because of the connection health checks (the control
  with them switched off gets a 500 first).

A Celery worker killed mid-send is covered in tests/outbox/test_worker.py.
"""

import logging
import time

import pytest
from django.test import Client

from outbox.models import Notification
from tests.conftest import wait_until

from .public_forms import PUBLIC_FORMS, form_choices_create, fresh_token
from .services import Gunicorn, PrivatePostgres, SiteClient, manage, site_env

SENT_WHILE_DOWN = ["feedback", "network contact", "evening booking", "iag apply", "pap sign-up"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_down_every_form_is_saved_and_each_email_goes_once_when_it_is_back(
    private_redis, use_broker, celery_worker_factory, settings, caplog
):
    form_choices_create()
    settings.CACHES = {
        "default": {
            "BACKEND": "engagement_site.redis_clients.RedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    from django.core.cache import cache

    cache.set("probe", "up")
    assert cache.get("probe") == "up"  # the cache really is this Redis
    use_broker(private_redis.url)
    private_redis.stop()

    caplog.set_level(logging.WARNING)
    forms = [form for form in PUBLIC_FORMS if form.name in SENT_WHILE_DOWN]
    counts = {form.name: form.records() for form in forms}
    for form in forms:
        started = time.monotonic()
        responses = form.send(Client(), {**form.valid_data(), "form_token": fresh_token()})
        elapsed = time.monotonic() - started
        assert [r.status_code for r in responses][-1] == 302, (form.name, responses[-1].content.decode()[:2000])
        assert all(r.status_code < 500 for r in responses)
        assert elapsed < 15, f"{form.name}: the person waited {elapsed:.1f}s for a Redis that is down"
        assert form.records() == counts[form.name] + 1, form.name

    # The cache was tried and failed open; the broker was tried and the rows left for the sweeper.
    assert "Rate limit skipped, cache unavailable" in caplog.text
    assert "Cache unavailable reading force profile" in caplog.text
    assert "left for the sweeper" in caplog.text
    expected = sum(form.emails for form in forms)
    notifications = list(Notification.objects.all())
    assert len(notifications) == expected
    assert {n.state for n in notifications} == {Notification.State.PENDING}

    private_redis.start()
    worker = celery_worker_factory(private_redis.url)
    worker.start()
    from outbox.tasks import notifications_sweep

    notifications_sweep.delay()  # what beat does every minute
    wait_until(
        lambda: Notification.objects.filter(state=Notification.State.SENT).count() == expected,
        timeout=60,
        message="the sweeper to send every email",
    )
    notifications_sweep.delay()  # a second sweep finds nothing left to send
    time.sleep(2)
    emails = worker.emails()
    assert len(emails) == expected, worker.output()[-3000:]
    for notification in notifications:
        assert sum(notification.message_id in email for email in emails) == 1, notification.kind


# ---------------------------------------------------------------- PostgreSQL restarted


@pytest.fixture(scope="module")
def private_postgres(tmp_path_factory):
    cluster = PrivatePostgres()
    try:
        cluster.create()
        manage("migrate", "--noinput", env=site_env(cluster.url, tmp_path_factory.mktemp("migrate")))
        yield cluster
    finally:
        cluster.destroy()


def feedback_count(cluster: PrivatePostgres) -> int:
    from site_pages.models import Feedback

    return cluster.query(f"SELECT count(*) FROM {Feedback._meta.db_table}")[0][0]


def test_postgres_restarted_between_requests_the_next_request_works(private_postgres, tmp_path):
    env = site_env(private_postgres.url, tmp_path)
    with Gunicorn(env, tmp_path / "gunicorn.log", workers=1) as site:
        visitor = SiteClient(site.base)
        assert visitor.get("/equality-and-diversity/").status == 200  # opens the persistent connection
        private_postgres.restart()
        assert visitor.get("/equality-and-diversity/").status == 200, site.output()[-3000:]
        before = feedback_count(private_postgres)
        _page, tokens = visitor.form("/feedback/")
        sent = visitor.post("/feedback/", {**tokens, "satisfaction": "satisfied", "comments": "After a restart"})
        assert sent.status == 302, sent.text[:2000]
        assert feedback_count(private_postgres) == before + 1


def test_without_health_checks_the_first_request_after_a_restart_fails(private_postgres, tmp_path):
    """The control: the same site with CONN_HEALTH_CHECKS off reuses the dead
    connection once (a 500), so the health checks are what make the test above pass.
    The page cache is off: a cached page would be served without the database."""
    env = site_env(
        private_postgres.url,
        tmp_path,
        DJANGO_SETTINGS_MODULE="tests.security.settings_no_health_checks",
        PAGE_CACHE_ENABLED="0",
    )
    with Gunicorn(env, tmp_path / "gunicorn.log", workers=1) as site:
        visitor = SiteClient(site.base)
        assert visitor.get("/equality-and-diversity/").status == 200
        private_postgres.restart()
        assert visitor.get("/equality-and-diversity/").status == 500
        assert visitor.get("/equality-and-diversity/").status == 200  # Django drops the broken connection
