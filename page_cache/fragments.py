"""Parts of a page that are the same for every visitor, kept rendered in each
process: for pages that are never kept whole (a free-text search), so the parts
they share with other pages are not drawn again on every request.

A key names what the part shows (say, one network's entry in one language) and
must never hold what a visitor typed; a part must hold nothing personal. Parts
go with the kept pages: a content edit empties them (page_cache.invalidation),
and none is older than PAGE_CACHE_MAX_AGE."""

from collections.abc import Callable

from django.conf import settings

from page_cache import invalidation
from page_cache.store import FRAGMENTS_MAX_CHARS, fragments


def kept(key: tuple, render: Callable[[], str]) -> str:
    """The part under `key`, rendered by `render` when not kept (or when the
    page cache is off or cannot tell whether content changed: then every time)."""
    if not (settings.PAGE_CACHE_ENABLED and invalidation.current()):
        return render()
    html = fragments.get(key)
    if html is None:
        html = render()
        fragments.put(key, html, size=len(html), max_age=settings.PAGE_CACHE_MAX_AGE, max_size=FRAGMENTS_MAX_CHARS)
    return html
