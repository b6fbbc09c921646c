from django.db import models
from django.utils.translation import gettext_lazy as _


class EqualityObjective(models.Model):
    """An equality objective the force has published under the equality duty."""

    text = models.CharField(_("objective"), max_length=300, unique=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("equality objective")
        verbose_name_plural = _("equality objectives")

    def __str__(self):
        return self.text
