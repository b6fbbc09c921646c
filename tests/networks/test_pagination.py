"""The directory is split into pages (GOV.UK pagination); filters survive moving between pages."""

import re

import pytest
from django.urls import reverse

from networks.directory import PAGE_SIZE
from tests.networks.test_query_count import add_networks

pytestmark = pytest.mark.django_db

INDEX = reverse("networks:index")


def network_links(html: str) -> list[str]:
    return re.findall(r'<h4 class="govuk-heading-s[^"]*"><a class="govuk-link" href="([^"]+)"', html)


def test_directory_shows_one_page_of_networks_with_the_govuk_pagination(client):
    add_networks(50)  # 45 published
    html = client.get(INDEX).content.decode()
    assert len(network_links(html)) == PAGE_SIZE
    assert "All 45 networks" in html and "page 1 of 3" in html
    nav = html.split('<nav class="govuk-pagination" aria-label="Pages of networks">', 1)[1].split("</nav>", 1)[0]
    assert 'aria-current="page">1</a>' in nav
    assert 'href="?page=2" rel="next"' in nav and 'Next<span class="govuk-visually-hidden"> page</span>' in nav
    assert 'rel="prev"' not in nav

    last = client.get(INDEX, {"page": 3}).content.decode()
    assert len(network_links(last)) == 45 - 2 * PAGE_SIZE
    assert 'aria-current="page">3</a>' in last and 'rel="next"' not in last
    assert 'href="?page=2" rel="prev"' in last


def test_every_network_appears_once_across_the_pages(client):
    add_networks(50)
    seen = []
    for number in (1, 2, 3):
        seen += network_links(client.get(INDEX, {"page": number}).content.decode())
    assert len(seen) == len(set(seen)) == 45


def test_page_links_keep_the_search_and_filters(client):
    add_networks(200)
    html = client.get(INDEX, {"q": "support", "join": "staff", "page": 2}).content.decode()
    assert 'href="?q=support&amp;join=staff&amp;page=3" rel="next"' in html
    assert 'href="?q=support&amp;join=staff" rel="prev"' in html  # page 1 has no page number


def test_a_short_list_has_no_pagination(client):
    add_networks(5)
    assert "govuk-pagination" not in client.get(INDEX).content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "x", "1.5", "4", "99999999999999999999", "9" * 5000, "\x00", "1\x00"])
def test_a_page_that_does_not_exist_is_not_found(client, page):
    add_networks(50)
    assert client.get(INDEX, {"page": page}).status_code == 404


def test_an_empty_search_is_still_page_one(client):
    add_networks(50)
    response = client.get(INDEX, {"q": "nothing matches this"})
    assert response.status_code == 200 and "No networks match" in response.content.decode()
