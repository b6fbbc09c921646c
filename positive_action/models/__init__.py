from .buddies import Buddy, BuddyAssignment
from .evenings import Booking, PreparationEvening
from .figures import Characteristic, Group, Role, WorkforceFigure
from .signups import Signup, SignupEqualityAnswers

__all__ = [
    "Booking",
    "Buddy",
    "BuddyAssignment",
    "Characteristic",
    "Group",
    "PreparationEvening",
    "Role",
    "Signup",
    "SignupEqualityAnswers",
    "WorkforceFigure",
]
