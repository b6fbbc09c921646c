"""Signed, opaque tokens for the links in Dispatch emails. They carry only a
subscriber's random key, never an address.

- Confirmation: timestamped, so the link expires.
- Manage (preferences and unsubscribe): stable for the life of the subscription,
  so every email's unsubscribe link keeps working."""

import uuid

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "dispatch.confirm"
MANAGE_SALT = "dispatch.manage"
SEP = "."


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def confirmation_max_age_seconds() -> int:
    return settings.DISPATCH_CONFIRMATION_MAX_AGE_HOURS * 60 * 60


def confirmation_token(key: uuid.UUID) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT, sep=SEP).sign(key.hex)


def manage_token(key: uuid.UUID) -> str:
    return signing.Signer(salt=MANAGE_SALT, sep=SEP).sign(key.hex)


def _as_key(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(hex=value)
    except ValueError as exc:
        raise TokenInvalid from exc


def key_from_confirmation_token(token: str) -> uuid.UUID:
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT, sep=SEP).unsign(
            token, max_age=confirmation_max_age_seconds()
        )
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    return _as_key(value)


def key_from_manage_token(token: str) -> uuid.UUID:
    try:
        value = signing.Signer(salt=MANAGE_SALT, sep=SEP).unsign(token)
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    return _as_key(value)
