import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def feedback_reference() -> str:
    return "FB-" + secrets.token_hex(4).upper()


class Feedback(models.Model):
    """An answer to the beta feedback form."""

    class Satisfaction(models.TextChoices):
        VERY_SATISFIED = "very_satisfied", _("Very satisfied")
        SATISFIED = "satisfied", _("Satisfied")
        NEUTRAL = "neutral", _("Neither satisfied nor dissatisfied")
        DISSATISFIED = "dissatisfied", _("Dissatisfied")
        VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")

    reference = models.CharField(_("reference"), max_length=12, unique=True, default=feedback_reference)
    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices)
    page = models.CharField(_("page the feedback is about"), max_length=200, blank=True)
    comments = models.TextField(_("how we could improve"), max_length=2000)
    created_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return self.reference
