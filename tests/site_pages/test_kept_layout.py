"""The layout's parts that are the same for every visitor (skip links, header,
footer) are kept rendered per process ({% kept %}, page_cache.fragments) for
pages never kept whole, such as a search: they follow edits as the page cache
does, and each section's header marks its own place in the navigation."""

import pytest
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse

from force.selectors import force_profile_forget
from page_cache.store import fragments
from tests.factories import ForceProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
SEARCH = reverse("networks:index") + "?q=support"


def page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # never kept whole: drawn with the kept parts
    return response.content.decode()


def current_section(html: str) -> str:
    return html.split('aria-current="page"')[0].rsplit('href="', 1)[1].split('"')[0]


def test_the_layout_parts_are_kept_for_a_search():
    page(SEARCH)
    kept = [key for key, _html in fragments.items() if key[0] == "kept"]
    assert {key[3] for key in kept} == {"skip-links", "header", "footer"}


def test_each_section_marks_itself_in_the_kept_header():
    assert current_section(page(SEARCH)) == reverse("networks:index")
    assert current_section(page(reverse("equality") + "?utm_source=mail")) == reverse("equality")
    assert current_section(page(SEARCH)) == reverse("networks:index")


def test_a_force_edit_shows_in_the_kept_header_and_footer(django_capture_on_commit_callbacks):
    force = ForceProfileFactory(name="Essex Police", unit_name="diversity unit")
    assert "Contact the diversity unit" in page(SEARCH)
    with django_capture_on_commit_callbacks(execute=True):
        force.name = "Wessex Constabulary"
        force.unit_name = "Wessex inclusion team"
        force.save()
        force_profile_forget()  # as saving in admin does
    html = page(SEARCH)
    header, footer = html.split('id="main-content"')
    assert "Wessex Constabulary" in header
    assert "Contact the Wessex inclusion team" in footer


def test_a_part_is_kept_only_with_a_request_and_every_value_it_varies_on():
    template = engines["django"].from_string(
        "{% load kept %}{% kept 'greeting' section %}Hello {{ name }}{% endkept %}"
    )
    request = RequestFactory().get("/")
    assert template.render({"name": "Ann", "section": "a"}, request) == "Hello Ann"
    assert template.render({"name": "Bob", "section": "a"}, request) == "Hello Ann"  # kept
    assert template.render({"name": "Bob", "section": "b"}, request) == "Hello Bob"  # varies on the section
    assert template.render({"name": "Cy"}, request) == "Hello Cy"  # no section: drawn afresh
    assert template.render({"name": "Di", "section": "a"}) == "Hello Di"  # no request: drawn afresh


def test_with_the_page_cache_off_parts_are_drawn_afresh(settings):
    settings.PAGE_CACHE_ENABLED = False
    page(SEARCH)
    assert len(fragments) == 0
