"""Checks on measures.csv and comparisons.csv, and the totals and charts they feed."""

from collections import defaultdict

from performance.formatting import decimals_in
from performance.models import Unit

from .reading import SLUG, Reader, ReportData, parse_number

UNITS = ", ".join(Unit.values)
NAME = "measures.csv"


def _label(v: dict) -> str:
    row = f"{v['row_group']}, {v['row']}" if v["row_group"] else v["row"]
    return f"{row} ({v['column']})"


def read_measures(reader: Reader, data: ReportData) -> None:
    sections = {s["number"] for s in data.sections}
    tables = {t["slug"]: t for t in data.tables}
    sources = {s["slug"] for s in data.sources}
    keys, cells, headlines = {}, {}, {}
    for position, row in enumerate(reader.rows(NAME)):
        v, line = row.values, row.line
        problems_before = len(reader.problems)

        def problem(reason, line=line):
            reader.problem(NAME, line, reason)

        if not reader.required(NAME, row, "key", "section", "value", "unit", "period", "source"):
            continue
        if not SLUG.match(v["key"]):
            problem(f"key '{v['key']}' must be lower-case letters, numbers and hyphens")
        if not reader.unique(NAME, row, keys, v["key"], f"measure '{v['key']}'"):
            continue
        if v["section"] not in sections:
            problem(f"unknown section '{v['section']}' for measure '{v['key']}'")
        if v["table"]:
            table = tables.get(v["table"])
            if table is None:
                problem(f"unknown table '{v['table']}' for measure '{v['key']}'")
            elif table["section"] != v["section"]:
                problem(f"measure '{v['key']}' is in section {v['section']} but its table is in {table['section']}")
            if not (v["row"] and v["column"]):
                problem(f"measure '{v['key']}' is in a table, so it needs a row and a column")
            else:
                cell = (v["table"], v["row_group"], v["row"], v["column"])
                reader.unique(NAME, row, cells, cell, f"a figure for '{_label(v)}' in table '{v['table']}'")
        elif not v["label"]:
            problem(f"measure '{v['key']}' is not in a table, so it needs a label")
        if v["source"] not in sources:
            problem(f"unknown source '{v['source']}' for measure '{v['key']}'")
        if v["unit"] not in Unit.values:
            problem(f"unknown unit '{v['unit']}' for measure '{v['key']}': use one of {UNITS}")
        value = parse_number(v["value"])
        if value is None:
            problem(f"value '{v['value']}' of measure '{v['key']}' is not a number (write it without commas, £ or %)")
        elif decimals_in(v["value"]) > 4:
            problem(f"value '{v['value']}' has more than 4 decimal places")
        elif v["unit"] == Unit.DURATION and value != int(value):
            problem(f"value '{v['value']}' is a time, so it must be a whole number of seconds")
        ci = parse_number(v["ci"]) if v["ci"] else None
        if v["ci"] and (ci is None or ci < 0):
            problem(f"confidence interval '{v['ci']}' of measure '{v['key']}' is not a positive number")
        sample = v["sample_size"]
        if sample and not (sample.isdigit() and int(sample) > 0):
            problem(f"sample size '{sample}' of measure '{v['key']}' is not a whole number")
        if v["role"] not in ("", "item", "total"):
            problem(f"role must be item, total or empty, not '{v['role']}'")
        if v["role"] == "total" and not (v["table"] and v["total_group"]):
            problem(f"total '{v['key']}' needs a table and a total_group naming the rows it adds up")
        headline = v["headline"]
        if headline and not (headline.isdigit() and int(headline) > 0):
            problem(f"headline '{headline}' must be a whole number (its place in the list) or empty")
        elif headline:
            reader.unique(NAME, row, headlines, int(headline), f"headline {headline}")
        if len(reader.problems) > problems_before:
            continue
        data.measures.append(
            {
                "key": v["key"],
                "section": v["section"],
                "table": v["table"],
                "row_group": v["row_group"],
                "row_label": v["row"],
                "column_label": v["column"],
                "role": v["role"] or "item",
                "total_group": v["total_group"],
                "label": v["label"] or _label(v),
                "value": value,
                "decimals": decimals_in(v["value"]),
                "unit": v["unit"],
                "period": v["period"],
                "ci": ci,
                "sample_size": int(sample) if sample else None,
                "source": v["source"],
                "reference": v["reference"],
                "headline_position": int(headline) if headline else None,
                "note": v["note"],
                "position": position,
                "line": line,
            }
        )


def check_totals(reader: Reader, data: ReportData) -> None:
    """Where the report states a total, the rows must add up to it."""
    groups = defaultdict(list)
    totals = {}
    for m in data.measures:
        if not m["total_group"]:
            continue
        group = (m["table"], m["column_label"], m["total_group"])
        if m["role"] == "total":
            if group in totals:
                reader.problem(NAME, m["line"], f"duplicate row: a second total for '{m['total_group']}'")
            totals[group] = m
        else:
            groups[group].append(m)
    for (table, column, _group), total in totals.items():
        items = groups.get((table, column, _group), [])
        added = sum((m["value"] for m in items), start=type(total["value"])(0))
        if not items:
            reader.problem(NAME, total["line"], f"total '{total['key']}' has no rows to add up")
        elif added != total["value"]:
            lines = ", ".join(str(m["line"]) for m in items)
            reader.problem(
                NAME,
                total["line"],
                f"broken total: '{total['key']}' says {total['value']} but the {len(items)} rows of "
                f"table '{table}', column '{column}' (lines {lines}) add up to {added}",
            )
        else:
            data.totals_checked.append(f"{table} / {column}: {len(items)} rows add up to {total['value']}")


def chart_cells(table: dict, measures: list[dict]) -> list[dict]:
    rows = [r.strip() for r in table["chart_rows"].split(";") if r.strip()]
    columns = [c.strip() for c in table["chart_columns"].split(";") if c.strip()]
    return [
        m
        for m in measures
        if m["role"] != "total"
        and (not rows or m["row_label"] in rows)
        and (not columns or m["column_label"] in columns)
    ]


def check_charts(reader: Reader, data: ReportData) -> None:
    """A chart draws one scale, so everything on it must share a unit."""
    by_table = defaultdict(list)
    for m in data.measures:
        if m["table"]:
            by_table[m["table"]].append(m)
    for table in data.tables:
        measures = by_table.get(table["slug"], [])
        if not measures:
            reader.problem("tables.csv", table["line"], f"table '{table['slug']}' has no measures")
            continue
        if table["chart"] != "yes":
            continue
        for kind, field in (("chart_rows", "row_label"), ("chart_columns", "column_label")):
            known = {m[field] for m in measures}
            for name in filter(None, (n.strip() for n in table[kind].split(";"))):
                if name not in known:
                    reader.problem("tables.csv", table["line"], f"{kind} names '{name}', which is not in the table")
        units = {m["unit"] for m in chart_cells(table, measures)}
        if len(units) > 1:
            reader.problem(
                "tables.csv",
                table["line"],
                f"the chart of '{table['slug']}' would mix units ({', '.join(sorted(units))}): "
                "choose rows or columns that share one unit",
            )


def read_comparisons(reader: Reader, data: ReportData) -> None:
    measures = {m["key"]: m for m in data.measures}
    seen = {}
    for position, row in enumerate(reader.rows("comparisons.csv")):
        v = row.values
        if not reader.required("comparisons.csv", row, "key", "earlier", "later"):
            continue
        if not reader.unique("comparisons.csv", row, seen, v["key"], f"comparison '{v['key']}'"):
            continue
        pair = [measures.get(v["earlier"]), measures.get(v["later"])]
        for name, measure in zip((v["earlier"], v["later"]), pair, strict=True):
            if measure is None:
                reader.problem("comparisons.csv", row.line, f"unknown measure '{name}'")
            elif measure["ci"] is None:
                reader.problem("comparisons.csv", row.line, f"measure '{name}' has no confidence interval to compare")
        if None in pair:
            continue
        if v["earlier"] == v["later"]:
            reader.problem("comparisons.csv", row.line, "a comparison needs two different measures")
        elif pair[0]["unit"] != pair[1]["unit"]:
            reader.problem("comparisons.csv", row.line, "the two measures have different units")
        else:
            data.comparisons.append({**v, "position": position})
