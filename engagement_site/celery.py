"""The Celery app: a worker runs `celery -A engagement_site worker`, beat runs
`celery -A engagement_site beat`. Settings are the CELERY_* names in settings.py."""

import logging
import os

from celery import Celery
from celery.signals import setup_logging

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
