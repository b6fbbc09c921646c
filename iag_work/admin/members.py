from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iag_work.models import GroupAttendance, Membership
from iag_work.services.members import memberships_renew

from ._export import csv_response


class DueForRenewalFilter(admin.SimpleListFilter):
    title = _("renewal")
    parameter_name = "renewal"

    def lookups(self, request, model_admin):
        return [("due", _("Due for renewal")), ("current", _("Current")), ("ended", _("Ended"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_renewal(today=timezone.localdate(), notice_days=settings.IAG_RENEWAL_NOTICE_DAYS)
        if self.value() == "current":
            return queryset.current()
        if self.value() == "ended":
            return queryset.filter(ended_at__isnull=False)
        return queryset


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "role", "started_on", "term_ends_on", "renewal_answer", "name_public", "ended_at"]
    list_filter = [DueForRenewalFilter, "group", "role", "renewal_answer"]
    list_select_related = ["group"]
    search_fields = ["name", "=email"]
    ordering = ["term_ends_on"]
    autocomplete_fields = []
    filter_horizontal = ["communities"]
    readonly_fields = ["application", "renewal_asked_for", "renewal_answer", "anonymised_at"]
    fieldsets = [
        (None, {"fields": ["group", "name", "email", "role", "communities", "name_public"]}),
        (_("Term"), {"fields": ["started_on", "term_ends_on", "renewal_asked_for", "renewal_answer"]}),
        (_("Ending the membership"), {"fields": ["ended_at", "end_reason", "end_note"]}),
        (_("Advanced"), {"fields": ["application", "anonymised_at"], "classes": ["collapse"]}),
    ]
    actions = ["renew", "export_csv"]

    def has_delete_permission(self, request, obj=None):
        return False  # end it instead, with a reason; retention anonymises it later

    @admin.action(description=_("Renew for another term"), permissions=["change"])
    def renew(self, request, queryset):
        count = memberships_renew(memberships=queryset)
        self.message_user(request, _("%(n)d membership(s) renewed.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Download as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        columns = ["Name", "Email", "Group", "Role", "Started", "Term ends", "Renewal answer", "Ended", "End reason"]
        rows = (
            [
                m.name,
                m.email,
                m.group.name,
                m.get_role_display(),
                m.started_on,
                m.term_ends_on,
                m.get_renewal_answer_display(),
                m.ended_at or "",
                m.get_end_reason_display(),
            ]
            for m in queryset.select_related("group")
        )
        return csv_response("memberships.csv", columns, rows)


@admin.register(GroupAttendance)
class GroupAttendanceAdmin(admin.ModelAdmin):
    """Attendance rate per group over the last year: of invitations to meetings
    that have ended and had attendance marked, how many attended."""

    list_display = ["name", "current_members", "invitations_marked", "attended", "attendance_rate"]
    actions = ["export_csv"]

    def get_queryset(self, request):
        year_ago = timezone.now() - timedelta(days=365)
        marked = Q(meetings__invitations__attended__isnull=False, meetings__ends_at__gte=year_ago)
        return (
            super()
            .get_queryset(request)
            .annotate(
                marked=Count("meetings__invitations", filter=marked, distinct=True),
                came=Count(
                    "meetings__invitations", filter=marked & Q(meetings__invitations__attended=True), distinct=True
                ),
                members=Count("memberships", filter=Q(memberships__ended_at__isnull=True), distinct=True),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Download as CSV"))
    def export_csv(self, request, queryset):
        columns = ["Group", "Current members", "Invitations with attendance marked", "Attended", "Attendance rate"]
        rows = ([g.name, g.members, g.marked, g.came, self.attendance_rate(g)] for g in queryset)
        return csv_response("attendance-by-group.csv", columns, rows)

    @admin.display(description=_("current members"), ordering="members")
    def current_members(self, obj):
        return obj.members

    @admin.display(description=_("invitations with attendance marked (last 12 months)"), ordering="marked")
    def invitations_marked(self, obj):
        return obj.marked

    @admin.display(description=_("attended"), ordering="came")
    def attended(self, obj):
        return obj.came

    @admin.display(description=_("attendance rate"))
    def attendance_rate(self, obj):
        return f"{round(100 * obj.came / obj.marked)}%" if obj.marked else "–"
