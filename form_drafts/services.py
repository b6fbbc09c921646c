"""Keep, read and forget drafts. The session holds {form name: draft id} only."""

import json
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

import one_statement
import private_links
from outbox.services import notification_queue
from personal_data.models import email_digest

from .models import FormDraft

SESSION_KEY = "form_drafts"
SAVED_KEY = "form_drafts_saved"  # for the "we have sent you a link" page: the link's expiry and the way back
_CACHE = "_form_drafts"


def max_age() -> timedelta:
    return timedelta(seconds=int(settings.FORM_DRAFT_MAX_AGE_SECONDS))


def _ids(request) -> dict:
    return dict(request.session.get(SESSION_KEY, {}))


def _forget_id(request, form_name: str) -> None:
    ids = _ids(request)
    if ids.pop(form_name, None) is not None:
        request.session[SESSION_KEY] = ids


def _cache(request) -> dict:
    if not hasattr(request, _CACHE):
        setattr(request, _CACHE, {})
    return getattr(request, _CACHE)


def _tell_expired(request) -> None:
    hours = max(1, round(max_age().total_seconds() / 3600))
    text = ngettext(
        "Your answers were deleted to protect your privacy: answers that have not been sent are kept "
        "for %(hours)d hour at most. Please start again.",
        "Your answers were deleted to protect your privacy: answers that have not been sent are kept "
        "for %(hours)d hours at most. Please start again.",
        hours,
    ) % {"hours": hours}
    messages.info(request, text, fail_silently=True)


def draft_load(request, form_name: str) -> dict | None:
    """The answers saved so far, or None. A draft past its expiry is deleted and
    the person is told to start again."""
    cache = _cache(request)
    if form_name in cache:
        return cache[form_name]
    draft_id = _ids(request).get(form_name)
    data = None
    if draft_id:
        valid = _is_uuid(draft_id)
        draft = FormDraft.objects.live().filter(pk=draft_id, form_name=form_name).first() if valid else None
        if draft is None:  # expired, or deleted by the cleanup or an erasure
            if valid:
                FormDraft.objects.filter(pk=draft_id).delete()
            _forget_id(request, form_name)
            _tell_expired(request)
        else:
            data = json.loads(draft.payload or "{}")
    cache[form_name] = data
    return data


def _is_uuid(value) -> bool:
    try:
        FormDraft._meta.pk.to_python(value)
    except ValidationError:
        return False
    return True


def draft_save(request, form_name: str, data: dict, *, email: str = "") -> None:
    """Keep `data` (JSON-ready) encrypted until the form is sent; the draft expires
    FORM_DRAFT_MAX_AGE_SECONDS after the last save."""
    now = timezone.now()
    fields = {
        "payload": json.dumps(data, cls=DjangoJSONEncoder),
        "updated_at": now,
        "expires_at": now + max_age(),
        "email_hash": email_digest(email) if email else "",
    }
    draft_id = _ids(request).get(form_name)
    saved = 0
    if draft_id and _is_uuid(draft_id):
        # A draft saved for return keeps the emailed link's longer expiry.
        update = {**fields, "expires_at": Greatest("expires_at", fields["expires_at"])}
        saved = FormDraft.objects.live(now=now).filter(pk=draft_id, form_name=form_name).update(**update)
    if not saved:
        draft = FormDraft.objects.create(form_name=form_name, **fields)
        ids = _ids(request)
        ids[form_name] = str(draft.pk)
        request.session[SESSION_KEY] = ids
    _cache(request)[form_name] = json.loads(fields["payload"])


# A second "Save and come back later" to the same address within this time sends no new link.
RESEND_AFTER = timedelta(minutes=2)


def resume_days() -> int:
    return int(settings.FORM_DRAFT_RESUME_DAYS)


@transaction.atomic
def draft_save_for_return(request, form_name: str, data: dict, *, email: str, resume_path: str) -> None:
    """For "Save and come back later": keep the answers (finished or not) for
    FORM_DRAFT_RESUME_DAYS and email `email` a one-time link that opens them, on
    any device, at `resume_path`. The email holds no answers."""
    now = timezone.now()
    draft_id = _ids(request).get(form_name)
    # Locked until this commits, so a second press waits for the first and sees its link.
    before = (
        FormDraft.objects.select_for_update()
        .filter(pk=draft_id)
        .values("email_hash", "resume_key", "resume_sent_at")
        .first()
        if draft_id and _is_uuid(draft_id)
        else None
    )
    draft_save(request, form_name, data, email=email)
    if (
        before is not None
        and before["resume_key"]
        and before["email_hash"] == email_digest(email)
        and before["resume_sent_at"] is not None
        and now - before["resume_sent_at"] < RESEND_AFTER
    ):
        # The same person pressed again moments after the link was sent to the same
        # address: their answers are saved; the link on its way still opens them.
        FormDraft.objects.filter(pk=draft_id).update(resume_path=resume_path)
        expires = FormDraft.objects.values_list("expires_at", flat=True).get(pk=draft_id)
        request.session[SAVED_KEY] = {"expires": expires.isoformat(), "continue": resume_path}
        return
    expires = now + timedelta(days=resume_days())
    draft = FormDraft(pk=_ids(request)[form_name], resume_key=private_links.link_key_new())
    FormDraft.objects.filter(pk=draft.pk).update(
        resume_key=draft.resume_key, resume_path=resume_path, expires_at=expires, resume_sent_at=now
    )
    notification_queue(
        recipient=email,
        template="form_drafts/email/resume",
        context={
            "resume_path": reverse("form_drafts:resume", args=[private_links.MARKER]),
            "expires": expires,
            "days": resume_days(),
        },
        kind="form_drafts.resume",
        private_link=private_links.FORM_DRAFT_RESUME.target(draft),
    )
    request.session[SAVED_KEY] = {"expires": expires.isoformat(), "continue": resume_path}


class ResumeRefused(Exception):
    """The link cannot open answers: `expired`, or `used` (also once the form was
    sent or the draft deleted: the page must not tell those apart)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def draft_for_return(token: str) -> FormDraft:
    """The draft a return link opens. Raises ResumeRefused."""
    try:
        draft = private_links.FORM_DRAFT_RESUME.lookup(token).first()
    except private_links.LinkExpired:
        raise ResumeRefused("expired") from None
    if draft is None:
        raise ResumeRefused("used")
    if draft.expires_at <= timezone.now():  # not deleted by the hourly retention run yet
        raise ResumeRefused("expired")
    return draft


def draft_resume(request, token: str) -> str:
    """Use a return link once: its draft becomes this session's draft for that
    form (kept FORM_DRAFT_MAX_AGE_SECONDS from now, like any other) and the path
    to carry on from is returned. Raises ResumeRefused."""
    draft = draft_for_return(token)
    claimed = FormDraft.objects.filter(pk=draft.pk, resume_key=draft.resume_key).update(
        resume_key=None, expires_at=timezone.now() + max_age()
    )
    if not claimed:  # the same link used twice at once
        raise ResumeRefused("used")
    if _ids(request).get(draft.form_name) != str(draft.pk):
        draft_discard(request, draft.form_name)
    ids = _ids(request)
    ids[draft.form_name] = str(draft.pk)
    request.session[SESSION_KEY] = ids
    _cache(request).pop(draft.form_name, None)
    return draft.resume_path


def draft_discard(request, form_name: str) -> None:
    draft_id = _ids(request).get(form_name)
    if draft_id and _is_uuid(draft_id):
        FormDraft.objects.filter(pk=draft_id).delete()
    _forget_id(request, form_name)
    _cache(request)[form_name] = None


def draft_delete_with_submission(request, form_name: str) -> None:
    """Delete the draft with the rows of the submission being saved (in the same
    `one_statement` block); once they are saved the session forgets it, so
    `draft_discard` afterwards costs no query. If they are not saved, nothing
    is lost: the draft stays."""
    draft_id = _ids(request).get(form_name)
    if not (draft_id and _is_uuid(draft_id)):
        return
    one_statement.delete(FormDraft.objects.filter(pk=draft_id))
    one_statement.when_saved(partial(_forget_deleted, request, form_name))


def _forget_deleted(request, form_name: str) -> None:
    _forget_id(request, form_name)
    _cache(request)[form_name] = None


def drafts_discard_all(request) -> int:
    """Every draft this visitor has (quick exit)."""
    ids = [value for value in _ids(request).values() if _is_uuid(value)]
    deleted, _ = FormDraft.objects.filter(pk__in=ids).delete() if ids else (0, None)
    request.session.pop(SESSION_KEY, None)
    request.session.pop(SAVED_KEY, None)
    setattr(request, _CACHE, {})
    return deleted


def drafts_delete_expired(*, now=None) -> int:
    deleted, _ = FormDraft.objects.expired(now=now).delete()
    return deleted


def sessions_clear_expired() -> None:
    """Django's session cleanup, as `manage.py clearsessions` runs it."""
    call_command("clearsessions")


def drafts_for_email(email: str):
    return FormDraft.objects.filter(email_hash=email_digest(email)) if email.strip() else FormDraft.objects.none()
