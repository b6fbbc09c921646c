"""The demo topics load (and load again) cleanly."""

import pytest

from engagement_site.dispatch import demo
from engagement_site.dispatch.models import Topic

pytestmark = pytest.mark.django_db


def test_demo_topics_load_and_loading_again_changes_nothing():
    first = demo.load(force="essex")
    again = demo.load(force="essex")
    assert first["topics"] == Topic.objects.count() >= 5
    assert again["topics_created"] == 0
    assert Topic.objects.count() == first["topics"]
