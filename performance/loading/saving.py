"""Write checked report data to the database in one transaction, changing only what differs."""

from django.db import transaction

from performance.models import Comparison, Measure, Report, Section, Source, Table
from performance.services import TRACKED_FIELDS, measure_changes, revisions_record

from .reading import ReportData

FOREIGN_KEYS = ["report", "section", "table", "source", "earlier", "later"]


def _sync(model, existing, lookup: dict, values: dict):
    """Create the row, or update only the fields that differ. Returns (object, changed)."""
    obj = existing
    if obj is None:
        obj = model(**lookup, **values)
    else:
        differing = {f: v for f, v in values.items() if getattr(obj, f) != v}
        if not differing:
            return obj, False
        for f, v in differing.items():
            setattr(obj, f, v)
    # Uniqueness and references were checked when the files were read; skip the per-row queries.
    obj.full_clean(exclude=FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
    obj.save()
    return obj, True


@transaction.atomic
def save_report(data: ReportData) -> dict:
    r = data.report
    report, _ = _sync(
        Report,
        Report.objects.filter(slug=r["slug"]).first(),
        {"slug": r["slug"]},
        {k: r[k] for k in ("force", "title", "priority", "date_label", "period", "summary")},
    )
    changed = 0
    sources = {}
    existing_sources = Source.objects.in_bulk([s["slug"] for s in data.sources], field_name="slug")
    for s in data.sources:
        sources[s["slug"]], was = _sync(
            Source,
            existing_sources.get(s["slug"]),
            {"slug": s["slug"]},
            {"name": s["name"], "description": s["description"]},
        )
        changed += was
    sections = {}
    existing_sections = {s.number: s for s in report.sections.all()}
    for s in data.sections:
        values = {k: s[k] for k in ("slug", "title", "summary", "position")}
        sections[s["number"]], was = _sync(
            Section, existing_sections.get(s["number"]), {"report": report, "number": s["number"]}, values
        )
        changed += was
    tables = {}
    existing_tables = {t.slug: t for t in report.tables.all()}
    for t in data.tables:
        values = {
            k: t[k] for k in ("caption", "row_header", "summary", "chart_rows", "chart_columns", "note", "position")
        }
        values.update(section=sections[t["section"]], chart=t["chart"] == "yes")
        tables[t["slug"]], was = _sync(
            Table, existing_tables.get(t["slug"]), {"report": report, "slug": t["slug"]}, values
        )
        changed += was
    measures, revisions = {}, 0
    existing_measures = {m.key: m for m in report.measures.all()}
    for m in data.measures:
        values = {k: m[k] for k in m if k not in ("key", "section", "table", "source", "line")}
        values.update(section=sections[m["section"]], table=tables.get(m["table"]), source=sources[m["source"]])
        old = existing_measures.get(m["key"])
        before = {f: getattr(old, f) for f in TRACKED_FIELDS} if old else None
        measures[m["key"]], was = _sync(Measure, old, {"report": report, "key": m["key"]}, values)
        changed += was
        if was and before:
            changes = measure_changes(before=before, measure=measures[m["key"]])
            revisions += revisions_record(measure=measures[m["key"]], changes=changes, via="data file")
    existing_comparisons = {c.key: c for c in report.comparisons.all()}
    for c in data.comparisons:
        values = {
            "earlier": measures[c["earlier"]],
            "later": measures[c["later"]],
            "note": c["note"],
            "position": c["position"],
        }
        changed += _sync(Comparison, existing_comparisons.get(c["key"]), {"report": report, "key": c["key"]}, values)[1]
    # The folder is the master copy: what it no longer lists goes.
    removed = report.comparisons.exclude(key__in=[c["key"] for c in data.comparisons]).delete()[0]
    removed += report.measures.exclude(key__in=list(measures)).delete()[0]
    removed += report.tables.exclude(slug__in=list(tables)).delete()[0]
    removed += report.sections.exclude(number__in=list(sections)).delete()[0]
    return {
        **data.summary(),
        "rows changed": changed,
        "rows removed": removed,
        "revisions": revisions,
    }
