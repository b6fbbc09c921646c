from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from force.models import District

from .signups import Signup


class BuddyQuerySet(models.QuerySet):
    def with_room(self):
        return self.filter(active=True, assigned__lt=F("capacity"))

    def suggested_for(self, signup: Signup):
        """Active buddies with room: the candidate's own district first, then
        neighbouring districts in the force's district order, then the least busy."""
        qs = self.with_room().select_related("district")
        if signup.district_id is None:
            return qs.order_by("assigned", "name")
        order = signup.district.display_order
        return qs.annotate(
            same=Case(When(district_id=signup.district_id, then=Value(0)), default=Value(1)),
            distance=Case(
                When(district__isnull=True, then=Value(10_000)),
                default=models.Func(F("district__display_order") - order, function="ABS"),
            ),
        ).order_by("same", "distance", "assigned", "name")


class Buddy(models.Model):
    class Kind(models.TextChoices):
        OFFICER = "officer", _("Police officer")
        STAFF = "staff", _("Member of police staff")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("officer or staff"), max_length=10, choices=Kind.choices)
    role_title = models.CharField(_("role"), max_length=120)
    district = models.ForeignKey(District, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("district"))
    email = models.EmailField(_("work email"), max_length=254, unique=True)
    trained_on = models.DateField(_("trained on"))
    capacity = models.PositiveSmallIntegerField(_("candidates they can take"), default=2)
    assigned = models.PositiveSmallIntegerField(_("candidates now"), default=0, editable=False)
    active = models.BooleanField(_("active"), default=True)

    objects = BuddyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("buddy")
        verbose_name_plural = _("buddies")
        constraints = [
            models.CheckConstraint(
                condition=Q(assigned__lte=F("capacity")),
                name="pa_buddy_within_capacity",
                violation_error_message=_("A buddy cannot have more candidates than they can take"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def room(self) -> int:
        return max(self.capacity - self.assigned, 0)


class BuddyAssignment(models.Model):
    """Who buddies whom, and since when. Reassignment ends one row and starts another."""

    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="buddy_assignments")
    buddy = models.ForeignKey(Buddy, on_delete=models.PROTECT, related_name="assignments")
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at"]
        verbose_name = _("buddy assignment")
        verbose_name_plural = _("buddy assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["signup"], condition=Q(ended_at__isnull=True), name="pa_one_current_buddy_per_signup"
            ),
        ]

    def __str__(self):
        return f"{self.buddy} – {self.signup}"


class BuddyContact(models.Model):
    """A date the buddy was in touch with their candidate, so staff can see progress. Dates only, no notes."""

    class Way(models.TextChoices):
        MEETING = "meeting", _("Met")
        PHONE = "phone", _("Phone or video call")
        MESSAGE = "message", _("Email or message")

    assignment = models.ForeignKey(BuddyAssignment, on_delete=models.CASCADE, related_name="contacts")
    contacted_on = models.DateField(_("date"))
    way = models.CharField(_("how"), max_length=10, choices=Way.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["contacted_on", "pk"]
        verbose_name = _("buddy contact")
        verbose_name_plural = _("buddy contacts")

    def __str__(self):
        return f"{self.contacted_on:%d %b %Y} ({self.get_way_display()})"
