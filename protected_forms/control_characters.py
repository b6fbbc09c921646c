"""Refuse control characters in what people type into a public form.

A line break in a name can forge lines in an email that quotes it, and no
other control character (C0 or C1) belongs in anything a person types. Letters
from any script, emoji and format characters are welcome. Multi-line answers
(textareas) may keep line breaks and tabs; single-line answers may not, nor
the Unicode line and paragraph separators.

A NUL byte (which PostgreSQL refuses) gets its own message: "... contains
characters we cannot accept".
"""

import re

from django import forms
from django.core.exceptions import ValidationError

from protected_forms.form_messages import CONTROL, CONTROL_MULTILINE, NUL, text_messages

# C0 and C1 controls (category Cc) but NUL, and lone surrogates.
SINGLE_LINE = re.compile("[\x01-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
MULTI_LINE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class ControlCharacterCheck:
    """A text field's validators, run after a check for control characters.
    It stops at the first problem, so the person sees one message per answer."""

    def __init__(self, *, multiline: bool, then=()):
        self.multiline = multiline
        self.then = list(then)

    def __call__(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError("Remove the NUL characters from this answer", code=NUL)
        if isinstance(value, str) and (MULTI_LINE if self.multiline else SINGLE_LINE).search(value):
            code = CONTROL_MULTILINE if self.multiline else CONTROL
            raise ValidationError("Remove the control characters from this answer", code=code)
        for validator in self.then:
            validator(value)


def message_name(field: forms.Field, field_name: str) -> str:
    """What messages call an answer, from its label: "Access needs (optional)" -> "Access needs"."""
    label = str(field.label or field_name.replace("_", " ").capitalize())
    return label.replace(" (optional)", "").rstrip("?")


class PlainTextMixin(forms.Form):
    """Put on every public form. Each text field refuses control characters,
    and its NUL and control character messages are named after the field
    unless the field sets its own (see protected_forms.form_messages)."""

    text_checks_exempt: tuple[str, ...] = ()  # fields that are not answers, like the honeypot

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field_name, field in self.fields.items():
            if field_name in self.text_checks_exempt or not isinstance(field, forms.CharField):
                continue
            defaults = text_messages(message_name(field, field_name))
            for code in (NUL, CONTROL, CONTROL_MULTILINE):
                field.error_messages.setdefault(code, defaults[code])
            multiline = isinstance(field.widget, forms.Textarea)
            field.validators = [ControlCharacterCheck(multiline=multiline, then=field.validators)]
