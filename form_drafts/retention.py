"""Drafts and sessions: expired ones are deleted (drafts after
FORM_DRAFT_MAX_AGE_SECONDS, sessions after their own expiry, Django's clearsessions)."""

from form_drafts.services import drafts_delete_expired, sessions_clear_expired


def retention_apply(*, now=None) -> dict[str, int]:
    sessions_clear_expired()
    return {"drafts": drafts_delete_expired(now=now)}
