"""Staff pages for a person's rights: export everything held about an email
address (subject access) and erase it. Each needs its own permission, and each
use is recorded as a PersonalDataRequest (without the address)."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.admin import ReadOnlyAdminMixin

from .collector import special_category_parts, subject_access_export, subject_erase_everywhere
from .models import PrivacyRequest

ACCESS = "personal_data.subject_access"
ERASE = "personal_data.subject_erase"


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


class EraseForm(EmailForm):
    confirm = forms.BooleanField(
        label=_("I have checked who is asking, and that they asked for their data to be erased"),
        error_messages={"required": _("Confirm that you have checked the request before erasing")},
    )


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "records", "actor_name"]
    list_filter = ["kind", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["actor_name", "=email_hash"]
    readonly_fields = ["created_at", "kind", "records", "summary", "actor_name", "email_hash"]
    exclude = ["actor"]
    change_list_template = "admin/personal_data/privacyrequest_change_list.html"

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.has_perm("personal_data.view_privacyrequest") or user.has_perm(ACCESS) or user.has_perm(ERASE)

    def changelist_view(self, request, extra_context=None):
        extra = {"can_export": request.user.has_perm(ACCESS), "can_erase": request.user.has_perm(ERASE)}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("subject-access/", view(self.subject_access_view), name="personal_data_subject_access"),
            path("erase/", view(self.erase_view), name="personal_data_subject_erase"),
            *super().get_urls(),
        ]

    def _page(self, request, form, *, title, intro, button, notes=()):
        context = {
            "notes": notes,
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "intro": intro,
            "button": button,
            "form": form,
        }
        response = TemplateResponse(request, "admin/personal_data/subject_request.html", context)
        response["Cache-Control"] = "no-store"
        return response

    def subject_access_view(self, request):
        if not request.user.has_perm(ACCESS):
            raise PermissionDenied
        form = EmailForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = subject_access_export(email=form.cleaned_data["email"], actor=request.user)
            response = HttpResponse(
                json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="subject-access-{timezone.now():%Y%m%d-%H%M}.json"'
            response["Cache-Control"] = "no-store"
            return response
        return self._page(
            request,
            form,
            title=_("Subject access export"),
            intro=_(
                "Download one JSON file with everything the site holds about an email address: advisory group "
                "applications, programme sign-ups, bookings, messages to networks, newsletter subscriptions and "
                "emails sent. The export is recorded, without the address."
            ),
            button=_("Download the export"),
            notes=self._special_category_notes(request.user),
        )

    @staticmethod
    def _special_category_notes(user) -> list[str]:
        """Special category answers are in the export only where the member of
        staff may see them; the page says which before they download it."""
        included, withheld = special_category_parts(user)
        notes = []
        if included:
            notes.append(_("Included, because you may see them: %(parts)s.") % {"parts": "; ".join(map(str, included))})
        if withheld:
            notes.append(
                _(
                    "Not included, because you may not see them: %(parts)s. The export says where they were left "
                    "out; if the person asked for them, a colleague with that permission must make the export."
                )
                % {"parts": "; ".join(map(str, withheld))}
            )
        return notes

    def erase_view(self, request):
        if not request.user.has_perm(ERASE):
            raise PermissionDenied
        form = EraseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            counts = subject_erase_everywhere(email=form.cleaned_data["email"], actor=request.user)
            total = sum(counts.values())
            self.message_user(
                request,
                _("%(total)d record(s) erased or anonymised (%(parts)s).")
                % {"total": total, "parts": ", ".join(f"{k}: {v}" for k, v in counts.items())},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:personal_data_privacyrequest_changelist"))
        return self._page(
            request,
            form,
            title=_("Erase everything held about an email address"),
            intro=_(
                "Open applications are withdrawn, bookings cancelled (the place goes to the waiting list), and "
                "every record that names the person is erased or anonymised, including emails sent and notes. "
                "This cannot be undone."
            ),
            button=_("Erase"),
        )
