import re

import pytest
from django.urls import reverse

from networks.models import Network
from tests.factories import ForceProfileFactory

pytestmark = pytest.mark.django_db


def listed(client, params) -> set[str]:
    response = client.get(reverse("networks:index"), params)
    assert response.status_code == 200
    return {network.name for _, networks in response.context["groups"] for network in networks}


@pytest.fixture
def networks(make_network, make_category):
    faith = make_category(name="Faith and belief", slug="faith-and-belief", display_order=0)
    working = make_category(name="Working life", slug="working-life", display_order=1)
    make_network(name="Chaplaincy", category=faith, open_to_volunteers=True)
    make_network(name="Guild", category=faith, open_to_allies=True)
    make_network(name="Agile", category=working)
    make_network(name="Forum", category=working, open_to_volunteers=True, open_to_allies=True)
    make_network(name="Hidden", category=faith, open_to_volunteers=True, is_published=False)


def test_category_filter(client, networks):
    assert listed(client, {"category": "faith-and-belief"}) == {"Chaplaincy", "Guild"}


def test_several_categories_show_networks_in_any_of_them(client, networks):
    assert listed(client, {"category": ["faith-and-belief", "working-life"]}) == {
        "Chaplaincy",
        "Guild",
        "Agile",
        "Forum",
    }


def test_who_can_join_filter(client, networks):
    assert listed(client, {"join": "volunteers"}) == {"Chaplaincy", "Forum"}
    assert listed(client, {"join": "allies"}) == {"Guild", "Forum"}


def test_category_and_who_can_join_combine(client, networks):
    assert listed(client, {"category": "working-life", "join": "volunteers"}) == {"Forum"}
    assert listed(client, {"category": "faith-and-belief", "join": "allies", "q": "guild"}) == {"Guild"}
    assert listed(client, {"category": "working-life", "join": "allies", "q": "guild"}) == set()


def test_unknown_filter_values_are_ignored(client, networks):
    assert listed(client, {"category": "no-such", "join": "aliens"}) == {"Chaplaincy", "Guild", "Agile", "Forum"}


def test_results_are_grouped_by_category_in_order(client, networks):
    response = client.get(reverse("networks:index"))
    groups = [(category.name, [n.name for n in items]) for category, items in response.context["groups"]]
    assert groups == [("Faith and belief", ["Chaplaincy", "Guild"]), ("Working life", ["Agile", "Forum"])]
    assert response.context["count"] == 4
    assert "All 4 networks" in response.content.decode()


def test_each_active_filter_has_a_link_that_removes_only_it(client, networks):
    response = client.get(reverse("networks:index"), {"category": "working-life", "join": "volunteers"})
    html = response.content.decode()
    assert "1 network found" in html
    assert 'href="/staff-networks/?join=volunteers#results"' in html
    assert 'href="/staff-networks/?category=working-life#results"' in html
    assert re.search(r'value="volunteers"\s+checked', html)  # the form shows what is applied
    assert not re.search(r'value="allies"\s+checked', html)


def test_unpublished_networks_are_hidden_everywhere(client, networks):
    hidden = Network.objects.get(name="Hidden")
    assert "Hidden" not in listed(client, {"join": "volunteers", "q": "hidden"})
    assert "Hidden" not in client.get(reverse("networks:index")).content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("networks:contact", args=[hidden.slug])).status_code == 404


def test_staff_can_preview_an_unpublished_network(admin_client, networks):
    hidden = Network.objects.get(name="Hidden")
    response = admin_client.get(hidden.get_absolute_url())
    assert response.status_code == 200
    assert "This network is not published" in response.content.decode()


def test_network_page_shows_everything_but_the_private_email(client, networks):
    guild = Network.objects.get(name="Guild")
    guild.founded_year = 1914
    guild.board_representative = "Guild secretary"
    guild.save()
    ForceProfileFactory(network_board="Diversity and Inclusion Board")  # the representative sits on it
    html = client.get(guild.get_absolute_url()).content.decode()
    representative = ("Representative on the Diversity and Inclusion Board", "Guild secretary")
    for text in ("Guild", "1914", *representative, "Friends and allies", "Faith and belief", "Contact this network"):
        assert text in html
    assert guild.contact_email not in html
