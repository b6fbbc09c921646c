"""Places on preparation evenings, the waiting list, offers and reminders.

`evening.booked` counts confirmed places and places held for an offer. It is
changed only by conditional UPDATEs, so two people can never take the same
last place, on PostgreSQL or SQLite; the check constraint is the backstop.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

import one_statement
import private_links
from audit.models import actor_fields
from outbox.services import notification_queue
from positive_action.models import Booking, BookingReminder, EveningEvent, PreparationEvening

EMAIL = "positive_action/email/"


class EveningFull(Exception):
    """No place is left; the person may join the waiting list instead."""


def offer_hours() -> int:
    return int(settings.PAP_OFFER_HOURS)


def reminder_days() -> list[int]:
    """The reminders' days before an evening (PAP_REMINDER_DAYS, e.g. "7,1"), longest first."""
    return sorted({int(day) for day in str(settings.PAP_REMINDER_DAYS).split(",") if day.strip()}, reverse=True)


def _record(evening_id: int, action: str, *, booking=None, by=None, detail: str = "", reason: str = "") -> None:
    EveningEvent.objects.create(
        evening_id=evening_id, action=action, booking=booking, detail=detail[:200], reason=reason, **actor_fields(by)
    )


def _notify(booking: Booking, template: str, kind: str) -> None:
    notification_queue(
        recipient=booking.email,
        template=EMAIL + template,
        # The link's token is filled in by the outbox as it sends (private_links).
        context={"booking": booking, "evening": booking.evening, "link_token": private_links.MARKER},
        kind=f"positive_action.{kind}",
        about=booking,
        private_link=private_links.BOOKING.target(booking),
    )


def _take_place(evening_id: int) -> bool:
    return (
        PreparationEvening.objects.filter(
            pk=evening_id, status=PreparationEvening.Status.OPEN, booked__lt=F("capacity")
        ).update(booked=F("booked") + 1)
        == 1
    )


def _lock_evening(evening_id: int) -> None:
    """Serialise the waiting list's changes on one evening (held until commit)."""
    PreparationEvening.objects.select_for_update().filter(pk=evening_id).values_list("pk").first()


def _free_place(evening_id: int) -> None:
    PreparationEvening.objects.filter(pk=evening_id, booked__gt=0).update(booked=F("booked") - 1)


ALREADY_BOOKED = "This candidate reference already has a place on this evening or is on its waiting list."


class AlreadyBooked(ValidationError):
    """This candidate reference already has a booking on this evening; nothing was changed."""

    def __init__(self, booking: Booking):
        self.booking = booking
        super().__init__(ALREADY_BOOKED, code="already_booked")


def _active_booking(evening: PreparationEvening, candidate_reference: str) -> Booking | None:
    return Booking.objects.active().filter(evening=evening, candidate_reference=candidate_reference).first()


def booking_receive(*, evening: PreparationEvening, **answers) -> None:
    """What the public form calls (with booking_create's arguments).

    Having a place says a candidate is in the programme, so the page must not
    tell anyone whether a candidate reference has one: when it has, nothing
    changes and the booking's owner is emailed its private link instead, so
    the page that follows is the same either way. EveningFull and other
    ValidationErrors are raised as booking_create raises them. Call inside a
    transaction."""
    try:
        booking_create(evening=evening, **answers)
    except AlreadyBooked as error:
        error.booking.evening = evening
        _notify(error.booking, "booking_requested_again", "booking_requested_again")


def booking_create(
    *,
    evening: PreparationEvening,
    name: str,
    email: str,
    candidate_reference: str,
    access_needs: str = "",
    join_waiting_list: bool = False,
) -> Booking:
    """Book a place, or join the waiting list when asked to and the evening is full.
    Raises EveningFull when it is full and the person has not asked to wait, and
    AlreadyBooked (a ValidationError) when the candidate reference already has a
    place, an offer or a place on the waiting list for this evening.

    Capacity is decided before the reference is looked at, so a full evening
    answers the same whether or not the reference has a booking.

    Inside a `one_statement` block (a form's first try) a place is taken with
    the booking and its email in one statement (see `_place_and_booking`);
    an evening seen full asks for a transaction (the waiting list)."""
    if not evening.is_open:
        raise ValidationError("This evening is no longer taking bookings. Choose another evening.")
    booking = Booking(
        evening=evening, name=name, email=email, candidate_reference=candidate_reference, access_needs=access_needs
    )
    if one_statement.collecting():
        if not evening.places_left:
            raise one_statement.NeedsTransaction
        _place_and_booking(booking, evening)
        return booking
    try:
        with transaction.atomic():
            if _take_place(evening.pk):
                booking.status = Booking.Status.CONFIRMED
            elif join_waiting_list:
                # Holding the evening's lock until commit: a place freed meanwhile is
                # seen now, and whoever frees the next one sees this entry (_offer_next).
                _lock_evening(evening.pk)
                booking.status = Booking.Status.CONFIRMED if _take_place(evening.pk) else Booking.Status.WAITING
            else:
                raise EveningFull
            booking.clean_fields(exclude={"evening"})  # in Python; the keys are the database's
            # No look for an earlier booking first: the one-per-candidate index
            # refuses it, and leaving the block gives back the place just taken.
            booking.save(force_insert=True)
            _notify(
                booking,
                "booking_confirmed" if booking.status == Booking.Status.CONFIRMED else "waiting_list_joined",
                booking.status,
            )
    except IntegrityError as exc:
        # The candidate already has a booking (or a second request got there first).
        existing = _active_booking(evening, candidate_reference)
        if existing is None:  # that booking was cancelled in the meantime
            raise ValidationError("We could not book your place. Send the form again.") from exc
        raise AlreadyBooked(existing) from exc
    return booking


def _place_and_booking(booking: Booking, evening: PreparationEvening) -> None:
    """A place taken (the conditional UPDATE), the confirmed booking and its
    email, all in the caller's one statement. With no place left the booking's
    evening is NULL and refused; a candidate already booked is refused by the
    one-per-candidate index: either way nothing is kept, and the caller runs
    booking_create again in a transaction, which answers as it always does."""
    booking.status = Booking.Status.CONFIRMED
    booking.clean_fields(exclude={"evening"})  # in Python; the keys are the database's
    one_statement.pks_reserve(booking)  # its email's private link names it
    _notify(booking, "booking_confirmed", booking.status)
    booking.evening_id = one_statement.update_returning_pk(
        PreparationEvening.objects.filter(
            pk=evening.pk, status=PreparationEvening.Status.OPEN, booked__lt=F("capacity")
        ),
        booked=F("booked") + 1,
    )
    one_statement.insert(booking)
    one_statement.when_saved(lambda: setattr(booking, "evening", evening))


def _offer_next(evening: PreparationEvening, *, now=None) -> Booking | None:
    """Offer the place now held for the evening to the first person waiting.
    With nobody waiting the place is released. Call inside a transaction."""
    now = now or timezone.now()
    _lock_evening(evening.pk)  # waits for anyone joining the list to commit (booking_create)
    for candidate in Booking.objects.waiting().filter(evening=evening).select_for_update():
        expires = min(now + timedelta(hours=offer_hours()), evening.starts_at)
        claimed = Booking.objects.filter(pk=candidate.pk, status=Booking.Status.WAITING).update(
            status=Booking.Status.OFFERED, offer_expires_at=expires
        )
        if claimed:
            candidate.refresh_from_db()
            _notify(candidate, "place_offered", "offer")
            _record(evening.pk, EveningEvent.Action.OFFERED, booking=candidate)
            return candidate
    _free_place(evening.pk)
    return None


@transaction.atomic
def booking_cancel(*, booking: Booking) -> bool:
    """Cancel a place, an offer or a waiting-list entry. A freed place goes to
    the first person waiting. Returns False if it was already cancelled."""
    previous = booking.status
    if previous not in Booking.ACTIVE:
        return False
    changed = Booking.objects.filter(pk=booking.pk, status=previous).update(
        status=Booking.Status.CANCELLED, cancelled_at=timezone.now(), offer_expires_at=None
    )
    if not changed:
        return False
    booking.refresh_from_db()
    _notify(booking, "booking_cancelled", "cancelled")
    evening = PreparationEvening.objects.get(pk=booking.evening_id)
    if previous in (Booking.Status.CONFIRMED, Booking.Status.OFFERED):
        if evening.is_open:
            _offer_next(evening)
        else:
            _free_place(evening.pk)
    return True


@transaction.atomic
def booking_accept_offer(*, booking: Booking) -> None:
    changed = Booking.objects.filter(
        pk=booking.pk, status=Booking.Status.OFFERED, offer_expires_at__gt=timezone.now()
    ).update(status=Booking.Status.CONFIRMED, offer_expires_at=None)
    if not changed:
        raise ValidationError("This offer has ended, so the place has gone to the next person waiting.")
    booking.refresh_from_db()
    _notify(booking, "booking_confirmed", "confirmed")


def offers_expire(*, now=None) -> int:
    """Lapse offers whose time is up and pass each place to the next person."""
    now = now or timezone.now()
    count = 0
    for booking_id in Booking.objects.filter(status=Booking.Status.OFFERED, offer_expires_at__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            lapsed = Booking.objects.filter(
                pk=booking_id, status=Booking.Status.OFFERED, offer_expires_at__lte=now
            ).update(status=Booking.Status.EXPIRED)
            if not lapsed:
                continue  # accepted or cancelled in the meantime
            booking = Booking.objects.select_related("evening").get(pk=booking_id)
            _notify(booking, "offer_expired", "offer_expired")
            if booking.evening.status == PreparationEvening.Status.OPEN and booking.evening.starts_at > now:
                _offer_next(booking.evening, now=now)
            else:
                _free_place(booking.evening_id)
            count += 1
    return count


def reminders_send(*, now=None) -> int:
    """Send each reminder that is due (PAP_REMINDER_DAYS before an evening), once.

    A booking gets the reminder of the nearest lead time that has been reached,
    unless it has had that one or a later one already (so a reminder missed
    while beat was down is not sent on top of the next), or was booked after
    that moment (its confirmation has just said it all). The reminder's row is
    inserted in the transaction that queues its email: if two runs overlap the
    unique key stops the second, and if a worker dies before the commit
    neither stays, so the next run sends it."""
    now = now or timezone.now()
    count = 0
    days = reminder_days()
    for index, lead in enumerate(days):
        nearer = days[index + 1] if index + 1 < len(days) else 0
        due = (
            Booking.objects.filter(
                status=Booking.Status.CONFIRMED,
                evening__status=PreparationEvening.Status.OPEN,
                evening__starts_at__gt=now + timedelta(days=nearer),
                evening__starts_at__lte=now + timedelta(days=lead),
                created_at__lt=F("evening__starts_at") - timedelta(days=lead),
            )
            .exclude(reminders__days_before__lte=lead)
            .values_list("pk", flat=True)
        )
        for booking_id in due:
            count += _remind(booking_id, lead, now)
    return count


def _remind(booking_id: int, lead: int, now) -> int:
    try:
        with transaction.atomic():
            BookingReminder.objects.create(booking_id=booking_id, days_before=lead, sent_at=now)
            booking = Booking.objects.select_related("evening").get(pk=booking_id)
            if booking.status != Booking.Status.CONFIRMED:
                raise _NotDue  # cancelled since the list was read: roll the claim back
            _notify(booking, "reminder", "reminder")
    except (IntegrityError, _NotDue):
        return 0  # another run sent it, or it is no longer wanted
    return 1


class _NotDue(Exception):
    pass


@transaction.atomic
def evening_cancel(*, evening: PreparationEvening) -> int:
    """Cancel an evening and tell everyone booked, offered or waiting. Returns how many were told."""
    changed = (
        PreparationEvening.objects.filter(pk=evening.pk)
        .exclude(status=PreparationEvening.Status.CANCELLED)
        .update(status=PreparationEvening.Status.CANCELLED, booked=0)
    )
    if not changed:
        return 0
    evening.refresh_from_db()
    bookings = list(Booking.objects.active().filter(evening=evening).select_for_update())
    Booking.objects.filter(pk__in=[b.pk for b in bookings]).update(
        status=Booking.Status.CANCELLED, cancelled_at=timezone.now(), offer_expires_at=None
    )
    for booking in bookings:
        booking.evening = evening
        _notify(booking, "evening_cancelled", "evening_cancelled")
    return len(bookings)


@transaction.atomic
def bookings_mark_attendance(*, bookings, attended: bool, by=None) -> int:
    """Mark confirmed places as attended or not, noted in each evening's history."""
    marked = list(
        Booking.objects.filter(pk__in=[b.pk for b in bookings], status=Booking.Status.CONFIRMED).select_for_update()
    )
    Booking.objects.filter(pk__in=[b.pk for b in marked]).update(attended=attended)
    for booking in marked:
        detail = "attended" if attended else "did not attend"
        _record(booking.evening_id, EveningEvent.Action.ATTENDANCE, booking=booking, by=by, detail=detail)
    return len(marked)


BELOW_BOOKED = (
    "This evening has %(booked)d places taken or offered, so it cannot have fewer than %(booked)d places. "
    "Cancel bookings first if you need fewer."
)


@transaction.atomic
def evening_capacity_change(*, evening: PreparationEvening, capacity: int, by=None) -> list[Booking]:
    """Set an evening's number of places. Fewer than are taken is refused; new
    places are offered at once, in queue order, to the people waiting.
    Returns the bookings offered a place."""
    # The row lock orders this against bookings and cancellations taking or freeing places.
    current = PreparationEvening.objects.select_for_update().get(pk=evening.pk)
    if capacity < current.booked:
        raise ValidationError(BELOW_BOOKED % {"booked": current.booked}, code="below_booked")
    if capacity == current.capacity:
        return []
    PreparationEvening.objects.filter(pk=evening.pk, booked__lte=capacity).update(capacity=capacity)
    _record(evening.pk, EveningEvent.Action.CAPACITY, by=by, detail=f"{current.capacity} → {capacity} places")
    offered = []
    if current.status == PreparationEvening.Status.OPEN and current.starts_at > timezone.now():
        while Booking.objects.waiting().filter(evening=current).exists() and _take_place(evening.pk):
            offer = _offer_next(current)
            if offer is None:
                break  # the last person waiting left meanwhile; _offer_next gave the place back
            offered.append(offer)
    evening.refresh_from_db()
    return offered


def _reason_required(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError("Give a reason. It is kept in the evening's history.", code="reason_required")
    return reason


@transaction.atomic
def booking_move_up(*, booking: Booking, by, reason: str) -> None:
    """Put someone waiting at the front of the queue. Staff only, with a reason."""
    reason = _reason_required(reason)
    queue = Booking.objects.waiting().filter(evening_id=booking.evening_id).select_for_update()
    first = queue.first()
    if first is None or not queue.filter(pk=booking.pk).exists():
        raise ValidationError("This person is no longer on the waiting list.", code="not_waiting")
    if first.pk != booking.pk:
        Booking.objects.filter(pk=booking.pk).update(queued_at=first.queued_at - timedelta(microseconds=1))
    _record(booking.evening_id, EveningEvent.Action.MOVED_UP, booking=booking, by=by, reason=reason)
    booking.refresh_from_db()


@transaction.atomic
def booking_offer_by_hand(*, booking: Booking, by, reason: str, now=None) -> None:
    """Offer someone waiting a free place, out of turn. Staff only, with a reason,
    and only when a place is free: never over capacity."""
    reason = _reason_required(reason)
    now = now or timezone.now()
    evening = PreparationEvening.objects.get(pk=booking.evening_id)
    if not evening.is_open:
        raise ValidationError("This evening is no longer taking bookings.", code="closed")
    if not _take_place(evening.pk):
        raise ValidationError(
            "There is no free place on this evening. Raise its number of places first, or wait for a cancellation.",
            code="full",
        )
    expires = min(now + timedelta(hours=offer_hours()), evening.starts_at)
    if not Booking.objects.filter(pk=booking.pk, status=Booking.Status.WAITING).update(
        status=Booking.Status.OFFERED, offer_expires_at=expires
    ):
        raise ValidationError("This person is no longer on the waiting list.", code="not_waiting")
    booking.refresh_from_db()
    _notify(booking, "place_offered", "offer")
    _record(evening.pk, EveningEvent.Action.OFFERED_BY_HAND, booking=booking, by=by, reason=reason)
