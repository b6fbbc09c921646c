"""Under-representation figures: a group's share of a role in the workforce
compared with its share of the local working-age population."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def under_representation_threshold() -> Decimal:
    return Decimal(str(settings.PAP_UNDER_REPRESENTATION_THRESHOLD))


class Role(models.Model):
    """A role people apply for or the workforce is reported by (data, not code)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    plural = models.CharField(_("plural, for sentences"), max_length=80, help_text=_("For example: police officers"))
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    open_to_applicants = models.BooleanField(_("candidates can choose it when signing up"), default=True)
    reported = models.BooleanField(_("workforce figures are reported for it"), default=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return self.name


class Characteristic(models.Model):
    """A protected characteristic the force reports on, such as sex or ethnicity."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("protected characteristic")
        verbose_name_plural = _("protected characteristics")

    def __str__(self):
        return self.name


class Group(models.Model):
    """A group within a characteristic, such as women or people from ethnic minority backgrounds."""

    characteristic = models.ForeignKey(Characteristic, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(_("name"), max_length=80, help_text=_("For example: Women"))
    description = models.CharField(
        _("in a sentence"),
        max_length=120,
        help_text=_("For example: women, or people from ethnic minority backgrounds"),
    )
    offered_at_signup = models.BooleanField(_("candidates can say they belong to it"), default=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["characteristic__display_order", "display_order", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [models.UniqueConstraint(fields=["characteristic", "name"], name="pa_group_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.characteristic})"


class WorkforceFigureQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("group__characteristic", "role").order_by(
            "role__display_order", "group__characteristic__display_order", "group__display_order", "-period"
        )

    def latest(self):
        """The most recent period for each group and role."""
        seen, keep = set(), []
        for figure in self.for_display():
            key = (figure.group_id, figure.role_id)
            if key not in seen:
                seen.add(key)
                keep.append(figure)
        return keep


class WorkforceFigure(models.Model):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="figures")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="figures")
    period = models.CharField(_("period"), max_length=40, help_text=_("For example: 2019 or 31 March 2024"))
    workforce_percent = models.DecimalField(
        _("share of the workforce in this role (%)"), max_digits=5, decimal_places=2
    )
    population_percent = models.DecimalField(
        _("share of the local working-age population (%)"), max_digits=5, decimal_places=2
    )
    applicant_percent = models.DecimalField(
        _("share of current applicants (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=200)
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Tick when the figure is an example, not a published one.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkforceFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("workforce figure")
        verbose_name_plural = _("workforce figures")
        constraints = [
            models.UniqueConstraint(fields=["group", "role", "period"], name="pa_figure_unique_period"),
            models.CheckConstraint(
                condition=Q(workforce_percent__gte=0, workforce_percent__lte=100),
                name="pa_figure_workforce_percent_range",
                violation_error_message=_("The workforce share must be between 0 and 100"),
            ),
            models.CheckConstraint(
                condition=Q(population_percent__gt=0, population_percent__lte=100),
                name="pa_figure_population_percent_range",
                violation_error_message=_("The population share must be more than 0 and no more than 100"),
            ),
            models.CheckConstraint(
                condition=Q(applicant_percent__isnull=True) | Q(applicant_percent__gte=0, applicant_percent__lte=100),
                name="pa_figure_applicant_percent_range",
                violation_error_message=_("The applicant share must be between 0 and 100"),
            ),
        ]

    def __str__(self):
        return f"{self.group.name}, {self.role.name}, {self.period}"

    @property
    def ratio(self) -> Decimal:
        """Workforce share divided by population share: 1 means the role mirrors the area."""
        return (self.workforce_percent / self.population_percent).quantize(Decimal("0.01"))

    @property
    def under_represented(self) -> bool:
        return self.workforce_percent / self.population_percent < under_representation_threshold()


class RepresentationStatement(models.Model):
    """What the force itself publishes about who is under-represented, shown in its own words
    beside the site's comparison (whose threshold is the site's setting, not the force's)."""

    text = models.TextField(_("the force's words"), help_text=_("Exactly as the force published them."))
    source = models.CharField(_("where the force published them"), max_length=250)
    source_url = models.URLField(_("address of the source"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("force's statement on under-representation")
        verbose_name_plural = _("force's statements on under-representation")

    def __str__(self):
        return self.source
