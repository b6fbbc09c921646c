"""Django admin's history is part of subject access and erasure too: an entry
may name the address (an object's title, a change message)."""

from django.contrib.admin.models import LogEntry

ERASED = "[erased]"


def subject_access(email: str) -> dict:
    return {}


def subject_erase(email: str) -> int:
    if not email:
        return 0
    count = LogEntry.objects.filter(object_repr__icontains=email).update(object_repr=ERASED)
    count += LogEntry.objects.filter(change_message__icontains=email).update(change_message="")
    return count
