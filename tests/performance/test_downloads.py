"""Every table downloads as CSV and JSON with the same numbers as the page, plus unit, period and source."""

import csv
import io
import json
import re
from decimal import Decimal

from django.urls import reverse

from performance.models import Measure, Table


def page_cells(client, table) -> dict[str, str]:
    html = client.get(table.section.get_absolute_url()).content.decode()
    start = html.index(f'data-table="{table.slug}"')
    body = html[start : html.index("</table>", start)]
    return dict(re.findall(r'data-measure="([^"]+)"[^>]*>([^<]+)<', body))


def test_csv_and_json_match_every_table_on_its_page(client, figures):
    measures = {m.key: m for m in Measure.objects.select_related("source")}
    tables = list(Table.objects.select_related("section"))
    assert len(tables) == 20
    for table in tables:
        cells = page_cells(client, table)
        response = client.get(reverse("performance:table_csv", args=[table.slug]))
        assert response["Content-Disposition"] == f'attachment; filename="{table.slug}.csv"'
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        data = json.loads(client.get(reverse("performance:table_json", args=[table.slug])).content)
        assert {r["measure"] for r in rows} == set(cells) == {f["measure"] for f in data["figures"]}, table.slug
        for row, figure in zip(rows, data["figures"], strict=True):
            measure = measures[row["measure"]]
            assert cells[row["measure"]] == measure.display == figure["display"]
            assert Decimal(row["value"]) == measure.value == Decimal(str(figure["value"]))
            for field in ("unit", "period", "source", "ci_95_plus_or_minus"):
                assert row[field] == (str(figure[field]) if figure[field] is not None else "")
            assert row["source"] == measure.source.name and row["period"] == measure.period


def test_csv_keeps_the_report_digits_and_intervals(client, figures):
    response = client.get(reverse("performance:table_csv", args=["public-perception-survey"]))
    rows = {r["measure"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows["pps-confidence-2017-18"]["value"] == "69.0"
    assert rows["pps-confidence-2017-18"]["ci_95_plus_or_minus"] == "1.1"
    assert rows["pps-confidence-2017-18"]["sample_size"] == "7700"
    assert rows["pps-confidence-2017-18"]["source"] == "Essex Police Public Perception Survey"


def test_json_carries_the_table_caption_and_report(client, figures):
    data = json.loads(client.get(reverse("performance:table_json", args=["investment-2019-20"])).content)
    assert data["caption"].startswith("Additional officers and staff funded in 2019/20")
    assert data["report_date"] == "July 2019"
    totals = [f for f in data["figures"] if f["measure"] == "inv-operational-total-officers"]
    assert totals[0]["value"] == 215 and totals[0]["unit"] == "fte" and totals[0]["period"] == "2019/20"


def test_unknown_table_is_not_found(client, figures):
    assert client.get("/performance/no-such-table.csv").status_code == 404
