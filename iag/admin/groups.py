from django.contrib import admin

from audit.admin import AuditTrailAdmin
from iag.models import AdvisoryGroup, ApplicationEvent, Community, DecisionTemplate


@admin.register(AdvisoryGroup)
class AdvisoryGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district", "covers", "meeting_frequency", "accepting_applications"]
    list_filter = ["kind", "accepting_applications", "district"]
    list_editable = ["accepting_applications"]
    list_select_related = ["district"]
    search_fields = ["name", "covers"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "active", "display_order"]
    list_editable = ["active", "display_order"]
    list_filter = ["active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(DecisionTemplate)
class DecisionTemplateAdmin(admin.ModelAdmin):
    list_display = ["status", "subject", "active", "updated_at"]
    list_filter = ["active", "status"]
    search_fields = ["subject", "body"]


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(AuditTrailAdmin):
    list_display = ["created_at", "application", "action", "actor_name", "from_status", "to_status"]
    search_fields = ["=application__reference", "actor_name"]
    list_select_related = ["application"]
