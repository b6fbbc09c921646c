"""tests/factories.py has a factory for every model of the project's apps, and
each builds a row that passes the model's own validation and constraints."""

import inspect
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from factory.django import DjangoModelFactory

from tests import factories

FACTORIES = [
    value
    for value in vars(factories).values()
    if inspect.isclass(value) and issubclass(value, DjangoModelFactory) and value.__module__ == factories.__name__
]


def project_models():
    """Every model of the apps in this repository (not Django's nor installed packages')."""
    for config in apps.get_app_configs():
        if not Path(config.path).is_relative_to(settings.BASE_DIR) or ".venv" in Path(config.path).parts:
            continue
        for model in config.get_models():
            if not model._meta.abstract and not model._meta.proxy:
                yield model


def test_every_model_of_the_project_has_a_factory():
    covered = {factory._meta.model for factory in FACTORIES}
    missing = sorted(model._meta.label for model in project_models() if model not in covered)
    assert missing == []


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_each_factory_makes_a_valid_row_and_a_second_one_beside_it(db, factory):
    first, second = factory(), factory()
    for row in (first, second):
        row.full_clean()
    assert (
        factory._meta.model.objects.filter(pk=first.pk).exists()
        and factory._meta.model.objects.filter(pk=second.pk).exists()
    )
