"""Demo advisory groups at work: for every group a year of meetings, a scrutiny
session of each kind, a few members and advice points in every status. All of
it is example data, written for the demo and marked as such on the pages.
Safe to run again: a group that already has example advice is left as it is."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from iag.demo import other_forces_demo_groups
from iag.models import AdvisoryGroup
from iag_work.defaults import MEETING_KINDS, THEMES
from iag_work.models import (
    AdvicePoint,
    AdviceStatus,
    Invitation,
    Meeting,
    MeetingKind,
    Membership,
    Role,
    ScrutinyRecord,
    Theme,
)

QUARTERLY_DAYS_AGO = [330, 240, 150, 60, -30]  # the last one is still to come
SCRUTINY_DAYS_AGO = {
    "stop-and-search-scrutiny": 300,
    "body-worn-video-review": 200,
    "custody-visit": 110,
    "complaints-and-conduct-review": 20,
}
SCRUTINY = {
    "stop-and-search-scrutiny": ("{n} stop and search records from {area}, chosen at random from one month", 20),
    "body-worn-video-review": ("{n} body-worn video clips of stops and arrests in {area}", 6),
    "custody-visit": ("A visit to the custody suite serving {area}: {n} custody records read", 8),
    "complaints-and-conduct-review": ("{n} closed complaint files about officers working in {area}", 10),
}
MEMBERS = [
    ("Example Chair", Role.CHAIR, True),
    ("Example Vice-chair", Role.VICE_CHAIR, True),
    ("Example Member", Role.MEMBER, False),
]

# theme slug, status, advice, response, what changed, reason not taken forward
ADVICE = [
    (
        "stop-and-search",
        AdviceStatus.DONE,
        "Officers often did not say which power they were using for a search. People should always hear it.",
        "We agreed and reminded every team at briefings, then checked a sample of recordings a month later.",
        "The reminder card officers carry now lists the powers, and the next sample showed the power given in "
        "nearly every search.",
        "",
    ),
    (
        "communication",
        AdviceStatus.IN_PROGRESS,
        "Young people we spoke to do not know how to complain about a stop. Put it where they will see it.",
        "We are working with youth services on a short guide and a poster for schools and colleges.",
        "",
        "",
    ),
    (
        "custody",
        AdviceStatus.OPEN,
        "The custody suite's information sheet is hard to follow for people whose first language is not English.",
        "",
        "",
        "",
    ),
    (
        "use-of-force",
        AdviceStatus.NOT_TAKEN_FORWARD,
        "Publish every body-worn video clip the group reviews.",
        "We understand why the group asked, but we will publish the group's findings instead.",
        "",
        "The clips show members of the public who have not agreed to be shown, and some are evidence in cases "
        "still going through the courts.",
    ),
    (
        "community-tension",
        AdviceStatus.DONE,
        "Tell community leaders sooner after a serious incident, before rumours spread on social media.",
        "We agreed a message to the group's chair within a few hours of a serious incident.",
        "A call list of community contacts is now part of the duty inspector's first steps.",
        "",
    ),
]


def _at(days_ago: int, hour: int = 18, minute: int = 30) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _area(group: AdvisoryGroup) -> str:
    return group.district.name if group.district_id else "the county"


def _group(group: AdvisoryGroup, kinds: dict, themes: dict) -> None:
    slug = group.slug
    members = [
        Membership.objects.create(
            group=group,
            name=name,
            email=f"{role}.{slug}@example.org",
            role=role,
            name_public=public,
            started_on=timezone.localdate() - timedelta(days=400),
            term_ends_on=timezone.localdate() + timedelta(days=40 if role == Role.MEMBER else 330),
        )
        for name, role, public in MEMBERS
    ]
    quarterly = []
    for days in QUARTERLY_DAYS_AGO:
        starts = _at(days)
        quarterly.append(
            Meeting.objects.create(
                group=group,
                kind=kinds["quarterly-meeting"],
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place=f"Police station, {_area(group)}",
                papers="Example agenda: welcome, actions from last time, "
                "the district commander's update, advice from members, any other business.",
            )
        )
    for kind_slug, days in SCRUTINY_DAYS_AGO.items():
        starts = _at(days, hour=14, minute=0)
        meeting = Meeting.objects.create(
            group=group,
            kind=kinds[kind_slug],
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            place=f"Police station, {_area(group)}",
            capacity=6,
        )
        text, total = SCRUTINY[kind_slug]
        ScrutinyRecord.objects.create(
            meeting=meeting,
            reviewed=text.format(n=total, area=_area(group)),
            appropriate=total - 3,
            needs_improvement=2,
            inappropriate=1,
            published=True,
            comments="Example comments: most records were clear; the group asked for the grounds to be written "
            "more fully in a few of them.",
        )
    past = [m for m in quarterly if m.ends_at < timezone.now()]
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, membership=member, reply="yes", attended=(n + i) % 4 != 0)
        for n, meeting in enumerate(past)
        for i, member in enumerate(members)
    )
    for n, (theme, status, advice, response, changed, reason) in enumerate(ADVICE):
        meeting = past[n % len(past)]
        AdvicePoint.objects.create(
            group=group,
            meeting=meeting,
            theme=themes[theme],
            given_on=timezone.localdate(meeting.starts_at),
            advice=advice,
            status=status,
            force_response=response,
            what_changed=changed,
            not_taken_forward_reason=reason,
            published=True,
            is_example=True,
            responded_on=timezone.localdate(meeting.starts_at) + timedelta(days=21) if response else None,
        )


def unload_other_forces(*, force: str) -> dict:
    """Before the IAG demo removes another force's demo groups: this app's rows
    for those groups (they hold the groups by protected keys)."""
    stale = list(other_forces_demo_groups(force))
    return {
        "advice_points": AdvicePoint.objects.filter(group__in=stale).delete()[0],
        "meetings": Meeting.objects.filter(group__in=stale).delete()[0],
        "memberships": Membership.objects.filter(group__in=stale).delete()[0],
    }


# Only Essex's published pages say what its groups do (quarterly meetings, stop and
# search, body-worn video and custody scrutiny): other forces get no example year.
FORCES_WITH_EXAMPLES = {"essex"}


@transaction.atomic
def load(*, force: str) -> dict:
    if force not in FORCES_WITH_EXAMPLES:
        return {"groups": AdvisoryGroup.objects.count(), "meetings": 0, "advice_points": 0}
    for order, (name, slug, scrutiny) in enumerate(MEETING_KINDS):
        MeetingKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "is_scrutiny": scrutiny, "display_order": order}
        )
    for name, slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})
    kinds = {kind.slug: kind for kind in MeetingKind.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    loaded = 0
    for group in AdvisoryGroup.objects.select_related("district"):
        if not AdvicePoint.objects.filter(group=group, is_example=True).exists():
            _group(group, kinds, themes)
            loaded += 1
    return {
        "groups": AdvisoryGroup.objects.count(),
        "meetings": Meeting.objects.count(),
        "advice_points": AdvicePoint.objects.filter(is_example=True).count(),
    }
