"""Reads for the public “You said, we did” pages. Each is a fixed number of
queries however many advice points there are."""

from django.db.models import Count, Q
from django.utils import timezone

from iag.models import AdvisoryGroup
from iag_work.models import AdvicePoint, AdviceStatus, Membership, ScrutinyRecord


def advice_points(*, group=None, theme: str = "", status: str = ""):
    points = AdvicePoint.objects.published().select_related("group", "theme", "meeting__kind")
    if group is not None:
        points = points.filter(group=group)
    if theme:
        points = points.filter(theme__slug=theme)
    if status in AdviceStatus.values:
        points = points.filter(status=status)
    return points


def year_counts(*, group=None) -> list[dict]:
    """For each group: the advice points given this calendar year and how many led to a change. One query."""
    year = timezone.localdate().year
    this_year = Q(advice_points__published=True, advice_points__given_on__year=year)
    groups = AdvisoryGroup.objects.annotate(
        given=Count("advice_points", filter=this_year),
        changed=Count("advice_points", filter=this_year & Q(advice_points__status=AdviceStatus.DONE)),
    ).only("id", "name", "slug")
    if group is not None:
        groups = groups.filter(pk=group.pk)
    return [{"group": g, "given": g.given, "changed": g.changed} for g in groups]


def group_scrutiny(group):
    return (
        ScrutinyRecord.objects.filter(published=True, meeting__group=group)
        .select_related("meeting__kind")
        .order_by("-meeting__starts_at")[:20]
    )


def public_member_names(group) -> list[str]:
    """Only members who agreed to their name being shown."""
    return list(
        Membership.objects.current()
        .filter(group=group, name_public=True, anonymised_at__isnull=True)
        .order_by("name")
        .values_list("name", flat=True)
    )


def has_examples() -> bool:
    return AdvicePoint.objects.published().filter(is_example=True).exists()
