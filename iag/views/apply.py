from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from form_drafts.forms import answers_as_typed, return_email, save_for_later_requested
from iag.forms import STEP_FORMS, CheckAnswersForm
from iag.models.applications import application_reference
from iag.models.monitoring import CHARACTERISTICS
from iag.selectors import answers_summary
from iag.services import application_receive
from page_cache.decorators import cached_page
from protected_forms.protection import rate_limited
from protected_forms.views import ProtectedSubmissionMixin, too_many_requests

from . import journey

FORM_NAME = "iag_apply"
HEADING_IN_FORM = {"groups", "communities"}


@method_decorator(never_cache, name="dispatch")
@method_decorator(cached_page, name="dispatch")
class StepView(View):
    """One question page. Answers are kept in the session; "Change" links from the
    check page carry ?change=1 and come back to it. Only the first question is ever
    served from the page cache: the others need answers, so a session."""

    def dispatch(self, request, step):
        if step not in STEP_FORMS:
            raise Http404
        self.step = step
        self.form_class, self.title = STEP_FORMS[step]
        missing = journey.first_missing_step(request)
        steps = list(STEP_FORMS)
        if missing and steps.index(missing) < steps.index(step):
            return redirect(journey.step_url(missing))
        return super().dispatch(request, step)

    def get(self, request, step):
        as_typed = journey.unfinished(request, step)
        if as_typed is not None:
            return self.render(self.form_class(initial=as_typed))
        stored = journey.answers(request).get(step)
        if stored is not None:
            # Answers given earlier may no longer be valid (a group closed
            # meanwhile): show why, keep the answers.
            checked = self.form_class(data=stored)
            if not checked.is_valid():
                return self.render(checked)
        return self.render(self.form_class(initial=stored or {}))

    def post(self, request, step):
        form = self.form_class(data=request.POST)
        if save_for_later_requested(request):
            return self.save_for_later(form)
        if not form.is_valid():
            return self.render(form)
        journey.answers_save(request, step, form.to_session())
        following = journey.next_step(step)
        if request.GET.get("change") or following is None:
            missing = journey.first_missing_step(request)
            return redirect(journey.step_url(missing) if missing else "iag:apply_check")
        return redirect(journey.step_url(following))

    def save_for_later(self, form):
        """Save whatever is on the page, finished or not; only the address to send the link to must be right."""
        if rate_limited(self.request, FORM_NAME):  # each save sends an email
            return too_many_requests(self.request)
        finished = form.to_session() if form.is_valid() else None
        as_typed = answers_as_typed(form)
        email = return_email(form, known=journey.given_email(self.request))
        if email is None:
            return self.render(form)
        journey.answers_save_for_return(self.request, self.step, finished=finished, as_typed=as_typed, email=email)
        return redirect("form_drafts:saved")

    def render(self, form):
        previous = journey.previous_step(self.step)
        back = "iag:apply_check" if self.request.GET.get("change") else None
        return render(
            self.request,
            "iag/apply_step.html",
            {
                "form": form,
                "title": self.title,
                "step": self.step,
                "heading_in_form": self.step in HEADING_IN_FORM,
                "back_url": journey.step_url(previous) if previous and not back else None,
                "back_to_check": bool(back),
                "is_equality": self.step == "equality",
            },
        )


@method_decorator(never_cache, name="dispatch")
class CheckAnswersView(ProtectedSubmissionMixin, View):
    template_name = "iag/apply_check.html"
    form_name = FORM_NAME
    saves_in_one_statement = True

    def get(self, request):
        data, problem = journey.validated(request)
        if problem:
            return redirect(journey.step_url(problem))
        return self.render(CheckAnswersForm(), data)

    def post(self, request):
        return self.protected_post(CheckAnswersForm(data=request.POST))

    def earlier_pages_problem(self):
        self.data, problem = journey.validated(self.request)
        return redirect(journey.step_url(problem)) if problem else None

    def form_invalid(self, form):
        return self.render(form, self.data)

    def spam_response(self):
        return self.submitted(application_reference())  # looks real; nothing is stored

    def create(self, form) -> str:
        data = self.data
        journey.answers_delete_with_application(self.request)
        return application_receive(
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
            postcode=data["postcode"],
            groups=list(data["groups"]),
            communities=list(data["communities"]),
            communities_detail=data["communities_detail"],
            why_join=data["why_join"],
            experience=data["experience"],
            can_attend=data["can_attend"],
            heard_about=data["heard_about"],
            monitoring={key: data.get(key, "") for key in CHARACTERISTICS},
        )

    def submitted(self, reference: str):
        self.request.session[journey.REFERENCE_KEY] = reference
        journey.answers_clear(self.request)
        return redirect("iag:apply_done")

    def render(self, form, data):
        return render(self.request, self.template_name, {"form": form, "sections": answers_summary(data)})


@require_safe
@never_cache
def start(request):
    return redirect(journey.step_url(next(iter(STEP_FORMS))))


@require_safe
@never_cache
def done(request):
    reference = request.session.get(journey.REFERENCE_KEY)
    if not reference:
        return redirect("iag:index")
    return render(request, "iag/apply_done.html", {"reference": reference})
