"""Admin for the audit trails (see audit.models): read-only, on the
record's own page and as a list of their own."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from audit.long_lists import LongListAdminMixin

LATEST = 30


class LatestEventsFormSet(BaseInlineFormSet):
    """Only the latest events: each staff view adds one, and every row shown is
    posted back with the record's form."""

    def get_queryset(self):
        if not hasattr(self, "_latest"):
            self._latest = super().get_queryset()[:LATEST]
        return self._latest


class AuditTrailInline(admin.TabularInline):
    """The latest events on the record's change page. Nothing can be added,
    changed or deleted here."""

    formset = LatestEventsFormSet
    fields = ["created_at", "action", "actor_name"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("Audit trail: the latest 30 events (every event is in the audit trail list)")

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdminMixin:
    """An admin for records nobody edits by hand: no add, change or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditTrailAdmin(LongListAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The whole trail, newest first. Read only."""

    list_filter = ["action", ("created_at", admin.DateFieldListFilter)]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]
