"""Links in emails follow the port the site runs on: `PORT=8811 make run` serves
on 8811, so SITE_URL (every emailed link) must say 8811 unless it is set."""

import os
import subprocess

from .test_security import ROOT

SHOW_SITE_URL = 'site-url: ; @$(PY) manage.py shell -c "from django.conf import settings; print(settings.SITE_URL)"'


def site_url_under_make(**env) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("PORT", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    result = subprocess.run(
        ["make", "-s", f"--eval={SHOW_SITE_URL}", "site-url"],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_emailed_links_follow_the_port_make_run_serves_on():
    assert site_url_under_make(PORT="8811") == "http://127.0.0.1:8811"


def test_the_default_port_is_8000():
    assert site_url_under_make() == "http://127.0.0.1:8000"


def test_a_site_url_that_is_set_wins_over_the_port():
    assert site_url_under_make(PORT="8811", SITE_URL="http://localhost:9000/") == "http://localhost:9000"
