"""The Celery app: a worker runs `celery -A engagement_site worker`, beat runs
`celery -A engagement_site beat`. Settings are the CELERY_* names in settings.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement_site.settings")

app = Celery("engagement_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
