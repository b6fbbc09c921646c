"""Data builders for the networks tests."""

import factory
import pytest

from networks.models import Category, Network


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    summary = "A network for colleagues."
    description = "It meets every month."
    category = factory.SubFactory(CategoryFactory)
    contact_email = factory.LazyAttribute(lambda o: f"{o.slug}@networks.example.org")
    is_published = True


@pytest.fixture
def make_category(db):
    return CategoryFactory


@pytest.fixture
def make_network(db):
    return NetworkFactory


@pytest.fixture
def essex_networks(db):
    from force import demo as site_demo
    from networks import demo

    site_demo.load(force="essex")
    demo.load(force="essex")
