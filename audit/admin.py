"""Admin for the audit trails (see audit.models): read-only, on the
record's own page and as a list of their own."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
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


class PlacesChangedApartAdminMixin:
    """For a record whose places are taken through the site while staff edit it
    (an evening's bookings, a meeting's replies). Save writes only the fields the
    form changed, never the count of places taken as the page showed it; a new
    number of places goes through `change_places`, the owning service's check
    against the places taken at that moment. If it refuses (places were taken
    after the form's check), staff are told so and sent back to the page as it
    is, never told the record was "changed successfully"."""

    places_field = "capacity"

    def change_places(self, request, obj, places) -> None:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        fields = [name for name in form.changed_data if name != self.places_field]
        if fields:
            obj.save(update_fields=fields)
        if self.places_field not in form.changed_data:
            return None
        try:
            self.change_places(request, obj, form.cleaned_data[self.places_field])
        except ValidationError as exc:
            request.places_refused = True
            refused = _("The number of places was not changed: %(reason)s") % {"reason": " ".join(exc.messages)}
            if fields:
                refused = _("%(refused)s Your other changes were saved.") % {"refused": refused}
            self.message_user(request, refused, messages.ERROR)
        return None

    def response_change(self, request, obj):
        if getattr(request, "places_refused", False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


class AuditTrailAdmin(LongListAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The whole trail, newest first. Read only."""

    list_filter = ["action", ("created_at", admin.DateFieldListFilter)]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]
