from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AdvisoryGroupQuerySet(models.QuerySet):
    def open_to_applications(self):
        return self.filter(accepting_applications=True)


class AdvisoryGroup(models.Model):
    """An Independent Advisory Group: one per policing district, or thematic (such as Professional Standards)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("District group")
        THEMATIC = "thematic", _("Thematic group")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISTRICT)
    district = models.ForeignKey(
        "force.District",
        verbose_name=_("policing district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advisory_groups",
    )
    covers = models.CharField(_("area or subject covered"), max_length=200)
    summary = models.TextField(_("what the group does"), max_length=1000, blank=True)
    meeting_frequency = models.CharField(_("how often it meets"), max_length=80, default="Four times a year")
    established = models.PositiveSmallIntegerField(_("year set up"), null=True, blank=True)
    accepting_applications = models.BooleanField(_("accepting applications"), default=True)
    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Tick when this was made up for a demonstration, not published by the force: pages mark it."),
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    objects = AdvisoryGroupQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("advisory group")
        verbose_name_plural = _("advisory groups")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="district") | models.Q(district__isnull=False),
                name="iag_district_group_has_district",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("iag:groups") + f"#{self.slug}"


class Community(models.Model):
    """A community or subject an applicant can speak for (race, faith, disability and so on)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    hint = models.CharField(_("hint"), max_length=200, blank=True)
    active = models.BooleanField(_("offered on the form"), default=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("community or subject")
        verbose_name_plural = _("communities and subjects")

    def __str__(self):
        return self.name
