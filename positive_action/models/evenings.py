"""Preparation evenings and the places on them.

`PreparationEvening.booked` counts confirmed places plus places held for an
offer to someone from the waiting list. It only ever changes through a
conditional UPDATE, and a check constraint stops it passing `capacity`.
"""

import secrets

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from personal_data.fields import EncryptedTextField


def booking_link_key() -> str:
    return secrets.token_urlsafe(24)


class EveningQuerySet(models.QuerySet):
    def upcoming(self, *, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__gt=now).exclude(status=PreparationEvening.Status.CANCELLED).order_by("starts_at")


class Venue(models.Model):
    """Where evenings are held, with what people need to know to get there and in."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    address = models.TextField(_("address"), max_length=400)
    step_free_access = models.TextField(
        _("step-free access"), max_length=500, blank=True, help_text=_("For example: level entrance, lift.")
    )
    parking = models.TextField(_("parking"), max_length=500, blank=True)
    public_transport = models.TextField(
        _("nearest public transport"), max_length=500, blank=True, help_text=_("Nearest station and bus stops.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    def access_details(self) -> list[tuple[str, str]]:
        """(label, text) for each access detail given, in the order people read them."""
        details = [
            (_("Step-free access"), self.step_free_access),
            (_("Parking"), self.parking),
            (_("Nearest public transport"), self.public_transport),
        ]
        return [(str(label), " ".join(text.split())) for label, text in details if text.strip()]


class PreparationEvening(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for booking")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    title = models.CharField(_("title"), max_length=120, default="Preparation evening")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("in person or online"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=120, blank=True)
    address = models.TextField(_("address"), max_length=400, blank=True)
    location = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evenings",
        verbose_name=_("venue details"),
        help_text=_("Address and access details come from here; the venue and address above are filled in from it."),
    )
    joining_instructions = models.TextField(
        _("how to join online"), max_length=1000, blank=True, help_text=_("Sent only to people with a place.")
    )
    covers = models.TextField(_("what it covers"), max_length=2000)
    capacity = models.PositiveIntegerField(_("places"))
    booked = models.PositiveIntegerField(_("places taken or offered"), default=0, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Tick when this was made up for a demonstration, not published by the force: pages mark it."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EveningQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("preparation evening")
        verbose_name_plural = _("preparation evenings")
        constraints = [
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")),
                name="pa_evening_not_overbooked",
                violation_error_message=_("An evening cannot have more places taken than it has places"),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="pa_evening_ends_after_start",
                violation_error_message=_("The evening must end after it starts"),
            ),
            models.CheckConstraint(
                condition=Q(mode="online") | ~Q(venue=""),
                name="pa_evening_in_person_has_venue",
                violation_error_message=_("An evening in person needs a venue"),
            ),
        ]

    def __str__(self):
        return f"{self.title}, {timezone.localtime(self.starts_at):%d %B %Y %H:%M}"

    def get_absolute_url(self):
        return reverse("positive_action:evening_book", args=[self.pk])

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and self.starts_at > timezone.now()


class BookingQuerySet(models.QuerySet):
    def holding_place(self):
        return self.filter(status__in=[Booking.Status.CONFIRMED, Booking.Status.OFFERED])

    def waiting(self):
        return self.filter(status=Booking.Status.WAITING).order_by("queued_at", "pk")

    def active(self):
        return self.filter(status__in=Booking.ACTIVE)

    def for_link(self, token: str):
        """The booking a private link is for (see private_links)."""
        from private_links import BOOKING

        return BOOKING.lookup(token, self)


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Offered a place")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer lapsed")

    ACTIVE = [Status.CONFIRMED, Status.WAITING, Status.OFFERED]

    evening = models.ForeignKey(PreparationEvening, on_delete=models.CASCADE, related_name="bookings")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    candidate_reference = models.CharField(_("candidate reference"), max_length=20)
    # Health information (special category): encrypted at rest; empty is stored as NULL.
    access_needs = EncryptedTextField(_("access needs"), max_length=1000, blank=True, null=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # The private link is this key signed with the site's secret (private_links).
    link_key = models.CharField(max_length=64, unique=True, default=booking_link_key, editable=False)
    created_at = models.DateTimeField(_("booked"), default=timezone.now, editable=False)
    # The waiting list's order: when they joined, unless staff moved them up (with a reason).
    queued_at = models.DateTimeField(_("place in the queue"), default=timezone.now, editable=False)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["evening", "created_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["evening", "candidate_reference"],
                condition=Q(status__in=["confirmed", "waiting", "offered"]),
                name="pa_booking_one_per_candidate",
                violation_error_message=_("This candidate reference already has a place or is on the waiting list"),
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="pa_booking_offer_has_expiry",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "offer_expires_at"], name="pa_booking_offer_idx"),
            models.Index(fields=["evening", "status", "queued_at"], name="pa_booking_queue_idx"),
        ]

    def __str__(self):
        return f"{self.candidate_reference} – {self.evening}"

    # Deliberately not get_absolute_url: admin's "View on site" and its /admin/r/
    # shortcut would hand any member of staff a working private link.
    def private_path(self) -> str:
        return reverse("positive_action:booking_manage", args=[self.token])

    @property
    def token(self) -> str:
        """The token of this booking's private link. Never stored."""
        from private_links import BOOKING

        return BOOKING.token(self)

    def queue_position(self) -> int | None:
        """1 for the first person waiting; None when not on the waiting list."""
        if self.status != self.Status.WAITING:
            return None
        ahead = (
            Booking.objects.waiting()
            .filter(evening_id=self.evening_id)
            .filter(Q(queued_at__lt=self.queued_at) | Q(queued_at=self.queued_at, pk__lt=self.pk))
        )
        return ahead.count() + 1


class BookingReminder(models.Model):
    """One row per reminder sent: claimed (inserted) in the same transaction that
    queues the email, so the unique key lets each reminder go exactly once."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["booking", "days_before"], name="pa_reminder_once_per_booking"),
        ]

    def __str__(self):
        return f"{self.days_before} days before: {self.booking}"


class EveningEvent(AuditEvent):
    """An evening's history: capacity changes, places offered as they free up, and
    every staff override (which needs a reason)."""

    class Action(models.TextChoices):
        CAPACITY = "capacity", _("Places changed")
        OFFERED = "offered", _("Place offered to the next person waiting")
        OFFERED_BY_HAND = "offered_by_hand", _("Place offered by staff")
        MOVED_UP = "moved_up", _("Moved to the front of the waiting list by staff")
        ATTENDANCE = "attendance", _("Attendance marked")

    BY_HAND = [Action.OFFERED_BY_HAND, Action.MOVED_UP]

    evening = models.ForeignKey(PreparationEvening, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    booking = models.ForeignKey(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("booking")
    )
    detail = models.CharField(_("what changed"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)

    class Meta(AuditEvent.Meta):
        verbose_name = _("evening event")
        verbose_name_plural = _("evening history")
        indexes = [
            models.Index(fields=["evening", "-created_at"], name="pa_evening_event_idx"),
            # The audit trail list, newest first.
            models.Index(fields=["-created_at", "-id"], name="pa_evening_event_newest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action__in=["offered_by_hand", "moved_up"]) | ~Q(reason=""),
                name="pa_evening_override_has_reason",
                violation_error_message=_("A change made by hand needs a reason"),
            ),
        ]
