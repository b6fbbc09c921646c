"""Load a report's figures from its data folder: all of it, or nothing.

Each folder under performance/data/ holds report.csv, sections.csv, sources.csv,
tables.csv, measures.csv and comparisons.csv. `load_report_dir` reads and checks
every file first; any problem stops it with the file, line and reason, and
nothing is saved.
"""

from pathlib import Path

from .measures import check_charts, check_totals, read_comparisons, read_measures
from .reading import DataFileError, Problem, Reader, ReportData, read_structure
from .saving import save_report

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_report_dir(folder: Path) -> ReportData:
    """Read and check every file in a report folder. Raises DataFileError listing every problem."""
    reader = Reader(folder)
    data = ReportData(folder=folder)
    read_structure(reader, data)
    read_measures(reader, data)
    check_totals(reader, data)
    check_charts(reader, data)
    read_comparisons(reader, data)
    if reader.problems:
        raise DataFileError(reader.problems)
    return data


def report_dirs(force: str | None = None) -> list[Path]:
    """The report folders the project keeps, optionally only one force's."""
    dirs = sorted(p for p in DATA_DIR.iterdir() if (p / "report.csv").exists())
    if force is None:
        return dirs
    return [p for p in dirs if read_report_dir(p).report["force"] == force]


def load_report_dir(path: Path, *, check_only: bool = False) -> dict:
    data = read_report_dir(Path(path))
    if check_only:
        return data.summary()
    return save_report(data)


__all__ = ["DATA_DIR", "DataFileError", "Problem", "load_report_dir", "report_dirs"]
