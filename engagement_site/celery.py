"""The Celery app: a worker runs `celery -A engagement_site worker`, beat runs
`celery -A engagement_site beat`. Settings are the CELERY_* names in settings.py."""

import logging
import os

from celery import Celery
from celery.signals import setup_logging, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement_site.settings")

app = Celery("engagement_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def use_django_logging(loglevel=None, **kwargs) -> None:
    """Keep Django's LOGGING in charge of worker and beat logs. With a receiver on
    this signal Celery leaves the root logger alone instead of replacing its handlers.
    `--loglevel` still sets how much Celery's own loggers say ("ready.", each task)."""
    from django.conf import settings
    from django.utils.log import configure_logging

    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    if loglevel:
        logging.getLogger("celery").setLevel(loglevel)


@task_prerun.connect
def drop_unusable_database_connections(task=None, **kwargs) -> None:
    """What Django does at the start of each request: a kept connection (see
    CELERY_DB_REUSE_MAX) is closed if it is older than CONN_MAX_AGE, or if it had
    an error and no longer answers. Unlike a request, a task does not ping it
    first (CONN_HEALTH_CHECKS): that would be a round trip per email, and a task
    that meets a dropped connection fails, leaving its rows to the sweeper."""
    from django.db import connections

    if task is not None and getattr(task.request, "is_eager", False):
        return  # run inline, inside the caller's transaction
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
            if connection.connection is not None:
                connection.health_check_done = True
