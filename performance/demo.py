"""Demo figures: the same loader as `manage.py load_performance_figures`, for the chosen force's reports."""

from performance.loading import load_report_dir, report_dirs
from performance.models import Report


def load(*, force: str) -> dict:
    summaries = [load_report_dir(folder) for folder in report_dirs(force)]
    # A force's site shows only its own reports; save() so the page cache hears of it.
    for report in Report.objects.all():
        if report.is_published != (report.force == force):
            report.is_published = report.force == force
            report.save(update_fields=["is_published"])
    return {"reports": len(summaries), "measures": sum(s["measures"] for s in summaries)}
