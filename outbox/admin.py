from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from audit.list_index import IndexedValuesListFilter
from audit.long_lists import LongListAdminMixin
from outbox.models import Notification
from outbox.services import notification_resend
from private_links import redact


@admin.register(Notification)
class NotificationAdmin(LongListAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "subject", "state", "attempts", "sent_at"]
    list_filter = ["state", ("kind", IndexedValuesListFilter), ("created_at", admin.DateFieldListFilter)]
    search_fields = ["recipient", "subject", "about_id"]
    date_hierarchy = "created_at"
    # Bodies and headers are shown with private links redacted (the stored ones
    # hold only a placeholder; the outbox adds the real link as it sends).
    readonly_fields = [
        {"body_text": "body_text_shown", "body_html": "body_html_shown", "headers": "headers_shown"}.get(f.name, f.name)
        for f in Notification._meta.fields
    ]
    exclude = ["body_text", "body_html", "headers"]
    actions = ["resend"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("plain text body"))
    def body_text_shown(self, obj):
        return redact(obj.body_text)

    @admin.display(description=_("HTML body"))
    def body_html_shown(self, obj):
        return redact(obj.body_html)

    @admin.display(description=_("extra headers"))
    def headers_shown(self, obj):
        return {name: redact(str(value)) for name, value in (obj.headers or {}).items()}

    def has_resend_permission(self, request):
        return request.user.has_perm("outbox.resend_notification")

    @admin.action(description=_("Send the selected notifications again"), permissions=["resend"])
    def resend(self, request, queryset):
        count = 0
        for notification in queryset:
            notification_resend(notification=notification)
            count += 1
        self.message_user(
            request, _("%(count)d notification(s) queued to send again.") % {"count": count}, messages.SUCCESS
        )
