import csv
import json

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from force.selectors import force_profile
from page_cache.decorators import cached_page
from performance import downloads, selectors
from performance.charts import build_chart
from performance.presentation import DOWNLOAD_FIELDS, build_grid, download_rows
from performance.significance import compare


@cached_page
@require_safe
def index(request):
    report = selectors.current_report()
    context = {"report": report}
    if report is not None:
        context.update(
            headlines=selectors.headline_measures(report),
            sections=report.sections.all(),
            tables=selectors.report_tables(report),
        )
    return render(request, "performance/index.html", context)


@cached_page
@require_safe
def section(request, slug):
    section = selectors.section_for_page(slug)
    tables = []
    for table in selectors.section_tables(section):
        measures = list(table.measures.all())
        tables.append({"table": table, "grid": build_grid(table, measures), "chart": build_chart(table, measures)})
    comparisons = [
        {"result": compare(c.earlier, c.later), "note": c.note} for c in selectors.section_comparisons(section)
    ]
    return render(
        request,
        "performance/section.html",
        {
            "report": section.report,
            "section": section,
            "tables": tables,
            "standalone": selectors.section_standalone_measures(section),
            "comparisons": comparisons,
            "sections": section.report.sections.all(),
        },
    )


def _download(table, extension: str) -> HttpResponse:
    content_type = "text/csv; charset=utf-8" if extension == "csv" else "application/json"
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{table.slug}.{extension}"'
    return response


@cached_page
@require_safe
def table_csv(request, slug):
    table = selectors.table_for_download(slug)
    response = _download(table, "csv")
    writer = csv.DictWriter(response, fieldnames=DOWNLOAD_FIELDS)
    writer.writeheader()
    writer.writerows(download_rows(table, table.measures.all()))
    return response


@cached_page
@require_safe
def table_json(request, slug):
    table = selectors.table_for_download(slug)
    rows = download_rows(table, table.measures.all())
    measures = {m.key: m for m in table.measures.all()}
    for row in rows:
        row["display"] = measures[row["measure"]].display
        row["value"] = json.loads(row["value"])  # a JSON number with the report's digits
        row["ci_95_plus_or_minus"] = json.loads(row["ci_95_plus_or_minus"]) if row["ci_95_plus_or_minus"] else None
        row["revised_on"] = row["revised_on"] or None
        row["previous_value"] = json.loads(row["previous_value"]) if row["previous_value"] else None
    payload = {
        "report": table.report.title,
        "report_date": table.report.date_label,
        "section": f"{table.section.number} {table.section.title}",
        "table": table.slug,
        "caption": table.caption,
        "summary": table.summary,
        "note": table.note,
        "figures": rows,
    }
    response = _download(table, "json")
    response.write(json.dumps(payload, indent=2, ensure_ascii=False))
    return response


REPORT_FILE = "all-figures"


def _attachment(content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@cached_page
@require_safe
def report_csv(request):
    report = selectors.report_for_download()
    response = _attachment("text/csv; charset=utf-8", f"{REPORT_FILE}.csv")
    # How CSV on the Web finds the description of a CSV file's columns.
    metadata = reverse("performance:report_csvw")
    response["Link"] = f'<{metadata}>; rel="describedby"; type="{downloads.CSVW_CONTENT_TYPE}"'
    downloads.write_csv(response, downloads.report_rows(selectors.report_measures(report)))
    return response


@cached_page
@require_safe
def report_csvw(request):
    report = selectors.report_for_download()
    metadata = downloads.csvw_metadata(report, csv_url=f"{REPORT_FILE}.csv", publisher=force_profile().name)
    response = _attachment(f"{downloads.CSVW_CONTENT_TYPE}; charset=utf-8", f"{REPORT_FILE}.csv-metadata.json")
    response.write(json.dumps(metadata, indent=2, ensure_ascii=False))
    return response


@cached_page
@require_safe
def report_ods(request):
    report = selectors.report_for_download()
    force = force_profile()
    contact = ", ".join(filter(None, [force.name, force.website, _("non-emergency phone %s") % force.phone]))
    content = downloads.ods_bytes(
        report,
        tables=list(selectors.report_tables(report)),
        measures=list(selectors.report_measures(report)),
        publisher=force.name,
        contact=contact,
    )
    response = _attachment(downloads.ODS_CONTENT_TYPE, f"{REPORT_FILE}.ods")
    response.write(content)
    return response
