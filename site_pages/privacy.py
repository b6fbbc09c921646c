"""Website feedback's part of subject access and erasure: feedback that quotes
the address as a whole (not a longer address that ends with it)."""

from django.db.models import Q

from outbox.addresses import mentions
from site_pages.models import Feedback


def _feedback(email: str):
    candidates = Feedback.objects.filter(Q(comments__icontains=email) | Q(page__icontains=email))
    ids = [f.pk for f in candidates if mentions(f.comments, email) or mentions(f.page, email)]
    return Feedback.objects.filter(pk__in=ids)


def subject_access(email: str) -> dict:
    if not email:
        return {"feedback": []}
    feedback = [
        {"reference": f.reference, "received_at": f.created_at, "page": f.page, "comments": f.comments}
        for f in _feedback(email).order_by("created_at")
    ]
    return {"feedback": feedback}


def subject_erase(email: str) -> int:
    if not email:
        return 0
    return _feedback(email).delete()[0]
