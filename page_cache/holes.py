"""The two per-visitor values a cached page may hold: the CSRF token and the
one-time form token. The stored page keeps a placeholder in each; every
response fills in the visitor's own fresh values, so no visitor ever sees
another's token."""

import re
import secrets

from django.middleware.csrf import get_token

from protected_forms.protection import TOKEN_FIELD

CSRF_PLACEHOLDER = "\x00csrf\x00"
FORM_TOKEN_PLACEHOLDER = "\x00form-token\x00"
_CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_FORM_TOKEN_VALUE = re.compile(rf'(name="{TOKEN_FIELD}" value=")[^"]*(")')


def punch(html: str) -> str:
    """The page with its tokens replaced by placeholders."""
    html = _CSRF_VALUE.sub(lambda m: m.group(1) + CSRF_PLACEHOLDER + m.group(2), html)
    return _FORM_TOKEN_VALUE.sub(lambda m: m.group(1) + FORM_TOKEN_PLACEHOLDER + m.group(2), html)


def fill(html: str, request) -> str:
    """The page for this visitor: a CSRF token of their own (get_token also has
    the CSRF middleware set the cookie, as rendering would) and a new one-time
    token for each form."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    parts = html.split(FORM_TOKEN_PLACEHOLDER)
    filled = [parts[0]]
    for part in parts[1:]:
        filled += [secrets.token_urlsafe(24), part]
    return "".join(filled)
