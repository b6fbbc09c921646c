"""Attendance marked in bulk, and each candidate's progress on their sign-up and in an export."""

from datetime import date

from django.urls import reverse

from positive_action.models import Booking, BuddyContact, EveningEvent
from tests.factories import BuddyAssignmentFactory


def test_bulk_attendance_is_noted_in_the_evening_history(admin_client, make_evening, book):
    evening = make_evening(capacity=3)
    first, second = book(evening, 1), book(evening, 2)
    cancelled = book(evening, 3)
    Booking.objects.filter(pk=cancelled.pk).update(status="cancelled")
    url = reverse("admin:positive_action_booking_changelist")
    admin_client.post(url, {"action": "mark_attended", "_selected_action": [first.pk, second.pk, cancelled.pk]})
    assert list(Booking.objects.order_by("pk").values_list("attended", flat=True)) == [True, True, None]
    events = EveningEvent.objects.filter(evening=evening, action="attendance")
    assert sorted(e.booking_id for e in events) == [first.pk, second.pk]
    assert {e.actor_name for e in events} == {"admin"}


def test_the_sign_up_shows_evenings_attended_and_buddy_contacts(admin_client, make_evening, book):
    assignment = BuddyAssignmentFactory(signup__candidate_reference="ABC000001")
    signup = assignment.signup
    BuddyContact.objects.create(assignment=assignment, contacted_on=date(2026, 11, 3), way="meeting")
    BuddyContact.objects.create(assignment=assignment, contacted_on=date(2026, 11, 20), way="phone")
    went, missed = make_evening(title="First evening"), make_evening(title="Second evening")
    Booking.objects.filter(pk__in=[book(went, 1).pk]).update(attended=True)
    Booking.objects.filter(pk__in=[book(missed, 1).pk]).update(attended=False)

    page = admin_client.get(reverse("admin:positive_action_signup_change", args=[signup.pk])).content.decode()
    assert "First evening" in page and "Second evening" not in page
    assert "3 Nov 2026 (Met) with Jo Buddy" in page and "20 Nov 2026 (Phone or video call)" in page
    listing = admin_client.get(reverse("admin:positive_action_signup_changelist")).content.decode()
    assert '<td class="field-evenings_attended_count">1</td>' in listing


def test_progress_export_escapes_formulas_and_is_audited(admin_client, make_evening, book):
    assignment = BuddyAssignmentFactory(signup__candidate_reference="ABC000001", signup__name="=HYPERLINK(1)")
    BuddyContact.objects.create(assignment=assignment, contacted_on=date(2026, 11, 3), way="message")
    evening = make_evening()
    Booking.objects.filter(pk=book(evening, 1).pk).update(attended=True)
    url = reverse("admin:positive_action_signup_changelist")
    response = admin_client.post(url, {"action": "export_progress", "_selected_action": [assignment.signup.pk]})
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in body and f"{evening.starts_at:%Y-%m-%d}" in body
    assert "2026-11-03 Email or message" in body
    assert assignment.signup.events.filter(action="exported").exists()


def test_staff_record_buddy_contact_dates_on_the_assignment(admin_client, admin_user):
    assignment = BuddyAssignmentFactory()
    url = reverse("admin:positive_action_buddyassignment_change", args=[assignment.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-contacted_on": "2026-11-05",
        "contacts-0-way": "meeting",
        "_save": "Save",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = BuddyContact.objects.get()
    assert contact.contacted_on == date(2026, 11, 5) and contact.recorded_by == admin_user


def test_subject_access_includes_reminders_staff_reasons_and_buddy_contacts(make_evening, book, admin_user):
    from datetime import timedelta

    from django.utils import timezone

    from positive_action.privacy import subject_access
    from positive_action.services import booking_move_up, reminders_send

    assignment = BuddyAssignmentFactory(signup__candidate_reference="ABC000002", signup__email="candidate2@example.com")
    BuddyContact.objects.create(assignment=assignment, contacted_on=date(2026, 11, 3), way="meeting")
    evening = make_evening(capacity=1)
    book(evening, 1)
    waiting = book(evening, 2, join_waiting_list=True)
    book(evening, 3, join_waiting_list=True)
    booking_move_up(booking=Booking.objects.get(candidate_reference="ABC000003"), by=admin_user, reason="Reason A")
    booking_move_up(booking=waiting, by=admin_user, reason="Reason B")
    first = Booking.objects.get(candidate_reference="ABC000001")
    Booking.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=5))
    reminders_send(now=timezone.now() + timedelta(days=3, hours=1))

    found = subject_access("candidate2@example.com")
    assert found["signups"][0]["buddies"][0]["contacts"] == [{"date": date(2026, 11, 3), "how": "Met"}]
    assert [change["reason"] for change in found["bookings"][0]["changes_by_staff"]] == ["Reason B"]
    assert subject_access("candidate1@example.com")["bookings"][0]["reminders_sent"][0]["days_before"] == 7
