"""Turn a table's measures into rows and columns for the page and the downloads."""

from dataclasses import dataclass, field

from django.utils.timezone import localdate

from performance.formatting import UNIT_HEADERS


def _ordered(values):
    return list(dict.fromkeys(values))


def _unit_header(units: set[str]) -> str:
    return UNIT_HEADERS[next(iter(units))] if len(units) == 1 else ""


@dataclass
class Column:
    label: str
    unit: str
    has_ci: bool


@dataclass
class GridRow:
    group: str
    label: str
    unit: str
    is_total: bool
    cells: list = field(default_factory=list)  # (column, measure or None) for each column


@dataclass
class Grid:
    columns: list[Column]
    groups: list[tuple[str, list[GridRow]]]
    periods: list[str]
    sources: list
    sample_sizes: list[str]
    notes: list[str]
    has_ci: bool

    @property
    def width(self) -> int:
        """How many columns the HTML table has, counting confidence interval columns."""
        return 1 + len(self.columns) + sum(c.has_ci for c in self.columns)


def build_grid(table, measures: list) -> Grid:
    measures = sorted(measures, key=lambda m: m.position)
    column_labels = _ordered(m.column_label for m in measures)
    row_keys = _ordered((m.row_group, m.row_label) for m in measures)
    cells = {(m.row_group, m.row_label, m.column_label): m for m in measures}
    columns = []
    for label in column_labels:
        in_column = [m for m in measures if m.column_label == label]
        columns.append(
            Column(label, _unit_header({m.unit for m in in_column}), any(m.ci is not None for m in in_column))
        )
    all_columns_have_units = all(c.unit for c in columns)
    groups: dict[str, list[GridRow]] = {}
    for group, label in row_keys:
        in_row = [m for m in measures if (m.row_group, m.row_label) == (group, label)]
        unit = "" if all_columns_have_units else _unit_header({m.unit for m in in_row})
        row = GridRow(group, label, unit, any(m.role == "total" for m in in_row))
        row.cells = [(c, cells.get((group, label, c.label))) for c in columns]
        groups.setdefault(group, []).append(row)
    return Grid(
        columns=columns,
        groups=list(groups.items()),
        periods=_ordered(m.period for m in measures),
        sources=_ordered(m.source for m in measures),
        sample_sizes=_ordered(f"{m.sample_size:,}" for m in measures if m.sample_size),
        notes=[f"{m.label}: {m.note}" for m in measures if m.note],
        has_ci=any(c.has_ci for c in columns),
    )


DOWNLOAD_FIELDS = [
    "table",
    "row_group",
    "row",
    "column",
    "measure",
    "value",
    "unit",
    "period",
    "ci_95_plus_or_minus",
    "sample_size",
    "source",
    "report_section",
    "note",
    "revised_on",
    "previous_value",
]


def download_rows(table, measures: list) -> list[dict]:
    """One row per figure: the same numbers as the page, with unit, period and source."""
    return [
        {
            "table": table.slug,
            "row_group": m.row_group,
            "row": m.row_label,
            "column": m.column_label,
            "measure": m.key,
            "value": m.value_text,
            "unit": m.unit,
            "period": m.period,
            "ci_95_plus_or_minus": m.ci_text,
            "sample_size": m.sample_size,
            "source": m.source.name,
            "report_section": m.reference,
            "note": m.note,
            **revision_fields(m),
        }
        for m in sorted(measures, key=lambda m: m.position)
    ]


def revision_fields(measure) -> dict:
    """'revised_on' (the date, ISO 8601) and 'previous_value' when staff changed the figure's value."""
    revision = measure.revision
    if revision is None:
        return {"revised_on": "", "previous_value": ""}
    return {"revised_on": localdate(revision.changed_at).isoformat(), "previous_value": measure.previous_value_text}
