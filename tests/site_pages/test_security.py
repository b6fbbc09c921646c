"""Headers, production settings and plain error pages."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_content_security_policy_is_enforced_and_allows_inline_scripts_by_hash(client):
    first = client.get("/")
    second = client.get("/")
    policy = first["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in first
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"):
        assert directive in policy
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "'nonce-" not in script_src
    assert script_src.count("'sha256-") >= 2
    # The same policy and the same page for everyone: nothing per response to stop caching.
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "nonce" not in first.content.decode()


def test_other_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_bad_host_header_gets_400(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_too_many_fields_gets_a_plain_400(client, settings):
    data = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 50)}
    response = client.post("/feedback/", data)
    assert response.status_code == 400


def test_forced_error_gets_the_plain_500_page(settings):
    settings.ROOT_URLCONF = "tests.site_pages.urls_error"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Traceback" not in html and "RuntimeError" not in html


def test_staff_pages_are_never_cached(admin_client):
    assert admin_client.get("/admin/")["Cache-Control"] == "no-store"


def test_quick_exit_clears_the_session_and_leaves_for_the_neutral_site(client, settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/weather"
    session = client.session
    session["half_filled_answer"] = "private"
    session.save()
    response = client.get("/leave/")
    assert response.status_code == 302 and response.url == "https://neutral.example/weather"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "half_filled_answer" not in client.session


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="engagement.example.org",
        SITE_URL="https://engagement.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_key():
    result = run_manage("check", DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="engagement.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_health_check_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Cache-Control"] == "no-store"  # a load balancer never gets a stored answer
