"""A content edit anywhere shows everywhere within a second: saving or deleting
one of the content models (settings.PAGE_CACHE_CONTENT_MODELS) bumps a
generation number in the shared cache once the transaction commits; each
process reads it at most once per PAGE_CACHE_GENERATION_CHECK_SECONDS and
empties its own stores (pages and fragments of pages) when it has moved on."""

import logging
import secrets
import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from page_cache.store import fragments, pages

logger = logging.getLogger(__name__)
GENERATION_KEY = "page_cache:generation"


_state = {"generation": None, "checked_at": float("-inf")}
_lock = threading.Lock()


def current() -> bool:
    """True when this process's store may be used: the shared generation was
    read within the check interval and the store belongs to it. False (cache
    down) means render afresh: an edit might have been missed."""
    now = time.monotonic()
    with _lock:
        if now - _state["checked_at"] < settings.PAGE_CACHE_GENERATION_CHECK_SECONDS:
            return _state["generation"] is not None
    try:
        generation = cache.get(GENERATION_KEY, 0)
    except Exception as exc:  # noqa: BLE001 - cache outage: serve fresh pages, log it
        logger.warning("Page cache skipped, shared cache unavailable: %s", exc)
        generation = None
    with _lock:
        if generation != _state["generation"]:
            pages.clear()
            fragments.clear()
            _state["generation"] = generation
        _state["checked_at"] = now
    return generation is not None


def bump() -> None:
    """A content model changed: every process renders afresh."""
    pages.clear()
    fragments.clear()
    with _lock:
        _state["checked_at"] = float("-inf")  # read the new number on the next request
    try:
        # A new random number, not an increment: it cannot come back round to one a
        # process already holds, even if the key were lost.
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception as exc:  # noqa: BLE001 - other processes catch up by max age
        logger.warning("Page cache generation not bumped, shared cache unavailable: %s", exc)


def content_changed(sender, **kwargs) -> None:
    transaction.on_commit(bump)


def connect_content_models() -> None:
    for label in settings.PAGE_CACHE_CONTENT_MODELS:
        model = apps.get_model(label)
        uid = f"page_cache:{label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(content_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}")
