import json
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from force.models import District
from personal_data.fields import EncryptedTextField

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
    # Health information (special category): encrypted at rest; empty is stored as NULL.
    adjustments = EncryptedTextField(_("adjustments needed"), max_length=1000, blank=True, null=True)
    consented_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("programme sign-up")
        verbose_name_plural = _("programme sign-ups")
        # The admin list, newest first (admin adds the key to make the order total).
        indexes = [models.Index(fields=["-created_at", "-id"], name="pa_signup_newest_idx")]

    def __str__(self):
        return f"{self.reference} ({self.candidate_reference})"

    @property
    def current_assignment(self):
        return next((a for a in self.buddy_assignments.all() if a.ended_at is None), None)


class GroupAnswers:
    """`answers.groups`: the groups a candidate said they belong to, as a queryset
    (`.all()`, `.exists()`, `.values_list()`...) and `.set(groups)` to change them.
    The ids are kept encrypted in `group_ids`, never as rows of a join table."""

    def __init__(self, answers: "SignupEqualityAnswers"):
        self._answers = answers

    def _queryset(self):
        return Group.objects.filter(pk__in=self._answers.group_id_list())

    def set(self, groups) -> None:
        ids = sorted({group.pk if isinstance(group, Group) else int(group) for group in groups})
        self._answers.group_ids = json.dumps(ids) if ids else None
        if self._answers.pk:
            self._answers.save(update_fields=["group_ids"])

    def __getattr__(self, name):
        return getattr(self._queryset(), name)

    def __iter__(self):
        return iter(self._queryset())


class SignupEqualityAnswers(models.Model):
    """Special category answers, kept apart from the sign-up, encrypted at rest,
    and seen only by staff with the 'view' permission on this model (each view
    is recorded as a SignupEvent)."""

    signup = models.OneToOneField(Signup, on_delete=models.CASCADE, related_name="equality_answers")
    # A JSON list of Group ids, encrypted.
    group_ids = EncryptedTextField(_("groups"), null=True, blank=True, editable=False)
    prefer_not_to_say = models.BooleanField(_("prefer not to say"), default=False)

    class Meta:
        verbose_name = _("equality answers")
        verbose_name_plural = _("equality answers")

    def __str__(self):
        return str(self.signup)

    @property
    def groups(self) -> GroupAnswers:
        return GroupAnswers(self)

    def group_id_list(self) -> list[int]:
        try:
            return [int(pk) for pk in json.loads(self.group_ids or "[]")]
        except (TypeError, ValueError):
            return []


class SignupEvent(AuditEvent):
    """Who looked at or changed a sign-up, and when. Never holds the person's answers."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        VIEWED_SPECIAL = "viewed_special", _("Viewed with equality answers")
        EXPORTED = "exported", _("Exported")
        ERASED = "erased", _("Personal data erased")

    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("sign-up event")
        verbose_name_plural = _("sign-up audit trail")
        indexes = [
            models.Index(fields=["signup", "-created_at"], name="pa_signup_event_idx"),
            # The audit trail list, newest first.
            models.Index(fields=["-created_at", "-id"], name="pa_signup_event_newest_idx"),
        ]
