"""Snapshots of the equality monitoring totals.

The totals page shows the latest snapshot, never live numbers, so that comparing
the page before and after one application (or one withdrawal or erasure) shows
nothing about that person. A new snapshot is taken when both hold: a month has
passed since the last one, and at least IAG_MONITORING_SNAPSHOT_MIN_NEW
applications have come in since. Within a snapshot, a group's rows are carried
forward from the last one until at least iag.disclosure.THRESHOLD new
applications to that group have come in, so that one group's row cannot be
differenced either."""

import calendar
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from iag.disclosure import THRESHOLD
from iag.models import Application, ApplicationChoice, MonitoringSnapshot
from iag.selectors import monitoring_totals


def snapshot_min_new() -> int:
    return int(settings.IAG_MONITORING_SNAPSHOT_MIN_NEW)


def one_month_after(moment: datetime) -> datetime:
    year, month = divmod(moment.month, 12)
    year, month = moment.year + year, month + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def monitoring_snapshot_due(*, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    previous = MonitoringSnapshot.objects.order_by("-taken_at").first()
    if previous is None:
        return True
    if now < one_month_after(previous.taken_at):
        return False
    new = Application.objects.filter(submitted_at__gt=previous.taken_at, submitted_at__lte=now).count()
    return new >= snapshot_min_new()


def _groups_with_enough_new(previous: MonitoringSnapshot, now: datetime) -> set[int]:
    counted_at = {int(pk): datetime.fromisoformat(at) for pk, at in previous.group_counted_at.items()}
    new: dict[int, int] = {}
    recent = ApplicationChoice.objects.filter(application__submitted_at__gt=min(counted_at.values(), default=now))
    for group_id, submitted_at in recent.values_list("group_id", "application__submitted_at"):
        if group_id in counted_at and counted_at[group_id] < submitted_at <= now:
            new[group_id] = new.get(group_id, 0) + 1
    return {group_id for group_id, n in new.items() if n >= THRESHOLD}


def monitoring_snapshot_take(*, now: datetime | None = None) -> MonitoringSnapshot:
    """Count, protect and freeze the totals now (whether or not one is due)."""
    now = now or timezone.now()
    previous = MonitoringSnapshot.objects.order_by("-taken_at").first()
    tables = monitoring_totals()
    counted_at = {}
    if previous is not None:
        refresh = _groups_with_enough_new(previous, now)
        earlier = {(t["question"], r["group_id"]): r for t in previous.tables for r in t["rows"]}
        for table in tables:
            for i, row in enumerate(table["rows"]):
                key = (table["question"], row["group_id"])
                if key in earlier and row["group_id"] not in refresh:
                    table["rows"][i] = earlier[key]
        counted_at = {int(pk): at for pk, at in previous.group_counted_at.items()}
        counted_at.update({pk: now.isoformat() for pk in refresh})
    for table in tables:
        for row in table["rows"]:
            counted_at.setdefault(row["group_id"], now.isoformat())
    return MonitoringSnapshot.objects.create(
        period=f"{timezone.localtime(now):%Y-%m}",
        taken_at=now,
        applications=Application.objects.filter(submitted_at__lte=now).count(),
        tables=tables,
        group_counted_at={str(pk): at for pk, at in counted_at.items()},
    )


def monitoring_snapshot_take_if_due(*, now: datetime | None = None) -> MonitoringSnapshot | None:
    """The beat task and the totals page call this. None if not due (or taken at the same moment elsewhere)."""
    now = now or timezone.now()
    if not monitoring_snapshot_due(now=now):
        return None
    try:
        with transaction.atomic():
            return monitoring_snapshot_take(now=now)
    except IntegrityError:  # another process took this month's snapshot first
        return None
