"""Django's database sessions, saved in one statement.

Django's own store looks for a free key with a SELECT before it inserts a new
session, and wraps every save in a transaction of its own (BEGIN and COMMIT
around one statement). Here a new session is one INSERT, whose primary key
refuses the rare key already taken (CreateError: Django tries another key), and
a changed session is one UPDATE, which is atomic by itself; a session deleted
meanwhile still raises UpdateError, as in Django. Reading a session and saving a
changed one, on most requests that have one, are hand-written SQL: building
them through the ORM cost more than running them.

Settings: SESSION_ENGINE = "protected_forms.sessions"."""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import IntegrityError, connections, router
from django.utils import timezone
from django.utils.crypto import get_random_string


class SessionStore(DatabaseSessionStore):
    def _get_new_session_key(self) -> str:
        return get_random_string(32, VALID_KEY_CHARS)  # the INSERT checks it is free

    def load(self) -> dict:
        """The session's data if it exists and has not expired (as Django's own load)."""
        database = connections[router.db_for_read(self.model)]
        with database.cursor() as cursor:
            cursor.execute(
                self._sql("SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s"),
                [self.session_key, database.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        if not must_create:
            return self._update()
        obj = self.create_model_instance(self._get_session(no_load=True))
        try:
            obj.save(force_insert=True, using=router.db_for_write(self.model, instance=obj))
        except IntegrityError:
            raise CreateError from None

    def _update(self) -> None:
        """The changed session in one UPDATE; UpdateError if it is gone (as Django)."""
        data = self._get_session()
        database = connections[router.db_for_write(self.model)]
        with database.cursor() as cursor:
            cursor.execute(
                self._sql("UPDATE {table} SET {data} = %s, {expires} = %s WHERE {key} = %s"),
                [
                    self.encode(data),
                    database.ops.adapt_datetimefield_value(self.get_expiry_date()),
                    self.session_key,
                ],
            )
            if cursor.rowcount != 1:
                raise UpdateError

    def _sql(self, template: str) -> str:
        quote, meta = connections[router.db_for_write(self.model)].ops.quote_name, self.model._meta
        columns = {name: quote(meta.get_field(field).column) for name, field in self._columns.items()}
        return template.format(table=quote(meta.db_table), **columns)

    _columns = {"key": "session_key", "data": "session_data", "expires": "expire_date"}
