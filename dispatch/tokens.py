"""Signed, opaque tokens for the links in Dispatch emails (see
private_links). They carry only a subscriber's random key,
never an address.

- Confirmation: timestamped, so the link expires.
- Manage (preferences and unsubscribe): stable for the life of the subscription,
  so every email's unsubscribe link keeps working."""

import uuid

from private_links import DISPATCH_CONFIRM, DISPATCH_MANAGE, LinkExpired, LinkInvalid

TokenExpired = LinkExpired
TokenInvalid = LinkInvalid


def confirmation_max_age_seconds() -> int:
    return DISPATCH_CONFIRM.max_age()


def confirmation_token(key: uuid.UUID) -> str:
    return DISPATCH_CONFIRM.sign(key)


def manage_token(key: uuid.UUID) -> str:
    return DISPATCH_MANAGE.sign(key)


def _as_key(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(hex=value)
    except ValueError as exc:
        raise TokenInvalid from exc


def key_from_confirmation_token(token: str) -> uuid.UUID:
    return _as_key(DISPATCH_CONFIRM.unsign(token))


def key_from_manage_token(token: str) -> uuid.UUID:
    return _as_key(DISPATCH_MANAGE.unsign(token))
