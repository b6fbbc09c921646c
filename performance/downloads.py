"""Every figure of a report in one download: CSV with CSV on the Web (CSVW) metadata, and an
OpenDocument spreadsheet laid out as the Analysis Function's guidance on releasing statistics in
spreadsheets asks: a cover sheet, contents, notes, then one sheet per table, each with its title in
A1, no merged cells and no blank rows inside a table."""

import csv
import io
from collections import defaultdict

from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from performance.presentation import revision_fields

ODS_CONTENT_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
CSVW_CONTENT_TYPE = "application/csvm+json"
NOT_GIVEN = "[x]"  # the Analysis Function's symbol for a cell with nothing in it

# name, CSVW datatype, required, what the column holds
COLUMNS = [
    ("measure", "string", True, "The figure's key, unique in the report."),
    ("label", "string", True, "What the figure counts."),
    ("section", "string", True, "The number of the report's area of work the figure belongs to."),
    ("table", "string", False, "The table the figure sits in (its download name); empty for a figure on its own."),
    ("row_group", "string", False, "The group of rows in the table, if any."),
    ("row", "string", False, "The table row."),
    ("column", "string", False, "The table column."),
    ("value", "decimal", True, "The figure, with the decimal places the report gives."),
    (
        "unit",
        "string",
        True,
        "fte, people, calls, crimes, percent, points, pounds, pounds_million, hours, "
        "duration (seconds), position or number.",
    ),  # fmt: skip
    ("period", "string", True, "The period or date the figure covers, as the report gives it."),
    ("ci_95_plus_or_minus", "decimal", False, "The 95% confidence interval, plus or minus, in the figure's unit."),
    ("sample_size", "integer", False, "How many people the survey asked."),
    ("source", "string", True, "Where the figure comes from."),
    ("report_section", "string", False, "The section or sections of the report that give the figure."),
    ("note", "string", False, "Anything a reader needs to know to use the figure."),
    ("revised_on", "date", False, "When the figure's value was last changed after publication."),
    ("previous_value", "decimal", False, "The value before that change."),
]
FIELDS = [name for name, *_ in COLUMNS]


def report_rows(measures) -> list[dict]:
    """One row per figure, in the report's order."""
    return [
        {
            "measure": m.key,
            "label": m.label,
            "section": m.section.number,
            "table": m.table.slug if m.table_id else "",
            "row_group": m.row_group,
            "row": m.row_label,
            "column": m.column_label,
            "value": m.value_text,
            "unit": m.unit,
            "period": m.period,
            "ci_95_plus_or_minus": m.ci_text,
            "sample_size": m.sample_size or "",
            "source": m.source.name,
            "report_section": m.reference,
            "note": m.note,
            **revision_fields(m),
        }
        for m in measures
    ]


def write_csv(output, rows: list[dict]) -> None:
    writer = csv.DictWriter(output, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(rows)


def csvw_metadata(report, *, csv_url: str, publisher: str) -> dict:
    """CSV on the Web table metadata (W3C Metadata Vocabulary for Tabular Data) for the CSV."""
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_url,
        "dc:title": f"{report.title}: every figure",
        "dc:description": report.summary,
        "dc:publisher": publisher,
        "dc:source": f"{report.title}, {report.date_label}",
        "dc:temporal": report.period,
        "dialect": {"header": True, "encoding": "utf-8"},
        "tableSchema": {
            "columns": [
                {
                    "name": name,
                    "titles": name,
                    "datatype": datatype,
                    "required": required,
                    "dc:description": description,
                }
                for name, datatype, required, description in COLUMNS
            ],
            "primaryKey": "measure",
        },
    }


class Number(str):
    """Text of a number, written to the spreadsheet as a number so that it can be summed."""


def _cell(value) -> TableCell:
    if value in ("", None):
        value = NOT_GIVEN
    if isinstance(value, Number):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def _sheet(name: str, lines: list[list]) -> Table:
    sheet = Table(name=name)
    for line in lines:
        row = TableRow()
        for value in line:
            row.addElement(_cell(value))
        sheet.addElement(row)
    return sheet


def sheet_name(slug: str) -> str:
    """Spreadsheet programs allow 31 characters in a sheet name."""
    return slug[:31]


def ods_bytes(report, *, tables, measures, publisher: str, contact: str) -> bytes:
    by_table = defaultdict(list)
    for m in measures:
        by_table[m.table_id].append(m)
    notes, note_of = [], {}
    for table in tables:
        if table.note:
            notes.append(table.note)
            note_of[("table", table.pk)] = f"[note {len(notes)}]"
    for m in measures:
        if m.note:
            notes.append(f"{m.label}: {m.note}")
            note_of[("measure", m.pk)] = f"[note {len(notes)}]"

    doc = OpenDocumentSpreadsheet()
    cover = [
        [report.title],
        [_("This spreadsheet holds every figure in the report, one table to a worksheet.")],
        [_("Source: %(report)s, %(date)s.") % {"report": report.title, "date": report.date_label}],
        [_("Published by: %(force)s.") % {"force": publisher}],
        [_("Period covered: %(period)s.") % {"period": report.period}],
        [_("Contact: %(contact)s.") % {"contact": contact}],
        [_("Notes are numbered in square brackets, such as [note 1], and listed on the Notes worksheet.")],
        [_("[x] means the report gives nothing for that cell.")],
        [_("Confidence intervals are at 95%, plus or minus, in the figure's own unit.")],
    ]
    doc.spreadsheet.addElement(_sheet("Cover_sheet", cover))

    sheets = [(sheet_name(t.slug), t.caption, by_table[t.pk], t) for t in tables]
    if by_table[None]:
        sheets.append(("Other_figures", _("Figures not in a table, by area of work"), by_table[None], None))
    contents = [[_("Contents")], [_("Worksheet"), _("Table")]]
    contents += [[name, title] for name, title, *_rest in sheets]
    doc.spreadsheet.addElement(_sheet("Contents", contents))

    notes_sheet = [[_("Notes")], [_("Note number"), _("Note text")]]
    notes_sheet += [[f"note {number}", text] for number, text in enumerate(notes, start=1)] or [
        [NOT_GIVEN, _("There are no notes.")]
    ]
    doc.spreadsheet.addElement(_sheet("Notes", notes_sheet))

    header = [
        _("Measure"), _("Label"), _("Section"), _("Row group"), _("Row"), _("Column"), _("Value"), _("Unit"),
        _("Period"), _("Confidence interval (95%, plus or minus)"), _("Sample size"), _("Source"), _("Report section"),
        _("Revised on"), _("Previous value"), _("Notes"),
    ]  # fmt: skip
    for name, title, in_sheet, table in sheets:
        about = _("This worksheet contains one table.")
        if table is not None and ("table", table.pk) in note_of:
            about += " " + _("See %(note)s.") % {"note": note_of[("table", table.pk)]}
        lines = [[title], [about], header]
        for m in in_sheet:
            revised = revision_fields(m)
            lines.append(
                [
                    m.key,
                    m.label,
                    m.section.number,
                    m.row_group,
                    m.row_label,
                    m.column_label,
                    Number(m.value_text),
                    m.unit,
                    m.period,
                    Number(m.ci_text) if m.ci_text else "",
                    Number(m.sample_size) if m.sample_size else "",
                    m.source.name,
                    m.reference,
                    revised["revised_on"],
                    Number(revised["previous_value"]) if revised["previous_value"] else "",
                    note_of.get(("measure", m.pk), ""),
                ]
            )
        doc.spreadsheet.addElement(_sheet(name, lines))
    output = io.BytesIO()
    doc.write(output)
    return output.getvalue()


def csv_text(rows: list[dict]) -> str:
    output = io.StringIO()
    write_csv(output, rows)
    return output.getvalue()
