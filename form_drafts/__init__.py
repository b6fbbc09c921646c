"""Half-filled public forms, kept server-side until they are sent.

The session holds only an opaque id per form; the answers themselves are in
FormDraft, encrypted with the site's field-encryption key, with an expiry
(FORM_DRAFT_MAX_AGE_SECONDS) and a keyed hash of the email address so that
subject erasure finds them.
"""
