import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditTrailAdmin, AuditTrailInline
from audit.exports import csv_safe
from audit.long_lists import LongListAdminMixin
from personal_data.admin_special import SpecialCategoryListMixin
from positive_action.models import Booking, Buddy, BuddyAssignment, BuddyContact, Signup, SignupEqualityAnswers
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
    show_change_link = True  # contact dates are recorded on the assignment

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


def _attended(signups):
    """Evening bookings marked attended, per candidate reference of these sign-ups."""
    references = [signup.candidate_reference for signup in signups]
    attended = {}
    for booking in (
        Booking.objects.filter(candidate_reference__in=references, attended=True)
        .select_related("evening")
        .order_by("evening__starts_at")
    ):
        attended.setdefault(booking.candidate_reference, []).append(booking.evening)
    return attended


def _contacts(signups):
    contacts = {}
    for contact in BuddyContact.objects.filter(assignment__signup__in=signups).select_related("assignment__buddy"):
        contacts.setdefault(contact.assignment.signup_id, []).append(contact)
    return contacts


@admin.register(Signup)
class SignupAdmin(LongListAdminMixin, SpecialCategoryListMixin, admin.ModelAdmin):
    special_permission = SPECIAL
    special_relations = ("equality_answers",)
    list_display = [
        "reference",
        "candidate_reference",
        "name",
        "role",
        "stage",
        "wants_buddy",
        "buddy_display",
        "evenings_attended_count",
    ]
    list_filter = ["wants_buddy", "role", "stage", "district"]
    search_fields = ["reference", "candidate_reference", "name", "email"]
    readonly_fields = ["reference", "created_at", "consented_at", "assign_link", "evenings_attended", "buddy_contacts"]
    actions = ["export_progress"]
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

    def get_changelist_instance(self, request):
        """Counts evenings attended for the shown page only, in one query."""
        changelist = super().get_changelist_instance(request)
        attended = _attended(changelist.result_list)
        for signup in changelist.result_list:
            signup.attended_count = len(attended.get(signup.candidate_reference, []))
        return changelist

    @admin.display(description=_("evenings attended"))
    def evenings_attended_count(self, obj):
        return getattr(obj, "attended_count", "–")

    @admin.display(description=_("preparation evenings attended"))
    def evenings_attended(self, obj):
        evenings = _attended([obj]).get(obj.candidate_reference, [])
        return format_html_join(", ", "{}", ((evening,) for evening in evenings)) or _("None yet")

    @admin.display(description=_("buddy contact dates"))
    def buddy_contacts(self, obj):
        contacts = _contacts([obj]).get(obj.pk, [])
        rows = ((contact, contact.assignment.buddy) for contact in contacts)
        return format_html_join(", ", "{} with {}", rows) or _("None recorded")

    @admin.action(description=_("Export progress: evenings attended and buddy contacts (CSV)"))
    def export_progress(self, request, queryset):
        signups = list(queryset.select_related("role"))
        attended, contacts = _attended(signups), _contacts(signups)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="programme-progress.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow(
            ["reference", "candidate reference", "name", "role", "stage", "evenings attended", "buddy contacts"]
        )
        for signup in signups:
            evenings = "; ".join(
                f"{evening.starts_at:%Y-%m-%d}" for evening in attended.get(signup.candidate_reference, [])
            )
            met = "; ".join(f"{c.contacted_on:%Y-%m-%d} {c.get_way_display()}" for c in contacts.get(signup.pk, []))
            values = [
                signup.reference,
                signup.candidate_reference,
                signup.name,
                signup.role,
                signup.get_stage_display(),
            ]
            writer.writerow([*(csv_safe(str(value)) for value in values), evenings, met])
            signup_event_record(signup=signup, action=SignupEvent.Action.EXPORTED, actor=request.user)
        return response

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


class BuddyContactInline(admin.TabularInline):
    model = BuddyContact
    extra = 1
    fields = ["contacted_on", "way"]


@admin.register(BuddyAssignment)
class BuddyAssignmentAdmin(admin.ModelAdmin):
    inlines = [BuddyContactInline]

    def save_formset(self, request, form, formset, change):
        for contact in formset.save(commit=False):
            contact.recorded_by = contact.recorded_by or request.user
            contact.save()
        for contact in formset.deleted_objects:
            contact.delete()

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
