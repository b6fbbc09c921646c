from .buddies import Buddy, BuddyAssignment
from .evenings import Booking, PreparationEvening
from .figures import Characteristic, Group, RepresentationStatement, Role, WorkforceFigure
from .signups import Signup, SignupEqualityAnswers

__all__ = [
    "Booking",
    "Buddy",
    "BuddyAssignment",
    "Characteristic",
    "Group",
    "PreparationEvening",
    "RepresentationStatement",
    "Role",
    "Signup",
    "SignupEqualityAnswers",
    "WorkforceFigure",
]
