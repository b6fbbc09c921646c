from django.db import models
from django.utils.translation import gettext_lazy as _


class ForceProfile(models.Model):
    """The force the site speaks for. One row; nothing in the code names a force."""

    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=60)
    area_name = models.CharField(_("area served"), max_length=120, help_text=_("For example: Essex"))
    phone = models.CharField(_("non-emergency phone"), max_length=30, default="101")
    diversity_unit_extension = models.CharField(_("diversity unit extension"), max_length=20, blank=True)
    website = models.URLField(_("main website"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("force profile")
        verbose_name_plural = _("force profile")

    def __str__(self):
        return self.name


class District(models.Model):
    """A policing district (local policing area); IAGs, buddies and newsletters refer to them."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("policing district")
        verbose_name_plural = _("policing districts")

    def __str__(self):
        return self.name
