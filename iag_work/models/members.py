"""Members of an advisory group. A membership holds only what running a group
needs: no answer from the application form beyond name, email and the
communities the member speaks for (never the equality monitoring answers)."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import private_links
from iag.models import AdvisoryGroup


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")


class EndReason(models.TextChoices):
    STEPPED_DOWN = "stepped_down", _("Stepped down")
    TERM_ENDED = "term_ended", _("Term ended, not renewed")
    ENDED_BY_STAFF = "ended_by_staff", _("Ended by the diversity unit")
    ERASED = "erased", _("The member's details were erased at their request")


class Renewal(models.TextChoices):
    YES = "yes", _("Wants to carry on")
    NO = "no", _("Does not want to carry on")


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def due_for_renewal(self, *, today: date, notice_days: int):
        from datetime import timedelta

        return self.current().filter(term_ends_on__lte=today + timedelta(days=notice_days))

    def for_link(self, token: str):
        return private_links.IAG_MEMBERSHIP.lookup(token, self.filter(anonymised_at__isnull=True))


class Membership(models.Model):
    group = models.ForeignKey(
        AdvisoryGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="memberships"
    )
    # Where it came from, for staff; cleared when the application is anonymised.
    application = models.ForeignKey(
        "iag.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    communities = models.ManyToManyField(
        "iag.Community", verbose_name=_("communities spoken for"), blank=True, related_name="memberships"
    )
    name_public = models.BooleanField(
        _("agrees to their name being public"),
        default=False,
        help_text=_("Only tick this when the member has said yes. Without it the name is never shown on the site."),
    )
    started_on = models.DateField(_("started"), default=timezone.localdate)
    term_ends_on = models.DateField(_("term ends"))
    # The term end the last renewal email was about: one email per member per term.
    renewal_asked_for = models.DateField(_("renewal asked for the term ending"), null=True, blank=True)
    renewal_answer = models.CharField(_("renewal answer"), max_length=3, choices=Renewal.choices, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.CharField(_("note on the ending"), max_length=500, blank=True)
    link_key = models.CharField(max_length=64, unique=True, default=private_links.link_key_new, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | ~Q(end_reason=""),
                name="iag_work_ended_membership_has_reason",
                violation_error_message=_("Say why the membership ended."),
            ),
            models.UniqueConstraint(
                fields=["group", "application"],
                condition=Q(application__isnull=False),
                name="iag_work_one_membership_per_application_group",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.group})"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    def private_path(self, token: str | None = None) -> str:
        return reverse("iag_work:membership", args=[token or private_links.IAG_MEMBERSHIP.token(self)])


class GroupAttendance(AdvisoryGroup):
    """The groups again, listed in admin with their attendance rates."""

    class Meta:
        proxy = True
        verbose_name = _("attendance by group")
        verbose_name_plural = _("attendance by group")
