"""Retention across the site. Each app that keeps personal data has a module
`<app>/retention.py` with `retention_apply(*, now=None) -> dict[str, int]`
(how many records of each kind it deleted or anonymised); one beat task runs
them all (`personal_data.tasks.retention_apply`). Periods are settings (README
"Retention"). This app's own part: the log of personal data requests."""

import sys
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import PrivacyRequest


def retention_apply(*, now=None) -> dict[str, int]:
    before = (now or timezone.now()) - timedelta(days=settings.PRIVACY_REQUEST_LOG_RETENTION_DAYS)
    return {"privacy_requests": PrivacyRequest.objects.filter(created_at__lt=before).delete()[0]}


def retention_apply_everywhere(*, now=None) -> dict[str, dict[str, int]]:
    autodiscover_modules("retention")
    done = {}
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.retention")
        if module is not None and callable(getattr(module, "retention_apply", None)):
            done[config.label] = module.retention_apply(now=now)
    return done
