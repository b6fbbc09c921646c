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

from personal_data.fields import EncryptedTextField


def booking_link_key() -> str:
    return secrets.token_urlsafe(24)


class EveningQuerySet(models.QuerySet):
    def upcoming(self, *, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__gt=now).exclude(status=PreparationEvening.Status.CANCELLED).order_by("starts_at")


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
        return self.filter(status=Booking.Status.WAITING).order_by("created_at", "pk")

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
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
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
        indexes = [models.Index(fields=["status", "offer_expires_at"], name="pa_booking_offer_idx")]

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
