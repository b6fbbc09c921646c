from .buddies import Buddy, BuddyAssignment, BuddyContact
from .evenings import Booking, BookingReminder, EveningEvent, PreparationEvening, Venue
from .figures import Characteristic, Group, RepresentationStatement, Role, WorkforceFigure
from .signups import Signup, SignupEqualityAnswers

__all__ = [
    "Booking",
    "BookingReminder",
    "Buddy",
    "BuddyAssignment",
    "BuddyContact",
    "Characteristic",
    "EveningEvent",
    "Group",
    "PreparationEvening",
    "RepresentationStatement",
    "Role",
    "Signup",
    "SignupEqualityAnswers",
    "Venue",
    "WorkforceFigure",
]
