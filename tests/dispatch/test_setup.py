"""The demo topics load (and load again) cleanly."""

import pytest

from dispatch import demo
from dispatch.models import Topic

pytestmark = pytest.mark.django_db


def test_demo_topics_load_and_loading_again_changes_nothing():
    first = demo.load(force="essex")
    again = demo.load(force="essex")
    assert first["topics"] == Topic.objects.count() >= 5
    assert again["topics_created"] == 0
    assert Topic.objects.count() == first["topics"]
