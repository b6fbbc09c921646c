from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from performance.formatting import WORD_UNITS, ci_places, format_value

from .report import Report, Section, Source


class Unit(models.TextChoices):
    FTE = "fte", _("FTE (full-time equivalent)")
    PEOPLE = "people", _("people")
    CALLS = "calls", _("calls")
    CRIMES = "crimes", _("crimes")
    PERCENT = "percent", _("per cent")
    POINTS = "points", _("percentage points")
    POUNDS = "pounds", _("pounds (£)")
    POUNDS_MILLION = "pounds_million", _("£ million")
    HOURS = "hours", _("hours")
    DURATION = "duration", _("time (hours:minutes:seconds)")
    POSITION = "position", _("position (rank)")
    NUMBER = "number", _("number")


class Table(models.Model):
    """A series of measures shown together, drawn as a chart and downloadable."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="tables")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="tables")
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in the download addresses."))
    caption = models.CharField(_("caption"), max_length=250)
    row_header = models.CharField(_("heading of the first column"), max_length=80)
    summary = models.TextField(_("what it shows"), help_text=_("One or two sentences in plain words."))
    chart = models.BooleanField(_("draw a chart"), default=False)
    chart_rows = models.CharField(_("rows to chart"), max_length=250, blank=True, help_text=_("Separate with ;"))
    chart_columns = models.CharField(_("columns to chart"), max_length=250, blank=True, help_text=_("Separate with ;"))
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")

    def __str__(self):
        return self.caption


class MeasureQuerySet(models.QuerySet):
    def standalone(self):
        return self.filter(table__isnull=True)

    def headlines(self):
        return self.filter(headline_position__isnull=False).order_by("headline_position")

    def with_related(self):
        return self.select_related("source", "section")

    def with_revisions(self):
        """Each measure's changes of value, newest first, as `value_revisions` (one query for all)."""
        revisions = MeasureRevision.objects.filter(field="value").order_by("-changed_at", "-pk")
        return self.prefetch_related(Prefetch("revisions", queryset=revisions, to_attr="value_revisions"))


class Measure(models.Model):
    """One figure from the report, with its unit, period and source."""

    class Role(models.TextChoices):
        ITEM = "item", _("item")
        TOTAL = "total", _("total of the items in its group")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="measures")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="measures")
    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="measures", null=True, blank=True)
    key = models.SlugField(_("key"), max_length=80, help_text=_("The measure's name in the data file."))
    label = models.CharField(_("label"), max_length=250)
    row_group = models.CharField(_("row group"), max_length=120, blank=True)
    row_label = models.CharField(_("row"), max_length=250, blank=True)
    column_label = models.CharField(_("column"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ITEM)
    total_group = models.CharField(_("total group"), max_length=60, blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    decimals = models.PositiveSmallIntegerField(_("decimal places shown"), default=0)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    period = models.CharField(
        _("period"), max_length=120, help_text=_("A year such as 2018/19, or 'as at 1 July 2019'")
    )
    ci = models.DecimalField(
        _("95% confidence interval (plus or minus)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="measures")
    reference = models.CharField(_("section of the report"), max_length=40, blank=True)
    headline_position = models.PositiveSmallIntegerField(_("headline position"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="performance_measure_unique_key"),
            models.UniqueConstraint(
                fields=["table", "row_group", "row_label", "column_label"],
                condition=Q(table__isnull=False),
                name="performance_measure_unique_cell",
            ),
            models.CheckConstraint(condition=Q(ci__isnull=True) | Q(ci__gte=0), name="performance_measure_ci_positive"),
            models.CheckConstraint(condition=Q(decimals__lte=4), name="performance_measure_decimals_max_4"),
        ]

    def __str__(self):
        return f"{self.label}: {self.display}"

    def clean(self):
        if self.table_id and not (self.row_label and self.column_label):
            raise ValidationError(_("A measure in a table needs a row and a column."))
        if self.unit == Unit.DURATION and self.decimals:
            raise ValidationError({"value": _("A time is a whole number of seconds.")})

    @property
    def display(self) -> str:
        return format_value(self.value, self.unit, self.decimals)

    @property
    def display_with_unit(self) -> str:
        """'3,069.67 FTE', '94%', '£115,398', '13'."""
        word = WORD_UNITS.get(self.unit)
        return f"{self.display} {word}" if word else self.display

    @property
    def ci_text(self) -> str:
        return "" if self.ci is None else f"{self.ci:.{ci_places(self.decimals, self.ci)}f}"

    @property
    def value_text(self) -> str:
        """The number exactly as the report gives it, without grouping or unit."""
        return f"{self.value:.{self.decimals}f}"

    @property
    def revision(self) -> "MeasureRevision | None":
        """The latest change of value since publication, which the figure shows as 'revised'."""
        revisions = getattr(self, "value_revisions", None)
        if revisions is None:
            revisions = self.revisions.filter(field="value").order_by("-changed_at", "-pk")[:1]
        return next(iter(revisions), None)

    @property
    def previous_display(self) -> str:
        """The value before the latest revision, written the way the figure is written now."""
        revision = self.revision
        return format_value(Decimal(revision.old_value), self.unit, self.decimals) if revision else ""

    @property
    def previous_value_text(self) -> str:
        revision = self.revision
        return f"{Decimal(revision.old_value):.{self.decimals}f}" if revision else ""


class MeasureRevision(models.Model):
    """A change to a figure: who made it, when, and the old and new values."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="revisions")
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    via = models.CharField(_("changed through"), max_length=40, help_text=_("admin or data file"))
    field = models.CharField(_("field"), max_length=40)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("measure revision")
        verbose_name_plural = _("measure revisions")

    def __str__(self):
        return f"{self.measure.key} {self.field}: {self.old_value} → {self.new_value}"


class Comparison(models.Model):
    """Two survey results the site compares, saying whether the change is more than chance."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comparisons")
    key = models.SlugField(_("key"), max_length=80)
    earlier = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="+")
    later = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="performance_comparison_unique_key"),
            models.CheckConstraint(condition=~Q(earlier=F("later")), name="performance_comparison_two_measures"),
        ]

    def __str__(self):
        return f"{self.earlier.label} / {self.later.label}"
