from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditTrailInline
from audit.long_lists import LongListAdminMixin
from iag.models import Application, ApplicationEvent, Status
from iag.models.monitoring import CHARACTERISTICS
from iag.selectors import group_names_attach
from iag.services import (
    TransitionError,
    application_erase,
    application_event_record,
    application_note_add,
    application_transition,
)
from personal_data.admin_special import SpecialCategoryListMixin

from .export import applications_csv

SPECIAL = "iag.view_special_category"


class ApplicationAdminForm(forms.ModelForm):
    """Staff change an application only by moving it through the workflow or adding a note."""

    new_status = forms.ChoiceField(label=_("Move to"), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail with your name. Not sent to the applicant."),
    )

    class Meta:
        model = Application
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = self.instance.allowed_statuses() if self.instance.pk else []
        self.fields["new_status"].choices = [("", _("Keep as it is"))] + [(s, Status(s).label) for s in allowed]


class EventInline(AuditTrailInline):
    model = ApplicationEvent
    fields = ["created_at", "action", "actor_name", "from_status", "to_status", "note"]


def _status_action(status: str, description):
    def action(modeladmin, request, queryset):
        moved, refused = 0, []
        for application in queryset.prefetch_related("groups"):  # named in the emails
            try:
                application_transition(application=application, to_status=status, actor=request.user)
                moved += 1
            except TransitionError:
                refused.append(application.reference)
        if moved:
            modeladmin.message_user(request, _("%(n)d application(s) moved.") % {"n": moved}, messages.SUCCESS)
        if refused:
            modeladmin.message_user(
                request,
                _("Not moved, because the workflow does not allow it: %(refs)s") % {"refs": ", ".join(refused)},
                messages.WARNING,
            )

    action.__name__ = f"move_to_{status}"
    return admin.action(description=description, permissions=["change"])(action)


class AnsweredMonitoringFilter(admin.SimpleListFilter):
    """Who answered any equality monitoring question: special category, so only
    for staff with the permission (see SpecialCategoryListMixin)."""

    title = _("equality monitoring")
    parameter_name = "answered_monitoring"

    def lookups(self, request, model_admin):
        return [("yes", _("Answered")), ("no", _("Not answered"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(monitoring__isnull=self.value() == "no")
        return queryset


@admin.register(Application)
class ApplicationAdmin(LongListAdminMixin, SpecialCategoryListMixin, admin.ModelAdmin):
    special_permission = SPECIAL
    special_relations = ("monitoring",)
    special_list_filter = (AnsweredMonitoringFilter,)
    form = ApplicationAdminForm
    list_display = ["reference", "full_name", "group_names", "status", "submitted_at"]
    list_filter = [
        "status",
        ("groups", admin.RelatedFieldListFilter),
        ("groups__district", admin.RelatedFieldListFilter),
        ("submitted_at", admin.DateFieldListFilter),
    ]
    search_fields = ["=reference", "full_name", "=email"]
    # Application has no foreign keys to join; the groups are prefetched in get_queryset.
    list_select_related = []
    list_per_page = 50
    date_hierarchy = None
    inlines = [EventInline]
    actions = [
        _status_action(Status.UNDER_REVIEW, _("Move to “under review”")),
        _status_action(Status.INVITED, _("Move to “invited to meet” (emails them)")),
        _status_action(Status.ACCEPTED, _("Move to “accepted” (emails them)")),
        _status_action(Status.NOT_ACCEPTED, _("Move to “not accepted this time” (emails them)")),
        "export_csv",
        "erase",
    ]
    base_readonly = [
        "reference",
        "status",
        "submitted_at",
        "status_changed_at",
        "full_name",
        "email",
        "phone",
        "postcode",
        "group_names",
        "community_names",
        "communities_detail",
        "why_join",
        "experience",
        "can_attend",
        "heard_about",
        "consent_at",
        "anonymised_at",
    ]

    def list_rows_prepare(self, rows: list) -> list:
        return group_names_attach(rows)

    def has_add_permission(self, request):
        return False  # applications come only from the public form

    def has_delete_permission(self, request, obj=None):
        return False  # erase instead: it keeps the audit trail

    def has_erase_permission(self, request):
        return request.user.has_perm("iag.erase_application")

    def get_readonly_fields(self, request, obj=None):
        extra = ["monitoring_answers"] if request.user.has_perm(SPECIAL) else []
        return self.base_readonly + extra

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["reference", "status", "submitted_at", "status_changed_at"]}),
            (_("Change the status or add a note"), {"fields": ["new_status", "note"]}),
            (_("Applicant"), {"fields": ["full_name", "email", "phone", "postcode"]}),
            (
                _("Application"),
                {
                    "fields": [
                        "group_names",
                        "community_names",
                        "communities_detail",
                        "why_join",
                        "experience",
                        "can_attend",
                        "heard_about",
                        "consent_at",
                    ]
                },
            ),
        ]
        if request.user.has_perm(SPECIAL):
            fieldsets.append(
                (
                    _("Equality monitoring (special category)"),
                    {"fields": ["monitoring_answers"], "classes": ["collapse"]},
                )
            )
        fieldsets.append((_("Advanced"), {"fields": ["anonymised_at"], "classes": ["collapse"]}))
        return fieldsets

    @admin.display(description=_("groups"))
    def group_names(self, obj):
        names = getattr(obj, "chosen_group_names", None)
        return ", ".join(names if names is not None else (group.name for group in obj.groups.all()))

    @admin.display(description=_("communities and subjects"))
    def community_names(self, obj):
        return ", ".join(community.name for community in obj.communities.all())

    @admin.display(description=_("equality monitoring answers"))
    def monitoring_answers(self, obj):
        record = getattr(obj, "monitoring", None) if obj.pk else None
        if record is None:
            return _("None given")
        rows = [
            (question, getattr(record, f"get_{field}_display")() or _("Not answered"))
            for field, (question, _choices) in CHARACTERISTICS.items()
        ]
        return format_html_join("", "<p>{}: {}</p>", rows)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            application = self.get_object(request, object_id)
            if application is not None and self.has_view_or_change_permission(request, application):
                special = request.user.has_perm(SPECIAL)
                action = ApplicationEvent.Action.VIEWED_SPECIAL if special else ApplicationEvent.Action.VIEWED
                application_event_record(application=application, action=action, actor=request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        new_status, note = form.cleaned_data.get("new_status"), form.cleaned_data.get("note", "").strip()
        if new_status:
            try:
                application_transition(application=obj, to_status=new_status, actor=request.user, note=note)
            except TransitionError as error:
                self.message_user(request, str(error), messages.ERROR)
        elif note:
            application_note_add(application=obj, actor=request.user, note=note)

    @admin.action(description=_("Export selected to CSV (no equality monitoring answers)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return applications_csv(queryset=queryset, actor=request.user)

    @admin.action(description=_("Erase personal data (on request)"), permissions=["erase"])
    def erase(self, request, queryset):
        count = 0
        for application in queryset.filter(anonymised_at__isnull=True):
            application_erase(application=application, actor=request.user, reason="erased on request by staff")
            count += 1
        self.message_user(request, _("%(n)d application(s) erased.") % {"n": count}, messages.SUCCESS)
