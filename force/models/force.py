from django.db import models
from django.utils.translation import gettext_lazy as _


class ForceProfile(models.Model):
    """The force the site speaks for. One row; nothing in the code names a force."""

    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=60)
    area_name = models.CharField(_("area served"), max_length=120, help_text=_("For example: Essex"))
    phone = models.CharField(_("non-emergency phone"), max_length=30, default="101")
    diversity_unit_extension = models.CharField(_("unit's phone extension"), max_length=20, blank=True)
    website = models.URLField(_("main website"), blank=True)
    # Each force names and describes itself in its own words; templates never name one.
    unit_name = models.CharField(
        _("name of the equality unit"),
        max_length=80,
        default="diversity unit",
        help_text=_("As written in the middle of a sentence, for example: diversity unit, or Equality Unit"),
    )
    network_board = models.CharField(
        _("board the staff networks sit on"),
        max_length=120,
        blank=True,
        help_text=_("For example: Diversity and Inclusion Board. Leave blank if the force has none."),
    )
    network_board_meets = models.CharField(
        _("how often that board meets"), max_length=60, blank=True, help_text=_("For example: every quarter")
    )
    equality_scheme = models.CharField(
        _("name of the force's equality scheme"),
        max_length=120,
        blank=True,
        help_text=_("For example: Equality Scheme. Leave blank if the force publishes none."),
    )
    reply_time = models.CharField(
        _("how soon the unit replies to email"),
        max_length=60,
        blank=True,
        help_text=_("Only a promise the force has published, for example: 10 working days. Blank says nothing."),
    )
    iag_review_time = models.CharField(
        _("how soon an IAG application is read"),
        max_length=60,
        blank=True,
        help_text=_("Only a promise the force has published, for example: four weeks. Blank says nothing."),
    )
    iag_member_tasks = models.TextField(
        _("what IAG members do"),
        blank=True,
        help_text=_("One a line, as the force describes it. Blank leaves the list off the IAG page."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("force profile")
        verbose_name_plural = _("force profile")

    def __str__(self):
        return self.name

    @property
    def iag_member_task_list(self) -> list[str]:
        return [line.strip() for line in self.iag_member_tasks.splitlines() if line.strip()]


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


class UnitResponsibility(models.Model):
    """One thing the equality unit does, in the force's own words; listed on the equality page."""

    text = models.CharField(_("what the unit does"), max_length=400, unique=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("unit responsibility")
        verbose_name_plural = _("unit responsibilities")

    def __str__(self):
        return self.text
