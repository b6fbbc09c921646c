from .applications import Application, ApplicationChoice, ApplicationQuerySet, CanAttend, HeardAbout, Status
from .audit import ApplicationEvent
from .decisions import DecisionTemplate
from .groups import AdvisoryGroup, Community
from .monitoring import EqualityMonitoring
from .snapshots import MonitoringSnapshot

__all__ = [
    "AdvisoryGroup",
    "Application",
    "ApplicationChoice",
    "ApplicationEvent",
    "ApplicationQuerySet",
    "CanAttend",
    "Community",
    "DecisionTemplate",
    "EqualityMonitoring",
    "HeardAbout",
    "MonitoringSnapshot",
    "Status",
]
