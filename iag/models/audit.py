from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent


class ApplicationEvent(AuditEvent):
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
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta(AuditEvent.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application audit trail")
        indexes = [
            models.Index(fields=["application", "-created_at"], name="iag_event_app_idx"),
            # The audit trail list, newest first.
            models.Index(fields=["-created_at", "-id"], name="iag_event_newest_idx"),
        ]
