from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A heading in the directory (faith and belief, working life, ...). Data, so staff can add more."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in shareable filter links"))
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("network category")
        verbose_name_plural = _("network categories")

    def __str__(self):
        return self.name
