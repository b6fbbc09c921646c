"""Meetings, the invitations to them and what a scrutiny session found.

`Meeting.coming` counts the members who said yes. It only changes through a
conditional UPDATE (as a preparation evening's places do), and a check
constraint stops it passing `capacity`, so two last replies cannot both get in."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import private_links
from iag.models import AdvisoryGroup


class MeetingKind(models.Model):
    """Quarterly meeting, stop and search scrutiny, body-worn video review, custody visit, ..."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    is_scrutiny = models.BooleanField(_("a scrutiny session"), default=False)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("kind of meeting")
        verbose_name_plural = _("kinds of meeting")

    def __str__(self):
        return self.name


class Meeting(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    group = models.ForeignKey(AdvisoryGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="meetings")
    kind = models.ForeignKey(MeetingKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("in person or online"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(_("place"), max_length=300, blank=True)
    joining_instructions = models.TextField(_("how to join online"), max_length=1000, blank=True)
    papers = models.TextField(
        _("papers for members"),
        max_length=10000,
        blank=True,
        help_text=_("The agenda and documents. Shown only through members' private invitation links."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    coming = models.PositiveIntegerField(_("members coming"), default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["group", "starts_at"], name="iag_work_meeting_group_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(coming__lte=F("capacity")),
                name="iag_work_meeting_not_over_capacity",
                violation_error_message=_("A meeting cannot have more members coming than it has places."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="iag_work_meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(mode="online") | ~Q(place=""),
                name="iag_work_meeting_in_person_has_place",
                violation_error_message=_("A meeting in person needs a place."),
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.kind}, {timezone.localtime(self.starts_at):%d %B %Y}"

    def clean(self):
        # `coming` is not on the admin form, so its constraint is not checked there.
        if self.capacity is not None and self.capacity < self.coming:
            raise ValidationError(
                {"capacity": _("%(n)d members have already said they are coming.") % {"n": self.coming}}
            )

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at > timezone.now()

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.coming, 0)


class Reply(models.TextChoices):
    YES = "yes", _("Coming")
    NO = "no", _("Not coming")


class InvitationQuerySet(models.QuerySet):
    def for_link(self, token: str):
        return private_links.IAG_INVITATION.lookup(token, self.filter(membership__isnull=False))


class Invitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    # Emptied when attendance is anonymised: the row stays for the attendance rate.
    membership = models.ForeignKey(
        "iag_work.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    reply = models.CharField(_("reply"), max_length=3, choices=Reply.choices, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    link_key = models.CharField(max_length=64, unique=True, default=private_links.link_key_new, editable=False)
    created_at = models.DateTimeField(_("invited"), default=timezone.now, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations and attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(membership__isnull=False),
                name="iag_work_one_invitation_per_member",
            )
        ]

    def __str__(self):
        return f"{self.membership or _('(anonymised)')} – {self.meeting}"


class ScrutinyRecord(models.Model):
    """What a scrutiny session looked at, at a level safe to publish: never
    anything about the people in the records."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="scrutiny")
    reviewed = models.CharField(
        _("what was reviewed"),
        max_length=300,
        help_text=_(
            "For example “20 stop and search records from Basildon, March”. No names, dates of birth "
            "or anything else about the people in the records."
        ),
    )
    appropriate = models.PositiveIntegerField(_("judged appropriate"), default=0)
    needs_improvement = models.PositiveIntegerField(_("judged to need improvement"), default=0)
    inappropriate = models.PositiveIntegerField(_("judged inappropriate"), default=0)
    comments = models.TextField(_("the group's comments"), max_length=5000, blank=True)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-meeting__starts_at"]
        verbose_name = _("scrutiny record")
        verbose_name_plural = _("scrutiny records")

    def __str__(self):
        return self.reviewed

    def clean(self):
        if self.meeting_id and not self.meeting.kind.is_scrutiny:
            raise ValidationError(_("Scrutiny records are for scrutiny sessions. Choose a meeting of that kind."))

    @property
    def total(self) -> int:
        return self.appropriate + self.needs_improvement + self.inappropriate
