from django.contrib import admin

from force.models import District, EqualityObjective, ForceProfile, UnitResponsibility
from force.selectors import force_profile_forget


@admin.register(ForceProfile)
class ForceProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "area_name", "unit_name", "phone", "diversity_unit_extension"]
    search_fields = ["name"]
    list_filter = ["area_name"]

    def has_add_permission(self, request):
        return not ForceProfile.objects.exists()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        force_profile_forget()


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "display_order"]
    list_editable = ["display_order"]
    search_fields = ["name"]
    list_filter = ["display_order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(EqualityObjective)
class EqualityObjectiveAdmin(admin.ModelAdmin):
    list_display = ["text", "display_order"]
    list_editable = ["display_order"]
    search_fields = ["text"]
    list_filter = ["display_order"]


@admin.register(UnitResponsibility)
class UnitResponsibilityAdmin(admin.ModelAdmin):
    list_display = ["text", "display_order"]
    list_editable = ["display_order"]
    search_fields = ["text"]
    list_filter = ["display_order"]
