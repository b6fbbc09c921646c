from .advice import AdvicePoint, AdviceStatus, Theme
from .meetings import Invitation, Meeting, MeetingKind, Reply, ScrutinyRecord
from .members import EndReason, GroupAttendance, Membership, Role

__all__ = [
    "AdvicePoint",
    "AdviceStatus",
    "EndReason",
    "GroupAttendance",
    "Invitation",
    "Meeting",
    "MeetingKind",
    "Membership",
    "Reply",
    "Role",
    "ScrutinyRecord",
    "Theme",
]
