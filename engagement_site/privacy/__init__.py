"""Personal data: staff sign-in (staff.py, middleware.py), encrypted fields
(fields.py), and subject access and erasure across the site (collector.py,
admin.py).

This module is also engagement_site's own hook for the collector (outbox,
feedback, admin history): see outbox.py.
"""

ERASE_LAST = True  # other apps' erasure may queue or delete emails first


def subject_access(email: str) -> dict:
    from .outbox import subject_access as access

    return access(email)


def subject_erase(email: str) -> int:
    from .outbox import subject_erase as erase

    return erase(email)
