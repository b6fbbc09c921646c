import csv

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from audit.exports import csv_safe
from audit.long_lists import LongListAdminMixin
from positive_action.models import Booking, PreparationEvening
from positive_action.services import booking_cancel, bookings_mark_attendance, evening_cancel


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    fields = ["name", "candidate_reference", "status", "access_needs", "attended"]
    readonly_fields = ["name", "candidate_reference", "status", "access_needs"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PreparationEvening)
class PreparationEveningAdmin(admin.ModelAdmin):
    list_display = ["__str__", "mode", "status", "capacity", "booked", "waiting_count"]
    list_filter = ["status", "mode", ("starts_at", admin.DateFieldListFilter)]
    search_fields = ["title", "venue", "address"]
    date_hierarchy = "starts_at"
    readonly_fields = ["booked"]
    inlines = [BookingInline]
    actions = ["cancel_evenings", "export_attendees"]
    fieldsets = [
        (None, {"fields": ["title", "starts_at", "ends_at", "status", "capacity", "booked", "covers"]}),
        (_("Where"), {"fields": ["mode", "venue", "address", "joining_instructions"]}),
    ]

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
    list_display = ["candidate_reference", "name", "evening", "status", "created_at", "reminder_sent_at", "attended"]
    list_filter = ["status", "attended", "evening"]
    search_fields = ["candidate_reference", "name", "email"]
    readonly_fields = ["evening", "status", "created_at", "offer_expires_at", "reminder_sent_at", "cancelled_at"]
    fields = [
        "evening",
        "name",
        "email",
        "candidate_reference",
        "access_needs",
        "status",
        "attended",
        "created_at",
        "offer_expires_at",
        "reminder_sent_at",
        "cancelled_at",
    ]
    actions = ["mark_attended", "mark_absent", "cancel_bookings"]

    def has_add_permission(self, request):
        return False  # people book through the site, so capacity is always respected

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("evening")

    @admin.action(description=_("Mark as attended"))
    def mark_attended(self, request, queryset):
        count = bookings_mark_attendance(bookings=queryset, attended=True)
        self.message_user(request, _("%(count)d marked as attended.") % {"count": count})

    @admin.action(description=_("Mark as did not attend"))
    def mark_absent(self, request, queryset):
        count = bookings_mark_attendance(bookings=queryset, attended=False)
        self.message_user(request, _("%(count)d marked as did not attend.") % {"count": count})

    @admin.action(description=_("Cancel the selected bookings (frees the place for the waiting list)"))
    def cancel_bookings(self, request, queryset):
        count = sum(booking_cancel(booking=booking) for booking in queryset.select_related("evening"))
        self.message_user(request, _("%(count)d bookings cancelled.") % {"count": count})
