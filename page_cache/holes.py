"""The two per-visitor values a cached page may hold: the CSRF token and the
one-time form token. The stored page keeps a placeholder in each; every
response fills in the visitor's own fresh values, so no visitor ever sees
another's token."""

import os
import re
import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

from protected_forms.protection import TOKEN_FIELD

# Pages are kept as the bytes sent, so filling them in needs no decoding or encoding.
CSRF_PLACEHOLDER = b"\x00csrf\x00"
FORM_TOKEN_PLACEHOLDER = b"\x00form-token\x00"
_CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_FORM_TOKEN_VALUE = re.compile(rb'(name="' + TOKEN_FIELD.encode() + rb'" value=")[^"]*(")')


def punch(html: bytes) -> bytes:
    """The page with its tokens replaced by placeholders."""
    html = _CSRF_VALUE.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", html)
    return _FORM_TOKEN_VALUE.sub(rb"\1" + FORM_TOKEN_PLACEHOLDER + rb"\2", html)


# Random bytes below this are a whole number of rounds of the alphabet: each is
# turned into the character at its position modulo the alphabet's length, so every
# character is equally likely; the few bytes above it are dropped.
_UNBIASED_BELOW = 256 - 256 % len(CSRF_ALLOWED_CHARS)
_BYTE_TO_CHAR = bytes(ord(CSRF_ALLOWED_CHARS[b % len(CSRF_ALLOWED_CHARS)]) for b in range(256))
_BIASED_BYTES = bytes(range(_UNBIASED_BELOW, 256))
# The masked character for each (secret character, mask character): Django adds their positions.
_MASKED = {
    (secret, mask): CSRF_ALLOWED_CHARS[(i + j) % len(CSRF_ALLOWED_CHARS)]
    for i, secret in enumerate(CSRF_ALLOWED_CHARS)
    for j, mask in enumerate(CSRF_ALLOWED_CHARS)
}


def _random_chars(length: int) -> str:
    """`length` characters drawn uniformly from the CSRF alphabet with one read of
    the OS's random source (Django's get_random_string reads it once per
    character, which was most of the cost of answering a cached page)."""
    chars = b""
    while len(chars) < length:
        chars += os.urandom(length + 8).translate(_BYTE_TO_CHAR, _BIASED_BYTES)
    return chars[:length].decode("ascii")


def csrf_token(meta: dict) -> str:
    """Django's get_token, the same values and the same effect (the secret and
    the flag in request.META that has the CSRF cookie set or renewed on the way
    out), with cheaper draws: a secret for a visitor without one, a fresh mask."""
    secret = meta.get("CSRF_COOKIE")
    if secret is None:
        secret = _random_chars(CSRF_SECRET_LENGTH)
        meta["CSRF_COOKIE"] = secret
    meta["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_chars(CSRF_SECRET_LENGTH)
    return mask + "".join(map(_MASKED.__getitem__, zip(secret, mask, strict=True)))


_PLACEHOLDER = re.compile(re.escape(CSRF_PLACEHOLDER) + b"|" + re.escape(FORM_TOKEN_PLACEHOLDER))


def split(html: bytes) -> tuple[list[bytes], list[bytes]]:
    """The page as its fixed stretches and, for each gap between two of them,
    the placeholder that stood there."""
    return _PLACEHOLDER.split(html), _PLACEHOLDER.findall(html)


def values(placeholders: list[bytes], meta: dict) -> list[bytes]:
    """The visitor's own value for each hole: one CSRF token for the page
    (csrf_token also has the CSRF middleware set the cookie, as rendering would)
    and a new one-time token for each form."""
    csrf = None
    filled = []
    for placeholder in placeholders:
        if placeholder == CSRF_PLACEHOLDER:
            csrf = csrf or csrf_token(meta).encode()
            filled.append(csrf)
        else:
            filled.append(secrets.token_urlsafe(24).encode())
    return filled


def join(pieces: list[bytes], filled: list[bytes]) -> bytes:
    """The page with the visitor's values in its holes."""
    parts = [pieces[0]]
    for value, piece in zip(filled, pieces[1:], strict=True):
        parts += [value, piece]
    return b"".join(parts)
