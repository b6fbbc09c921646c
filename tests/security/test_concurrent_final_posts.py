"""The final POSTs of the two journeys sent at the same moment, on PostgreSQL:
whether the same person sends from several browsers (a token each) or clicks
many times in one (the same token), one record is made and every page is the
confirmation. The token row and the record's own unique keys decide, and a
conflict is run again in a new transaction, where it is answered as a repeat."""

import threading

import pytest
from django.db import connection
from django.test import Client

from .public_forms import PUBLIC_FORMS, form_choices_create, fresh_token, post

JOURNEYS = [form for form in PUBLIC_FORMS if form.name in {"iag apply", "pap sign-up"}]
THREADS = 6


def run_together(target, count: int) -> list:
    barrier = threading.Barrier(count)
    results = [None] * count

    def worker(n):
        try:
            barrier.wait(timeout=10)
            results[n] = target(n)
        except Exception as exc:  # noqa: BLE001 - record every outcome
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.fixture
def choices(transactional_db, settings):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; tests/security/test_protected_submission.py covers the sequence")
    settings.FORM_RATE_LIMIT = 10**6
    form_choices_create()


@pytest.mark.parametrize("form", JOURNEYS, ids=str)
@pytest.mark.parametrize("same_token", [False, True], ids=["browsers", "clicks"])
def test_the_same_person_sending_at_once_makes_one_record(form, same_token, choices):
    data, url = form.valid_data(), form.url()
    clients, tokens = [], []
    for n in range(THREADS):
        if same_token and n:
            client = Client()
            client.cookies = clients[0].cookies  # the same browser: its session and draft
        else:
            client = Client()
            assert form.prepare(client, data)[-1].status_code == 302
        clients.append(client)
        tokens.append(tokens[0] if same_token and n else fresh_token())
    before = form.records()
    results = run_together(lambda n: post(clients[n], url, {**data, "form_token": tokens[n]}), THREADS)
    assert [getattr(result, "status_code", result) for result in results] == [302] * THREADS
    assert len({result["Location"] for result in results}) == 1
    assert form.records() == before + 1
