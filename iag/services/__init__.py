from .applications import DuplicateApplicationError, application_receive, application_submit
from .privacy import application_erase, application_withdraw, applications_anonymise_expired
from .workflow import TransitionError, application_event_record, application_note_add, application_transition

__all__ = [
    "DuplicateApplicationError",
    "TransitionError",
    "application_erase",
    "application_event_record",
    "application_note_add",
    "application_receive",
    "application_submit",
    "application_transition",
    "application_withdraw",
    "applications_anonymise_expired",
]
