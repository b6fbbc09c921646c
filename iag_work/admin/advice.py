from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iag_work.models import AdvicePoint, Theme

from ._export import csv_response


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AwaitingResponseFilter(admin.SimpleListFilter):
    title = _("response")
    parameter_name = "response"

    def lookups(self, request, model_admin):
        return [("overdue", _("Awaiting a response past the target")), ("awaiting", _("Awaiting a response"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            before = today - timedelta(days=settings.IAG_ADVICE_RESPONSE_TARGET_DAYS)
            return queryset.awaiting_response(before=before)
        if self.value() == "awaiting":
            return queryset.awaiting_response(before=today + timedelta(days=1))
        return queryset


@admin.register(AdvicePoint)
class AdvicePointAdmin(admin.ModelAdmin):
    list_display = ["given_on", "group", "theme", "short_advice", "status", "responded_on", "published"]
    list_filter = [AwaitingResponseFilter, "status", "published", "group", "theme"]
    list_select_related = ["group", "theme"]
    search_fields = ["advice", "force_response"]
    date_hierarchy = "given_on"
    raw_id_fields = ["meeting"]
    fieldsets = [
        (None, {"fields": ["group", "meeting", "theme", "given_on", "advice"]}),
        (
            _("The force's response"),
            {"fields": ["status", "not_taken_forward_reason", "force_response", "what_changed", "responded_on"]},
        ),
        (_("Publishing"), {"fields": ["published"]}),
    ]
    actions = ["publish", "export_csv"]

    @admin.display(description=_("what the group said"))
    def short_advice(self, obj):
        return obj.advice[:80]

    @admin.action(description=_("Publish on the website"), permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for point in queryset.filter(published=False):
            point.published = True
            point.save(update_fields=["published", "updated_at"])  # saves, so the page cache is emptied
            count += 1
        self.message_user(request, _("%(n)d advice point(s) published.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Download as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        columns = [
            "Given on",
            "Group",
            "Theme",
            "Advice",
            "Status",
            "Reason not taken forward",
            "Force response",
            "What changed",
            "Responded on",
            "Published",
        ]
        rows = (
            [
                p.given_on,
                p.group.name,
                p.theme.name,
                p.advice,
                p.get_status_display(),
                p.not_taken_forward_reason,
                p.force_response,
                p.what_changed,
                p.responded_on or "",
                p.published,
            ]
            for p in queryset.select_related("group", "theme")
        )
        return csv_response("advice-points.csv", columns, rows)
