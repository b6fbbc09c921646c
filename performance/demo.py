"""Demo figures: the same loader as `manage.py load_performance_figures`, for the chosen force's reports."""

from performance.loading import load_report_dir, report_dirs


def load(*, force: str) -> dict:
    summaries = [load_report_dir(folder) for folder in report_dirs(force)]
    return {"reports": len(summaries), "measures": sum(s["measures"] for s in summaries)}
