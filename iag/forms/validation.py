"""Input checks for the application form, with messages in plain words."""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext as _

POSTCODE_RE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def text_messages(label: str, max_length: int | None = None, required: str | None = None) -> dict:
    messages = {
        "required": required or _("Enter %(label)s") % {"label": label.lower()},
        "null_characters_not_allowed": _("%(label)s contains characters we cannot accept") % {"label": label},
    }
    if max_length:
        messages["max_length"] = _("%(label)s must be %(n)s characters or fewer") % {
            "label": label,
            "n": f"{max_length:,}",
        }
    return messages


def reject_control_characters(value: str, label: str) -> str:
    """Letters from any script are welcome; invisible control characters are not."""
    for char in value:
        if char in "\n\r\t":
            continue
        if unicodedata.category(char) in {"Cc", "Cs", "Co"}:
            raise forms.ValidationError(
                _("%(label)s contains characters we cannot accept. Remove them and try again") % {"label": label},
                code="control_characters",
            )
    return value


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
