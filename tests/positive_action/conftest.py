from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def pa_demo(db):
    from force import demo as site_demo
    from positive_action import demo

    site_demo.load(force="essex")
    demo.load(force="essex")


@pytest.fixture
def make_evening(db):
    from positive_action.models import PreparationEvening

    def make(**overrides):
        start = overrides.pop("starts_at", timezone.now() + timedelta(days=10))
        values = {
            "title": "Preparation evening",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "mode": "in_person",
            "venue": "Headquarters",
            "address": "1 High Street\nChelmsford",
            "covers": "A briefing on the Police National SEARCH Assessment Centre, and questions.",
            "capacity": 2,
        }
        values.update(overrides)
        evening = PreparationEvening(**values)
        evening.full_clean()
        evening.save()
        return evening

    return make


@pytest.fixture
def book(db):
    from positive_action.services import booking_create

    def make(evening, n: int, **extra):
        return booking_create(
            evening=evening,
            name=f"Candidate {n}",
            email=f"candidate{n}@example.com",
            candidate_reference=f"ABC{n:06d}",
            **extra,
        )

    return make
