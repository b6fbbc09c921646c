"""Every app's models and migrations agree (what `make check` runs in CI)."""

from io import StringIO

from django.core.management import call_command


def test_no_model_change_in_any_app_is_missing_a_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 if one is missing
    assert "No changes detected" in out.getvalue()
