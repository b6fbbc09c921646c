"""The diversity unit's lists in admin, and retention."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iag_work.models import Invitation, Membership
from personal_data.retention import retention_apply_everywhere
from tests.factories import AdvicePointFactory, InvitationFactory, MeetingFactory, MembershipFactory


def test_admin_lists_members_due_for_renewal(admin_client, basildon, settings):
    settings.IAG_RENEWAL_NOTICE_DAYS = 30
    today = timezone.localdate()
    MembershipFactory(group=basildon, name="Due Soon", term_ends_on=today + timedelta(days=10))
    MembershipFactory(group=basildon, name="Far Off", term_ends_on=today + timedelta(days=300))
    html = admin_client.get(reverse("admin:iag_work_membership_changelist"), {"renewal": "due"}).content.decode()
    assert "Due Soon" in html and "Far Off" not in html


def test_admin_lists_advice_awaiting_a_response_past_the_target(admin_client, basildon, settings):
    settings.IAG_ADVICE_RESPONSE_TARGET_DAYS = 28
    today = timezone.localdate()
    AdvicePointFactory(group=basildon, advice="Overdue advice", given_on=today - timedelta(days=40))
    AdvicePointFactory(group=basildon, advice="Recent advice", given_on=today - timedelta(days=3))
    AdvicePointFactory(
        group=basildon, advice="Answered advice", given_on=today - timedelta(days=40), force_response="Done"
    )
    html = admin_client.get(reverse("admin:iag_work_advicepoint_changelist"), {"response": "overdue"}).content.decode()
    assert "Overdue advice" in html and "Recent advice" not in html and "Answered advice" not in html


def test_admin_shows_the_attendance_rate_per_group(admin_client, basildon):
    past = timezone.now() - timedelta(days=10)
    meeting = MeetingFactory(group=basildon, starts_at=past, ends_at=past + timedelta(hours=2))
    InvitationFactory.create_batch(3, meeting=meeting, attended=True)
    InvitationFactory(meeting=meeting, attended=False)
    html = admin_client.get(reverse("admin:iag_work_groupattendance_changelist")).content.decode()
    assert "75%" in html


@pytest.mark.parametrize(
    "page",
    ["membership", "meeting", "invitation", "advicepoint", "scrutinyrecord", "meetingkind", "theme", "groupattendance"],
)
def test_every_admin_list_opens(admin_client, basildon, page):
    InvitationFactory(meeting__group=basildon)
    AdvicePointFactory(group=basildon)
    assert admin_client.get(reverse(f"admin:iag_work_{page}_changelist")).status_code == 200


def test_admin_csv_exports(admin_client, basildon):
    member = MembershipFactory(group=basildon, name="Exported Person")
    response = admin_client.post(
        reverse("admin:iag_work_membership_changelist"), {"action": "export_csv", "_selected_action": [member.pk]}
    )
    assert "Exported Person" in response.content.decode()


def test_ended_memberships_and_old_attendance_are_anonymised_after_the_period(basildon, settings):
    settings.IAG_MEMBERSHIP_RETENTION_DAYS = 30
    now = timezone.now()
    long_ago = now - timedelta(days=60)
    old = MembershipFactory(group=basildon, name="Old Member", ended_at=long_ago, end_reason="stepped_down")
    recent = MembershipFactory(group=basildon, name="Recent Leaver", ended_at=now, end_reason="stepped_down")
    current = MembershipFactory(group=basildon, name="Current Member")
    old_meeting = MeetingFactory(group=basildon, starts_at=long_ago, ends_at=long_ago + timedelta(hours=2))
    kept = InvitationFactory(meeting=old_meeting, membership=current, attended=True)
    upcoming = InvitationFactory(meeting__group=basildon, membership=current)
    old_key = old.link_key

    done = retention_apply_everywhere()["iag_work"]
    assert done == {"memberships": 1, "attendance": 1}
    old.refresh_from_db()
    assert (old.name, old.email, old.anonymised_at is not None) == ("[anonymised]", "", True)
    assert old.link_key != old_key
    assert Membership.objects.get(pk=recent.pk).name == "Recent Leaver"
    kept.refresh_from_db()
    assert kept.membership is None and kept.attended is True  # the count stays, not whose it was
    assert Invitation.objects.get(pk=upcoming.pk).membership == current
    assert retention_apply_everywhere()["iag_work"] == {"memberships": 0, "attendance": 0}


def test_subject_access_and_erasure_cover_memberships(basildon):
    from personal_data.collector import subject_access_export, subject_erase_everywhere

    member = MembershipFactory(group=basildon, name="Asked Person", email="asked@example.org")
    InvitationFactory(meeting__group=basildon, membership=member, reply="yes")
    export = subject_access_export(email="Asked@example.org")
    memberships = export["parts"]["iag_work"]["memberships"]
    assert memberships[0]["name"] == "Asked Person" and memberships[0]["meetings"][0]["reply"] == "yes"
    subject_erase_everywhere(email="asked@example.org")
    member.refresh_from_db()
    assert member.name == "[anonymised]" and member.email == ""


def test_attendance_by_group_downloads_as_csv(admin_client, basildon):
    past = timezone.now() - timedelta(days=10)
    meeting = MeetingFactory(group=basildon, starts_at=past, ends_at=past + timedelta(hours=2))
    InvitationFactory(meeting=meeting, attended=True)
    InvitationFactory(meeting=meeting, attended=False)
    response = admin_client.post(
        reverse("admin:iag_work_groupattendance_changelist"),
        {"action": "export_csv", "_selected_action": [basildon.pk]},
    )
    assert "Basildon IAG,2,2,1,50%" in response.content.decode()
