"""Adjustments and access needs (health information) are encrypted at rest,
including rows written before the field was encrypted."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from positive_action.models import Booking, Signup

BEFORE = ("positive_action", "0002_encrypt_equality_answers_and_signup_events")
AFTER = ("positive_action", "0003_encrypt_health_adjustments")
HEALTH = "Wheelchair ramp and a Marmalade hearing loop"


def raw(table: str, column: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {connection.ops.quote_name(table)}")
        return [row[0] for row in cursor.fetchall()]


def test_new_adjustments_and_access_needs_are_stored_encrypted(pa_demo, make_evening, book):
    from positive_action.models import Role
    from positive_action.services import signup_create

    signup_create(
        candidate_reference="ABC123456",
        name="Alex",
        email="alex@example.com",
        phone="07700900982",
        role=Role.objects.first(),
        stage="shortlisted",
        district=None,
        wants_buddy=False,
        adjustments=HEALTH,
        groups=[],
        prefer_not_to_say=False,
        consent=True,
    )
    book(make_evening(), 1, access_needs=HEALTH)
    assert Signup.objects.get().adjustments == HEALTH
    assert Booking.objects.get().access_needs == HEALTH
    stored = raw(Signup._meta.db_table, "adjustments") + raw(Booking._meta.db_table, "access_needs")
    assert stored and all(value and "Marmalade" not in value for value in stored)


@pytest.mark.django_db(transaction=True)
def test_migration_encrypts_existing_rows_and_reverses():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    role = old.get_model("positive_action", "Role").objects.create(name="R", plural="Rs", slug="r")
    old.get_model("positive_action", "Signup").objects.create(
        reference="PAP-1",
        candidate_reference="ABC000001",
        name="A",
        email="a@example.com",
        phone="1",
        role=role,
        stage="shortlisted",
        wants_buddy=False,
        adjustments=HEALTH,
        consented_at=timezone.now(),
    )
    start = timezone.now() + timedelta(days=3)
    evening = old.get_model("positive_action", "PreparationEvening").objects.create(
        starts_at=start, ends_at=start + timedelta(hours=2), covers="x", capacity=2, venue="HQ", address="1 High St"
    )
    old.get_model("positive_action", "Booking").objects.create(
        evening=evening,
        name="A",
        email="a@example.com",
        candidate_reference="ABC000001",
        access_needs=HEALTH,
        status="confirmed",
        token="t1",
    )
    old.get_model("positive_action", "Booking").objects.create(
        evening=evening,
        name="B",
        email="b@example.com",
        candidate_reference="ABC000002",
        access_needs="",
        status="confirmed",
        token="t2",
    )
    assert HEALTH in raw("positive_action_signup", "adjustments")

    executor = MigrationExecutor(connection)
    executor.migrate([AFTER])
    stored = raw("positive_action_signup", "adjustments") + raw("positive_action_booking", "access_needs")
    assert not any(value and "Marmalade" in value for value in stored)
    assert None in stored  # the empty answer became NULL
    new = executor.loader.project_state([AFTER]).apps
    assert new.get_model("positive_action", "Signup").objects.get().adjustments == HEALTH
    needs = new.get_model("positive_action", "Booking").objects.order_by("name").values_list("access_needs", flat=True)
    assert list(needs) == [HEALTH, None]

    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    assert HEALTH in raw("positive_action_booking", "access_needs")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_attendee_export_lists_bookings_with_and_without_access_needs(admin_client, make_evening, book):
    evening = make_evening()
    book(evening, 1, access_needs=HEALTH)
    book(evening, 2)
    response = admin_client.post(
        "/admin/positive_action/preparationevening/",
        {"action": "export_attendees", "_selected_action": [evening.pk]},
    )
    text = response.content.decode()
    assert response.status_code == 200 and HEALTH in text and "candidate2@example.com" in text
