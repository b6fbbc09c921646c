"""The date drill-down of a long admin list, and a filter by a column's values,
read from the column's index.

Django's date hierarchy lists the years, months or days that have rows with
`SELECT DISTINCT DATE_TRUNC(...)` over every row shown: 150 ms at 100,000
notifications, on every visit to the list. Here each period with rows is found
by asking for the earliest row from the start of the next period on, a look-up
in the index of the date column: one query per year, month or day listed."""

import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db import connection, models
from django.utils import timezone


def _start(value, kind: str):
    """The start of the year, month or day holding `value` (a date or a naive datetime)."""
    value = value.replace(month=1, day=1) if kind == "year" else value.replace(day=1) if kind == "month" else value
    if isinstance(value, datetime.datetime):
        value = value.replace(hour=0, minute=0, second=0, microsecond=0)
    return value


def _following(start, kind: str):
    if kind == "year":
        return start.replace(year=start.year + 1)
    if kind == "month":
        return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start + datetime.timedelta(days=1)


def periods_with_rows(queryset, field_name: str, kind: str, *, aware: bool) -> list:
    """As queryset.datetimes(field_name, kind) (or .dates() when not `aware`), ascending."""
    zone = timezone.get_current_timezone() if aware and settings.USE_TZ else None
    found = []
    earliest = queryset.aggregate(earliest=models.Min(field_name))["earliest"]
    while earliest is not None:
        local = timezone.localtime(earliest, zone).replace(tzinfo=None) if zone else earliest
        start = _start(local, kind)
        found.append(timezone.make_aware(start, zone) if zone else start)
        following = _following(start, kind)
        boundary = timezone.make_aware(following, zone) if zone else following
        if boundary <= earliest:  # a period that does not move forward would never end
            break
        earliest = queryset.filter(**{f"{field_name}__gte": boundary}).aggregate(earliest=models.Min(field_name))[
            "earliest"
        ]
    return found


class _IndexedDates:
    """The list's rows as the date hierarchy asks for them."""

    def __init__(self, queryset):
        self.queryset = queryset

    def aggregate(self, *args, **kwargs):
        return self.queryset.aggregate(*args, **kwargs)

    def datetimes(self, field_name, kind):
        return periods_with_rows(self.queryset, field_name, kind, aware=True)

    def dates(self, field_name, kind):
        return periods_with_rows(self.queryset, field_name, kind, aware=False)


class _ChangeListForDates:
    def __init__(self, cl):
        self._cl = cl
        self.queryset = _IndexedDates(cl.queryset)

    def __getattr__(self, name):
        return getattr(self._cl, name)


def long_list_date_hierarchy(cl):
    """Django's date hierarchy, its periods found through the index."""
    return date_hierarchy(_ChangeListForDates(cl))


class IndexedValuesListFilter(admin.AllValuesFieldListFilter):
    """Django's filter by each value a column holds, the values read by stepping
    through the column's index (the next value after each one) rather than with
    SELECT DISTINCT over every row: 150 ms at 100,000 notifications. For a
    column of the model itself, with an index and without NULLs, on an admin
    whose list shows the whole table (as Django's would, the choices do not
    follow the list's other filters)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        if field.null or field_path != field.name or field.model is not model:
            return  # Django's own query
        quote = connection.ops.quote_name
        table, column = quote(model._meta.db_table), quote(field.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH RECURSIVE found(value) AS (SELECT MIN({column}) FROM {table} UNION ALL "
                f"SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > found.value) "
                "FROM found WHERE found.value IS NOT NULL) SELECT value FROM found WHERE value IS NOT NULL"
            )
            self.lookup_choices = [value for (value,) in cursor.fetchall()]
