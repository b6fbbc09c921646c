"""Look for values in plain text anywhere in the database: every column of
every table, and every session decoded."""

import json
from collections import Counter

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection


def _text(value) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else ""


def table_hits(values) -> Counter:
    """How many rows of each (table, column) hold each value, case-insensitively."""
    needles = [v.lower() for v in values]
    hits = Counter()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from introspection)
            columns = [col[0] for col in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _text(value).lower()
                    for needle in needles:
                        if needle in text:
                            hits[(table, column, needle)] += 1
    return hits


def decoded_sessions() -> list[str]:
    return [json.dumps(SessionStore().decode(s.session_data)) for s in Session.objects.all()]


def session_hits(values) -> list[str]:
    return [v for v in values for text in decoded_sessions() if v.lower() in text.lower()]
