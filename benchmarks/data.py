"""Data at scale, written with bulk_create through the apps' own models.

`grow(scale)` adds rows until each table holds at least what `scale` asks for,
so the same database can be measured at 10 rows and then at 10,000. Rows it
adds are marked `bench` (emails, slugs, titles) so they are easy to tell apart
from the demo content that `load_demo` puts in first.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

BATCH = 2000
STATUS_CYCLE = ["received", "under_review", "invited", "accepted", "not_accepted", "withdrawn"]
OPEN = {"received", "under_review", "invited"}


@dataclass(frozen=True)
class Scale:
    applications: int = 0
    networks: int = 0
    evenings: int = 0
    bookings: int = 0
    advice_points: int = 0


SMALL = Scale(applications=10, networks=10, evenings=10, bookings=10, advice_points=10)
LARGE = Scale(applications=10_000, networks=500, evenings=200, bookings=10_000, advice_points=10_000)
ADMIN_SMALL = Scale(applications=100)
ADMIN_LARGE = Scale(applications=100_000)


def grow(scale: Scale) -> dict:
    """Add bench rows up to `scale`. Returns how many of each now exist."""
    sizes = {
        "applications": _applications(scale.applications),
        "networks": _networks(scale.networks),
        "evenings": _evenings(scale.evenings),
        "bookings": _bookings(scale.bookings),
        "advice_points": advice_points_grow(scale.advice_points),
    }
    _analyze()
    return sizes


def _analyze() -> None:
    """Planner statistics for the rows just written, as autovacuum gathers them on a
    live database after this many changes. Without them PostgreSQL plans a large
    table as if it were empty or tiny (a sequential scan of 100,000 rows to prefetch
    50 applications' groups), whether or not the server runs autovacuum."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def advice_points_grow(target: int) -> int:
    """Published advice points spread over the groups, themes and statuses."""
    from iag.models import AdvisoryGroup
    from iag_work.models import AdvicePoint, AdviceStatus, Theme

    existing = AdvicePoint.objects.filter(advice__startswith="Bench advice").count()
    groups, themes = list(AdvisoryGroup.objects.order_by("pk")), list(Theme.objects.order_by("pk"))
    if not groups or not themes or target <= existing:
        return max(existing, 0)
    today = timezone.localdate()
    statuses = [s for s in AdviceStatus.values if s != AdviceStatus.NOT_TAKEN_FORWARD]
    AdvicePoint.objects.bulk_create(
        (
            AdvicePoint(
                group=groups[i % len(groups)],
                theme=themes[i % len(themes)],
                given_on=today - timedelta(days=i % 700),
                advice=f"Bench advice {i}",
                status=statuses[i % len(statuses)],
                force_response="Bench response" if i % 2 else "",
                published=True,
            )
            for i in range(existing, target)
        ),
        batch_size=BATCH,
    )
    return target


def _applications(target: int) -> int:
    from iag.models import (
        AdvisoryGroup,
        Application,
        ApplicationChoice,
        ApplicationEvent,
        Community,
        EqualityMonitoring,
    )

    existing = Application.objects.filter(email__startswith="bench-").count()
    groups = list(AdvisoryGroup.objects.order_by("pk"))
    communities = list(Community.objects.order_by("pk"))
    through = Application.communities.through
    now = timezone.now()
    for start in range(existing, target, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, target)):
            status = STATUS_CYCLE[i % len(STATUS_CYCLE)]
            when = now - timedelta(minutes=i)
            rows.append(
                Application(
                    full_name=f"Bench Applicant {i}",
                    email=f"bench-{i}@example.org",
                    phone="07700 900 982",
                    postcode="CM2 6DA",
                    communities_detail="I volunteer with a community group every week.",
                    why_join="I want the police to hear from people like my neighbours.",
                    experience="Years of running a youth club.",
                    can_attend="yes",
                    heard_about="website",
                    consent_at=when,
                    submitted_at=when,
                    status_changed_at=when,
                    status=status,
                    status_key=f"bench-status-key-{i}",
                )
            )
        created = Application.objects.bulk_create(rows)
        ApplicationChoice.objects.bulk_create(
            ApplicationChoice(
                application=app,
                group=groups[app.pk % len(groups)],
                open_email=app.email if app.status in OPEN else None,
            )
            for app in created
        )
        through.objects.bulk_create(
            through(application_id=app.pk, community_id=communities[app.pk % len(communities)].pk) for app in created
        )
        EqualityMonitoring.objects.bulk_create(
            EqualityMonitoring(application=app, age_band="25_34", sex="female") for app in created[::3]
        )
        ApplicationEvent.objects.bulk_create(
            ApplicationEvent(application=app, action="submitted", created_at=app.submitted_at) for app in created
        )
    return max(existing, target)


def _networks(target: int) -> int:
    from networks.models import Category, Network

    existing = Network.objects.filter(slug__startswith="bench-network-").count()
    categories = list(Category.objects.order_by("pk"))
    Network.objects.bulk_create(
        Network(
            name=f"Bench network {i:05d}",
            slug=f"bench-network-{i:05d}",
            summary="A support network for officers, staff and volunteers who share an interest.",
            description="Who we are.\n\nWhat we do: meetings, mentoring and advice.\n\nHow to join: send us a message.",
            category=categories[i % len(categories)],
            open_to_officers=True,
            open_to_staff=True,
            open_to_volunteers=i % 2 == 0,
            contact_email=f"bench-network-{i}@networks.example.org",
            accepts_messages=True,
            board_representative="A chief inspector",
            founded_year=2000 + i % 20,
            is_published=True,
            display_order=100 + i,
        )
        for i in range(existing, target)
    )
    return max(existing, target)


def _evenings(target: int) -> int:
    from positive_action.models import PreparationEvening

    existing = PreparationEvening.objects.filter(title__startswith="Bench evening").count()
    start = timezone.now().replace(hour=18, minute=30, second=0, microsecond=0)
    PreparationEvening.objects.bulk_create(
        PreparationEvening(
            title=f"Bench evening {i:04d}",
            starts_at=start + timedelta(days=10 + i),
            ends_at=start + timedelta(days=10 + i, hours=2),
            mode="in_person",
            venue="Police headquarters",
            address="Springfield, Chelmsford",
            covers="What the assessment centre involves and how to prepare.",
            capacity=60,
        )
        for i in range(existing, target)
    )
    return max(existing, target)


def _bookings(target: int) -> int:
    """Bookings spread over the bench evenings: confirmed places while there is room,
    then the waiting list. Each evening's `booked` is kept equal to its places taken."""
    from django.db.models import Count, Q

    from positive_action.models import Booking, PreparationEvening

    existing = Booking.objects.filter(email__startswith="bench-").count()
    evenings = list(
        PreparationEvening.objects.filter(title__startswith="Bench evening")
        .annotate(taken=Count("bookings", filter=Q(bookings__status="confirmed")))
        .order_by("pk")
    )
    if not evenings or target <= existing:
        return existing
    rows = []
    for i in range(existing, target):
        evening = evenings[i % len(evenings)]
        confirmed = evening.taken < evening.capacity
        evening.taken += confirmed
        rows.append(
            Booking(
                evening=evening,
                name=f"Bench Candidate {i}",
                email=f"bench-{i}@example.org",
                candidate_reference=f"BEN{i:06d}",
                status="confirmed" if confirmed else "waiting",
            )
        )
    Booking.objects.bulk_create(rows, batch_size=BATCH)
    for evening in evenings:
        PreparationEvening.objects.filter(pk=evening.pk).update(booked=evening.taken)
    return target


def context() -> dict:
    """The loaded objects the page list needs (a status link, a booking, a network...).
    They are the first bench rows, so they are the same at 10 and at 10,000 rows."""
    from iag.models import AdvisoryGroup, Application
    from networks.models import Network
    from performance.models import Section, Table
    from positive_action.models import Booking, PreparationEvening

    application = Application.objects.filter(email__startswith="bench-", status="received").order_by("pk").first()
    booking = Booking.objects.filter(email__startswith="bench-", status="confirmed").order_by("pk").first()
    evening = PreparationEvening.objects.filter(title__startswith="Bench evening").order_by("pk").first()
    network = Network.objects.filter(slug__startswith="bench-network-").order_by("pk").first()
    section = Section.objects.order_by("pk").first()
    table = Table.objects.order_by("pk").first()
    return {
        "status_token": application.status_token if application else "",
        "booking_token": booking.token if booking else "",
        "evening_pk": evening.pk if evening else 0,
        "network_slug": network.slug if network else "",
        "section_slug": section.slug if section else "",
        "table_slug": table.slug if table else "",
        "group_slug": AdvisoryGroup.objects.order_by("pk").values_list("slug", flat=True).first() or "",
        "evening_pks": list(
            PreparationEvening.objects.filter(title__startswith="Bench evening").values_list("pk", flat=True)
        ),
        "network_slugs": list(
            Network.objects.filter(slug__startswith="bench-network-").values_list("slug", flat=True)[:100]
        ),
    }
