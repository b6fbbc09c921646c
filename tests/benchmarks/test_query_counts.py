"""Every public page runs the same number of SQL queries at 10 rows as at 10,000.

The pages are the benchmark's own list (benchmarks/pages.py), so a page added
to the benchmark is checked here too. Rows are written with bulk_create, so the
10,000-row set takes seconds."""

from io import StringIO

from django.core.management import call_command

from benchmarks import data
from benchmarks.pages import PAGES, count_queries


def test_no_public_page_runs_more_queries_with_more_data(client, db):
    call_command("load_demo", stdout=StringIO())
    data.grow(data.SMALL)
    ctx = data.context()
    at_10 = count_queries(client, ctx)

    sizes = data.grow(data.LARGE)
    assert sizes == {
        "applications": 10_000,
        "networks": 500,
        "evenings": 200,
        "bookings": 10_000,
        "advice_points": 10_000,
    }
    at_10_000 = count_queries(client, ctx)

    assert set(at_10) == {page.name for page in PAGES}
    grown = {name: f"{at_10[name]} -> {at_10_000[name]}" for name in at_10 if at_10[name] != at_10_000[name]}
    assert not grown, f"queries at 10 rows -> at 10,000 rows: {grown}"
