import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def listed(client, **params) -> list[str]:
    response = client.get(reverse("networks:index"), params)
    assert response.status_code == 200
    return [group_network.name for _, networks in response.context["groups"] for group_network in networks]


@pytest.fixture
def networks(make_network):
    make_network(name="Menopause Support Group", summary="Help through the menopause.", description="Monthly cafe.")
    make_network(name="Armed Forces Network", summary="For veterans.", description="Supports reservists and cadets.")
    make_network(name="Help Forum", summary="Guidance at work or home.", description="A listening ear.")


def test_several_words_in_any_order_must_all_match(client, networks):
    assert listed(client, q="group support") == ["Menopause Support Group"]
    assert listed(client, q="support menopause group") == ["Menopause Support Group"]


def test_words_can_match_name_summary_and_description_together(client, networks):
    # "veterans" is only in the summary, "cadets" only in the description, "forces" only in the name
    assert listed(client, q="cadets veterans forces") == ["Armed Forces Network"]


def test_search_ignores_case(client, networks):
    assert listed(client, q="HeLp FORUM") == ["Help Forum"]
    assert listed(client, q="LISTENING ear") == ["Help Forum"]


def test_search_with_no_match_shows_a_helpful_empty_state(client, networks):
    response = client.get(reverse("networks:index"), {"q": "cricket club"})
    html = response.content.decode()
    assert response.context["count"] == 0
    assert "0 networks found" in html
    assert "No networks match “cricket club”" in html
    assert "check the spelling" in html
    assert f'href="{reverse("networks:index")}"' in html  # a way back to every network


def test_one_word_missing_means_no_match(client, networks):
    assert listed(client, q="menopause cricket") == []


def test_search_treats_wildcards_as_plain_text(client, networks):
    assert listed(client, q="%") == []
    assert listed(client, q="_") == []


def test_search_box_keeps_what_was_typed_and_the_url_can_be_shared(client, networks):
    response = client.get(reverse("networks:index") + "?q=help+forum")
    html = response.content.decode()
    assert 'name="q" value="help forum"' in html
    assert response.context["count"] == 1


def test_overlong_or_odd_search_input_does_not_break_the_page(client, networks):
    response = client.get(reverse("networks:index"), {"q": "help\x00 " + "x" * 5000})
    assert response.status_code == 200
    assert len(response.context["filters"].query) <= 100


def test_an_edited_network_is_found_by_its_new_words_and_not_its_old_ones(client, networks):
    from networks.models import Network

    forum = Network.objects.get(name="Help Forum")
    forum.description = "Peer supporters trained in mental health first aid."
    forum.save()
    assert listed(client, q="first aid") == ["Help Forum"]
    assert listed(client, q="listening") == []


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's UPPER() changes only ASCII letters (the embedded default)"
)
def test_search_matches_letters_beyond_ascii_in_any_case(client, make_network):
    make_network(name="Réseau Égalité", slug="reseau-egalite", summary="Pour tous.", description="Ouvert.")
    assert listed(client, q="égalité") == ["Réseau Égalité"]
    assert listed(client, q="RÉSEAU") == ["Réseau Égalité"]


def test_the_directory_opens_before_any_category_exists(client):
    from networks.models import Category, Network

    Network.objects.all().delete()
    Category.objects.all().delete()
    response = client.get(reverse("networks:index"))
    assert response.status_code == 200
