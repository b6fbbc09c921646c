"""Invitations, replies by private link (places enforced in the database), reminders, attendance."""

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection
from django.urls import reverse

import private_links
from iag_work.models import Invitation, Meeting
from iag_work.services.meetings import MeetingFull, invitation_reply, meeting_invite, meetings_remind
from outbox.models import Notification
from tests.factories import InvitationFactory, MeetingFactory, MembershipFactory


def token(invitation):
    return private_links.IAG_INVITATION.token(invitation)


def test_inviting_emails_each_current_member_once(basildon):
    members = MembershipFactory.create_batch(3, group=basildon)
    MembershipFactory(group=basildon, ended_at="2026-01-01T00:00Z", end_reason="stepped_down")
    meeting = MeetingFactory(group=basildon)
    assert meeting_invite(meeting=meeting) == 3
    assert meeting_invite(meeting=meeting) == 0
    emails = Notification.objects.filter(kind="iag_work.invitation")
    assert sorted(emails.values_list("recipient", flat=True)) == sorted(m.email for m in members)
    body = emails.first().body_text
    assert "/calendar.ics" in body and private_links.MARKER in body


def test_a_member_replies_through_the_private_link_and_staff_see_it(client, basildon):
    invitation = InvitationFactory(meeting__group=basildon, meeting__papers="Agenda: item one")
    page = client.get(reverse("iag_work:invitation", args=[token(invitation)]))
    assert page.status_code == 200 and "Agenda: item one" in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    client.post(reverse("iag_work:invitation", args=[token(invitation)]), {"reply": "yes"})
    invitation.refresh_from_db()
    assert invitation.reply == "yes"
    assert Meeting.objects.get(pk=invitation.meeting_id).coming == 1
    client.post(reverse("iag_work:invitation", args=[token(invitation)]), {"reply": "no"})
    assert Meeting.objects.get(pk=invitation.meeting_id).coming == 0


def test_the_calendar_file_is_only_behind_the_private_link(client, basildon):
    invitation = InvitationFactory(meeting__group=basildon)
    response = client.get(reverse("iag_work:invitation_calendar", args=[token(invitation)]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in response.content.decode()
    assert client.get(reverse("iag_work:invitation_calendar", args=["nope"])).status_code == 404


def test_a_full_meeting_refuses_a_yes(basildon):
    meeting = MeetingFactory(group=basildon, capacity=1)
    first, second = InvitationFactory.create_batch(2, meeting=meeting)
    invitation_reply(invitation=first, coming=True)
    with pytest.raises(MeetingFull):
        invitation_reply(invitation=second, coming=True)
    invitation_reply(invitation=first, coming=False)  # a place comes free
    invitation_reply(invitation=second, coming=True)
    assert Meeting.objects.get(pk=meeting.pk).coming == 1


def test_the_database_refuses_more_coming_than_places(basildon):
    meeting = MeetingFactory(group=basildon, capacity=2)
    with pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=meeting.pk).update(coming=3)


@pytest.mark.django_db(transaction=True)
def test_concurrent_yes_replies_never_pass_the_places(basildon):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the sequential tests cover it")
    meeting = MeetingFactory(group=basildon, capacity=6)
    invitations = InvitationFactory.create_batch(20, meeting=meeting)
    barrier, outcomes = threading.Barrier(len(invitations)), []

    def reply(invitation):
        try:
            barrier.wait()
            invitation_reply(invitation=invitation, coming=True)
            outcomes.append("yes")
        except MeetingFull:
            outcomes.append("full")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=reply, args=(i,)) for i in invitations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("yes") == 6 and outcomes.count("full") == 14
    assert Meeting.objects.get(pk=meeting.pk).coming == 6
    assert Invitation.objects.filter(meeting=meeting, reply="yes").count() == 6


def test_a_reminder_goes_to_those_coming_or_not_replied(basildon):
    meeting = MeetingFactory(group=basildon)
    coming, silent, declined = InvitationFactory.create_batch(3, meeting=meeting)
    invitation_reply(invitation=coming, coming=True)
    invitation_reply(invitation=declined, coming=False)
    assert meetings_remind(meeting=meeting) == 2
    recipients = set(Notification.objects.filter(kind="iag_work.reminder").values_list("recipient", flat=True))
    assert recipients == {coming.membership.email, silent.membership.email}


def test_staff_mark_attendance_in_bulk(admin_client, basildon):
    meeting = MeetingFactory(group=basildon)
    first, second, third = InvitationFactory.create_batch(3, meeting=meeting)
    response = admin_client.post(
        reverse("admin:iag_work_invitation_changelist"),
        {"action": "mark_attended", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert dict(Invitation.objects.values_list("pk", "attended")) == {first.pk: True, second.pk: True, third.pk: None}


def test_staff_invite_from_the_meetings_list(admin_client, basildon):
    MembershipFactory.create_batch(2, group=basildon)
    meeting = MeetingFactory(group=basildon)
    admin_client.post(
        reverse("admin:iag_work_meeting_changelist"), {"action": "invite", "_selected_action": [meeting.pk]}
    )
    assert meeting.invitations.count() == 2


def test_a_past_meeting_takes_no_more_replies(client, basildon):
    from datetime import timedelta

    from django.utils import timezone

    past = timezone.now() - timedelta(days=1)
    invitation = InvitationFactory(
        meeting__group=basildon, meeting__starts_at=past, meeting__ends_at=past + timedelta(hours=2)
    )
    path = reverse("iag_work:invitation", args=[token(invitation)])
    assert "already taken place" in client.get(path).content.decode()
    client.post(path, {"reply": "yes"})
    invitation.refresh_from_db()
    assert invitation.reply == ""


def test_staff_cannot_cut_places_below_those_coming(basildon):
    from django.core.exceptions import ValidationError

    meeting = MeetingFactory(group=basildon, capacity=5)
    for invitation in InvitationFactory.create_batch(3, meeting=meeting):
        invitation_reply(invitation=invitation, coming=True)
    meeting.refresh_from_db()
    meeting.capacity = 2
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_a_scrutiny_record_belongs_to_a_scrutiny_session(basildon):
    from django.core.exceptions import ValidationError

    from tests.factories import ScrutinyRecordFactory

    record = ScrutinyRecordFactory(meeting__group=basildon)
    record.full_clean()
    record.meeting = MeetingFactory(group=basildon)  # a quarterly meeting
    with pytest.raises(ValidationError):
        record.full_clean()


def test_the_calendar_entry_names_neither_the_group_nor_the_kind_of_meeting(client, basildon):
    invitation = InvitationFactory(meeting__group=basildon)
    ics = client.get(reverse("iag_work:invitation_calendar", args=[token(invitation)])).content.decode()
    summary = next(line for line in ics.splitlines() if line.startswith("SUMMARY"))
    assert "Meeting with" in summary
    assert basildon.name not in ics.replace("\r\n ", "").split("DESCRIPTION")[0]
    assert invitation.meeting.kind.name not in summary


def test_a_member_who_leaves_frees_the_places_they_said_yes_to(basildon):
    from iag_work.models import EndReason
    from iag_work.services.members import membership_end

    invitation = InvitationFactory(meeting__group=basildon, meeting__capacity=1)
    invitation_reply(invitation=invitation, coming=True)
    assert Meeting.objects.get(pk=invitation.meeting_id).coming == 1
    membership_end(membership=invitation.membership, reason=EndReason.STEPPED_DOWN)
    assert Meeting.objects.get(pk=invitation.meeting_id).coming == 0
    assert Invitation.objects.get(pk=invitation.pk).reply == "no"
    other = InvitationFactory(meeting=invitation.meeting)
    assert invitation_reply(invitation=other, coming=True).reply == "yes"  # the freed place is there


def test_admin_says_plainly_when_replies_came_in_while_it_saved_fewer_places(admin_client, basildon, monkeypatch):
    """Staff lower the places to the number coming; a member says yes between the
    form's check and the save. The save must neither break the limit (a 500) nor
    say "changed successfully"."""
    from django.db.models import F

    from iag_work.admin import meetings as meetings_admin
    from iag_work.models import Meeting
    from tests.admin_pages.test_every_admin_page import form_data, parse

    meeting = MeetingFactory(group=basildon, capacity=5, place="Basildon police station")
    for invitation in InvitationFactory.create_batch(2, meeting=meeting):
        invitation_reply(invitation=invitation, coming=True)
    url = reverse("admin:iag_work_meeting_change", args=[meeting.pk])
    data = form_data(parse(admin_client.get(url).content.decode(), "meeting_form"))
    data.update(capacity=["2"], place=["Basildon custody suite"], _save=["Save"])
    real = meetings_admin.meeting_capacity_change

    def a_member_says_yes_first(**kwargs):
        Meeting.objects.filter(pk=meeting.pk).update(coming=F("coming") + 1)
        return real(**kwargs)

    monkeypatch.setattr(meetings_admin, "meeting_capacity_change", a_member_says_yes_first)
    response = admin_client.post(url, data, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The number of places was not changed: 3 members have already said they are coming." in page
    assert "Your other changes were saved" in page and "changed successfully" not in page
    meeting.refresh_from_db()
    assert (meeting.capacity, meeting.coming, meeting.place) == (5, 3, "Basildon custody suite")


def test_admin_lowers_places_to_those_coming(admin_client, basildon):
    from tests.admin_pages.test_every_admin_page import form_data, parse

    meeting = MeetingFactory(group=basildon, capacity=5, place="Basildon police station")
    for invitation in InvitationFactory.create_batch(2, meeting=meeting):
        invitation_reply(invitation=invitation, coming=True)
    url = reverse("admin:iag_work_meeting_change", args=[meeting.pk])
    data = form_data(parse(admin_client.get(url).content.decode(), "meeting_form"))
    data.update(capacity=["2"], _save=["Save"])
    assert admin_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.capacity, meeting.coming) == (2, 2)
