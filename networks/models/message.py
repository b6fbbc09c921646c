import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def message_reference() -> str:
    return "NM-" + secrets.token_hex(4).upper()


class NetworkMessage(models.Model):
    """A record that a message was passed to a network. The sender's name, email
    and words travel only in the email to the network (the outbox), not here:
    only a keyed hash of the address, so a subject access request or an
    erasure finds exactly this sender's messages."""

    reference = models.CharField(_("reference"), max_length=12, unique=True, default=message_reference)
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="messages")
    consented_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    sender_digest = models.CharField(_("sender (keyed hash)"), max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message to a network")
        verbose_name_plural = _("messages to networks")

    def __str__(self):
        return self.reference
