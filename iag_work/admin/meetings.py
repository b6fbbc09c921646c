from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from audit.admin import PlacesChangedApartAdminMixin
from iag_work.models import Invitation, Meeting, MeetingKind, ScrutinyRecord
from iag_work.services.meetings import (
    invitations_mark_attendance,
    meeting_capacity_change,
    meeting_invite,
    meetings_remind,
)

from ._export import csv_response


@admin.register(MeetingKind)
class MeetingKindAdmin(admin.ModelAdmin):
    list_display = ["name", "is_scrutiny", "display_order"]
    prepopulated_fields = {"slug": ["name"]}


class ScrutinyInline(admin.StackedInline):
    model = ScrutinyRecord
    extra = 0
    max_num = 1


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["membership", "reply", "replied_at", "reminded_at", "attended"]
    readonly_fields = ["membership", "reply", "replied_at", "reminded_at"]
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membership__group")  # each row names the member

    def has_add_permission(self, request, obj=None):
        return False  # invite with the action, so each member gets the email


@admin.register(Meeting)
class MeetingAdmin(PlacesChangedApartAdminMixin, admin.ModelAdmin):
    list_display = ["starts_at", "group", "kind", "mode", "capacity", "coming", "invited"]
    list_filter = ["group", "kind", "mode"]
    list_select_related = ["group", "kind"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]
    inlines = [ScrutinyInline, InvitationInline]
    actions = ["invite", "remind", "export_csv"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(invited_count=Count("invitations"))

    def change_places(self, request, obj, places):
        # Checked against the members coming in the same UPDATE (their replies count them).
        meeting_capacity_change(meeting=obj, capacity=places)

    @admin.display(description=_("invited"), ordering="invited_count")
    def invited(self, obj):
        return obj.invited_count

    @admin.action(description=_("Invite the group's members (emails them)"), permissions=["change"])
    def invite(self, request, queryset):
        count = sum(meeting_invite(meeting=meeting) for meeting in queryset)
        self.message_user(request, _("%(n)d invitation(s) sent.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Send a reminder (emails those coming or not replied)"), permissions=["change"])
    def remind(self, request, queryset):
        count = sum(meetings_remind(meeting=meeting) for meeting in queryset)
        self.message_user(request, _("%(n)d reminder(s) sent.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Download as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        columns = ["Starts", "Ends", "Group", "Kind", "Mode", "Place", "Places", "Coming", "Invited"]
        rows = (
            [
                m.starts_at,
                m.ends_at,
                m.group.name,
                m.kind.name,
                m.get_mode_display(),
                m.place,
                m.capacity or "",
                m.coming,
                m.invited_count,
            ]
            for m in queryset
        )
        return csv_response("meetings.csv", columns, rows)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["membership", "meeting", "reply", "attended"]
    list_filter = ["meeting__group", "reply", "attended", ("meeting", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["membership__group", "meeting__group", "meeting__kind"]
    search_fields = ["membership__name"]
    readonly_fields = ["meeting", "membership", "reply", "replied_at", "reminded_at"]
    fields = ["meeting", "membership", "reply", "replied_at", "reminded_at", "attended"]
    actions = ["mark_attended", "mark_not_attended"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = invitations_mark_attendance(invitations=queryset, attended=True)
        self.message_user(request, _("%(n)d marked as attended.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Mark as did not attend"), permissions=["change"])
    def mark_not_attended(self, request, queryset):
        count = invitations_mark_attendance(invitations=queryset, attended=False)
        self.message_user(request, _("%(n)d marked as did not attend.") % {"n": count}, messages.SUCCESS)


@admin.register(ScrutinyRecord)
class ScrutinyRecordAdmin(admin.ModelAdmin):
    list_display = ["reviewed", "meeting", "appropriate", "needs_improvement", "inappropriate", "published"]
    list_filter = ["published", "meeting__group", "meeting__kind"]
    list_select_related = ["meeting__group", "meeting__kind"]
    raw_id_fields = ["meeting"]
