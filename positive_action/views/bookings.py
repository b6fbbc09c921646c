from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from page_cache.decorators import cached_page
from positive_action.forms import BookingForm
from positive_action.models import Booking, PreparationEvening
from positive_action.services import EveningFull, booking_accept_offer, booking_cancel, booking_receive
from positive_action.services.calendar import booking_calendar
from protected_forms.views import ProtectedSubmissionMixin

FORM_NAME = "pap_booking"
# What every accepted request leaves as the submission's result, new booking or
# not: the page that follows must not say which it was (see booking_receive).
REQUESTED = "requested"


# Places left and people waiting change with every booking, which does not empty
# the cache: at most 30 seconds stale. Booking itself checks capacity in the database.
@method_decorator(never_cache, name="dispatch")
@method_decorator(cached_page(max_age=30), name="dispatch")
class BookView(ProtectedSubmissionMixin, View):
    form_name = FORM_NAME
    saves_in_one_statement = True

    def dispatch(self, request, pk: int):
        self.evening = get_object_or_404(PreparationEvening.objects.upcoming(), pk=pk)
        if not self.evening.is_open:
            return render(request, "positive_action/evening_closed.html", {"evening": self.evening})
        self.waiting = self.evening.places_left == 0
        return super().dispatch(request, pk)

    def get(self, request, pk: int):
        return self.form_invalid(BookingForm(waiting=self.waiting, initial={"join_waiting_list": self.waiting}))

    def post(self, request, pk: int):
        try:
            return self.protected_post(BookingForm(request.POST, waiting=self.waiting))
        except EveningFull:
            self.waiting = True
            form = BookingForm(request.POST.copy(), waiting=True)
            form.data["join_waiting_list"] = "True"
            form.is_valid()
            form.add_error(None, "The last place has just been taken. You can join the waiting list instead.")
            return self.form_invalid(form)

    def form_invalid(self, form):
        people_waiting = Booking.objects.waiting().filter(evening=self.evening).count()
        context = {"form": form, "evening": self.evening, "waiting": self.waiting, "people_waiting": people_waiting}
        return render(self.request, "positive_action/book.html", context)

    def spam_response(self):
        return redirect("positive_action:booking_requested")  # looks like success; nothing stored

    def create(self, form) -> str:
        data = form.cleaned_data
        booking_receive(
            evening=self.evening,
            name=data["name"],
            email=data["email"],
            candidate_reference=data["candidate_reference"],
            access_needs=data["access_needs"],
            join_waiting_list=data["join_waiting_list"],
        )
        return REQUESTED

    def submitted(self, reference: str):
        # The private link goes only by email, so this page is the same for everyone.
        return redirect("positive_action:booking_requested")


book = BookView.as_view()


@never_cache
@require_safe
def requested(request):
    return render(request, "positive_action/booking_requested.html")


def _booking(token: str) -> Booking:
    booking = Booking.objects.select_related("evening").for_link(token).first()
    if booking is None:
        raise Http404  # forged, altered, or erased
    return booking


@never_cache
@require_safe
def manage(request, token: str):
    return render(request, "positive_action/booking.html", {"booking": _booking(token)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token: str):
    booking = _booking(token)
    if booking.status not in Booking.ACTIVE:
        return redirect("positive_action:booking_manage", token=token)
    if request.method == "POST":
        booking_cancel(booking=booking)
        return redirect("positive_action:booking_manage", token=token)
    return render(request, "positive_action/booking_cancel.html", {"booking": booking})


@never_cache
@require_http_methods(["POST"])
def accept(request, token: str):
    booking = _booking(token)
    try:
        booking_accept_offer(booking=booking)
    except ValidationError as exc:
        booking.refresh_from_db()
        return render(request, "positive_action/booking.html", {"booking": booking, "error": exc.messages[0]})
    return redirect("positive_action:booking_manage", token=token)


@never_cache
@require_safe
def calendar(request, token: str):
    booking = _booking(token)
    if booking.status != Booking.Status.CONFIRMED:
        return redirect("positive_action:booking_manage", token=token)
    response = HttpResponse(booking_calendar(booking=booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response
