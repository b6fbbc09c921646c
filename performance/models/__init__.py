from .measures import Comparison, Measure, MeasureRevision, Table, Unit
from .report import Report, Section, Source

__all__ = ["Comparison", "Measure", "MeasureRevision", "Report", "Section", "Source", "Table", "Unit"]
