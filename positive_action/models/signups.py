import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement_site.models import District

from .figures import Group, Role


def signup_reference() -> str:
    return "PAP-" + secrets.token_hex(4).upper()


class Signup(models.Model):
    """A shortlisted candidate who joined the Positive Action Programme."""

    class Stage(models.TextChoices):
        SHORTLISTED = "shortlisted", _("Passed shortlisting")
        ASSESSMENT_BOOKED = "assessment_booked", _("Assessment centre booked")
        ASSESSMENT_PASSED = "assessment_passed", _("Passed the assessment centre")
        INTERVIEW = "interview", _("Interview or final checks")

    reference = models.CharField(_("reference"), max_length=16, unique=True, default=signup_reference, editable=False)
    candidate_reference = models.CharField(_("candidate reference"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30)
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="signups")
    stage = models.CharField(_("stage reached"), max_length=20, choices=Stage.choices)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pap_signups",
        verbose_name=_("district"),
    )
    wants_buddy = models.BooleanField(_("would like a buddy"))
    adjustments = models.TextField(_("adjustments needed"), max_length=1000, blank=True)
    consented_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("programme sign-up")
        verbose_name_plural = _("programme sign-ups")

    def __str__(self):
        return f"{self.reference} ({self.candidate_reference})"

    @property
    def current_assignment(self):
        return next((a for a in self.buddy_assignments.all() if a.ended_at is None), None)


class SignupEqualityAnswers(models.Model):
    """Special category answers, kept apart from the sign-up and seen only by
    staff with the 'view' permission on this model."""

    signup = models.OneToOneField(Signup, on_delete=models.CASCADE, related_name="equality_answers")
    groups = models.ManyToManyField(Group, blank=True, related_name="+", verbose_name=_("groups"))
    prefer_not_to_say = models.BooleanField(_("prefer not to say"), default=False)

    class Meta:
        verbose_name = _("equality answers")
        verbose_name_plural = _("equality answers")

    def __str__(self):
        return str(self.signup)
