"""Subject access and erasure across the whole site.

Each app may have a module `<app>/privacy.py` with two functions:

    subject_access(email, *, actor=None) -> dict   # everything it holds about the address
    subject_erase(email, *, actor=None) -> int     # erases or anonymises it; returns how many records

(`actor` is optional in the signature.) A module holding special category
data sets `SPECIAL_CATEGORY = (permission, description)` and leaves that data
out of the export unless the actor has the permission. The collector finds these modules by
app, so a new app joins in by adding the module. A module that sets
`ERASE_LAST = True` is erased after the others (the outbox: other apps'
erasure may queue or delete emails first).
"""

import inspect
import sys
from types import ModuleType

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from audit.models import actor_fields
from outbox import addresses

from .models import PrivacyRequest, email_digest


def hook_modules() -> list[tuple[str, ModuleType]]:
    autodiscover_modules("privacy")
    found = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.privacy")
        if (
            module is not None
            and callable(getattr(module, "subject_access", None))
            and callable(getattr(module, "subject_erase", None))
        ):
            found.append((config.label, module))
    return sorted(found, key=lambda item: bool(getattr(item[1], "ERASE_LAST", False)))


def special_category_parts(user) -> tuple[list[str], list[str]]:
    """What an export made by `user` includes and leaves out of the special
    category data, described for the subject access page."""
    included, withheld = [], []
    for _label, module in hook_modules():
        permission, description = getattr(module, "SPECIAL_CATEGORY", (None, None))
        if permission:
            (included if user.has_perm(permission) else withheld).append(description)
    return included, withheld


def _call(function, email: str, actor):
    if "actor" in inspect.signature(function).parameters:
        return function(email, actor=actor)
    return function(email)


def _count(value) -> int:
    if isinstance(value, dict):
        return sum(_count(v) for v in value.values())
    if isinstance(value, list):
        return len(value)
    return 0


def normalise(email: str) -> str:
    return addresses.normalise(email)


def subject_access_export(*, email: str, actor=None) -> dict:
    """Everything the site holds about `email`, as one JSON-ready dict."""
    email = normalise(email)
    parts = {label: _call(module.subject_access, email, actor) for label, module in hook_modules()}
    summary = {label: _count(data) for label, data in parts.items()}
    PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ACCESS,
        email_hash=email_digest(email),
        records=sum(summary.values()),
        summary=summary,
        **actor_fields(actor),
    )
    return {
        "email": email,
        "generated_at": timezone.now().isoformat(),
        "about": "Everything this site holds about the email address above, by part of the site.",
        "parts": parts,
    }


@transaction.atomic
def subject_erase_everywhere(*, email: str, actor=None) -> dict[str, int]:
    """Erase or anonymise everything held about `email`, in every app. Returns counts by app."""
    email = normalise(email)
    counts = {label: int(_call(module.subject_erase, email, actor) or 0) for label, module in hook_modules()}
    PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ERASURE,
        email_hash=email_digest(email),
        records=sum(counts.values()),
        summary=counts,
        **actor_fields(actor),
    )
    return counts
