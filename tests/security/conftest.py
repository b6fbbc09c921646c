"""The rows every public form offers as choices, made once per module inside a
transaction that is rolled back afterwards; each test runs in a savepoint
within it, as usual."""

import pytest
from django.db import transaction

from .public_forms import form_choices_create


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            form_choices_create()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_once, db, settings):
    settings.FORM_RATE_LIMIT = 10**6  # the rate limit has its own tests
