"""`make run` serves the site on its embedded defaults: SQLite, tasks run in-process,
no Redis. The suite runs on PostgreSQL in CI, so SQL only PostgreSQL takes would
pass every other test and break the site a newcomer first sees. This test starts a
process on those defaults, loads the demo into a fresh SQLite file and asks for
every public page that needs no private link, a directory search among them."""

import os
import subprocess
import sys

from .test_security import ROOT

VISIT = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from benchmarks.pages import PAGES
from iag.models import AdvisoryGroup
from networks.models import Network

call_command("migrate", verbosity=0)
call_command("load_demo", staff_password="random", verbosity=0)
network = Network.objects.filter(is_published=True).first()
paths = [reverse(page.url) for page in PAGES if isinstance(page.url, str)] + [
    reverse("networks:index") + "?q=support&join=staff",
    reverse("networks:index") + "?category=" + network.category.slug,
    network.get_absolute_url(),
    reverse("networks:contact", args=[network.slug]),
    reverse("iag_work:group", args=[AdvisoryGroup.objects.first().slug]),
]
visitor = Client()
for path in paths:
    print(visitor.get(path).status_code, path)
"""


def test_every_public_page_answers_on_sqlite_with_tasks_in_process(tmp_path):
    unset = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_ENV", "DJANGO_SETTINGS_MODULE")
    environment = {k: v for k, v in os.environ.items() if k not in unset and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [sys.executable, "-c", VISIT],
        cwd=ROOT,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "engagement_site.settings",
            "SQLITE_NAME": str(tmp_path / "site.sqlite3"),
            "EMAIL_FILE_PATH": str(tmp_path / "emails"),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answers = [line.split(" ", 1) for line in result.stdout.splitlines() if line[:3].isdigit()]
    assert len(answers) >= 25
    assert [path for status, path in answers if status not in ("200", "302")] == []
    assert ("302", "/leave/") in [tuple(answer) for answer in answers]
