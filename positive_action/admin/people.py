from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditTrailAdmin, AuditTrailInline
from audit.long_lists import LongListAdminMixin
from personal_data.admin_special import SpecialCategoryListMixin
from positive_action.models import Buddy, BuddyAssignment, Signup, SignupEqualityAnswers
from positive_action.models.signups import SignupEvent
from positive_action.privacy import signup_event_record
from positive_action.services import buddy_assign

SPECIAL = "positive_action.view_signupequalityanswers"


@admin.register(Buddy)
class BuddyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role_title", "district", "trained_on", "capacity", "assigned", "active"]
    list_filter = ["active", "kind", "district"]
    search_fields = ["name", "email", "role_title"]
    readonly_fields = ["assigned"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("district")


class AssignmentInline(admin.TabularInline):
    model = BuddyAssignment
    extra = 0
    fields = ["buddy", "assigned_at", "assigned_by", "ended_at"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("buddy history")

    def has_add_permission(self, request, obj=None):
        return False


class EqualityAnswersInline(admin.StackedInline):
    """Special category answers: shown only to staff with the view permission."""

    model = SignupEqualityAnswers
    can_delete = False
    fields = ["group_names", "prefer_not_to_say"]
    readonly_fields = fields

    @admin.display(description=_("groups they belong to"))
    def group_names(self, obj):
        return ", ".join(str(group) for group in obj.groups.all()) or "–"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(SPECIAL)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


class SignupEventInline(AuditTrailInline):
    model = SignupEvent


@admin.register(Signup)
class SignupAdmin(LongListAdminMixin, SpecialCategoryListMixin, admin.ModelAdmin):
    special_permission = SPECIAL
    special_relations = ("equality_answers",)
    list_display = ["reference", "candidate_reference", "name", "role", "stage", "wants_buddy", "buddy_display"]
    list_filter = ["wants_buddy", "role", "stage", "district"]
    search_fields = ["reference", "candidate_reference", "name", "email"]
    readonly_fields = ["reference", "created_at", "consented_at", "assign_link"]
    inlines = [AssignmentInline, EqualityAnswersInline, SignupEventInline]

    def get_queryset(self, request):
        current = BuddyAssignment.objects.filter(ended_at__isnull=True).select_related("buddy")
        return (
            super()
            .get_queryset(request)
            .select_related("role", "district")
            .prefetch_related(Prefetch("buddy_assignments", queryset=current))
        )

    def has_add_permission(self, request):
        return False  # candidates sign up through the site

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            signup = self.get_object(request, object_id)
            if signup is not None and self.has_view_or_change_permission(request, signup):
                special = request.user.has_perm(SPECIAL)
                action = SignupEvent.Action.VIEWED_SPECIAL if special else SignupEvent.Action.VIEWED
                signup_event_record(signup=signup, action=action, actor=request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("buddy"))
    def buddy_display(self, obj):
        current = obj.current_assignment
        return current.buddy.name if current else ("–" if not obj.wants_buddy else _("Not yet assigned"))

    @admin.display(description=_("assign a buddy"))
    def assign_link(self, obj):
        if not obj.pk or not obj.wants_buddy:
            return "–"
        url = reverse("admin:positive_action_signup_assign", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Choose a buddy"))

    def get_urls(self):
        assign = path(
            "<int:pk>/assign-buddy/", self.admin_site.admin_view(self.assign_view), name="positive_action_signup_assign"
        )
        return [assign, *super().get_urls()]

    def assign_view(self, request, pk: int):
        if not request.user.has_perm("positive_action.add_buddyassignment"):
            raise PermissionDenied
        signup = get_object_or_404(Signup.objects.select_related("district", "role"), pk=pk)
        if request.method == "POST":
            buddy = get_object_or_404(Buddy, pk=request.POST.get("buddy") or 0)
            try:
                buddy_assign(signup=signup, buddy=buddy, by=request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(request, _("%(buddy)s assigned; both have been emailed.") % {"buddy": buddy})
                return redirect("admin:positive_action_signup_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Choose a buddy for %(reference)s") % {"reference": signup.reference},
            "signup": signup,
            "buddies": Buddy.objects.suggested_for(signup),
        }
        return TemplateResponse(request, "admin/positive_action/assign_buddy.html", context)


@admin.register(BuddyAssignment)
class BuddyAssignmentAdmin(admin.ModelAdmin):
    list_display = ["signup", "buddy", "assigned_at", "assigned_by", "ended_at"]
    list_filter = [("ended_at", admin.EmptyFieldListFilter), "buddy"]
    search_fields = ["signup__reference", "buddy__name"]
    readonly_fields = ["signup", "buddy", "assigned_at", "assigned_by", "ended_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("signup", "buddy", "assigned_by")

    def has_add_permission(self, request):
        return False  # assign from the sign-up, so capacity is respected


@admin.register(SignupEvent)
class SignupEventAdmin(AuditTrailAdmin):
    list_display = ["created_at", "signup", "action", "actor_name"]
    search_fields = ["=signup__reference", "actor_name"]
    list_select_related = ["signup"]
