"""The audit trail shared by the feature apps: who did what to a record, and when.

Each app keeps its own table (a concrete subclass of `AuditEvent` with a foreign
key to its record and its own `Action` choices) and records events through its
own service, using `actor_fields` for the "who". An event never holds the
person's answers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def actor_fields(actor) -> dict:
    """The `actor` and `actor_name` of an event: the signed-in staff member, or
    blank for the person themselves or the system. The name is kept if the staff
    account is later deleted."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_name": ""}
    return {"actor": actor, "actor_name": actor.get_username()[:150]}


class AuditEvent(models.Model):
    """Subclasses add the foreign key to their record and override `action` with their choices."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept if the staff account is later deleted; blank means the person or the system.
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
