from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outbox.addresses import digest


def email_digest(email: str) -> str:
    """A keyed hash of the address: enough to tell whether a request was made
    for the same address again, without keeping the address itself."""
    return digest(email)


class PrivacyRequest(models.Model):
    """A subject access export or an erasure made by staff. Holds who, when and
    how many records, and a keyed hash of the address, never the address."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Subject access export")
        ERASURE = "erasure", _("Erasure")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    email_hash = models.CharField(_("address (keyed hash)"), max_length=64, db_index=True)
    records = models.PositiveIntegerField(_("records found or erased"), default=0)
    summary = models.JSONField(_("records by part of the site"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        default_permissions = ("view",)
        permissions = [
            ("subject_access", _("Can export everything held about an email address")),
            ("subject_erase", _("Can erase everything held about an email address")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
