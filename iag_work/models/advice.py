"""“You said, we did”: the advice a group gives and what the force did about it."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iag.models import AdvisoryGroup


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class AdviceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_TAKEN_FORWARD = "not_taken_forward", _("Not taken forward")


class AdvicePointQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def awaiting_response(self, *, before):
        """Given before `before` and still without the force's response."""
        return self.filter(force_response="", given_on__lt=before).exclude(status=AdviceStatus.NOT_TAKEN_FORWARD)


class AdvicePoint(models.Model):
    group = models.ForeignKey(
        AdvisoryGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="advice_points"
    )
    meeting = models.ForeignKey(
        "iag_work.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_points",
    )
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="advice_points")
    given_on = models.DateField(_("advice given on"), default=timezone.localdate)
    advice = models.TextField(_("what the group said"), max_length=3000)
    status = models.CharField(_("status"), max_length=20, choices=AdviceStatus.choices, default=AdviceStatus.OPEN)
    not_taken_forward_reason = models.TextField(_("why it was not taken forward"), max_length=3000, blank=True)
    force_response = models.TextField(_("the force's response"), max_length=3000, blank=True)
    what_changed = models.TextField(_("what changed"), max_length=3000, blank=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    is_example = models.BooleanField(_("example data"), default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AdvicePointQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("advice point")
        verbose_name_plural = _("advice points")
        indexes = [
            models.Index(fields=["-given_on", "-id"], name="iag_work_advice_newest_idx"),
            models.Index(fields=["group", "-given_on"], name="iag_work_advice_group_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AdviceStatus.values), name="iag_work_advice_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=AdviceStatus.NOT_TAKEN_FORWARD) | ~Q(not_taken_forward_reason=""),
                name="iag_work_not_taken_forward_has_reason",
                violation_error_message=_("Give the reason it was not taken forward."),
            ),
        ]

    def __str__(self):
        return self.advice[:80]

    @property
    def led_to_change(self) -> bool:
        return self.status == AdviceStatus.DONE
