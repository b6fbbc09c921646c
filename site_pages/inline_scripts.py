"""The site's fixed inline scripts, allowed by the sha256 of their text in the
Content-Security-Policy rather than by a nonce, so a page is the same for every
visitor and can be cached. The hashes are worked out once per process from the
templates themselves (after `{% static %}` is resolved), so editing a script
cannot leave the policy behind."""

import base64
import functools
import hashlib
import re

from django.template import engines, loader

TEMPLATES_WITH_INLINE_SCRIPTS = ("base.html",)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


def source_hash(text: str) -> str:
    """A CSP source expression for a script whose text is exactly `text`."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@functools.cache
def script_hashes() -> tuple[str, ...]:
    engine = engines["django"]
    hashes = []
    for name in TEMPLATES_WITH_INLINE_SCRIPTS:
        source = loader.get_template(name).template.source
        for body in INLINE_SCRIPT.findall(source):
            hashes.append(source_hash(engine.from_string("{% load static %}" + body).render({})))
    return tuple(hashes)
