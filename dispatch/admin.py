from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from audit.long_lists import LongListAdminMixin
from force.models import District

from .models import Issue, Subscriber, Topic
from .services import issue_progress, issue_recipients, issue_render, issue_send, issue_send_test
from .tasks import issues_resume


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Not confirmed yet"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "display_order", "confirmed_subscribers"]
    list_editable = ["display_order"]
    list_filter = ["display_order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(confirmed_count=Count("subscribers", filter=Q(subscribers__confirmed_at__isnull=False)))
        )

    @admin.display(description=_("confirmed subscribers"), ordering="confirmed_count")
    def confirmed_subscribers(self, obj):
        return obj.confirmed_count


@admin.register(Subscriber)
class SubscriberAdmin(LongListAdminMixin, admin.ModelAdmin):
    list_display = ["email", "name", "is_confirmed", "created_at", "confirmed_at", "district_names", "topic_names"]
    list_filter = [ConfirmedFilter, "districts", "topics", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["email", "name"]
    readonly_fields = ["email", "key", "created_at", "confirmation_sent_at", "confirmed_at", "preferences_updated_at"]
    fields = ["email", "name", "districts", "topics", *readonly_fields[1:]]
    filter_horizontal = ["districts", "topics"]
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False
    change_list_template = "admin/dispatch/subscriber/change_list.html"

    def has_add_permission(self, request):
        return False  # people sign themselves up, and confirm it

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("districts", "topics")

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def is_confirmed(self, obj):
        return obj.is_confirmed

    @admin.display(description=_("districts"))
    def district_names(self, obj):
        return ", ".join(district.name for district in obj.districts.all())

    @admin.display(description=_("topics"))
    def topic_names(self, obj):
        return ", ".join(topic.name for topic in obj.topics.all())

    def changelist_view(self, request, extra_context=None):
        confirmed = Q(dispatch_subscribers__confirmed_at__isnull=False)
        extra_context = {
            **(extra_context or {}),
            "confirmed_total": Subscriber.objects.confirmed().count(),
            "unconfirmed_total": Subscriber.objects.filter(confirmed_at__isnull=True).count(),
            "district_counts": District.objects.annotate(count=Count("dispatch_subscribers", filter=confirmed)),
            "topic_counts": Topic.objects.annotate(
                count=Count("subscribers", filter=Q(subscribers__confirmed_at__isnull=False))
            ),
        }
        return super().changelist_view(request, extra_context=extra_context)


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["subject", "body", "districts", "topics"]
        widgets = {
            "districts": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 20, "cols": 80}),
        }


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    form = IssueForm
    list_display = ["subject", "state", "created_at", "send_started_at", "progress"]
    list_filter = ["state", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["subject", "body"]
    readonly_fields = ["state", "progress", "recipients_queued", "created_by", "created_at", "send_started_at"]
    actions = ["resume_sending"]
    list_per_page = 20
    change_form_template = "admin/dispatch/issue/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state != Issue.State.DRAFT:
            return ["subject", "body", "districts", "topics", *self.readonly_fields, "queued_at", "send_started_by"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("progress"))
    def progress(self, obj):
        if obj.pk is None or obj.state == Issue.State.DRAFT:
            return _("Not sent yet")
        counts = issue_progress(obj)
        return _("%(sent)d sent, %(pending)d pending, %(failed)d failed") % counts

    def has_send_permission(self, request):
        return request.user.has_perm("dispatch.send_issue")

    @admin.action(description=_("Carry on sending the selected issues"), permissions=["send"])
    def resume_sending(self, request, queryset):
        count = issues_resume()
        self.message_user(request, _("%(count)d issue(s) still sending were started again.") % {"count": count})

    def get_urls(self):
        own = [
            path("<int:pk>/preview/", self.admin_site.admin_view(self.preview_view), name="dispatch_issue_preview"),
            path(
                "<int:pk>/send-test/", self.admin_site.admin_view(self.send_test_view), name="dispatch_issue_send_test"
            ),
            path("<int:pk>/send/", self.admin_site.admin_view(self.send_view), name="dispatch_issue_send"),
        ]
        return own + super().get_urls()

    def _issue(self, request, pk) -> Issue:
        issue = get_object_or_404(Issue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        return issue

    def _context(self, request, issue, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": issue,
            "issue": issue,
            "recipient_count": issue_recipients(issue).count(),
            "can_send": self.has_send_permission(request),
            **extra,
        }

    def preview_view(self, request, pk):
        issue = self._issue(request, pk)
        context = self._context(
            request, issue, title=_("Preview: %(subject)s") % {"subject": issue.subject}, rendered=issue_render(issue)
        )
        return TemplateResponse(request, "admin/dispatch/issue/preview.html", context)

    def send_test_view(self, request, pk):
        return require_POST(self._send_test)(request, pk)

    def _send_test(self, request, pk):
        issue = self._issue(request, pk)
        if not request.user.email:
            self.message_user(request, _("Add an email address to your account to get a test."), messages.ERROR)
        else:
            issue_send_test(issue=issue, recipient=request.user.email)
            self.message_user(
                request, _("A test copy is on its way to %(email)s.") % {"email": request.user.email}, messages.SUCCESS
            )
        return redirect("admin:dispatch_issue_preview", pk=issue.pk)

    def send_view(self, request, pk):
        issue = self._issue(request, pk)
        if not self.has_send_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            if issue_send(issue=issue, user=request.user):
                started = _("Sending has started. Refresh this page to see progress.")
                self.message_user(request, started, messages.SUCCESS)
            else:
                self.message_user(request, _("This issue was already sent or is being sent."), messages.WARNING)
            return redirect(reverse("admin:dispatch_issue_change", args=[issue.pk]))
        context = self._context(request, issue, title=_("Send: %(subject)s") % {"subject": issue.subject})
        return TemplateResponse(request, "admin/dispatch/issue/send_confirm.html", context)
