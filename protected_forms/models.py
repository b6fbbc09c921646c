from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A one-time form token that has been used. Its unique key is what turns a
    double click, a refresh or Back-and-resubmit into a single record."""

    token = models.CharField(max_length=64, unique=True)
    form_name = models.CharField(max_length=60)
    # Whatever the view needs to show the same confirmation again (a reference).
    result = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return f"{self.form_name} {self.result}"
