"""Reads for the figures pages: a fixed number of queries however many measures there are."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from performance.models import Comparison, Measure, Report, Section, Table


def current_report() -> Report | None:
    return Report.objects.current()


def headline_measures(report: Report):
    return report.measures.headlines().with_related().with_revisions()


def report_tables(report: Report):
    return report.tables.select_related("section")


def section_for_page(slug: str) -> Section:
    return get_object_or_404(Section.objects.select_related("report"), slug=slug, report__is_published=True)


def section_tables(section: Section):
    measures = Measure.objects.select_related("source").with_revisions().order_by("position")
    return section.tables.prefetch_related(Prefetch("measures", queryset=measures))


def section_standalone_measures(section: Section):
    return section.measures.standalone().select_related("source").with_revisions()


def section_comparisons(section: Section):
    return (
        Comparison.objects.filter(Q(earlier__section=section) | Q(later__section=section))
        .select_related("earlier__source", "later__source")
        .distinct()
    )


def table_for_download(slug: str) -> Table:
    measures = Measure.objects.select_related("source").with_revisions().order_by("position")
    queryset = Table.objects.select_related("report", "section").prefetch_related(
        Prefetch("measures", queryset=measures)
    )
    return get_object_or_404(queryset, slug=slug, report__is_published=True)


def report_for_download() -> Report:
    """The current report with its sections, tables and every figure, for the whole-report downloads."""
    report = current_report()
    if report is None:
        raise Http404("No performance figures have been published yet.")
    return report


def report_measures(report: Report):
    return report.measures.select_related("source", "section", "table").with_revisions().order_by("position")
