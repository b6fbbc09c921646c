import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import Status

PLACEHOLDERS = {
    "name": _("the applicant's name"),
    "reference": _("the application reference"),
    "groups": _("the groups applied for"),
    "status_link": _("the private link to the status page"),
    "force": _("the force's name"),
    "phone": _("the force's phone number and extension"),
    "unit": _("the name of the force's equality unit"),
}
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


def fill_placeholders(text: str, values: dict) -> str:
    """Replace {name}-style placeholders; nothing else in staff text is interpreted."""
    return PLACEHOLDER_RE.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


class DecisionTemplate(models.Model):
    """The wording of the email sent to an applicant when their application moves to a status."""

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, unique=True)
    subject = models.CharField(
        _("subject"),
        max_length=150,
        help_text=_(
            "Seen by anyone who sees the inbox: keep it neutral, never naming a group "
            "(for example: Your application to {force} ({reference}))."
        ),
    )
    body = models.TextField(
        _("body"),
        max_length=5000,
        help_text=_("You can use: ") + ", ".join(f"{{{key}}}" for key in PLACEHOLDERS),
    )
    active = models.BooleanField(_("send this email"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status"]
        verbose_name = _("decision email")
        verbose_name_plural = _("decision emails")

    def __str__(self):
        return self.get_status_display()

    def clean(self):
        unknown = {m for text in (self.subject, self.body) for m in PLACEHOLDER_RE.findall(text or "")} - set(
            PLACEHOLDERS
        )
        if unknown:
            raise ValidationError(
                _("These placeholders are not known: %(names)s. Use only: %(known)s.")
                % {"names": ", ".join(sorted(unknown)), "known": ", ".join(PLACEHOLDERS)}
            )

        if "{groups}" in (self.subject or ""):
            raise ValidationError(
                {"subject": _("Keep {groups} out of the subject: it is seen before the email is opened.")}
            )

    def render(self, values: dict) -> tuple[str, str]:
        return fill_placeholders(self.subject, values), fill_placeholders(self.body, values)
