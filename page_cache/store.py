"""The per-process store of rendered pages: least recently used first out,
bounded in bytes, emptied whenever the shared generation number moves on."""

import re
import threading
import time
from collections import OrderedDict
from http import HTTPStatus

from page_cache import compression, holes

ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware reads Accept-Encoding


class Entry:
    """A kept page: its status, the headers the whole stack gave it, and its body
    as sent, with a hole for each per-visitor token (page_cache.holes); with
    `compress`, also gzip-compressed once (page_cache.compression)."""

    def __init__(
        self,
        content: bytes,
        headers: dict,
        max_age: float,
        *,
        status: int = 200,
        compress: bool = False,
        is_file: bool = False,
    ):
        self.content = content  # a file as it is, or a page with placeholders for its holes
        self.headers = headers
        self.max_age = max_age
        self.status = status
        self.status_line = f"{status} {HTTPStatus(status).phrase}"
        self.pieces, self.placeholders = ([content], []) if is_file else holes.split(content)
        self.compressed = compression.compress(self.pieces) if compress else None
        # Nothing to fill in: the whole compressed answer is made once.
        self.gzipped = (
            compression.gzip_answer(self.compressed, self.pieces, [])
            if self.compressed is not None and not self.placeholders
            else None
        )

    @property
    def has_holes(self) -> bool:
        return bool(self.placeholders)

    @property
    def size(self) -> int:
        return len(self.content) + sum(map(len, self.compressed or ())) + len(self.gzipped or b"")

    def answer(self, meta: dict, accept_encoding: str) -> tuple[bytes, list[tuple[str, str]]]:
        """The body for one visitor (their own tokens in the holes; `meta` is
        where csrf_token finds and leaves the CSRF secret, as request.META), and
        the header its encoding needs."""
        gzip_ok = self.compressed is not None and ACCEPTS_GZIP.search(accept_encoding)
        if not self.placeholders:
            return (self.gzipped, _GZIP) if gzip_ok else (self.content, [])
        filled = holes.values(self.placeholders, meta)
        if gzip_ok:
            return compression.gzip_answer(self.compressed, self.pieces, filled), _GZIP
        return holes.join(self.pieces, filled), []


_GZIP = [("Content-Encoding", "gzip")]


class BoundedStore:
    """Kept things under keys: least recently used first out when their total size
    would pass `max_size`, and each forgotten once older than its own `max_age`."""

    def __init__(self):
        self._items: OrderedDict[tuple, tuple[float, int, object]] = OrderedDict()  # key: (expires, size, value)
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            expires_at, _size, value = item
            if time.monotonic() >= expires_at:
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return value

    def put(self, key: tuple, value, *, size: int, max_age: float, max_size: int) -> None:
        if size > max_size:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.monotonic() + max_age, size, value)
            self._size += size
            while self._size > max_size:
                self._drop(next(iter(self._items)))

    def items(self) -> list[tuple[tuple, object]]:
        with self._lock:
            return [(key, value) for key, (_expires, _size, value) in self._items.items()]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._items)

    def _drop(self, key: tuple) -> None:
        self._size -= self._items.pop(key)[1]


# Rendered pages (Entry), bounded by settings.PAGE_CACHE_MAX_BYTES.
pages = BoundedStore()
# Rendered parts of pages (page_cache.fragments), under the same rules, emptied with
# the pages. Every network's entry and the layout's parts in each language are far
# less than the bound; it is for the filter form, one per choice of boxes ticked,
# which anyone can vary.
fragments = BoundedStore()
FRAGMENTS_MAX_CHARS = 8 * 1024 * 1024
