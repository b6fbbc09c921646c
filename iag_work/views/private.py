"""Members' private pages, reached only through the signed links in their
emails: their membership (renew or step down) and each meeting invitation
(reply, papers, calendar file). Never cached."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from iag_work.models import EndReason, Invitation, Membership
from iag_work.services.meetings import MeetingFull, invitation_reply, meeting_calendar
from iag_work.services.members import membership_end, membership_renewal_answer


def _membership(token: str) -> Membership:
    membership = Membership.objects.select_related("group").for_link(token).first()
    if membership is None:
        raise Http404  # forged, altered, or anonymised
    return membership


def _invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("meeting__group", "meeting__kind", "membership").for_link(token).first()
    )
    if invitation is None or invitation.membership.ended_at is not None:
        raise Http404
    return invitation


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def membership(request, token: str):
    member = _membership(token)
    if request.method == "POST" and member.is_current and request.POST.get("renew") in ("yes", "no"):
        membership_renewal_answer(membership=member, renew=request.POST["renew"] == "yes")
        return redirect("iag_work:membership", token=token)
    return render(request, "iag_work/membership.html", {"membership": member, "token": token})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def step_down(request, token: str):
    member = _membership(token)
    if not member.is_current:
        return redirect("iag_work:membership", token=token)
    if request.method == "POST":
        membership_end(membership=member, reason=EndReason.STEPPED_DOWN, note="Stepped down through their link")
        return redirect("iag_work:membership", token=token)
    return render(request, "iag_work/step_down.html", {"membership": member, "token": token})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token: str):
    invite = _invitation(token)
    error = ""
    if request.method == "POST" and invite.meeting.is_upcoming and request.POST.get("reply") in ("yes", "no"):
        try:
            invitation_reply(invitation=invite, coming=request.POST["reply"] == "yes")
            return redirect("iag_work:invitation", token=token)
        except MeetingFull:
            error = "full"
    invite.meeting.refresh_from_db(fields=["coming"])
    context = {"invitation": invite, "meeting": invite.meeting, "token": token, "error": error}
    return render(request, "iag_work/invitation.html", context, status=409 if error else 200)


@never_cache
@require_safe
def calendar(request, token: str):
    invite = _invitation(token)
    response = HttpResponse(
        meeting_calendar(invitation=invite, token=token), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="advisory-group-meeting.ics"'
    return response
