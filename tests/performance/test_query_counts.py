"""Each figures page runs a fixed number of queries, however many measures there are."""

from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import Measure, Section, Source, Table


def add_measures(count: int):
    table = Table.objects.get(slug="town-centre-constables")
    source = Source.objects.first()
    Measure.objects.bulk_create(
        Measure(
            report=table.report, section=table.section, table=table, key=f"extra-{i}", label=f"Extra {i}",
            row_label=f"Extra town {i}", column_label="Constables", value=Decimal(1), unit="people",
            period="2019/20", source=source, position=1000 + i,
        )
        for i in range(count)
    )  # fmt: skip
    section = table.section
    Measure.objects.bulk_create(
        Measure(
            report=section.report, section=section, key=f"extra-standalone-{i}", label=f"Extra figure {i}",
            value=Decimal(2), unit="number", period="2019/20", source=source, position=2000 + i,
        )
        for i in range(count)
    )  # fmt: skip


def count_queries(client, url, django_assert_max_num_queries) -> int:
    client.get(url)  # warm the shared cache (the force profile) first
    with django_assert_max_num_queries(50) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url_name,args", [("performance:index", []), ("performance:section", ["visible-presence"])])
def test_page_queries_do_not_grow_with_the_number_of_measures(
    client, figures, django_assert_max_num_queries, url_name, args
):
    url = reverse(url_name, args=args)
    before = count_queries(client, url, django_assert_max_num_queries)
    add_measures(40)
    assert count_queries(client, url, django_assert_max_num_queries) == before
    assert before <= 10


def test_every_section_page_uses_the_same_small_number_of_queries(client, figures, django_assert_max_num_queries):
    counts = {
        section.slug: count_queries(client, section.get_absolute_url(), django_assert_max_num_queries)
        for section in Section.objects.all()
    }
    assert max(counts.values()) <= 10, counts


def test_download_queries_do_not_grow(client, figures, django_assert_num_queries):
    url = reverse("performance:table_csv", args=["town-centre-constables"])
    client.get(url)
    # the table with its figures, the figures' revisions
    with django_assert_num_queries(3):
        client.get(url)
    add_measures(40)
    with django_assert_num_queries(3):
        assert b"Extra town 39" in client.get(url).content


def test_whole_report_download_queries_do_not_grow(client, figures, django_assert_max_num_queries):
    urls = [reverse("performance:report_csv"), reverse("performance:report_ods")]
    before = [count_queries(client, url, django_assert_max_num_queries) for url in urls]
    add_measures(40)
    assert [count_queries(client, url, django_assert_max_num_queries) for url in urls] == before
    assert max(before) <= 6, before
