"""The private status-page link. The database holds a random key; the link
carries the key signed with the site's secret, so the link cannot be made
from the database alone, and it can be sent again in later emails."""

import secrets

from django.core import signing

_signer = signing.Signer(salt="iag.status-link", sep=".")


def status_key_new() -> str:
    return secrets.token_urlsafe(24)


def status_token(key: str) -> str:
    return _signer.sign(key)


def status_key_from_token(token: str) -> str | None:
    if not token or len(token) > 200:
        return None
    try:
        return _signer.unsign(token)
    except signing.BadSignature:
        return None
