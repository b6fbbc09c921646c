from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MonitoringSnapshot(models.Model):
    """The equality monitoring totals as staff see them: computed, protected
    (iag.disclosure) and frozen when taken, so that comparing the page
    before and after one application or withdrawal shows nothing. Taken at most
    once a month, and only after enough new applications (iag.services.monitoring)."""

    period = models.CharField(_("month"), max_length=7, unique=True, help_text=_("YYYY-MM; one snapshot a month"))
    taken_at = models.DateTimeField(_("taken"), default=timezone.now)
    applications = models.PositiveIntegerField(_("applications received by then"))
    # [{"question", "columns", "rows": [{"group_id", "group", "cells", "total"}]}], already protected.
    tables = models.JSONField(_("protected totals"))
    # {group id: ISO time its rows were last counted}; a row is carried forward until enough new applications.
    group_counted_at = models.JSONField(default=dict)

    class Meta:
        ordering = ["-taken_at"]
        get_latest_by = "taken_at"
        verbose_name = _("equality monitoring snapshot")
        verbose_name_plural = _("equality monitoring snapshots")

    def __str__(self):
        return f"Equality monitoring totals {self.period}"
