"""Error messages for every public form, in the words of the GOV.UK Design System.

Each builder takes the name a message uses for the answer ("Full name", "Your
message"), which is often shorter than the question. Fields that leave a text
message out get it from `control_characters.PlainTextMixin`, named after the
field's label.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

NUL = "null_characters_not_allowed"  # Django's code for a NUL byte
CONTROL = "control_characters"
CONTROL_MULTILINE = "control_characters_multiline"

EMAIL_FORMAT = _("Enter an email address in the correct format, like name@example.com")
ONE_OF_THE_OPTIONS = _("Select one of the options")


def _interpolate(message, values: dict) -> str:
    return str(message) % {key: str(value) for key, value in values.items()}


# Made once: each call of lazy() builds a class (about 0.1 ms), and every public
# form builds these messages for its text fields each time it is made.
_interpolate_lazy = lazy(_interpolate, str)
_lower_lazy = lazy(lambda name: str(name).lower(), str)


def _format(message, **values):
    """`message % values`, worked out when shown, so it is in the reader's language."""
    return _interpolate_lazy(message, values)


def text_messages(name: str, max_length: int | None = None, required: str | None = None) -> dict:
    """Messages for a text answer: missing, too long, and characters we refuse."""
    messages = {
        "required": required or _format(_("Enter %(name)s"), name=_lower_lazy(name)),
        NUL: _format(_("%(name)s contains characters we cannot accept"), name=name),
        CONTROL: _format(_("%(name)s must not contain line breaks or control characters"), name=name),
        CONTROL_MULTILINE: _format(_("%(name)s must not contain control characters"), name=name),
    }
    if max_length:
        messages["max_length"] = _format(
            _("%(name)s must be %(n)s characters or fewer"), name=name, n=f"{max_length:,}"
        )
    return messages


def email_messages(name: str = "Email address", required: str | None = None, max_length: int = 254) -> dict:
    """Messages for an email address: the text ones and the format."""
    return {
        **text_messages(name, max_length, required or _("Enter your email address")),
        "invalid": EMAIL_FORMAT,
    }


def choice_messages(what: str | None = None, required: str | None = None) -> dict:
    """Messages for a choice: "Select a district from the list" for an answer not on it
    (`what` is "a district"), or "Select one of the options" without `what`."""
    invalid = _format(_("Select %(what)s from the list"), what=what) if what else ONE_OF_THE_OPTIONS
    messages = {"invalid_choice": invalid, "invalid_pk_value": invalid}
    if required:
        messages["required"] = required
    return messages
