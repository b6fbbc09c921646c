"""Programme sign-up: the form, check your answers, confirmation."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from form_drafts.forms import answers_as_typed, return_email, save_for_later_requested
from form_drafts.services import (
    draft_delete_with_submission,
    draft_discard,
    draft_load,
    draft_save,
    draft_save_for_return,
)
from page_cache.decorators import cached_page
from positive_action.forms import SignupConfirmForm, SignupForm
from positive_action.services import signup_receive
from protected_forms.protection import rate_limited
from protected_forms.views import ProtectedSubmissionMixin, too_many_requests

SESSION_KEY = "pap_signup_answers"
FORM_NAME = "pap_signup"


def _answers_form(request) -> SignupForm | None:
    data = draft_load(request, SESSION_KEY)
    if not data:
        return None
    form = SignupForm(data)
    return form if form.is_valid() else None


def _saved_form(request) -> SignupForm:
    """The answers kept so far: checked again if they were finished, shown as
    they were typed if they were saved for later unfinished."""
    saved = draft_load(request, SESSION_KEY)
    if not saved:
        return SignupForm()
    form = SignupForm(saved)
    return form if form.is_valid() else SignupForm(initial=saved)


# Answers are kept through the session, so only visitors with none are served the
# cached, empty form; roles, groups and districts are content (an edit empties the cache).
@never_cache
@cached_page
@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    if request.method == "POST":
        if rate_limited(request, FORM_NAME):
            return too_many_requests(request)
        form = SignupForm(request.POST)
        if save_for_later_requested(request):
            email = return_email(form)
            if email is not None:
                answers = answers_as_typed(form)
                draft_save_for_return(
                    request, SESSION_KEY, answers, email=email, resume_path=reverse("positive_action:signup")
                )
                return redirect("form_drafts:saved")
        elif form.is_valid():
            draft_save(request, SESSION_KEY, answers_as_typed(form), email=form.cleaned_data["email"])
            return redirect("positive_action:signup_check")
    else:
        form = _saved_form(request)
    return render(request, "positive_action/signup.html", {"form": form})


@method_decorator(never_cache, name="dispatch")
class CheckView(ProtectedSubmissionMixin, View):
    """Check your answers, then send: the answers come from the session."""

    form_name = FORM_NAME
    saves_in_one_statement = True

    def get(self, request):
        self.answers = _answers_form(request)
        if self.answers is None:
            return redirect("positive_action:signup")
        return self.form_invalid(SignupConfirmForm())

    def post(self, request):
        return self.protected_post(SignupConfirmForm(request.POST))

    def earlier_pages_problem(self):
        self.answers = _answers_form(self.request)
        return redirect("positive_action:signup") if self.answers is None else None

    def form_invalid(self, form):
        return render(self.request, "positive_action/signup_check.html", {"answers": self.answers, "form": form})

    def spam_response(self):
        return redirect("positive_action:signup_done")

    def create(self, form) -> str:
        data = self.answers.cleaned_data
        draft_delete_with_submission(self.request, SESSION_KEY)  # the answers go with the sign-up's rows
        return signup_receive(
            candidate_reference=data["candidate_reference"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            role=data["role"],
            stage=data["stage"],
            district=data["district"],
            wants_buddy=data["wants_buddy"],
            adjustments=data["adjustments"],
            groups=list(data["groups"]),
            prefer_not_to_say=data["prefer_not_to_say"],
            consent=data["consent"],
        )

    def submitted(self, reference: str):
        draft_discard(self.request, SESSION_KEY)
        self.request.session[f"submitted:{FORM_NAME}"] = reference
        return redirect("positive_action:signup_done")


check = CheckView.as_view()


# Kept only for visitors without a session, who have no reference to see.
@cached_page
@never_cache
def done(request):
    reference = request.session.get(f"submitted:{FORM_NAME}")
    return render(request, "positive_action/signup_done.html", {"reference": reference})
