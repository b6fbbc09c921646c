"""A submission's rows saved by one statement: all of them or none, and what
waits for them (the emails' publishing) only once they are saved."""

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

import one_statement
from protected_forms.models import FormSubmission
from site_pages.models import Feedback


def _feedback_and_token(token: str, published: list) -> Feedback:
    feedback = Feedback(satisfaction="satisfied", comments="Clear.")
    one_statement.pks_reserve(feedback)
    one_statement.insert(feedback, FormSubmission(token=token, form_name="feedback", result=feedback.reference))
    one_statement.after_save(lambda: published.append(feedback.pk))
    return feedback


@pytest.mark.skipif(connection.vendor != "postgresql", reason="elsewhere the rows are saved one by one")
@pytest.mark.django_db(transaction=True)
def test_the_rows_are_one_statement_with_no_transaction_around_it():
    published = []
    with CaptureQueriesContext(connection) as queries, one_statement.one_statement():
        feedback = _feedback_and_token("new-token", published)
    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) == 2 and statements[1].startswith("WITH ")  # the key taken, then the rows
    assert Feedback.objects.filter(pk=feedback.pk).exists()
    assert FormSubmission.objects.filter(token="new-token", result=feedback.reference).exists()
    assert published == [feedback.pk]


@pytest.mark.django_db(transaction=True)
def test_a_refused_row_keeps_every_row_of_its_statement_out_and_nothing_is_published():
    FormSubmission.objects.create(token="taken", form_name="feedback", result="FB-FIRST")
    published = []
    with pytest.raises(IntegrityError), one_statement.one_statement():
        _feedback_and_token("taken", published)
    assert not Feedback.objects.exists() and published == []
    assert FormSubmission.objects.count() == 1


@pytest.mark.django_db
def test_a_refusal_inside_a_callers_transaction_leaves_it_usable():
    FormSubmission.objects.create(token="taken", form_name="feedback", result="FB-FIRST")
    with pytest.raises(IntegrityError), one_statement.one_statement():
        _feedback_and_token("taken", [])
    assert FormSubmission.objects.count() == 1  # the transaction still answers


@pytest.mark.django_db
def test_an_error_in_the_block_saves_nothing():
    with pytest.raises(ValueError), one_statement.one_statement():
        _feedback_and_token("unused", [])
        raise ValueError("the form changed its mind")
    assert not Feedback.objects.exists() and not FormSubmission.objects.exists()
