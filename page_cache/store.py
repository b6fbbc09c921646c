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
        self.stored_at = time.monotonic()

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

    def fresh(self) -> bool:
        return time.monotonic() - self.stored_at < self.max_age


_GZIP = [("Content-Encoding", "gzip")]


class PageStore:
    def __init__(self):
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if not entry.fresh():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry, *, max_bytes: int) -> None:
        if entry.size > max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = entry
            self._bytes += entry.size
            while self._bytes > max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def _drop(self, key: tuple) -> None:
        self._bytes -= self._entries.pop(key).size


pages = PageStore()


class FragmentStore:
    """Rendered parts of pages (page_cache.fragments), under the same rules as the
    pages: bounded in size, least recently used first out, each kept at most
    `max_age` seconds, emptied with them when the generation moves on."""

    def __init__(self, max_chars: int):
        self._entries: OrderedDict[tuple, tuple[float, str]] = OrderedDict()
        self._chars = 0
        self._max_chars = max_chars
        self._lock = threading.Lock()

    def get(self, key: tuple, max_age: float) -> str | None:
        with self._lock:
            kept = self._entries.get(key)
            if kept is None:
                return None
            stored_at, html = kept
            if time.monotonic() - stored_at >= max_age:
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return html

    def put(self, key: tuple, html: str) -> None:
        if len(html) > self._max_chars:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (time.monotonic(), html)
            self._chars += len(html)
            while self._chars > self._max_chars:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0

    def __len__(self) -> int:
        return len(self._entries)

    def _drop(self, key: tuple) -> None:
        self._chars -= len(self._entries.pop(key)[1])


# Every network's entry and the layout's parts in each language are far less; the
# bound is for the filter form, one per choice of boxes ticked, which anyone can vary.
fragments = FragmentStore(max_chars=8 * 1024 * 1024)
