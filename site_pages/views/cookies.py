from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from page_cache.decorators import cached_page
from site_pages.consent import read_choice, write_choice
from site_pages.forms import CookiePreferencesForm


def _safe_next(request) -> str:
    """A path on this site to go back to, or "" (never another site, and never
    something redirect() could take for a URL name)."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


@cached_page
@require_http_methods(["GET", "HEAD", "POST"])
def cookies(request):
    """The cookies page, and where the banner's Accept and Reject buttons post
    to, so both work without JavaScript."""
    if request.method == "POST":
        banner_answer = request.POST.get("cookies")
        if banner_answer in {"accept", "reject"}:
            accepted = banner_answer == "accept"
            target = _safe_next(request) or "/"
            response = redirect(target)
            write_choice(response, analytics=accepted)
            response.consent_handled = True
            request.session["cookie_choice_made"] = "accepted" if accepted else "rejected"
            return response
        form = CookiePreferencesForm(request.POST)
        if form.is_valid():
            accepted = form.cleaned_data["analytics"] == "yes"
            response = redirect("cookies")
            write_choice(response, analytics=accepted)
            response.consent_handled = True
            messages.success(request, "You’ve set your cookie preferences.")
            return response
    else:
        choice = read_choice(request)
        initial = {"analytics": "yes" if choice and choice["analytics"] else "no"} if choice else {}
        form = CookiePreferencesForm(initial=initial)
    return render(request, "site_pages/cookies.html", {"form": form})


@require_http_methods(["POST"])
def cookie_banner_hide(request):
    """Hides the "you've accepted/rejected" message, without JavaScript."""
    request.session.pop("cookie_choice_made", None)
    return redirect(_safe_next(request) or "/")
