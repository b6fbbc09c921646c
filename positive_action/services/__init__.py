from .bookings import (
    AlreadyBooked,
    EveningFull,
    booking_accept_offer,
    booking_cancel,
    booking_create,
    booking_move_up,
    booking_offer_by_hand,
    booking_receive,
    bookings_mark_attendance,
    evening_cancel,
    evening_capacity_change,
    offers_expire,
    reminders_send,
)
from .buddies import buddy_assign
from .figures import figures_import_csv
from .signups import AlreadySignedUp, signup_create, signup_receive

__all__ = [
    "AlreadyBooked",
    "AlreadySignedUp",
    "EveningFull",
    "booking_accept_offer",
    "booking_cancel",
    "booking_create",
    "booking_move_up",
    "booking_offer_by_hand",
    "booking_receive",
    "bookings_mark_attendance",
    "buddy_assign",
    "evening_cancel",
    "evening_capacity_change",
    "figures_import_csv",
    "offers_expire",
    "reminders_send",
    "signup_create",
    "signup_receive",
]
