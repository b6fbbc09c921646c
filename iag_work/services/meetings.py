"""Invitations to meetings, replies (with places enforced in the database),
reminders and attendance."""

from datetime import UTC

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

import private_links
from force.selectors import force_profile
from iag_work.models import Invitation, Meeting, Membership, Reply
from outbox.services import notifications_queue_many

EMAIL = "iag_work/email/"


class MeetingFull(Exception):
    """Every place is taken."""


def _email(invitation: Invitation, template: str) -> dict:
    return dict(
        recipient=invitation.membership.email,
        template=EMAIL + template,
        context={"invitation": invitation, "meeting": invitation.meeting, "link_token": private_links.MARKER},
        kind=f"iag_work.{template}",
        about=invitation,
        private_link=private_links.IAG_INVITATION.target(invitation),
    )


def meeting_capacity_change(*, meeting: Meeting, capacity: int | None) -> None:
    """Set a meeting's number of places (None: no limit). Fewer than the members
    already coming is refused, checked in the same UPDATE, so a reply that came in
    after the form was checked cannot be squeezed out or break the limit."""
    room = Q(coming__lte=capacity) if capacity is not None else Q()
    if not Meeting.objects.filter(room, pk=meeting.pk).update(capacity=capacity):
        coming = Meeting.objects.values_list("coming", flat=True).get(pk=meeting.pk)
        raise ValidationError(
            _("%(n)d members have already said they are coming.") % {"n": coming}, code="below_coming"
        )
    meeting.capacity = capacity


@transaction.atomic
def meeting_invite(*, meeting: Meeting) -> int:
    """Invite every current member of the meeting's group not yet invited, each
    by email with a private link to reply and an .ics file. Returns how many."""
    invited = set(meeting.invitations.values_list("membership_id", flat=True))
    members = Membership.objects.current().filter(group_id=meeting.group_id).exclude(pk__in=invited)
    invitations = Invitation.objects.bulk_create([Invitation(meeting=meeting, membership=m) for m in members])
    for invitation in invitations:
        invitation.meeting = meeting
    notifications_queue_many([_email(invitation, "invitation") for invitation in invitations])
    return len(invitations)


@transaction.atomic
def meetings_remind(*, meeting: Meeting) -> int:
    """Remind members who said yes or have not replied (not those who said no)."""
    now = timezone.now()
    invitations = list(
        meeting.invitations.select_related("membership")
        .filter(membership__ended_at__isnull=True)
        .exclude(reply=Reply.NO)
    )
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(reminded_at=now)
    for invitation in invitations:
        invitation.meeting = meeting
    notifications_queue_many([_email(invitation, "reminder") for invitation in invitations])
    return len(invitations)


@transaction.atomic
def invitation_reply(*, invitation: Invitation, coming: bool) -> Invitation:
    """Record a member's reply. A yes takes a place with one conditional UPDATE,
    so concurrent replies can never fill more places than the meeting has;
    raises MeetingFull when none is left. The invitation row is locked, so two
    replies from the same member are taken one after the other."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    answer = Reply.YES if coming else Reply.NO
    if locked.reply != answer:
        if coming:
            room = Q(capacity__isnull=True) | Q(coming__lt=F("capacity"))
            if not Meeting.objects.filter(room, pk=locked.meeting_id).update(coming=F("coming") + 1):
                raise MeetingFull
        elif locked.reply == Reply.YES:
            Meeting.objects.filter(pk=locked.meeting_id, coming__gt=0).update(coming=F("coming") - 1)
        locked.reply, locked.replied_at = answer, timezone.now()
        locked.save(update_fields=["reply", "replied_at"])
    invitation.reply, invitation.replied_at = locked.reply, locked.replied_at
    return invitation


def invitations_mark_attendance(*, invitations, attended: bool) -> int:
    return Invitation.objects.filter(pk__in=[i.pk for i in invitations], membership__isnull=False).update(
        attended=attended
    )


def meeting_calendar(*, invitation: Invitation, token: str) -> str:
    """An iCalendar (RFC 5545) file for the meeting, as positive_action's is made."""
    meeting = invitation.meeting
    location = "Online" if meeting.mode == Meeting.Mode.ONLINE else " ".join(meeting.place.split())
    event = Event()
    event.add("uid", f"iag-invitation-{invitation.pk}-meeting-{meeting.pk}@engagement-site")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    # Neutral, like every calendar entry the site sends: calendars are shared and seen by others.
    event.add("summary", _("Meeting with %(force)s") % {"force": force_profile().name})
    event.add("location", location)
    link = settings.SITE_URL + reverse("iag_work:invitation", args=[token])
    event.add("description", f"To reply or see the papers: {link}")
    calendar = Calendar()
    calendar.add("prodid", "-//engagement-site//iag-work//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
