from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from audit.admin import ReadOnlyAdminMixin
from iag.disclosure import BASE, THRESHOLD
from iag.models import EqualityMonitoring, MonitoringSnapshot
from iag.services.monitoring import monitoring_snapshot_take_if_due, snapshot_min_new

SPECIAL = "iag.view_special_category"


@admin.register(EqualityMonitoring)
class EqualityMonitoringAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The latest snapshot of the totals, by group and characteristic, protected
    against disclosure. Only for staff with the special category permission; the
    individual answers are never listed here."""

    list_display = ["id"]
    list_filter = []
    search_fields = []

    def has_view_permission(self, request, obj=None):
        return obj is None and request.user.has_perm(SPECIAL)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        snapshot = monitoring_snapshot_take_if_due() or MonitoringSnapshot.objects.order_by("-taken_at").first()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Equality monitoring totals"),
            "opts": self.model._meta,
            "snapshot": snapshot,
            "threshold": THRESHOLD,
            "base": BASE,
            "min_new": snapshot_min_new(),
        }
        response = TemplateResponse(request, "admin/iag/monitoring_totals.html", context)
        response["Cache-Control"] = "no-store"
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        raise PermissionDenied
