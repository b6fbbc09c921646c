"""Every figure in one download (CSV, its CSV on the Web metadata, an ODS spreadsheet), read back and
compared with the data file; kept by the page cache and renewed when a figure changes."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from odf import teletype
from odf.opendocument import load as load_ods
from odf.table import Table as Sheet
from odf.table import TableCell, TableRow

from performance.loading import read_report_dir
from performance.models import Measure

from .conftest import REPORT_DIR

CSV_URL = "/performance/download/all-figures.csv"
CSVW_URL = "/performance/download/all-figures.csv-metadata.json"
ODS_URL = "/performance/download/all-figures.ods"


@pytest.fixture(scope="module")
def data_file():
    """The report as its data files give it: measures by key, and source names by slug."""
    data = read_report_dir(REPORT_DIR)
    return {m["key"]: m for m in data.measures}, {s["slug"]: s["name"] for s in data.sources}, data


def csv_rows(client) -> list[dict]:
    return list(csv.DictReader(io.StringIO(client.get(CSV_URL).content.decode())))


def sheets(content: bytes) -> dict[str, list[list[tuple[str, str]]]]:
    """Each worksheet: its rows, each a list of (text, value type) cells."""
    doc = load_ods(io.BytesIO(content))
    found = {}
    for sheet in doc.spreadsheet.getElementsByType(Sheet):
        rows = []
        for row in sheet.getElementsByType(TableRow):
            cells = row.getElementsByType(TableCell)
            for cell in cells:
                assert not cell.getAttribute("numbercolumnsspanned"), "merged cell"
                assert not cell.getAttribute("numberrowsspanned"), "merged cell"
            rows.append([(teletype.extractText(c), c.getAttribute("valuetype")) for c in cells])
        found[sheet.getAttribute("name")] = rows
    return found


def test_overview_links_to_the_three_downloads(client, figures):
    html = client.get(reverse("performance:index")).content.decode()
    for url in (CSV_URL, CSVW_URL, ODS_URL):
        assert f'href="{url}"' in html


def test_csv_has_one_row_per_figure_matching_the_data_file(client, figures, data_file):
    measures, source_names, data = data_file
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="all-figures.csv"'
    rows = csv_rows(client)
    assert [r["measure"] for r in rows] == [m["key"] for m in data.measures]
    for row in rows:
        expected = measures[row["measure"]]
        assert Decimal(row["value"]) == expected["value"]
        assert row["value"] == f"{expected['value']:.{expected['decimals']}f}"  # the report's digits
        assert row["unit"] == expected["unit"] and row["period"] == expected["period"]
        assert row["source"] == source_names[expected["source"]]
        assert row["section"] == expected["section"] and row["table"] == expected["table"]
        assert row["note"] == expected["note"] and row["label"] == expected["label"]
        assert (Decimal(row["ci_95_plus_or_minus"]) if row["ci_95_plus_or_minus"] else None) == expected["ci"]
        assert (int(row["sample_size"]) if row["sample_size"] else None) == expected["sample_size"]
        assert row["revised_on"] == row["previous_value"] == ""
    survey = next(r for r in rows if r["measure"] == "pps-confidence-2017-18")
    assert (survey["value"], survey["ci_95_plus_or_minus"], survey["sample_size"]) == ("69.0", "1.1", "7700")


def test_csv_points_to_its_metadata_which_describes_every_column(client, figures):
    csv_response = client.get(CSV_URL)
    assert csv_response["Link"] == f'<{CSVW_URL}>; rel="describedby"; type="application/csvm+json"'
    response = client.get(CSVW_URL)
    assert response["Content-Type"] == "application/csvm+json; charset=utf-8"
    metadata = json.loads(response.content)
    assert metadata["@context"] == "http://www.w3.org/ns/csvw"
    # the CSV's address, relative to the metadata's own
    assert CSVW_URL.rsplit("/", 1)[0] + "/" + metadata["url"] == CSV_URL
    columns = metadata["tableSchema"]["columns"]
    header = next(csv.reader(io.StringIO(csv_response.content.decode())))
    assert [c["titles"] for c in columns] == [c["name"] for c in columns] == header
    assert all(c["dc:description"] for c in columns)
    assert metadata["tableSchema"]["primaryKey"] == "measure"
    rows = csv_rows(client)
    assert len({r["measure"] for r in rows}) == len(rows)  # the primary key holds
    for column in columns:
        values = [r[column["name"]] for r in rows]
        if column["required"]:
            assert all(values), column["name"]
        present = [v for v in values if v]
        if column["datatype"] == "decimal":
            assert all(Decimal(v).is_finite() for v in present), column["name"]
        if column["datatype"] == "integer":
            assert all(v.isdigit() for v in present), column["name"]


def test_spreadsheet_has_cover_contents_notes_and_a_sheet_per_table(client, figures, data_file):
    measures, source_names, data = data_file
    response = client.get(ODS_URL)
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"] == 'attachment; filename="all-figures.ods"'
    found = sheets(response.content)
    table_sheets = [t["slug"] for t in data.tables] + ["Other_figures"]
    assert list(found) == ["Cover_sheet", "Contents", "Notes", *table_sheets]
    cover = [row[0][0] for row in found["Cover_sheet"]]
    assert cover[0] == "Deep dive: more local, visible and accessible policing"
    assert any(line.startswith("Source: ") for line in cover) and any(line.startswith("Contact: ") for line in cover)
    assert "Essex Police" in " ".join(cover)
    for name, rows in found.items():
        assert rows[0][0][0], f"{name} has no title in A1"
        assert all(any(text for text, _ in row) for row in rows), f"{name} has a blank row"
    assert [row[0][0] for row in found["Contents"][2:]] == table_sheets
    notes = {row[0][0]: row[1][0] for row in found["Notes"][2:]}
    seen = {}
    for name in table_sheets:
        header, *rows = found[name][2:]
        assert [text for text, _ in header][:2] == ["Measure", "Label"]
        columns = [text for text, _ in header]
        for row in rows:
            cell = dict(zip(columns, row, strict=True))
            expected = measures[cell["Measure"][0]]
            assert cell["Value"] == (f"{expected['value']:.{expected['decimals']}f}", "float")
            assert cell["Unit"][0] == expected["unit"] and cell["Period"][0] == expected["period"]
            assert cell["Source"][0] == source_names[expected["source"]]
            ci = cell["Confidence interval (95%, plus or minus)"]
            assert ci == (("[x]", "string") if expected["ci"] is None else (ci[0], "float"))
            if expected["note"]:
                marker = cell["Notes"][0]
                assert notes[marker.strip("[]")].endswith(expected["note"])
            seen[cell["Measure"][0]] = name
    assert set(seen) == set(measures)  # every figure, once
    assert seen["officer-strength"] == "Other_figures" and seen["tct-southend"] == "town-centre-constables"


@pytest.mark.parametrize("url", [CSV_URL, CSVW_URL, ODS_URL])
def test_downloads_are_cached_and_renewed_when_a_figure_changes(
    figures, page_cache_on, django_capture_on_commit_callbacks, url
):
    first, second = Client().get(url), Client().get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first.content == second.content and first["Content-Type"] == second["Content-Type"]
    assert second["Content-Disposition"] == first["Content-Disposition"]
    with django_capture_on_commit_callbacks(execute=True):
        measure = Measure.objects.get(key="officer-strength")
        measure.period = "as at 2 July 2019"
        measure.save()
    third = Client().get(url)
    assert third["X-Page-Cache"] == "miss"  # rendered afresh
    if url == CSV_URL:
        assert "as at 2 July 2019" in third.content.decode()
    if url == ODS_URL:
        assert "as at 2 July 2019" in [text for row in sheets(third.content)["Other_figures"] for text, _ in row]


@pytest.mark.django_db
def test_downloads_without_a_report_are_not_found(client):
    for url in (CSV_URL, CSVW_URL, ODS_URL):
        assert client.get(url).status_code == 404
