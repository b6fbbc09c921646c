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

PROTECTED = [form for form in PUBLIC_FORMS if "form_token" in form.fields]

# At most this many statements for one new, valid submission. Each transaction
# counts its BEGIN and COMMIT (SAVEPOINT and RELEASE inside a test), so a
# savepoint nobody needs shows here. Measured before this budget: feedback 18,
# network contact 20, evening booking 18, Dispatch 28, IAG 41, sign-up 30.
MOST_STATEMENTS = {
    # the record, its email and the token in one transaction; a new session
    "feedback": 6,
    # and the network the form is for
    "network contact": 7,
    # and the evening, its place taken, the candidate's earlier booking, in a
    # savepoint that gives the place back if the booking goes no further
    "evening booking": 10,
    # and the districts and topics offered, the address looked up, a new
    # subscriber and one row per kind of choice in a savepoint (the same address
    # signing up at the same moment)
    "dispatch sign-up": 13,
    # the session, the draft, the groups and communities still open, the
    # address's open applications, six rows and the token, the draft deleted
    "iag apply": 16,
    # the session, the draft, the roles and groups offered, the reference looked
    # up, three rows and the token, the draft deleted
    "pap sign-up": 13,
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


@by_name([form for form in PROTECTED if form.name in {"feedback", "network contact", "dispatch sign-up"}])
def test_a_new_visitors_session_is_one_insert(form, demo):
    """No SELECT for a free session key (the primary key refuses one taken) and
    no transaction around the one statement."""
    statements = final_post_statements(form)
    session = [sql for sql in statements if "django_session" in sql]
    assert len(session) == 1 and session[0].startswith('INSERT INTO "django_session"')
