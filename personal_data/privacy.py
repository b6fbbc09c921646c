"""Django admin's history is part of subject access and erasure too: an entry
may name the address (an object's title, a change message)."""

from django.contrib.admin.models import LogEntry

from outbox.addresses import mentions

ERASED = "[erased]"


def _log_entries(email: str, field: str) -> list[int]:
    candidates = LogEntry.objects.filter(**{f"{field}__icontains": email}).only("pk", field)
    return [entry.pk for entry in candidates if mentions(getattr(entry, field), email)]


def subject_access(email: str) -> dict:
    return {}


def subject_erase(email: str) -> int:
    if not email:
        return 0
    count = LogEntry.objects.filter(pk__in=_log_entries(email, "object_repr")).update(object_repr=ERASED)
    count += LogEntry.objects.filter(pk__in=_log_entries(email, "change_message")).update(change_message="")
    return count
