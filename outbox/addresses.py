"""Matching a person's email address exactly, never as part of another one.

`carol.sender@example.org` contains `sender@example.org`; a subject access
export or an erasure for the second must not touch the first. Addresses are
compared normalised (surrounding spaces removed, case folded), stored where
needed as a keyed hash, and found in free text only as a whole address."""

import hashlib
import hmac
import re

from django.conf import settings

# Characters that may sit next to an address and make it part of a longer one.
_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~-]"
_DOMAIN = r"[\w-]"


def normalise(email: str) -> str:
    return (email or "").strip().casefold()


def digest(email: str) -> str:
    """A keyed hash of the normalised address: finds the same address again
    without keeping it."""
    return hmac.new(settings.SECRET_KEY.encode(), normalise(email).encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return bool(normalise(a)) and normalise(a) == normalise(b)


def mentions(text: str, email: str) -> bool:
    """Whether `text` quotes `email` as a whole address (not inside a longer one)."""
    email = normalise(email)
    if not email or not text:
        return False
    pattern = rf"(?<!{_LOCAL}){re.escape(email)}(?!{_DOMAIN}|\.{_DOMAIN})"
    return re.search(pattern, text.casefold()) is not None
