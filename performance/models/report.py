from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        """The report the overview shows: the latest published one."""
        return self.published().order_by("-loaded_at", "-pk").first()


class Report(models.Model):
    """A board report whose figures the site publishes as data."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    force = models.SlugField(_("force"), max_length=40, help_text=_("Which demo force the report belongs to."))
    title = models.CharField(_("title"), max_length=200)
    priority = models.CharField(_("Police and Crime Plan priority"), max_length=200)
    date_label = models.CharField(_("date"), max_length=60, help_text=_("As the report gives it, e.g. July 2019."))
    period = models.CharField(_("period covered"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    loaded_at = models.DateTimeField(_("last loaded"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("performance:index")


class Section(models.Model):
    """One of the report's areas of work (4.1 to 4.10, and the survey results)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("number"), max_length=10, help_text=_("As in the report, e.g. 4.1"))
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="performance_section_unique_number"),
            models.UniqueConstraint(fields=["slug"], name="performance_section_unique_slug"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("performance:section", kwargs={"slug": self.slug})


class Source(models.Model):
    """Where figures come from: a survey, national statistics, the force's records."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name
