"""Reads for the public pages."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from positive_action.models import Booking, PreparationEvening, RepresentationStatement, WorkforceFigure
from positive_action.models.figures import under_representation_threshold

EVENINGS_PER_PAGE = 10  # preparation evenings on one page of the list


def join_words(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class RoleFigures:
    role: object
    figures: list = field(default_factory=list)

    @property
    def under_represented(self) -> list:
        return [f for f in self.figures if f.under_represented]

    @property
    def periods(self) -> list[str]:
        return sorted({f.period for f in self.figures})

    @property
    def illustrative(self) -> list:
        return [f for f in self.figures if f.illustrative]

    @property
    def sentence(self) -> str:
        """The role's conclusion. While any of its figures is an example, the sentence itself says so."""
        examples, total = len(self.illustrative), len(self.figures)
        values = {
            "role": self.role.plural,
            "groups": join_words([f.group.description for f in self.under_represented]),
            "periods": join_words(self.periods),
            "examples": examples,
            "total": total,
        }
        if not examples:
            if not values["groups"]:
                text = _("Among %(role)s, none of the groups in these figures is under-represented.")
            else:
                text = _("Among %(role)s, %(groups)s are under-represented.")
            return (text + " " + _("Figures for %(periods)s.")) % values
        if examples == total:
            caveat = _("Illustrative only, not published statistics")
        else:
            caveat = _(
                "Partly illustrative (%(examples)s of these %(total)s figures are examples, not published statistics)"
            )
        if not values["groups"]:
            text = _("among %(role)s, none of the groups is under-represented in these figures labelled %(periods)s.")
        else:
            text = _("among %(role)s, %(groups)s are under-represented in these figures labelled %(periods)s.")
        return (caveat + ": " + text) % values


def representation_by_role() -> list[RoleFigures]:
    """The latest figure for each group in each reported role, grouped by role."""
    by_role: dict[int, RoleFigures] = {}
    for figure in WorkforceFigure.objects.filter(role__reported=True).latest():
        by_role.setdefault(figure.role_id, RoleFigures(role=figure.role)).figures.append(figure)
    return list(by_role.values())


def force_statement() -> RepresentationStatement | None:
    return RepresentationStatement.objects.order_by("-updated_at", "-pk").first()


def threshold_percent() -> int:
    return int(under_representation_threshold() * 100)


def upcoming_evenings():
    """Upcoming evenings, each with `people_waiting`."""
    waiting = (
        Booking.objects.filter(evening=OuterRef("pk"), status=Booking.Status.WAITING)
        .order_by()
        .values("evening")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return PreparationEvening.objects.upcoming().annotate(
        people_waiting=Coalesce(Subquery(waiting, output_field=IntegerField()), Value(0))
    )
