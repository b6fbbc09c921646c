from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from performance.models import Comparison, Measure, MeasureRevision, Report, Section, Source, Table
from performance.services import measure_update


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "force", "date_label", "is_published", "loaded_at"]
    list_filter = ["is_published", "force"]
    search_fields = ["title", "priority"]
    readonly_fields = ["loaded_at"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "report"]
    list_filter = ["report"]
    search_fields = ["number", "title"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("report")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    list_filter = [("measures__section", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description"]


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    list_display = ["caption", "slug", "section", "chart"]
    list_filter = ["chart", "section"]
    search_fields = ["caption", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")


class RevisionInline(admin.TabularInline):
    model = MeasureRevision
    fields = ["changed_at", "changed_by", "via", "field", "old_value", "new_value"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["label", "shown_as", "period", "section", "table", "source", "updated_at"]
    list_filter = ["section", "unit", "source", ("table", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["key", "label", "row_label", "column_label", "period", "note"]
    list_select_related = ["section", "table", "source"]
    readonly_fields = ["key", "report", "updated_at"]
    inlines = [RevisionInline]
    fieldsets = [
        (
            None,
            {"fields": ["key", "label", "value", "decimals", "unit", "period", "ci", "sample_size", "source", "note"]},
        ),
        (
            _("Place in the report"),
            {
                "classes": ["collapse"],
                "fields": [
                    "report",
                    "section",
                    "table",
                    "row_group",
                    "row_label",
                    "column_label",
                    "role",
                    "total_group",
                    "reference",
                    "headline_position",
                    "position",
                    "updated_at",
                ],  # fmt: skip
            },
        ),
    ]

    @admin.display(description=_("shown as"))
    def shown_as(self, obj):
        return obj.display_with_unit

    def has_add_permission(self, request):
        return False  # measures come from the data file; staff correct them here

    def save_model(self, request, obj, form, change):
        measure_update(measure=obj, changed_by=request.user, via="admin")
        self.message_user(
            request,
            _(
                "The change is in the measure's history. Make it in the data file too, "
                "or the next load puts the old figure back."
            ),
            messages.WARNING,
        )


@admin.register(MeasureRevision)
class MeasureRevisionAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "measure", "field", "old_value", "new_value", "via", "changed_by"]
    list_filter = ["via", "field", ("changed_at", admin.DateFieldListFilter)]
    search_fields = ["measure__key", "measure__label", "old_value", "new_value"]
    list_select_related = ["measure", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ["key", "earlier", "later"]
    list_filter = ["report"]
    search_fields = ["key", "earlier__label", "later__label"]
    raw_id_fields = ["earlier", "later"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("earlier", "later")
