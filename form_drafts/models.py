import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personal_data.fields import EncryptedTextField


class FormDraftQuerySet(models.QuerySet):
    def live(self, *, now=None):
        return self.filter(expires_at__gt=now or timezone.now())

    def expired(self, *, now=None):
        return self.filter(expires_at__lte=now or timezone.now())


class FormDraft(models.Model):
    """Answers to a public form that has not been sent yet. The whole payload is
    encrypted (it may hold special category answers); nothing here is readable
    without the field-encryption key. Not shown in admin: staff have no use for it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    form_name = models.CharField(_("form"), max_length=40)
    payload = EncryptedTextField(_("answers (encrypted JSON)"), null=True, blank=True)
    email_hash = models.CharField(_("address (keyed hash)"), max_length=64, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    # "Save and come back later": the random key behind the one-time link that was
    # emailed (private_links.FORM_DRAFT_RESUME signs it), cleared once the link is used;
    # and the page the person was on. Neither is personal data.
    resume_key = models.CharField(_("return link key"), max_length=64, null=True, blank=True, unique=True)
    resume_path = models.CharField(_("return to"), max_length=200, blank=True)
    # When that link was emailed: a second press moments later (a double click, a
    # resend from Back) keeps the link already on its way instead of sending another.
    resume_sent_at = models.DateTimeField(_("return link sent"), null=True, blank=True)

    objects = FormDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("form draft")
        verbose_name_plural = _("form drafts")

    def __str__(self):
        return f"{self.form_name} draft"
