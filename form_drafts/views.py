"""The pages of "Save and come back later": the link was sent; the emailed link.

Following the link shows a button rather than opening the answers at once: mail
scanners open links in emails, and a one-time link opened by one would be used up."""

from datetime import datetime

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from protected_forms.protection import rate_limited
from protected_forms.views import too_many_requests

from .services import SAVED_KEY, ResumeRefused, draft_for_return, draft_resume, resume_days


def _refused(request, error: ResumeRefused):
    return render(
        request, "form_drafts/link_unusable.html", {"reason": error.reason, "days": resume_days()}, status=410
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def resume(request, token):
    try:
        if request.method != "POST":
            draft_for_return(token)
            return render(request, "form_drafts/resume.html")
        if rate_limited(request, "form_drafts.resume"):
            return too_many_requests(request)
        return redirect(draft_resume(request, token))
    except ResumeRefused as error:
        return _refused(request, error)


@never_cache
@require_safe
def saved(request):
    details = request.session.get(SAVED_KEY)
    if not details:
        return redirect("home")
    return render(
        request,
        "form_drafts/saved.html",
        {"expires": datetime.fromisoformat(details["expires"]), "continue_url": details["continue"]},
    )
