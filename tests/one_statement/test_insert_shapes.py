"""Each INSERT shape is built by Django's compiler once; later statements of the
same shape only prepare their values, and save exactly what the compiler would."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLInsertCompiler

import one_statement
from outbox.models import Notification
from protected_forms.models import FormSubmission

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="elsewhere the rows are saved one by one"),
    pytest.mark.django_db,
]


@pytest.fixture
def compiled(monkeypatch):
    """Forgets the shapes built so far, and counts INSERTs built by the compiler."""
    monkeypatch.setattr(one_statement, "_insert_shapes", {})
    built = []
    original = SQLInsertCompiler.as_sql

    def counting(self):
        built.append(self.query.model)
        return original(self)

    monkeypatch.setattr(SQLInsertCompiler, "as_sql", counting)
    return built


def _save(token: str, recipients: list[str]) -> tuple[FormSubmission, list[Notification]]:
    submission = FormSubmission(token=token, form_name="feedback", result=f"FB-{token}")
    emails = [
        Notification(recipient=recipient, subject=f"To {recipient}", body_text="Hello", headers={"X-Tag": token})
        for recipient in recipients
    ]
    with one_statement.one_statement():
        one_statement.insert(submission, *emails)
    return submission, emails


def _stored(emails: list[Notification]) -> list[tuple]:
    rows = Notification.objects.filter(pk__in=[email.pk for email in emails]).order_by("pk")
    return list(rows.values_list("recipient", "subject", "headers", "state", "created_at", "next_attempt_at"))


def test_a_shape_seen_before_is_not_built_again_and_saves_the_same_rows(compiled):
    first, first_emails = _save("one", ["a@example.org", "b@example.org"])
    assert compiled == [FormSubmission, Notification]
    compiled.clear()
    second, second_emails = _save("two", ["c@example.org", "d@example.org"])
    assert compiled == []
    assert FormSubmission.objects.get(pk=second.pk).result == "FB-two"
    assert [row[:4] for row in _stored(second_emails)] == [
        ("c@example.org", "To c@example.org", {"X-Tag": "two"}, "pending"),
        ("d@example.org", "To d@example.org", {"X-Tag": "two"}, "pending"),
    ]
    assert [row[4] for row in _stored(second_emails)] == [email.created_at for email in second_emails]


def test_another_number_of_rows_is_another_shape(compiled):
    _save("one", ["a@example.org", "b@example.org"])
    compiled.clear()
    _, emails = _save("two", ["c@example.org"])
    assert compiled == [Notification]
    _, emails = _save("three", ["d@example.org", "e@example.org", "f@example.org"])
    assert compiled == [Notification, Notification]
    assert [row[0] for row in _stored(emails)] == ["d@example.org", "e@example.org", "f@example.org"]
