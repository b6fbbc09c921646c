from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from iag.models import EqualityMonitoring
from iag.selectors import SUPPRESS_BELOW, monitoring_totals


@admin.register(EqualityMonitoring)
class EqualityMonitoringAdmin(admin.ModelAdmin):
    """Only totals, by group and characteristic, with small numbers hidden. The
    individual answers are never listed here."""

    list_display = ["id"]
    list_filter = []
    search_fields = []

    def has_view_permission(self, request, obj=None):
        return obj is None and request.user.has_perm("iag.view_application")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Equality monitoring totals"),
            "opts": self.model._meta,
            "tables": monitoring_totals(),
            "suppress_below": SUPPRESS_BELOW,
        }
        return TemplateResponse(request, "admin/iag/monitoring_totals.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
