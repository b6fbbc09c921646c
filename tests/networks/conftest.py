"""Data builders for the networks tests (the factories live in tests/factories.py)."""

import pytest

from tests.factories import CategoryFactory, NetworkFactory


@pytest.fixture
def make_category(db):
    return CategoryFactory


@pytest.fixture
def make_network(db):
    return NetworkFactory
