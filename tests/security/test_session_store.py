"""The site's database sessions (protected_forms.sessions): read and saved by
hand-written SQL, with Django's behaviour for expired and deleted sessions."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from protected_forms.sessions import SessionStore

pytestmark = pytest.mark.django_db


@pytest.fixture
def orm_queries(monkeypatch):
    built = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        built.append(type(self).__name__)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    return built


def new_session(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    return store.session_key


def test_a_session_is_read_and_saved_without_building_orm_queries(orm_queries):
    key = new_session(step="one")
    orm_queries.clear()
    store = SessionStore(key)
    assert store["step"] == "one"
    store["step"] = "two"
    store.save()
    assert orm_queries == []
    assert SessionStore(key)["step"] == "two"
    assert Session.objects.get(session_key=key).expire_date > timezone.now() + timedelta(hours=1)


def test_an_expired_session_reads_as_empty_and_loses_its_key():
    key = new_session(step="one")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    store = SessionStore(key)
    assert store.get("step") is None and store.session_key is None


def test_saving_a_session_deleted_meanwhile_raises_update_error():
    key = new_session(step="one")
    store = SessionStore(key)
    store["step"] = "two"
    Session.objects.filter(session_key=key).delete()
    with pytest.raises(UpdateError):
        store.save()
