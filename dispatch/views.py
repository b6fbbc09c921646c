from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from page_cache.decorators import cached_page
from protected_forms.protection import rate_limited
from protected_forms.views import ProtectedFormView, too_many_requests

from . import tokens
from .forms import PreferencesForm, SignUpForm
from .models import Subscriber
from .services import (
    subscriber_confirm,
    subscriber_preferences_update,
    subscriber_sign_up,
    subscriber_unsubscribe,
)
from .services.subscriptions import ONE_CLICK


# The same page for every visitor: districts and topics are content (a change empties the cache).
@method_decorator(cached_page, name="dispatch")
class SignUpView(ProtectedFormView):
    template_name = "dispatch/index.html"
    form_class = SignUpForm
    form_name = "dispatch_sign_up"
    success_url_name = "dispatch:check_email"
    saves_in_one_statement = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "unconfirmed_days": settings.DISPATCH_UNCONFIRMED_MAX_AGE_DAYS}

    def create(self, form) -> str:
        data = form.cleaned_data
        subscriber_sign_up(email=data["email"], name=data["name"], districts=data["districts"], topics=data["topics"])
        return "sent"  # the same whatever happened to the address


index = SignUpView.as_view()


@never_cache
@require_safe
def check_email(request):
    return render(request, "dispatch/check_email.html")


def link_problem(request, *, expired: bool = False):
    return render(request, "dispatch/link_problem.html", {"expired": expired}, status=410 if expired else 400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    """GET shows a button; only the POST confirms, so a link scanner that opens
    the link does not subscribe anyone."""
    try:
        key = tokens.key_from_confirmation_token(token)
    except tokens.TokenExpired:
        return link_problem(request, expired=True)
    except tokens.TokenInvalid:
        return link_problem(request)
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:  # removed as never confirmed, or unsubscribed since
        return link_problem(request, expired=True)
    if request.method == "POST":
        subscriber_confirm(subscriber=subscriber)
        messages.success(request, _("You are subscribed to Dispatch"))
        return redirect("dispatch:preferences", token=tokens.manage_token(subscriber.key))
    if subscriber.is_confirmed:
        return redirect("dispatch:preferences", token=tokens.manage_token(subscriber.key))
    return render(request, "dispatch/confirm.html")


def subscriber_from_manage_token(token: str) -> Subscriber | None:
    try:
        key = tokens.key_from_manage_token(token)
    except tokens.TokenInvalid:
        return None
    return Subscriber.objects.confirmed().filter(key=key).prefetch_related("districts", "topics").first()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token: str):
    subscriber = subscriber_from_manage_token(token)
    if subscriber is None:
        return link_problem(request)
    if request.method == "POST":
        if rate_limited(request, "dispatch_preferences"):
            return too_many_requests(request)
        form = PreferencesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            subscriber_preferences_update(
                subscriber=subscriber, name=data["name"], districts=data["districts"], topics=data["topics"]
            )
            messages.success(request, _("Your choices are saved"))
            return redirect(request.path)
    else:
        form = PreferencesForm(
            initial={
                "name": subscriber.name,
                "districts": list(subscriber.districts.all()),
                "topics": list(subscriber.topics.all()),
            }
        )
    return render(
        request,
        "dispatch/preferences.html",
        {"form": form, "subscriber": subscriber, "unsubscribe_url": reverse("dispatch:unsubscribe", args=[token])},
    )


@csrf_exempt  # RFC 8058: mail providers POST here cross-site; the signed token is the authority
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET shows a page with one button (link scanners open links, RFC 8058
    section 4); a POST, from that button or from a mail provider's one-click
    unsubscribe, deletes the subscription at once. Doing it twice is harmless."""
    try:
        key = tokens.key_from_manage_token(token)
    except tokens.TokenInvalid:
        return link_problem(request)
    if request.method != "POST":
        subscribed = Subscriber.objects.confirmed().filter(key=key).exists()
        return render(request, "dispatch/unsubscribe.html", {"subscribed": subscribed})
    subscriber_unsubscribe(key=key)
    if request.POST.get("List-Unsubscribe") == ONE_CLICK.split("=", 1)[1]:
        # A mail provider, not a browser: answer plainly, never with a redirect.
        return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")
    return redirect("dispatch:unsubscribed")


@never_cache
@require_safe
def unsubscribed(request):
    return render(request, "dispatch/unsubscribed.html")
