"""Checks on uploaded network logos. Only staff upload them, but a logo is served
from the site's own origin, so its content is checked as well as its name."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

LOGO_EXTENSIONS = ["svg", "png", "jpg", "jpeg"]
LOGO_MAX_BYTES = 256 * 1024
LOGO_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}

logo_extension = FileExtensionValidator(
    allowed_extensions=LOGO_EXTENSIONS, message=_("The logo must be an SVG, PNG or JPG file")
)

# Anything that could run code or fetch something when an SVG is opened on its own.
_SVG_DANGER = re.compile(rb"<script|<foreignobject|<!entity|<iframe|<embed|<object|javascript:|\son\w+\s*=", re.I)


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def logo_content(file) -> None:
    """The file's bytes must match its extension, and an SVG must carry no script."""
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo must be smaller than 256 KB"))
    file.seek(0)
    data = file.read()
    file.seek(0)
    kind = extension_of(file.name)
    if kind == "png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationError(_("The logo is not a real PNG image"))
    if kind in ("jpg", "jpeg") and not data.startswith(b"\xff\xd8\xff"):
        raise ValidationError(_("The logo is not a real JPG image"))
    if kind == "svg":
        if b"<svg" not in data[:4096].lower():
            raise ValidationError(_("The logo is not a real SVG image"))
        if _SVG_DANGER.search(data):
            raise ValidationError(_("The SVG logo contains scripts or links to other content; save it as plain SVG"))
