import pytest

from networks import demo
from networks.models import Network

pytestmark = pytest.mark.django_db

ESSEX = [
    "Agile Working Support Network",
    "Armed Forces Network",
    "Catholic Police Guild",
    "Christian Police Association",
    "Disability and Carers Network",
    "Fairplay Advisers",
    "Help Forum",
    "LGBTQ+ Network",
    "Menopause and Andropause Support Group",
    "Men's Forum",
    "Multi Ethnic Support Association (MESA)",
    "Chaplaincy",
    "TRiM (Trauma Risk Management)",
    "Women's Leadership and Development Forum",
]


def test_essex_demo_has_fourteen_published_networks_in_four_categories():
    assert demo.load(force="essex") == {"categories": 4, "networks": 14}
    assert sorted(Network.objects.published().values_list("name", flat=True)) == sorted(ESSEX)
    guild = Network.objects.get(slug="catholic-police-guild")
    assert guild.founded_year == 1914 and guild.open_to_allies
    assert all(network.has_contact_form and network.board_representative for network in Network.objects.all())


def test_loading_twice_changes_nothing():
    demo.load(force="essex")
    before = list(Network.objects.order_by("pk").values())
    demo.load(force="essex")
    assert list(Network.objects.order_by("pk").values()) == before


def test_second_force_loads_with_an_option_and_replaces_the_published_set():
    demo.load(force="essex")
    assert demo.load(force="leicestershire")["networks"] == 7
    published = set(Network.objects.published().values_list("name", flat=True))
    assert {"Sikh Police Association", "Association of Muslim Police", "Christian Police Association"} <= published
    assert len(published) == 7
    assert not Network.objects.get(slug="trim").is_published  # an Essex network is kept, but hidden


def test_demo_leaves_networks_staff_added_alone(make_network):
    own = make_network(name="Running Club", is_published=True)
    demo.load(force="leicestershire")
    own.refresh_from_db()
    assert own.is_published
