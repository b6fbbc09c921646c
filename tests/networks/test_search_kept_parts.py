"""A free-text search is never kept, but the parts of its page that are the same
for everyone (each network's entry, the filter form) are kept rendered per
process (page_cache.fragments): they must look exactly as if drawn afresh, follow
content edits as the page cache does, and never hold what anyone typed."""

import re

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from networks.forms import DirectoryFilterForm
from networks.models import Category, Network
from page_cache import invalidation
from page_cache.store import BoundedStore, fragments, pages
from tests.factories import CategoryFactory, NetworkFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
TRICKY = "\"'><script>alert(1)</script>&amp; support"


@pytest.fixture
def directory():
    support = CategoryFactory(name="Support", slug="support")
    faith = CategoryFactory(name="Faith & belief", slug="faith")
    NetworkFactory(name="Carers Support Network", category=support, open_to_staff=True, is_example=True)
    NetworkFactory(
        name="Christian <Police> Association", slug="christian-police", category=faith, summary="Support & prayer."
    )
    NetworkFactory(name="Menopause Support Group", category=support, open_to_officers=True)


def search(params: str) -> str:
    response = Client().get(reverse("networks:index") + params)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # a search is never kept whole
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())


@pytest.mark.parametrize(
    "params",
    [
        "?q=support",
        "?q=support&join=staff&category=support",
        "?q=" + TRICKY.replace("&", "%26").replace(" ", "+"),
        "?q=%E2%80%9Cquoted%E2%80%9D+caf%C3%A9",
        "?q=nothing+matches&category=faith&join=allies",
        "?q=support&page=1",
    ],
)
def test_a_search_drawn_from_kept_parts_is_the_page_drawn_afresh(settings, directory, params):
    settings.PAGE_CACHE_ENABLED = False
    afresh = search(params)
    settings.PAGE_CACHE_ENABLED = True
    search(params)  # keeps the parts
    assert len(fragments) > 0
    assert search(params) == afresh


@pytest.mark.parametrize("text", ["support", TRICKY, "“quoted” café", "a & b <c>"])
def test_the_search_box_is_the_form_crispy_draws_with_the_text_typed(directory, text):
    form = DirectoryFilterForm(initial={"q": text, "join": ["staff"]}, categories=list(Category.objects.all()))
    drawn = render_to_string("networks/includes/directory_filter_form.html", {"form": form})
    for _ in range(2):  # drawn afresh, then from the kept form
        response = Client().get(reverse("networks:index"), {"q": text, "join": "staff"})
        assert drawn in response.content.decode()


def test_the_search_text_is_escaped_in_the_search_box(directory):
    search("?q=support")  # the form is kept now; the text is put in on each request
    html = search("?q=" + TRICKY.replace("&", "%26").replace(" ", "+"))
    assert 'value="&quot;&#x27;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp; support"' in html
    assert "<script>alert" not in html


def test_nothing_typed_is_kept(directory):
    # Odd capitals still find networks (the search ignores case), so the typed
    # words can be told apart from the names they match.
    for text in ("CaRerS", "MeNoPaUsE+gRoUp", "xylophone"):
        search(f"?q={text}&join=staff")
        search(f"?q={text}")
    kept = repr(fragments.items())
    assert "Carers Support Network" in kept  # the entries found are kept...
    for typed in ("CaRerS", "MeNoPaUsE", "gRoUp", "xylophone"):
        assert typed not in kept  # ... but never the words that found them
    assert len(pages) == 0


def test_a_network_edit_shows_on_the_next_search(directory, django_capture_on_commit_callbacks):
    assert "Carers Support Network" in search("?q=support")
    network = Network.objects.get(name="Carers Support Network")
    with django_capture_on_commit_callbacks(execute=True):
        network.summary = "Support for carers, renamed."
        network.name = "Unpaid Carers Support Network"
        network.save()
    html = search("?q=support")
    assert "Unpaid Carers Support Network" in html
    assert "Support for carers, renamed." in html


def test_a_category_renamed_shows_in_the_filter_form_on_the_next_search(directory, django_capture_on_commit_callbacks):
    assert "Faith &amp; belief" in search("?q=support&category=faith")
    with django_capture_on_commit_callbacks(execute=True):
        category = Category.objects.get(slug="faith")
        category.name = "Faith and belief"
        category.save()
    html = search("?q=support&category=faith")
    assert "Faith and belief" in html
    assert "Faith &amp; belief" not in html


def test_an_edit_in_another_process_shows_within_the_generation_check(settings, clock, directory):
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 1
    search("?q=support")
    Network.objects.filter(name="Carers Support Network").update(name="Young Carers Support")
    cache.set(invalidation.GENERATION_KEY, "another", timeout=None)  # what the edit's process does
    clock.now += 1.1
    assert "Young Carers Support" in search("?q=support")


def test_kept_parts_are_never_older_than_the_page_cache_allows(settings, clock, directory):
    search("?q=support")
    Network.objects.filter(name="Carers Support Network").update(name="Young Carers Support")
    clock.now += settings.PAGE_CACHE_MAX_AGE - 1
    assert "Young Carers Support" not in search("?q=support")  # as the kept pages: no signal, no edit seen yet
    clock.now += 2
    assert "Young Carers Support" in search("?q=support")


def test_with_the_shared_cache_down_parts_are_drawn_afresh(monkeypatch, directory):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(invalidation.cache, "get", down)
    search("?q=support")
    assert len(fragments) == 0


def test_the_fragment_store_is_bounded_in_size_least_recently_used_first_out():
    store = BoundedStore()

    def put(key, html):
        store.put(key, html, size=len(html), max_age=60, max_size=10)

    put(("a",), "AAAA")
    put(("b",), "BBBB")
    assert store.get(("a",)) == "AAAA"  # "a" is now the most recently used
    put(("c",), "CCCC")
    assert store.get(("b",)) is None
    assert store.get(("a",)) == "AAAA"
    assert len(store) == 2
    put(("d",), "D" * 11)  # larger than the whole store: not kept, nothing else lost
    assert store.get(("d",)) is None
    assert len(store) == 2
