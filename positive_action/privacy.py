"""Subject access and erasure hooks for the Positive Action Programme (see
personal_data.collector), and the sign-up audit trail."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from audit.models import actor_fields
from outbox.models import Notification
from positive_action.models import Booking, BuddyAssignment, EveningEvent, Signup, SignupEqualityAnswers
from positive_action.models.evenings import booking_link_key
from positive_action.models.signups import SignupEvent

ERASED = "[erased]"
SPECIAL = "positive_action.view_signupequalityanswers"
# Read by the subject access page to say what an export leaves out.
SPECIAL_CATEGORY = (SPECIAL, "equality answers on Positive Action Programme sign-ups")
WITHHELD = "Not included: the member of staff who made this export may not see equality answers."


def may_see_special_category(actor) -> bool:
    """Equality answers go into an export only for staff who may see them (an
    export made by code, with no member of staff, includes them)."""
    return actor is None or actor.has_perm(SPECIAL)


def signup_event_record(*, signup: Signup, action: str, actor=None) -> SignupEvent:
    return SignupEvent.objects.create(signup=signup, action=action, **actor_fields(actor))


def _signups(email: str):
    return Signup.objects.filter(email__iexact=email)


def _bookings(email: str, candidate_references: list[str]):
    return Booking.objects.filter(Q(email__iexact=email) | Q(candidate_reference__in=candidate_references))


def subject_access(email: str, *, actor=None) -> dict:
    """Sign-ups (with buddies and equality answers, the person's own data) and bookings."""
    if not email:
        return {"signups": [], "bookings": []}
    signups = list(
        _signups(email)
        .select_related("role", "district")
        .prefetch_related("buddy_assignments__buddy", "buddy_assignments__contacts", "events")
        .order_by("created_at")
    )
    special = may_see_special_category(actor)
    answers = {a.signup_id: a for a in SignupEqualityAnswers.objects.filter(signup__in=signups)} if special else {}
    found = []
    for signup in signups:
        answer = answers.get(signup.pk)
        found.append(
            {
                "reference": signup.reference,
                "candidate_reference": signup.candidate_reference,
                "name": signup.name,
                "email": signup.email,
                "phone": signup.phone,
                "role": signup.role.name,
                "stage_reached": str(signup.get_stage_display()),
                "district": signup.district.name if signup.district else "",
                "would_like_a_buddy": signup.wants_buddy,
                "adjustments_needed": signup.adjustments,
                "consent_given_at": signup.consented_at,
                "signed_up_at": signup.created_at,
                "buddies": [
                    {
                        "buddy": a.buddy.name,
                        "assigned_at": a.assigned_at,
                        "ended_at": a.ended_at,
                        "contacts": [
                            {"date": c.contacted_on, "how": str(c.get_way_display())} for c in a.contacts.all()
                        ],
                    }
                    for a in signup.buddy_assignments.all()
                ],
                "equality_answers": {
                    "groups": [str(group) for group in answer.groups.all()] if answer else [],
                    "prefer_not_to_say": answer.prefer_not_to_say if answer else False,
                }
                if special
                else WITHHELD,
                "history": [{"when": e.created_at, "what": str(e.get_action_display())} for e in signup.events.all()],
            }
        )
    references = [signup.candidate_reference for signup in signups]
    bookings = [
        {
            "evening": str(booking.evening),
            "name": booking.name,
            "email": booking.email,
            "candidate_reference": booking.candidate_reference,
            "access_needs": booking.access_needs,
            "status": str(booking.get_status_display()),
            "booked_at": booking.created_at,
            "offer_open_until": booking.offer_expires_at,
            "reminders_sent": [
                {"days_before": reminder.days_before, "sent_at": reminder.sent_at}
                for reminder in booking.reminders.all()
            ],
            "changes_by_staff": [
                {"when": event.created_at, "what": str(event.get_action_display()), "reason": event.reason}
                for event in EveningEvent.objects.filter(booking=booking, action__in=EveningEvent.BY_HAND)
            ],
            "cancelled_at": booking.cancelled_at,
            "attended": booking.attended,
        }
        for booking in _bookings(email, references)
        .select_related("evening")
        .prefetch_related("reminders")
        .order_by("created_at")
    ]
    for signup in signups:
        signup_event_record(signup=signup, action=SignupEvent.Action.EXPORTED, actor=actor)
    return {"signups": found, "bookings": bookings}


def _forget_copies(model, pks: list[int]) -> None:
    """Emails about these records and the admin history's names for them."""
    if not pks:
        return
    content_type = ContentType.objects.get_for_model(model)
    ids = [str(pk) for pk in pks]
    Notification.objects.filter(about_type=content_type, about_id__in=ids).delete()
    LogEntry.objects.filter(content_type=content_type, object_id__in=ids).update(object_repr=ERASED, change_message="")


@transaction.atomic
def subject_erase(email: str, *, actor=None) -> int:
    """Cancel the person's active bookings (a freed place goes to the waiting
    list), then anonymise their bookings and sign-ups and delete their equality
    answers. The records stay, with nothing left that identifies them."""
    from positive_action.services import booking_cancel

    if not email:
        return 0
    signups = list(_signups(email).select_for_update())
    references = [signup.candidate_reference for signup in signups]
    bookings = list(_bookings(email, references).select_related("evening"))
    for booking in bookings:
        if booking.status in Booking.ACTIVE:
            booking_cancel(booking=booking)
    bookings_scrub(pks=[booking.pk for booking in bookings])
    signups_scrub(signups=signups, actor=actor)
    return len(signups) + len(bookings)


def bookings_scrub(*, pks: list[int]) -> None:
    """Anonymise these bookings (name, address, reference, access needs) and the
    emails and admin history about them. The place and attendance stay."""
    for pk in pks:
        Booking.objects.filter(pk=pk).update(
            name=ERASED,
            email=f"erased-booking-{pk}@invalid.example",
            candidate_reference=f"ERASED-{pk}",
            access_needs=None,
            link_key=booking_link_key(),  # links already sent stop working
        )
    # Staff's reasons for an override may describe the person.
    EveningEvent.objects.filter(booking_id__in=pks).exclude(reason="").update(reason=ERASED)
    _forget_copies(Booking, pks)


def signups_scrub(*, signups: list[Signup], actor=None) -> None:
    """End their buddy pairings, delete their equality answers and anonymise them,
    with the emails and admin history about them; each gets an ERASED event."""
    from positive_action.services.buddies import buddy_assignment_end

    for signup in signups:
        for assignment in BuddyAssignment.objects.filter(signup=signup, ended_at__isnull=True):
            buddy_assignment_end(assignment=assignment)
        SignupEqualityAnswers.objects.filter(signup=signup).delete()
        Signup.objects.filter(pk=signup.pk).update(
            name=ERASED,
            email=f"erased-signup-{signup.pk}@invalid.example",
            phone="",
            candidate_reference=f"ERASED-{signup.pk}",
            adjustments=None,
            wants_buddy=False,
        )
        signup_event_record(signup=signup, action=SignupEvent.Action.ERASED, actor=actor)
    signup_pks = [signup.pk for signup in signups]
    _forget_copies(Signup, signup_pks)
    _forget_copies(
        BuddyAssignment, list(BuddyAssignment.objects.filter(signup_id__in=signup_pks).values_list("pk", flat=True))
    )
