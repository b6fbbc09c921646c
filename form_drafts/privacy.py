"""Subject access and erasure for unsent form drafts (found by the keyed hash
of the address given in the draft)."""

import json

from .services import drafts_for_email


def subject_access(email: str) -> dict:
    return {
        "form_drafts": [
            {
                "form": draft.form_name,
                "last_saved": draft.updated_at.isoformat(),
                "expires": draft.expires_at.isoformat(),
                "answers": json.loads(draft.payload or "{}"),
            }
            for draft in drafts_for_email(email)
        ]
    }


def subject_erase(email: str) -> int:
    deleted, _ = drafts_for_email(email).delete()
    return deleted
