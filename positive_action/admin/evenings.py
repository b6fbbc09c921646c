import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditTrailAdmin, AuditTrailInline, PlacesChangedApartAdminMixin
from audit.exports import csv_safe
from audit.long_lists import LongListAdminMixin
from positive_action.models import Booking, EveningEvent, PreparationEvening, Venue
from positive_action.services import (
    booking_cancel,
    booking_move_up,
    booking_offer_by_hand,
    bookings_mark_attendance,
    evening_cancel,
    evening_capacity_change,
)
from positive_action.services.bookings import BELOW_BOOKED


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "address"]
    search_fields = ["name", "address"]


class EveningForm(forms.ModelForm):
    class Meta:
        model = PreparationEvening
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "status",
            "capacity",
            "covers",
            "mode",
            "location",
            "venue",
            "address",
            "joining_instructions",
        ]

    def clean(self):
        data = super().clean()
        location = data.get("location")
        if location and "location" in self.changed_data:
            # A newly chosen venue brings its name and address, unless typed here too.
            for field, value in (("venue", location.name), ("address", location.address)):
                if field not in self.changed_data or not data.get(field):
                    data[field] = value
                    setattr(self.instance, field, value)
                    if field not in self.changed_data:
                        self.changed_data.append(field)  # so save_model saves it
        capacity = data.get("capacity")
        if self.instance.pk and capacity is not None:
            # Read now, not from the page: places may have been taken since it was opened.
            booked = PreparationEvening.objects.values_list("booked", flat=True).get(pk=self.instance.pk)
            self.instance.booked = booked
            if capacity < booked:
                self.add_error("capacity", BELOW_BOOKED % {"booked": booked})
        return data


class EveningHistoryInline(AuditTrailInline):
    model = EveningEvent
    fields = ["created_at", "action", "booking", "detail", "reason", "actor_name"]
    verbose_name_plural = _("History: the latest 30 events (staff changes show their reason)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("booking__evening")  # each row names its booking


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    fields = ["name", "candidate_reference", "status", "place_in_queue", "access_needs", "attended"]
    readonly_fields = ["name", "candidate_reference", "status", "place_in_queue", "access_needs"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each waiting booking's place, counted once for the whole list, not once per row.
        place = Window(RowNumber(), partition_by=[F("evening_id"), F("status")], order_by=[F("queued_at"), F("pk")])
        return super().get_queryset(request).annotate(queue_place=place)

    @admin.display(description=_("place in queue"))
    def place_in_queue(self, obj):
        return obj.queue_place if obj.status == Booking.Status.WAITING else "–"


@admin.register(PreparationEvening)
class PreparationEveningAdmin(PlacesChangedApartAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "mode", "status", "capacity", "booked", "waiting_count"]
    list_filter = ["status", "mode", ("starts_at", admin.DateFieldListFilter)]
    search_fields = ["title", "venue", "address"]
    date_hierarchy = "starts_at"
    form = EveningForm
    readonly_fields = ["booked"]
    inlines = [BookingInline, EveningHistoryInline]
    actions = ["cancel_evenings", "export_attendees"]
    fieldsets = [
        (None, {"fields": ["title", "starts_at", "ends_at", "status", "capacity", "booked", "covers"]}),
        (_("Where"), {"fields": ["mode", "location", "venue", "address", "joining_instructions"]}),
    ]

    def change_places(self, request, obj, places):
        # The service checks the places taken under a row lock and offers new ones to
        # people waiting, in queue order.
        offered = evening_capacity_change(evening=obj, capacity=places, by=request.user)
        if offered:
            self.message_user(
                request,
                _("%(count)d new places offered to people waiting, in queue order.") % {"count": len(offered)},
            )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)))
        )

    def get_readonly_fields(self, request, obj=None):
        # Cancelling goes through the action, which tells everyone booked.
        return [*self.readonly_fields, "status"] if obj and obj.status == obj.Status.CANCELLED else self.readonly_fields

    @admin.display(description=_("waiting"), ordering="waiting")
    def waiting_count(self, obj):
        return obj.waiting

    @admin.action(description=_("Cancel the selected evenings and email everyone booked or waiting"))
    def cancel_evenings(self, request, queryset):
        told = sum(evening_cancel(evening=evening) for evening in queryset)
        self.message_user(
            request, _("Evenings cancelled; %(count)d people emailed.") % {"count": told}, messages.SUCCESS
        )

    @admin.action(description=_("Export the attendee list (CSV)"))
    def export_attendees(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="preparation-evening-attendees.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow(["evening", "starts", "name", "email", "candidate reference", "access needs", "attended"])
        bookings = Booking.objects.filter(evening__in=queryset, status=Booking.Status.CONFIRMED).select_related(
            "evening"
        )
        for booking in bookings.order_by("evening__starts_at", "name"):
            attended = {True: "yes", False: "no", None: ""}[booking.attended]
            writer.writerow(
                [
                    booking.evening.title,
                    booking.evening.starts_at.isoformat(),
                    *(csv_safe(v) for v in (booking.name, booking.email, booking.candidate_reference)),
                    csv_safe(booking.access_needs or ""),
                    attended,
                ]
            )
        return response


@admin.register(Booking)
class BookingAdmin(LongListAdminMixin, admin.ModelAdmin):
    list_display = ["candidate_reference", "name", "evening", "status", "created_at", "attended"]
    list_filter = ["status", "attended", "evening"]
    search_fields = ["candidate_reference", "name", "email"]
    readonly_fields = [
        "evening",
        "status",
        "place_in_queue",
        "created_at",
        "offer_expires_at",
        "cancelled_at",
        "reminders_sent",
    ]
    fields = [
        "evening",
        "name",
        "email",
        "candidate_reference",
        "access_needs",
        "status",
        "place_in_queue",
        "attended",
        "created_at",
        "offer_expires_at",
        "cancelled_at",
        "reminders_sent",
    ]
    actions = ["mark_attended", "mark_absent", "cancel_bookings"]

    def has_add_permission(self, request):
        return False  # people book through the site, so capacity is always respected

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("evening")

    @admin.display(description=_("place in queue"))
    def place_in_queue(self, obj):
        position = obj.queue_position()
        if position is None:
            return "–"
        url = reverse("admin:positive_action_booking_override", args=[obj.pk])
        return format_html('{} <a href="{}">{}</a>', position, url, _("Move up or offer a place (needs a reason)"))

    @admin.display(description=_("reminders sent"))
    def reminders_sent(self, obj):
        sent = [f"{r.days_before} days before ({r.sent_at:%d %b %Y %H:%M})" for r in obj.reminders.all()]
        return "; ".join(sent) or "–"

    def get_urls(self):
        view = self.admin_site.admin_view(self.override_view)
        override = path("<int:pk>/override/", view, name="positive_action_booking_override")
        return [override, *super().get_urls()]

    def override_view(self, request, pk: int):
        if not request.user.has_perm("positive_action.change_booking"):
            raise PermissionDenied
        booking = get_object_or_404(Booking.objects.select_related("evening"), pk=pk)
        form = OverrideForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            change = booking_offer_by_hand if form.cleaned_data["change"] == "offer" else booking_move_up
            try:
                change(booking=booking, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(request, _("Done, and recorded in the evening's history with your reason."))
                return redirect("admin:positive_action_preparationevening_change", booking.evening_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Change %(reference)s's place on the waiting list") % {"reference": booking.candidate_reference},
            "booking": booking,
            "form": form,
        }
        return TemplateResponse(request, "admin/positive_action/booking_override.html", context)

    @admin.action(description=_("Mark as attended"))
    def mark_attended(self, request, queryset):
        count = bookings_mark_attendance(bookings=queryset, attended=True, by=request.user)
        self.message_user(request, _("%(count)d marked as attended.") % {"count": count})

    @admin.action(description=_("Mark as did not attend"))
    def mark_absent(self, request, queryset):
        count = bookings_mark_attendance(bookings=queryset, attended=False, by=request.user)
        self.message_user(request, _("%(count)d marked as did not attend.") % {"count": count})

    @admin.action(description=_("Cancel the selected bookings (frees the place for the waiting list)"))
    def cancel_bookings(self, request, queryset):
        count = sum(booking_cancel(booking=booking) for booking in queryset.select_related("evening"))
        self.message_user(request, _("%(count)d bookings cancelled.") % {"count": count})


class OverrideForm(forms.Form):
    change = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            ("move_up", _("Move to the front of the waiting list")),
            ("offer", _("Offer a free place now (only if one is free)")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Kept in the evening's history and shown to other staff. Do not include health details."),
        error_messages={"required": _("Give a reason. It is kept in the evening's history.")},
    )


@admin.register(EveningEvent)
class EveningEventAdmin(AuditTrailAdmin):
    list_display = ["created_at", "evening", "action", "booking", "detail", "reason", "actor_name"]
    search_fields = ["reason", "actor_name", "=booking__candidate_reference"]
    list_select_related = ["evening", "booking__evening"]
