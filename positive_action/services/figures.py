"""Load workforce figures from CSV: every row is checked first (by a form,
positive_action.forms.WorkforceFigureRowForm), and if any row is bad nothing is
saved and each bad line is reported with its reason."""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction

from positive_action.forms import WorkforceFigureRowForm
from positive_action.models import Characteristic, Group, Role, WorkforceFigure

REQUIRED = ["characteristic", "group", "role", "period", "workforce_percent", "population_percent", "source"]
MAX_ROWS = 2000


def figures_import_csv(*, text: str) -> dict:
    """Create or update figures from CSV text. Raises ValidationError listing
    every bad line ("Line 4: unknown role 'Sergeant'") and then saves nothing."""
    if "\x00" in text:
        raise ValidationError("The file contains characters that are not text. Save it as CSV (UTF-8).")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ValidationError(f"Line 1: the header is missing the column(s) {', '.join(missing)}.")
    reader.fieldnames = header
    roles = {role.name.lower(): role for role in Role.objects.all()} | {
        role.slug.lower(): role for role in Role.objects.all()
    }
    rows, errors, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(f"Line {line}: the file has more than {MAX_ROWS} rows")
            break
        if None in row:
            errors.append(f"Line {line}: more values than columns")
            continue
        form = WorkforceFigureRowForm({k: v or "" for k, v in row.items()}, roles=roles)
        if not form.is_valid():
            errors.append(f"Line {line}: {form.problems()}")
            continue
        parsed = form.cleaned_data
        key = (parsed["characteristic"].lower(), parsed["group"].lower(), parsed["role"].pk, parsed["period"])
        if key in seen:
            errors.append(f"Line {line}: repeats line {seen[key]}")
            continue
        seen[key] = line
        rows.append(parsed)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("The file has no figures in it.")
    return _save(rows)


@transaction.atomic
def _save(rows: list[dict]) -> dict:
    created = updated = 0
    for row in rows:
        characteristic, _ = Characteristic.objects.get_or_create(
            name__iexact=row["characteristic"], defaults={"name": row["characteristic"]}
        )
        group, _ = Group.objects.get_or_create(
            characteristic=characteristic,
            name__iexact=row["group"],
            defaults={"name": row["group"], "description": row["group"].lower()},
        )
        figure = WorkforceFigure.objects.filter(group=group, role=row["role"], period=row["period"]).first()
        figure = figure or WorkforceFigure(group=group, role=row["role"], period=row["period"])
        fields = ("workforce_percent", "population_percent", "applicant_percent", "source", "illustrative")
        if figure.pk and all(getattr(figure, name) == row[name] for name in fields):
            continue  # unchanged: leave it alone
        created += figure.pk is None
        updated += figure.pk is not None
        for name in fields:
            setattr(figure, name, row[name])
        figure.full_clean()
        figure.save()
    return {"created": created, "updated": updated}
