"""Programme sign-up: the form, check your answers, confirmation."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from form_drafts.services import draft_discard, draft_load, draft_save
from protected_forms.protection import TOKEN_FIELD, previous_result, rate_limited, submit_once
from protected_forms.views import too_many_requests
from positive_action.forms import SignupConfirmForm, SignupForm
from positive_action.services import signup_create

SESSION_KEY = "pap_signup_answers"
FORM_NAME = "pap_signup"


def _answers_form(request) -> SignupForm | None:
    data = draft_load(request, SESSION_KEY)
    if not data:
        return None
    form = SignupForm(data)
    return form if form.is_valid() else None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    if request.method == "POST":
        if rate_limited(request, FORM_NAME):
            return too_many_requests(request)
        form = SignupForm(request.POST)
        if form.is_valid():
            answers = {
                key: request.POST.getlist(key) if key == "groups" else request.POST.get(key, "") for key in form.fields
            }
            draft_save(request, SESSION_KEY, answers, email=form.cleaned_data["email"])
            return redirect("positive_action:signup_check")
    else:
        saved = draft_load(request, SESSION_KEY)
        form = SignupForm(saved) if saved else SignupForm()
    return render(request, "positive_action/signup.html", {"form": form})


def _earlier_submission(request) -> str | None:
    token = request.POST.get(TOKEN_FIELD, "")[:64] if request.method == "POST" else ""
    return previous_result(token=token, form_name=FORM_NAME) if token else None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def check(request):
    earlier = _earlier_submission(request)
    if earlier:  # refresh, or Back and send again, after it went through
        request.session[f"submitted:{FORM_NAME}"] = earlier
        return redirect("positive_action:signup_done")
    answers = _answers_form(request)
    if answers is None:
        return redirect("positive_action:signup")
    form = SignupConfirmForm(request.POST or None)
    error = None
    if request.method == "POST":
        if rate_limited(request, FORM_NAME):
            return too_many_requests(request)
        if form.is_spam:
            return redirect("positive_action:signup_done")
        if form.is_valid():
            data = answers.cleaned_data
            try:
                reference = submit_once(
                    token=form.cleaned_data[TOKEN_FIELD],
                    form_name=FORM_NAME,
                    create=lambda: (
                        signup_create(
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
                        ).reference
                    ),
                )
            except ValidationError as exc:
                error = exc.messages[0]
            else:
                draft_discard(request, SESSION_KEY)
                request.session[f"submitted:{FORM_NAME}"] = reference
                return redirect("positive_action:signup_done")
    return render(request, "positive_action/signup_check.html", {"answers": answers, "form": form, "error": error})


@never_cache
def done(request):
    reference = request.session.get(f"submitted:{FORM_NAME}")
    return render(request, "positive_action/signup_done.html", {"reference": reference})
