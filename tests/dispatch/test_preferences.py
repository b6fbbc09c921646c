"""Changing what you get, by the link in every email, without signing in."""

import pytest
from django.urls import reverse

from dispatch import tokens

from .conftest import manage_path

pytestmark = pytest.mark.django_db


def test_the_preferences_page_shows_the_current_choices_and_is_never_cached(client, make_subscriber, topics):
    subscriber = make_subscriber(name="Sam", topic_list=topics[1:])
    page = client.get(manage_path(subscriber, "preferences"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    form = page.context["form"]
    assert form.initial["name"] == "Sam"
    assert form.initial["topics"] == topics[1:]
    assert manage_path(subscriber, "unsubscribe") in page.content.decode()


def test_saving_new_choices_changes_them_at_once(client, make_subscriber, districts, topics):
    subscriber = make_subscriber()
    path = manage_path(subscriber, "preferences")
    response = client.post(
        path, {"name": "Alex", "districts": [districts[1].pk, districts[2].pk], "topics": [topics[2].pk]}
    )
    assert response.status_code == 302 and response.url == path
    subscriber.refresh_from_db()
    assert subscriber.name == "Alex"
    assert list(subscriber.districts.all()) == districts[1:]
    assert list(subscriber.topics.all()) == [topics[2]]
    assert "Your choices are saved" in client.get(path).content.decode()


def test_bad_choices_are_explained_and_nothing_changes(client, make_subscriber, districts, topics):
    subscriber = make_subscriber()
    response = client.post(manage_path(subscriber, "preferences"), {"name": "Alex", "districts": ["0"], "topics": []})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a district from the list" in html and "Select at least one topic" in html
    assert 'value="Alex"' in html
    subscriber.refresh_from_db()
    assert subscriber.name == ""
    assert list(subscriber.topics.all()) == topics[:1]


def test_a_tampered_or_unconfirmed_token_shows_no_one_s_details(client, make_subscriber):
    unconfirmed = make_subscriber("pending@example.org", confirmed=False)
    confirmed = make_subscriber("sam@example.org")
    token = tokens.manage_token(confirmed.key)
    for bad in [tokens.manage_token(unconfirmed.key), token[:-1] + ("A" if token[-1] != "A" else "B"), "x.y"]:
        response = client.get(reverse("dispatch:preferences", args=[bad]))
        assert response.status_code == 400
        assert "@example.org" not in response.content.decode()


def test_preferences_updates_are_rate_limited(client, make_subscriber, districts, topics, settings):
    settings.FORM_RATE_LIMIT = 1
    path = manage_path(make_subscriber(), "preferences")
    data = {"districts": [districts[0].pk], "topics": [topics[0].pk]}
    assert client.post(path, data).status_code == 302
    assert client.post(path, data).status_code == 429
