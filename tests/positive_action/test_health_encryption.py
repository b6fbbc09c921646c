"""Adjustments and access needs (health information) are encrypted at rest."""

from django.db import connection

from positive_action.models import Booking, Signup

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
