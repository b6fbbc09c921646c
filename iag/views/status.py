from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from iag.models import Application
from iag.services import application_withdraw
from page_cache.decorators import cached_page
from protected_forms.protection import rate_limited
from protected_forms.views import too_many_requests


def _application(token: str) -> Application:
    application = Application.objects.for_status_token(token).prefetch_related("groups").first()
    if application is None:
        raise Http404
    return application


@require_safe
@never_cache
def status(request, token):
    return render(request, "iag/status.html", {"application": _application(token), "token": token})


@require_http_methods(["GET", "POST"])
@never_cache
def withdraw(request, token):
    application = _application(token)
    if request.method == "POST":
        if rate_limited(request, "iag_withdraw"):
            return too_many_requests(request)
        application_withdraw(token=token)
        return redirect("iag:withdrawn")
    return render(request, "iag/withdraw.html", {"application": application, "token": token})


@cached_page
@require_safe
@never_cache
def withdrawn(request):
    return render(request, "iag/withdrawn.html")
