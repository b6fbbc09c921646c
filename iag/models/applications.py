import secrets

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from private_links import IAG_STATUS, LinkInvalid

# No 0/O, 1/I/L: easy to read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def application_reference() -> str:
    """For example IAG-7K3P-9QXW: about 10^12 possibilities, so it cannot be guessed."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"IAG-{chars[:4]}-{chars[4:]}"


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    INVITED = "invited", _("Invited to meet")
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted this time")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The only moves allowed. Nothing leaves "not accepted" or "withdrawn".
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.UNDER_REVIEW, Status.NOT_ACCEPTED, Status.WITHDRAWN}),
    Status.UNDER_REVIEW: frozenset({Status.INVITED, Status.ACCEPTED, Status.NOT_ACCEPTED, Status.WITHDRAWN}),
    Status.INVITED: frozenset({Status.ACCEPTED, Status.NOT_ACCEPTED, Status.WITHDRAWN}),
    Status.ACCEPTED: frozenset({Status.WITHDRAWN}),
    Status.NOT_ACCEPTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
OPEN_STATUSES = frozenset({Status.RECEIVED, Status.UNDER_REVIEW, Status.INVITED})
CLOSED_STATUSES = frozenset({Status.ACCEPTED, Status.NOT_ACCEPTED, Status.WITHDRAWN})


class CanAttend(models.TextChoices):
    YES = "yes", _("Yes")
    SOME = "some", _("Some of them")
    NO = "no", _("No")


class HeardAbout(models.TextChoices):
    WEBSITE = "website", _("This website")
    SOCIAL = "social_media", _("Social media")
    OFFICER = "officer", _("A police officer or member of staff")
    COMMUNITY = "community_group", _("A community group or charity")
    MEMBER = "member", _("A current member of a group")
    FRIEND = "friend", _("A friend or relative")
    OTHER = "other", _("Somewhere else")


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def for_status_token(self, token: str):
        try:
            key = IAG_STATUS.unsign(token)
        except LinkInvalid:
            return self.none()
        return self.filter(status_key=key, anonymised_at__isnull=True) if key else self.none()

    def due_for_anonymising(self, *, before):
        return self.filter(status__in=CLOSED_STATUSES, status_changed_at__lt=before, anonymised_at__isnull=True)


class Application(models.Model):
    """A resident's application to join one or more advisory groups."""

    reference = models.CharField(
        _("reference"),
        max_length=14,
        unique=True,
        default=application_reference,
        validators=[RegexValidator(r"^IAG-[A-Z0-9]{4}-[A-Z0-9]{4}$")],
        editable=False,
    )
    # The private status link is this key signed with the site's secret (private_links.IAG_STATUS).
    status_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8)
    groups = models.ManyToManyField(
        "iag.AdvisoryGroup", through="iag.ApplicationChoice", verbose_name=_("groups"), related_name="applications"
    )
    communities = models.ManyToManyField(
        "iag.Community", verbose_name=_("communities and subjects"), related_name="applications", blank=True
    )
    communities_detail = models.TextField(_("how they can speak for them"), max_length=1000, blank=True)
    why_join = models.TextField(_("why they want to join"), max_length=1500, blank=True)
    experience = models.TextField(_("relevant experience"), max_length=1500, blank=True)
    can_attend = models.CharField(_("can attend quarterly meetings"), max_length=4, choices=CanAttend.choices)
    heard_about = models.CharField(_("heard about it from"), max_length=20, choices=HeardAbout.choices)
    consent_at = models.DateTimeField(_("agreed to the privacy notice"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("view_special_category", _("Can see equality monitoring (special category) answers")),
            ("erase_application", _("Can erase an applicant's personal data")),
        ]
        indexes = [
            models.Index(fields=["status", "-submitted_at"], name="iag_app_status_submitted_idx"),
            models.Index(fields=["-submitted_at", "-id"], name="iag_app_submitted_idx"),
            models.Index(fields=["status", "status_changed_at"], name="iag_app_retention_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="iag_application_status_valid"),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_token(self) -> str | None:
        return IAG_STATUS.sign(self.status_key) if self.status_key else None

    def allowed_statuses(self) -> list[str]:
        return [value for value in Status.values if value in TRANSITIONS[self.status]]


class ApplicationChoice(models.Model):
    """One group chosen in an application. `open_email` holds the applicant's
    email (lower case) while the application is open, so that a partial unique
    index refuses a second open application to the same group, even under
    concurrent submissions."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="choices")
    group = models.ForeignKey("iag.AdvisoryGroup", on_delete=models.PROTECT, related_name="choices")
    open_email = models.CharField(max_length=254, null=True, blank=True)

    class Meta:
        verbose_name = _("group chosen")
        verbose_name_plural = _("groups chosen")
        constraints = [
            models.UniqueConstraint(fields=["application", "group"], name="iag_choice_unique"),
            models.UniqueConstraint(
                fields=["group", "open_email"],
                condition=models.Q(open_email__isnull=False),
                name="iag_one_open_application_per_group",
            ),
        ]

    def __str__(self):
        return f"{self.application_id} -> {self.group_id}"
