from django.contrib import admin

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
class ApplicationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "application", "action", "actor_name", "from_status", "to_status"]
    list_filter = ["action", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["=application__reference", "actor_name"]
    list_select_related = ["application"]
    show_full_result_count = False
    readonly_fields = [field.name for field in ApplicationEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
