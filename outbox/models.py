from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An email in the outbox. Written in the same transaction as what it reports,
    sent by a Celery task after commit, swept up by beat if that never happened."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.EmailField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    body_text = models.TextField(_("plain text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    template = models.CharField(_("template"), max_length=200, blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    # A private link is stored as private_links.MARKER; these say
    # whose link it is, and the outbox puts the real one in only while sending.
    link_purpose = models.CharField(_("private link"), max_length=40, blank=True, default="")
    link_target = models.CharField(_("private link for"), max_length=64, blank=True, default="")
    # What the email is about: a kind for filtering and the object it reports.
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    about_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        permissions = [("resend_notification", _("Can send a notification again"))]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notification_due_idx"),
            models.Index(fields=["about_type", "about_id"], name="notification_about_idx"),
            # The admin list, newest first (admin adds the key to make the order total).
            models.Index(fields=["-created_at", "-id"], name="notification_newest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False),
                name="notification_sent_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display_text()} to {self.recipient}"

    def get_kind_display_text(self) -> str:
        return self.kind.replace("_", " ").replace(".", ": ")

    @property
    def message_id(self) -> str:
        """Stable across retries, so a mail server can drop a repeat of the same email."""
        return f"<notification-{self.pk}.{self.created_at:%Y%m%d%H%M%S}@engagement-site>"
