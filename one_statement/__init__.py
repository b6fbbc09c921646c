"""A submission's rows saved by one statement.

A form's record, the rows that hang off it, its emails and its one-time token
are inserted (and a draft deleted) by one PostgreSQL statement, a
data-modifying WITH, which is atomic by itself: one round trip, no BEGIN and
COMMIT around it. Keys that something must name before the rows are saved (an
email linking to the record) are taken from their sequences first, in one
query. Elsewhere (SQLite in development) the same rows are saved one by one in
a transaction. Outside a block, each call saves at once, as the ORM would.

    with one_statement():
        pks_reserve(record)            # record.pk is known from here on
        insert(record)
        insert(*children)
        after_save(lambda: ...)        # on commit, once the rows are saved

A row may also depend on a conditional UPDATE in the same statement
(`update_returning_pk`: a place taken on an evening), and a service that cannot
do its work in one statement this time raises `NeedsTransaction`.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import groupby

from django.db import connection, models, transaction
from django.db.models.expressions import Expression, RawSQL
from django.db.models.sql import DeleteQuery, InsertQuery, UpdateQuery

_batch: ContextVar["_Batch | None"] = ContextVar("one_statement_batch", default=None)
_after_conflict: ContextVar[bool] = ContextVar("one_statement_after_conflict", default=False)


class NeedsTransaction(Exception):  # noqa: N818 - a request, not a failure
    """Raised by a service that cannot do its work in one statement this time
    (a full evening's waiting list, say): the caller runs it again in a
    transaction (protected_forms' create_once does)."""


class _Batch:
    def __init__(self, *, collect: bool):
        self.collect = collect  # False: each call saves at once, in the block's transaction
        self.updates: list[str] = []
        self.update_params: list = []
        self.rows: list[models.Model] = []
        self.deletes: list[models.QuerySet] = []
        self.callbacks: list[Callable[[], None]] = []
        self.when_saved: list[Callable[[], None]] = []


def _single_statement() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def one_statement(*, with_other_writes: bool = False):
    """Collect the rows given to `insert` and `delete` and save them together
    when the block ends without an error (nothing is saved if it raises).

    `with_other_writes`: the block also writes through the ORM directly, so it
    is one transaction in which each call saves at once (as on other databases):
    a row given inside a savepoint that is rolled back is never saved.

    Inside another block, a block is part of it: a service can be called on its
    own or as part of a caller's statement."""
    if _batch.get() is not None:
        yield
        return
    batch = _Batch(collect=_single_statement() and not with_other_writes)
    token = _batch.set(batch)
    try:
        if not batch.collect:
            with transaction.atomic():
                yield
        else:
            yield
            # In a caller's transaction, a savepoint keeps a refused statement from spoiling it.
            with transaction.atomic() if connection.in_atomic_block else _no_transaction():
                _execute(batch)
            _run_callbacks(batch)
        for callback in batch.when_saved:
            callback()
    finally:
        _batch.reset(token)


@contextmanager
def _no_transaction():
    yield


@contextmanager
def after_conflict():
    """Marks a second try after the database refused the first: a service that
    leaves its duplicate check to a unique index checks first this time, to
    answer as it would for a duplicate."""
    token = _after_conflict.set(True)
    try:
        yield
    finally:
        _after_conflict.reset(token)


def retrying_after_conflict() -> bool:
    return _after_conflict.get()


def collecting() -> bool:
    """True inside a block whose rows wait for its one statement: a service may
    then leave a rule to the database (a unique key) rather than look first."""
    return _collecting() is not None


def _collecting() -> _Batch | None:
    batch = _batch.get()
    return batch if batch is not None and batch.collect else None


def pks_reserve(*instances: models.Model) -> None:
    """Give unsaved rows their primary keys now (one query for all of them)."""
    if _collecting() is None:
        insert(*instances)  # saving is how the other databases hand out keys
        return
    by_model = [(model, list(rows)) for model, rows in groupby(instances, key=type)]
    selects, params = [], []
    for model, rows in by_model:
        selects.append("ARRAY(SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s))")
        params += [model._meta.db_table, model._meta.pk.column, len(rows)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        arrays = cursor.fetchone()
    for (_model, rows), pks in zip(by_model, arrays, strict=True):
        for row, pk in zip(rows, pks, strict=True):
            row.pk = pk


def insert(*instances: models.Model) -> None:
    """Insert these rows (with the block's statement, or at once); rows already saved are skipped."""
    instances = [row for row in instances if row._state.adding]
    batch = _collecting()
    for model, rows in groupby(instances, key=type):
        rows = list(rows)
        if batch is not None:
            for row in rows:
                row._prepare_related_fields_for_save(operation_name="save")
            batch.rows.extend(rows)
        else:
            model._base_manager.bulk_create(rows)


def update_returning_pk(queryset: models.QuerySet, **changes) -> Expression:
    """Update the row `queryset` finds (at most one) with the block's statement,
    and return an expression for its primary key (NULL when no row matched), to
    give as a value of an inserted row: an insert that needs the update to
    have happened is then refused by its NOT NULL column, and with it the
    whole statement. Only inside a block that collects (see `collecting`)."""
    batch = _collecting()
    if batch is None:
        raise RuntimeError("update_returning_pk needs a one_statement block that collects")
    query = queryset.query.chain(UpdateQuery)
    query.add_update_values(changes)
    sql, params = query.get_compiler(connection=connection).as_sql()
    name = f"u{len(batch.updates)}"
    pk = connection.ops.quote_name(queryset.model._meta.pk.column)
    batch.updates.append(f"{name} AS ({sql} RETURNING {pk})")
    batch.update_params += list(params)
    return RawSQL(f"SELECT {pk} FROM {name}", [], output_field=queryset.model._meta.pk)


def delete(queryset: models.QuerySet) -> None:
    """Delete these rows (with the block's statement, or at once). Only for rows
    that nothing else refers to: no cascade, no signals."""
    batch = _collecting()
    if batch is not None:
        batch.deletes.append(queryset)
    else:
        queryset._raw_delete(queryset.db)


def after_save(callback: Callable[[], None]) -> None:
    """Run `callback` on commit, once the rows are saved."""
    batch = _collecting()
    if batch is not None:
        batch.callbacks.append(callback)
    else:
        transaction.on_commit(callback)


def when_saved(callback: Callable[[], None]) -> None:
    """Run `callback` as soon as the block's rows are saved (before any commit of
    a caller's transaction): for bookkeeping in this process, such as the session."""
    batch = _batch.get()
    if batch is not None:
        batch.when_saved.append(callback)
    else:
        callback()


def _run_callbacks(batch: _Batch) -> None:
    for callback in batch.callbacks:
        transaction.on_commit(callback)


def _execute(batch: _Batch) -> None:
    """One `WITH q0 AS (INSERT ...), ... SELECT ARRAY(SELECT id FROM q0), ...`:
    the rows without a key get theirs back from RETURNING, in the order given."""
    parts, params, returned = list(batch.updates), list(batch.update_params), []
    for model, rows in groupby(batch.rows, key=type):
        rows = list(rows)
        for has_pk, same in groupby(rows, key=lambda row: row.pk is not None):
            same = list(same)
            sql, sql_params = _insert_sql(model, same, returning=not has_pk)
            name = f"q{len(parts) - len(batch.updates)}"
            parts.append(f"{name} AS ({sql})")
            params += sql_params
            if not has_pk:
                returned.append((name, model, same))
    for queryset in batch.deletes:
        query = queryset.query.clone()
        query.__class__ = DeleteQuery
        sql, sql_params = query.get_compiler(connection=connection).as_sql()
        parts.append(f"d{len(parts)} AS ({sql})")
        params += sql_params
    if not parts:
        return
    quote = connection.ops.quote_name
    selects = [f"ARRAY(SELECT {quote(model._meta.pk.column)} FROM {name})" for name, model, _rows in returned]
    sql = f"WITH {', '.join(parts)} SELECT {', '.join(selects) or '1'}"
    with transaction.mark_for_rollback_on_error(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        arrays = cursor.fetchone() if returned else ()
    for (_name, _model, rows), pks in zip(returned, arrays, strict=True):
        for row, pk in zip(rows, pks, strict=True):
            row.pk = pk
    for row in batch.rows:
        row._state.adding = False
        row._state.db = connection.alias


# The SQL of each INSERT shape, (model, RETURNING or not, number of rows), as
# Django's compiler first wrote it: building it again for every submission cost
# more than sending it. The values are still prepared as the compiler would.
_insert_shapes: dict[tuple, tuple[str, bool]] = {}


def _insert_sql(model, rows: list[models.Model], *, returning: bool) -> tuple[str, list]:
    opts = model._meta
    fields = [field for field in opts.concrete_fields if not field.generated]
    if returning:
        fields = [field for field in fields if field is not opts.pk]
    values = [[field.pre_save(row, add=True) for field in fields] for row in rows]  # auto_now and the like
    plain = not any(hasattr(value, "resolve_expression") for row in values for value in row)
    shape = (model, returning, len(rows))
    if plain and shape in _insert_shapes:
        sql, unnest = _insert_shapes[shape]
        prepared = [
            [field.get_db_prep_save(value, connection=connection) for field, value in zip(fields, row, strict=True)]
            for row in values
        ]
        if unnest:  # PostgreSQL's bulk form: one array per column
            return sql, [list(column) for column in zip(*prepared, strict=True)]
        return sql, [param for row in prepared for param in row]
    query = InsertQuery(model)
    query.insert_values(fields, rows, raw=True)  # the values above, without a second pre_save
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = [opts.pk] if returning else None
    ((sql, params),) = compiler.as_sql()
    params = list(params)
    if plain and not any(hasattr(field, "get_placeholder") for field in fields):
        if len(params) == len(rows) * len(fields):
            _insert_shapes[shape] = (sql, False)
        elif len(rows) > 1 and len(params) == len(fields):
            _insert_shapes[shape] = (sql, True)
    return sql, params
