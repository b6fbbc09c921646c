from django.urls import path

from .views import bookings, pages, signup

app_name = "positive_action"

urlpatterns = [
    path("", pages.index, name="index"),
    path("buddies/", pages.buddies, name="buddies"),
    path("preparation-evenings/", pages.evenings, name="evenings"),
    path("preparation-evenings/<int:pk>/book/", bookings.book, name="evening_book"),
    path("preparation-evenings/check-your-email/", bookings.requested, name="booking_requested"),
    path("under-representation/", pages.under_representation, name="under_representation"),
    path("sign-up/", signup.start, name="signup"),
    path("sign-up/check-your-answers/", signup.check, name="signup_check"),
    path("sign-up/confirmation/", signup.done, name="signup_done"),
    path("bookings/<str:token>/", bookings.manage, name="booking_manage"),
    path("bookings/<str:token>/cancel/", bookings.cancel, name="booking_cancel"),
    path("bookings/<str:token>/accept/", bookings.accept, name="booking_accept"),
    path("bookings/<str:token>/calendar.ics", bookings.calendar, name="booking_calendar"),
]
