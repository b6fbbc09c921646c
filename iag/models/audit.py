from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApplicationEvent(models.Model):
    """Who did what to an application, and when. Never holds the person's answers."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        VIEWED = "viewed", _("Viewed")
        VIEWED_SPECIAL = "viewed_special", _("Viewed with equality monitoring answers")
        CHANGED = "changed", _("Changed")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Note added")
        EXPORTED = "exported", _("Exported")
        ERASED = "erased", _("Personal data erased")
        ANONYMISED = "anonymised", _("Anonymised after the retention period")

    application = models.ForeignKey("iag.Application", on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept if the staff account is later deleted; blank means the applicant or the system.
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application event")
        verbose_name_plural = _("application audit trail")
        indexes = [models.Index(fields=["application", "-created_at"], name="iag_event_app_idx")]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
