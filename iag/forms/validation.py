"""Postcode and phone number checks for the application form, with messages in plain words."""

import re

from django import forms
from django.utils.translation import gettext as _

POSTCODE_RE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    if not POSTCODE_RE.match(compact):
        raise forms.ValidationError(_("Enter a real UK postcode, like CM2 6DA"), code="invalid_postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def normalise_phone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if not re.fullmatch(r"\+?[0-9 ()\-]+", value):
        raise forms.ValidationError(
            _("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"), code="invalid_phone"
        )
    digits = re.sub(r"\D", "", value)
    if value.startswith("+"):
        valid = 8 <= len(digits) <= 15
    else:
        valid = digits.startswith("0") and len(digits) in (10, 11)
    if not valid:
        raise forms.ValidationError(
            _("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"), code="invalid_phone"
        )
    return value
