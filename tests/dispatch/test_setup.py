"""Migrations are complete, and the demo topics load (and load again) cleanly."""

from io import StringIO

import pytest
from django.core.management import call_command

from dispatch import demo
from dispatch.models import Topic

pytestmark = pytest.mark.django_db


def test_no_dispatch_model_change_is_missing_a_migration():
    out = StringIO()
    call_command("makemigrations", "dispatch", "--check", "--dry-run", stdout=out)


def test_demo_topics_load_and_loading_again_changes_nothing():
    first = demo.load(force="essex")
    again = demo.load(force="essex")
    assert first["topics"] == Topic.objects.count() >= 5
    assert again["topics_created"] == 0
    assert Topic.objects.count() == first["topics"]
