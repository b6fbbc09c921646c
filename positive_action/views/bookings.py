from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from private_links import BOOKING
from protected_forms.protection import TOKEN_FIELD, rate_limited, submit_once
from protected_forms.views import too_many_requests
from positive_action.forms import BookingForm
from positive_action.models import Booking, PreparationEvening
from positive_action.services import EveningFull, booking_accept_offer, booking_cancel, booking_create
from positive_action.services.calendar import booking_calendar

FORM_NAME = "pap_booking"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def book(request, pk: int):
    evening = get_object_or_404(PreparationEvening.objects.upcoming(), pk=pk)
    if not evening.is_open:
        return render(request, "positive_action/evening_closed.html", {"evening": evening})
    waiting = evening.places_left == 0
    if request.method != "POST":
        form = BookingForm(waiting=waiting, initial={"join_waiting_list": waiting})
        return render(request, "positive_action/book.html", {"form": form, "evening": evening, "waiting": waiting})
    if rate_limited(request, FORM_NAME):
        return too_many_requests(request)
    form = BookingForm(request.POST, waiting=waiting)
    if form.is_spam:
        return redirect("positive_action:evenings")
    if form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            return booking_create(
                evening=evening,
                name=data["name"],
                email=data["email"],
                candidate_reference=data["candidate_reference"],
                access_needs=data["access_needs"],
                join_waiting_list=data["join_waiting_list"],
            ).link_key  # kept as the submission's result: useless without the site's secret

        try:
            link_key = submit_once(token=data[TOKEN_FIELD], form_name=FORM_NAME, create=create)
        except EveningFull:
            waiting = True
            form = BookingForm(request.POST.copy(), waiting=True)
            form.data["join_waiting_list"] = "True"
            form.is_valid()
            form.add_error(None, "The last place has just been taken. You can join the waiting list instead.")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("positive_action:booking_manage", token=BOOKING.sign(link_key))
    return render(request, "positive_action/book.html", {"form": form, "evening": evening, "waiting": waiting})


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
    response["Content-Disposition"] = 'attachment; filename="preparation-evening.ics"'
    return response
