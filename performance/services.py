"""Changes to figures. Every change to a measure leaves a revision: who, when, old and new value."""

from decimal import Decimal, InvalidOperation

from django.db import transaction

from performance.models import Measure, MeasureRevision

# Fields whose changes are recorded in the measure's history.
TRACKED_FIELDS = ["label", "value", "decimals", "unit", "period", "ci", "sample_size", "source_id", "note"]


def _text(value) -> str:
    return "" if value is None else str(value)


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        try:
            return old is not None and new is not None and Decimal(str(old)) == Decimal(str(new))
        except InvalidOperation:
            return False
    return _text(old) == _text(new)


def measure_changes(*, before: dict, measure: Measure) -> dict[str, tuple[str, str]]:
    """The tracked fields that differ between `before` (field -> value) and the measure now."""
    changes = {}
    for field in TRACKED_FIELDS:
        old, new = before.get(field), getattr(measure, field)
        if not _same(old, new):
            changes[field] = (_text(old), _text(new))
    return changes


def revisions_record(*, measure: Measure, changes: dict[str, tuple[str, str]], changed_by=None, via: str) -> int:
    MeasureRevision.objects.bulk_create(
        MeasureRevision(
            measure=measure,
            changed_by=changed_by,
            via=via,
            field=field.removesuffix("_id"),
            old_value=old,
            new_value=new,
        )
        for field, (old, new) in changes.items()
    )
    return len(changes)


@transaction.atomic
def measure_update(*, measure: Measure, changed_by=None, via: str = "admin") -> Measure:
    """Save a measure edited by staff, recording what changed."""
    before = {}
    if measure.pk:
        before = Measure.objects.filter(pk=measure.pk).values(*TRACKED_FIELDS).first() or {}
    measure.full_clean()
    measure.save()
    if before:
        revisions_record(
            measure=measure, changes=measure_changes(before=before, measure=measure), changed_by=changed_by, via=via
        )
    return measure
