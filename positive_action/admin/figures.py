from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from positive_action.forms import FiguresUploadForm
from positive_action.models import Characteristic, Group, RepresentationStatement, Role, WorkforceFigure
from positive_action.services import figures_import_csv


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "plural", "open_to_applicants", "reported", "display_order"]
    list_filter = ["open_to_applicants", "reported"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class GroupInline(admin.TabularInline):
    model = Group
    extra = 0


@admin.register(Characteristic)
class CharacteristicAdmin(admin.ModelAdmin):
    list_display = ["name", "display_order"]
    list_filter = ["groups__offered_at_signup"]
    search_fields = ["name", "groups__name"]
    inlines = [GroupInline]


@admin.register(RepresentationStatement)
class RepresentationStatementAdmin(admin.ModelAdmin):
    list_display = ["source", "updated_at"]
    search_fields = ["text", "source"]


@admin.register(WorkforceFigure)
class WorkforceFigureAdmin(admin.ModelAdmin):
    list_display = [
        "group",
        "role",
        "period",
        "workforce_percent",
        "population_percent",
        "ratio_display",
        "under_represented_display",
        "illustrative",
    ]
    list_filter = ["role", "group__characteristic", "period", "illustrative"]
    search_fields = ["group__name", "role__name", "source", "period"]
    change_list_template = "admin/positive_action/workforcefigure/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("group__characteristic", "role")

    @admin.display(description=_("ratio"))
    def ratio_display(self, obj):
        return obj.ratio

    @admin.display(description=_("under-represented"), boolean=True)
    def under_represented_display(self, obj):
        return obj.under_represented

    def get_urls(self):
        upload = path(
            "import-csv/", self.admin_site.admin_view(self.import_csv), name="positive_action_workforcefigure_import"
        )
        return [upload, *super().get_urls()]

    def import_csv(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = FiguresUploadForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                result = figures_import_csv(text=form.cleaned_data["file"])
            except ValidationError as exc:
                errors = exc.messages
            else:
                self.message_user(
                    request,
                    _("Figures loaded: %(created)d new, %(updated)d updated.") % result,
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:positive_action_workforcefigure_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import workforce figures from CSV"),
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/positive_action/import_csv.html", context)
