"""Round trips of each public form's final POST (CONVENTIONS.md, "Speed, by
design"): SQL statements counted over the whole request through the test
client, the session's save included, with what a running site keeps between
requests (content types) already loaded."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .checks import by_name
from .public_forms import PUBLIC_FORMS, fresh_token, post

pytestmark = pytest.mark.django_db
# A submission is one statement on PostgreSQL; elsewhere (SQLite in development) its
# rows are saved one by one in a transaction, so the budgets are PostgreSQL's.
ONE_STATEMENT_DATABASE = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="one statement per submission is PostgreSQL's"
)

PROTECTED = [form for form in PUBLIC_FORMS if "form_token" in form.fields]

# At most this many statements for one new, valid submission. Each transaction
# counts its BEGIN and COMMIT (SAVEPOINT and RELEASE inside a test: the one
# statement that saves a submission's rows has a savepoint here, and none on a
# running site), so a savepoint nobody needs shows here. Measured before this
# budget: feedback 18, network contact 20, evening booking 18, Dispatch 28,
# IAG 41, sign-up 30.
MOST_STATEMENTS = {
    # the record's key taken, then the record, its email and the token in one
    # statement; no session (the confirmation shows nothing of it)
    "feedback": 4,
    # and the network the form is for, and a new session for the reference
    "network contact": 6,
    # the evening, the key, one statement (the place taken, the booking, its
    # email, the token); no place left or a second booking for the candidate
    # is refused by it and sent again in a transaction (not counted here)
    "evening booking": 5,
    # the districts and topics offered, the key, one statement (the subscriber,
    # a row per choice, the email, the token); a known address is refused by
    # the unique address and sent again, looked up (not counted here)
    "dispatch sign-up": 6,
    # the session, the draft, the groups and communities still open, the key,
    # one statement (six rows, two emails, the token, the draft deleted), the session
    "iag apply": 9,
    # the session, the draft, the roles and groups offered, the key, one
    # statement (two rows, two emails, the token, the draft deleted), the session
    "pap sign-up": 9,
}


def final_post_statements(form) -> list[str]:
    """The SQL of one fresh, valid submission's final POST."""
    form.send(Client(), {**form.valid_data(), "form_token": fresh_token()})  # the site is warm
    client, data, url = Client(), {**form.valid_data(), "form_token": fresh_token()}, form.url()
    if form.prepare:
        assert form.prepare(client, data)[-1].status_code == 302
    records = form.records()
    with CaptureQueriesContext(connection) as queries:
        response = post(client, url, data)
    assert response.status_code == 302
    assert form.records() == records + 1
    return [query["sql"] for query in queries.captured_queries]


def test_every_protected_form_has_a_budget():
    assert set(MOST_STATEMENTS) == {str(form) for form in PROTECTED}


@ONE_STATEMENT_DATABASE
@by_name(PROTECTED)
def test_a_submission_stays_within_its_statement_budget(form, demo):
    statements = final_post_statements(form)
    listing = "\n".join(sql[:120] for sql in statements)
    assert len(statements) <= MOST_STATEMENTS[form.name], f"{len(statements)} statements:\n{listing}"


@by_name(PROTECTED)
def test_a_submission_leaves_the_check_constraints_to_the_database(form, demo):
    """full_clean() asks the database about each check constraint (SELECT 1 AS
    "_check", in a savepoint of its own): the form has checked the input, and
    the database refuses what breaks a rule."""
    statements = final_post_statements(form)
    assert not [sql for sql in statements if sql.startswith('SELECT 1 AS "_check"')]


@by_name([form for form in PROTECTED if form.name == "network contact"])
def test_a_new_visitors_session_is_one_insert(form, demo):
    """No SELECT for a free session key (the primary key refuses one taken) and
    no transaction around the one statement."""
    statements = final_post_statements(form)
    session = [sql for sql in statements if "django_session" in sql]
    assert len(session) == 1 and session[0].startswith('INSERT INTO "django_session"')


@by_name([form for form in PROTECTED if form.name in {"feedback", "dispatch sign-up", "evening booking"}])
def test_a_form_whose_confirmation_shows_nothing_of_it_writes_no_session(form, demo):
    statements = final_post_statements(form)
    assert not [sql for sql in statements if "django_session" in sql]


@ONE_STATEMENT_DATABASE
@by_name(PROTECTED)
def test_the_record_its_emails_and_the_token_are_one_statement(form, demo):
    """One INSERT ... WITH for every row of the submission, in no transaction of its own."""
    statements = final_post_statements(form)
    writes = [sql for sql in statements if sql.startswith(("INSERT", "WITH", "DELETE", "UPDATE"))]
    writes = [sql for sql in writes if "django_session" not in sql]
    assert len(writes) == 1 and writes[0].startswith("WITH ")
    assert '"outbox_notification"' in writes[0] and '"protected_forms_formsubmission"' in writes[0]
    assert not [sql for sql in statements if sql in ("BEGIN", "COMMIT")]
