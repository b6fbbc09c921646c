from django.contrib import admin

from site_pages.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["reference", "created_at", "satisfaction", "page"]
    list_filter = ["satisfaction", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["reference", "comments", "page"]
    readonly_fields = ["reference", "created_at", "satisfaction", "page", "comments"]

    def has_add_permission(self, request):
        return False
