from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Concat, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.validators import logo_content, logo_extension

from .category import Category


class Audience(models.TextChoices):
    """Who can join a network. The value is used in filter links; each maps to a boolean field."""

    OFFICERS = "officers", _("Police officers")
    STAFF = "staff", _("Police staff")
    VOLUNTEERS = "volunteers", _("Volunteers")
    ALLIES = "allies", _("Friends and allies")

    @property
    def field(self) -> str:
        return f"open_to_{self.value}"


DIRECTORY_FIELDS = (
    "name",
    "slug",
    "summary",
    "is_example",
    "category_id",
    *(audience.field for audience in Audience),
)


class NetworkQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Staff may preview unpublished networks; everyone else sees published ones."""
        return self if user.is_authenticated and user.is_staff else self.published()

    def search(self, words: list[str]):
        """Every word must appear (in any order, any case) in the name, summary or description:
        one LIKE per word on the stored upper-case text, rather than three UPPER()s per row."""
        queryset = self
        for word in words:
            queryset = queryset.filter(search_text__contains=Upper(Value(word)))
        return queryset

    def in_categories(self, categories: list[Category]):
        return self.filter(category__in=categories) if categories else self

    def open_to_any(self, audiences: list[str]):
        condition = Q()
        for audience in audiences:
            condition |= Q(**{Audience(audience).field: True})
        return self.filter(condition)

    def for_directory(self, categories: list[Category]):
        """In directory order (the categories as given, then each network's own order),
        with only the columns an entry shows. The categories are already loaded, so
        their order is each id's place in a list of them rather than a join sorted on
        their names: one expression, where a CASE with a WHEN per category took
        longer for Django to build than for the database to run."""
        if connection.vendor == "postgresql":
            category_order = Func(
                Value([category.pk for category in categories], output_field=ArrayField(models.IntegerField())),
                F("category_id"),
                function="array_position",  # 1, 2, ... in the list's order; NULL (sorted last) for any other
                output_field=models.IntegerField(),
            )
        elif categories:  # elsewhere (SQLite in development), a CASE
            category_order = Case(
                *(When(category_id=category.pk, then=Value(position)) for position, category in enumerate(categories)),
                default=Value(len(categories)),
            )
        else:  # no category, so no network: and a CASE with no WHEN would be ORDER BY 0
            return self.only(*DIRECTORY_FIELDS).order_by("display_order", "name")
        return self.only(*DIRECTORY_FIELDS).order_by(category_order, "display_order", "name")


class Network(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(
        _("short summary"), max_length=300, help_text=_("One or two sentences for the directory")
    )
    description = models.TextField(_("description"), help_text=_("Leave a blank line between paragraphs"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="networks")
    open_to_officers = models.BooleanField(_("open to police officers"), default=True)
    open_to_staff = models.BooleanField(_("open to police staff"), default=True)
    open_to_volunteers = models.BooleanField(_("open to volunteers"), default=False)
    open_to_allies = models.BooleanField(_("open to friends and allies"), default=False)
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Messages from the contact form are sent here")
    )
    show_email = models.BooleanField(_("show the email address on the site"), default=False)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    accepts_messages = models.BooleanField(
        _("offer a contact form"), default=True, help_text=_("Needs a contact email")
    )
    board_representative = models.CharField(
        _("representative on the board the networks sit on"),
        max_length=120,
        blank=True,
        help_text=_("A name or a role"),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    logo = models.FileField(
        _("logo"),
        upload_to="networks/logos/",
        blank=True,
        validators=[logo_extension, logo_content],
        help_text=_("SVG, PNG or JPG, up to 256 KB"),
    )
    logo_alt = models.CharField(_("logo alternative text"), max_length=200, blank=True)
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Tick when this was made up for a demonstration, not published by the force: pages mark it."),
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    # What the directory search looks in, kept by the database whenever a row is written.
    search_text = models.GeneratedField(
        expression=Upper(
            Concat("name", Value(" "), "summary", Value(" "), "description", output_field=models.TextField())
        ),
        output_field=models.TextField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("staff support network")
        verbose_name_plural = _("staff support networks")
        constraints = [
            models.CheckConstraint(
                condition=Q(open_to_officers=True)
                | Q(open_to_staff=True)
                | Q(open_to_volunteers=True)
                | Q(open_to_allies=True),
                name="network_open_to_someone",
                violation_error_message=_("Choose at least one group of people who can join"),
            ),
            models.CheckConstraint(
                condition=Q(accepts_messages=False) | ~Q(contact_email=""),
                name="network_contact_form_has_email",
                violation_error_message=_("A network that offers a contact form needs a contact email"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", args=[self.slug])

    def clean(self):
        if self.logo and not self.logo_alt.strip():
            raise ValidationError({"logo_alt": _("Describe the logo for people who cannot see it")})

    @property
    def audiences(self) -> list[Audience]:
        return [audience for audience in Audience if getattr(self, audience.field)]

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.description.replace("\r\n", "\n").split("\n\n") if part.strip()]

    @property
    def has_contact_form(self) -> bool:
        return self.accepts_messages and bool(self.contact_email)
