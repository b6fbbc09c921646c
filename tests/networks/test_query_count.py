import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import Audience, Category, Network

pytestmark = pytest.mark.django_db


def add_networks(count: int) -> None:
    categories = [
        Category.objects.create(name=f"Category {i}", slug=f"category-{i}", display_order=i) for i in range(4)
    ]
    audiences = list(Audience)
    Network.objects.bulk_create(
        Network(
            name=f"Network {i}",
            slug=f"network-{i}",
            summary="Support for colleagues.",
            description="Meets monthly.",
            category=categories[i % 4],
            open_to_volunteers=audiences[i % 4] == Audience.VOLUNTEERS,
            contact_email=f"n{i}@networks.example.org",
            is_published=i % 10 != 0,
        )
        for i in range(count)
    )


def directory_queries(client, params=None) -> int:
    client.get(reverse("networks:index"))  # warm the force profile cache, as in real use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("networks:index"), params or {})
    assert response.status_code == 200
    return len(queries), response.context["count"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"page": 2},
        {"q": "support colleagues", "category": "category-1", "join": "staff"},
        {"q": "support colleagues", "join": "staff", "page": 2},
    ],
)
def test_directory_query_count_is_the_same_for_60_and_600_networks(client, params):
    add_networks(60)  # three pages of 20
    small, small_count = directory_queries(client, params)
    Network.objects.all().delete()
    Category.objects.all().delete()
    add_networks(600)
    large, large_count = directory_queries(client, params)
    assert large_count > small_count > 0
    assert small == large
    assert large <= 2  # the categories; one page of networks with how many match


def test_network_page_uses_one_query(client, django_assert_max_num_queries):
    add_networks(1)
    client.get(reverse("networks:index"))
    network = Network.objects.get()
    network.is_published = True
    network.save()
    with django_assert_max_num_queries(1):
        assert client.get(network.get_absolute_url()).status_code == 200
