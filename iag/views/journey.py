"""Answers kept between question pages: in an encrypted, expiring draft
(form_drafts); the session holds only the draft's id."""

from django.urls import reverse

from form_drafts.services import (
    draft_delete_with_submission,
    draft_discard,
    draft_load,
    draft_save,
    draft_save_for_return,
)
from iag.forms import STEP_FORMS

SESSION_KEY = "iag_apply"
REFERENCE_KEY = "iag_apply_reference"
UNFINISHED = "unfinished"  # {"step": slug, "data": answers as typed} of a page saved before it was finished


def answers(request) -> dict:
    return draft_load(request, SESSION_KEY) or {}


def answers_save(request, step: str, data: dict) -> None:
    stored = dict(answers(request))
    stored[step] = data
    if stored.get(UNFINISHED, {}).get("step") == step:
        del stored[UNFINISHED]
    draft_save(request, SESSION_KEY, stored, email=_email(stored))


def _email(stored: dict) -> str:
    return stored.get("your-details", {}).get("email", "")


def given_email(request) -> str:
    return _email(answers(request))


def unfinished(request, step: str) -> dict | None:
    """Answers as typed on `step` when it was saved for later unfinished."""
    saved = answers(request).get(UNFINISHED) or {}
    return saved.get("data") if saved.get("step") == step else None


def answers_save_for_return(request, step: str, *, finished: dict | None, as_typed: dict, email: str) -> None:
    """Keep the answers so far and this page's (finished or not), and email a link back to this page."""
    stored = dict(answers(request))
    if finished is not None:
        stored[step] = finished
        stored.pop(UNFINISHED, None)
    else:
        stored[UNFINISHED] = {"step": step, "data": as_typed}
    draft_save_for_return(request, SESSION_KEY, stored, email=email, resume_path=step_url(step))


def answers_clear(request) -> None:
    draft_discard(request, SESSION_KEY)


def answers_delete_with_application(request) -> None:
    """The answers go with the application's rows, in its statement."""
    draft_delete_with_submission(request, SESSION_KEY)


def first_missing_step(request) -> str | None:
    stored = answers(request)
    return next((step for step in STEP_FORMS if step not in stored), None)


def step_url(step: str) -> str:
    return reverse("iag:apply_step", args=[step])


def previous_step(step: str) -> str | None:
    steps = list(STEP_FORMS)
    index = steps.index(step)
    return steps[index - 1] if index else None


def next_step(step: str) -> str | None:
    steps = list(STEP_FORMS)
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def validated(request) -> tuple[dict | None, str | None]:
    """Every stored answer checked again (a group may have closed since). Returns
    (merged cleaned data, None) or (None, the first step that needs attention)."""
    stored = answers(request)
    merged = {}
    for step, (form_class, _title) in STEP_FORMS.items():
        if step not in stored:
            return None, step
        form = form_class(data=stored[step])
        if not form.is_valid():
            return None, step
        merged.update(form.cleaned_data)
    return merged, None
