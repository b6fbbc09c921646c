"""The final "check your answers" POST of the IAG application and of the
programme sign-up, counted as a running site makes it (issue 14: at most 8 SQL
statements each): in autocommit, with no test transaction around it, and in a
process that has not looked up its content types yet, as the benchmark counts it.
The emails' tasks are published, not run here (a worker sends them)."""

from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from force.selectors import force_profile
from outbox.tasks import notification_send

from .checks import by_name
from .public_forms import PUBLIC_FORMS, form_choices_create, fresh_token, post

FINAL_POSTS = [form for form in PUBLIC_FORMS if form.name in {"iag apply", "pap sign-up"}]
MOST_STATEMENTS = 8


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement per submission is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
@by_name(FINAL_POSTS)
def test_a_final_post_makes_at_most_eight_statements(form, settings):
    settings.FORM_RATE_LIMIT = 10**6
    form_choices_create()
    client, data = Client(), {**form.valid_data(), "form_token": fresh_token()}
    assert form.prepare(client, data)[-1].status_code == 302
    force_profile()  # kept in the shared cache on a running site
    ContentType.objects.clear_cache()
    records = form.records()
    with mock.patch.object(notification_send, "apply_async") as publish, CaptureQueriesContext(connection) as queries:
        response = post(client, form.url(), data)
    assert response.status_code == 302
    assert form.records() == records + 1 and publish.call_count == 2
    listing = "\n".join(query["sql"][:120] for query in queries.captured_queries)
    assert len(queries) <= MOST_STATEMENTS, f"{len(queries)} statements:\n{listing}"
