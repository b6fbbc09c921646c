"""Django's database sessions, saved in one statement.

Django's own store looks for a free key with a SELECT before it inserts a new
session, and wraps every save in a transaction of its own (BEGIN and COMMIT
around one statement). Here a new session is one INSERT, whose primary key
refuses the rare key already taken (CreateError: Django tries another key), and
a changed session is one UPDATE, which is atomic by itself; a session deleted
meanwhile still raises UpdateError, as in Django.

Settings: SESSION_ENGINE = "protected_forms.sessions"."""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, IntegrityError, router
from django.utils.crypto import get_random_string


class SessionStore(DatabaseSessionStore):
    def _get_new_session_key(self) -> str:
        return get_random_string(32, VALID_KEY_CHARS)  # the INSERT checks it is free

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        try:
            obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise
