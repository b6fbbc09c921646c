"""Settings refuse values that would make production quietly wrong."""

import secrets

import pytest

from .test_security import run_manage

PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_ALLOWED_HOSTS": "engagement.example.org",
    "SITE_URL": "https://engagement.example.org",
}


def production(**overrides) -> dict:
    return {**PRODUCTION, "DJANGO_SECRET_KEY": secrets.token_urlsafe(64), **overrides}


@pytest.mark.parametrize(
    "site_url", ["http://127.0.0.1:8000", "http://engagement.example.org", "engagement.example.org", "https://", ""]
)
def test_production_refuses_a_site_url_that_is_not_https(site_url):
    result = run_manage("check", **production(SITE_URL=site_url))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SITE_URL" in result.stderr


def test_production_refuses_to_fall_back_to_the_local_site_url():
    env = production()
    del env["SITE_URL"]
    result = run_manage("check", **env)
    assert result.returncode != 0 and "SITE_URL" in result.stderr


@pytest.mark.parametrize("value", ["prodution", "prod", "live", "staging"])
def test_an_unknown_environment_is_refused_not_run_as_development(value):
    result = run_manage("check", **production(DJANGO_ENV=value))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_ENV" in result.stderr


@pytest.mark.parametrize("value", ["", "development", "test", " Development "])
def test_the_known_environments_and_the_empty_default_run(value):
    result = run_manage("check", DJANGO_ENV=value, SITE_URL="")
    assert result.returncode == 0, result.stdout + result.stderr
