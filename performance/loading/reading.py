"""Read a report folder and check every row before anything is saved."""

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

COLUMNS = {
    "report.csv": ["slug", "force", "title", "priority", "date_label", "period", "summary"],
    "sections.csv": ["number", "slug", "title", "summary"],
    "sources.csv": ["slug", "name", "description"],
    "tables.csv": [
        "slug",
        "section",
        "caption",
        "row_header",
        "summary",
        "chart",
        "chart_rows",
        "chart_columns",
        "note",
    ],
    "measures.csv": [
        "key",
        "section",
        "table",
        "row_group",
        "row",
        "column",
        "role",
        "total_group",
        "label",
        "value",
        "unit",
        "period",
        "ci",
        "sample_size",
        "source",
        "reference",
        "headline",
        "note",
    ],  # fmt: skip
    "comparisons.csv": ["key", "earlier", "later", "note"],
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_VALUE = Decimal("1e12")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    reason: str

    def __str__(self):
        return f"{self.path}, line {self.line}: {self.reason}"


class DataFileError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Row:
    line: int
    values: dict


@dataclass
class ReportData:
    folder: Path
    report: dict = field(default_factory=dict)
    sections: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    comparisons: list[dict] = field(default_factory=list)
    totals_checked: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "report": self.report.get("slug"),
            "sections": len(self.sections),
            "tables": len(self.tables),
            "measures": len(self.measures),
            "totals checked": len(self.totals_checked),
        }


def parse_number(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() and abs(number) < MAX_VALUE else None


class Reader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []

    def problem(self, name: str, line: int, reason: str) -> None:
        self.problems.append(Problem(str(self.folder / name), line, reason))

    def rows(self, name: str) -> list[Row]:
        path = self.folder / name
        if not path.exists():
            self.problem(name, 0, "the file is missing")
            return []
        rows = []
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = [cell.strip() for cell in next(reader, [])]
            expected = COLUMNS[name]
            if header != expected:
                unknown = [c for c in header if c not in expected]
                missing = [c for c in expected if c not in header]
                reason = "the columns must be, in order: " + ", ".join(expected)
                if unknown:
                    reason += f" (unknown column {', '.join(unknown)})"
                if missing:
                    reason += f" (missing column {', '.join(missing)})"
                self.problem(name, 1, reason)
                return []
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    self.problem(
                        name,
                        reader.line_num,
                        f"has {len(cells)} values but the file has {len(header)} columns "
                        "(put a value that contains a comma in double quotes)",
                    )
                    continue
                rows.append(Row(reader.line_num, {k: v.strip() for k, v in zip(header, cells, strict=True)}))
        return rows

    def required(self, name: str, row: Row, *fields: str) -> bool:
        missing = [f for f in fields if not row.values[f]]
        for f in missing:
            self.problem(name, row.line, f"{f} is missing")
        return not missing

    def unique(self, name: str, row: Row, seen: dict, key, what: str) -> bool:
        if key in seen:
            self.problem(name, row.line, f"duplicate row: {what} is already on line {seen[key]}")
            return False
        seen[key] = row.line
        return True


def read_structure(reader: Reader, data: ReportData) -> None:
    """The report, its sections, sources and tables (measures.py reads the figures)."""
    _read_report(reader, data)
    _read_sections(reader, data)
    _read_sources(reader, data)
    _read_tables(reader, data)


def _read_report(reader: Reader, data: ReportData) -> None:
    rows = reader.rows("report.csv")
    if len(rows) != 1:
        reader.problem("report.csv", rows[1].line if len(rows) > 1 else 2, "the file must have exactly one report row")
        return
    row = rows[0]
    if reader.required("report.csv", row, "slug", "force", "title", "priority", "date_label", "period"):
        if not SLUG.match(row.values["slug"]) or not SLUG.match(row.values["force"]):
            reader.problem("report.csv", row.line, "slug and force must be lower-case letters, numbers and hyphens")
        data.report = row.values


def _read_sections(reader: Reader, data: ReportData) -> None:
    numbers, slugs = {}, {}
    for position, row in enumerate(reader.rows("sections.csv")):
        if not reader.required("sections.csv", row, "number", "slug", "title"):
            continue
        v = row.values
        if not SLUG.match(v["slug"]):
            reader.problem(
                "sections.csv", row.line, f"slug '{v['slug']}' must be lower-case letters, numbers and hyphens"
            )
        if reader.unique("sections.csv", row, numbers, v["number"], f"section {v['number']}") and reader.unique(
            "sections.csv", row, slugs, v["slug"], f"section slug '{v['slug']}'"
        ):
            data.sections.append({**v, "position": position, "line": row.line})


def _read_sources(reader: Reader, data: ReportData) -> None:
    seen = {}
    for row in reader.rows("sources.csv"):
        if reader.required("sources.csv", row, "slug", "name") and reader.unique(
            "sources.csv", row, seen, row.values["slug"], f"source '{row.values['slug']}'"
        ):
            data.sources.append(row.values)


def _read_tables(reader: Reader, data: ReportData) -> None:
    seen = {}
    sections = {s["number"] for s in data.sections}
    for position, row in enumerate(reader.rows("tables.csv")):
        v = row.values
        if not reader.required("tables.csv", row, "slug", "section", "caption", "row_header", "summary"):
            continue
        if not SLUG.match(v["slug"]):
            reader.problem(
                "tables.csv", row.line, f"slug '{v['slug']}' must be lower-case letters, numbers and hyphens"
            )
        if v["section"] not in sections:
            reader.problem("tables.csv", row.line, f"unknown section '{v['section']}'")
        if v["chart"] not in ("yes", "no"):
            reader.problem("tables.csv", row.line, f"chart must be yes or no, not '{v['chart']}'")
        if reader.unique("tables.csv", row, seen, v["slug"], f"table '{v['slug']}'"):
            data.tables.append({**v, "position": position, "line": row.line})
