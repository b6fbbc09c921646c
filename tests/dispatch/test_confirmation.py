"""The confirmation link: double opt-in, expiry and tampering."""

import time
from unittest import mock

import pytest
from django.urls import reverse

from dispatch import tokens
from dispatch.models import Subscriber
from outbox.models import Notification

from .conftest import confirm_link_path, sign_up_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(client, districts, topics):
    client.post(reverse("dispatch:index"), sign_up_data(client, districts, topics))
    return Subscriber.objects.get(), confirm_link_path(Notification.objects.get(kind="dispatch.confirm"))


def test_opening_the_link_does_not_confirm_until_the_button_is_pressed(client, pending):
    subscriber, path = pending
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None  # a link scanner opening it subscribes nobody


def test_pressing_confirm_subscribes_and_lands_on_the_preferences_page(client, pending):
    subscriber, path = pending
    response = client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert response.status_code == 302
    assert response.url == reverse("dispatch:preferences", args=[tokens.manage_token(subscriber.key)])
    page = client.get(response.url)
    assert "You are subscribed to Dispatch" in page.content.decode()
    assert Subscriber.objects.wanting(district_ids=[], topic_ids=[]).get() == subscriber


def test_confirming_twice_changes_nothing(client, pending):
    subscriber, path = pending
    client.post(path)
    subscriber.refresh_from_db()
    first = subscriber.confirmed_at
    again = client.post(path)
    assert again.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at == first
    assert client.get(path).status_code == 302  # already confirmed: straight to preferences


def test_an_expired_link_is_refused_and_confirms_nothing(client, pending, settings):
    subscriber, path = pending
    settings.DISPATCH_CONFIRMATION_MAX_AGE_HOURS = 48
    later = time.time() + 49 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        page = client.get(path)
        posted = client.post(path)
    assert page.status_code == posted.status_code == 410
    assert "This link has expired" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_a_link_just_inside_its_lifetime_still_works(client, pending):
    subscriber, path = pending
    later = time.time() + 47 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.post(path).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None


def test_a_tampered_link_is_refused(client, pending, make_subscriber):
    subscriber, path = pending
    token = path.rstrip("/").rsplit("/", 1)[1]
    key, timestamp, signature = token.split(".")
    other = make_subscriber("someone.else@example.org", confirmed=False)
    forged = [
        f"{other.key.hex}.{timestamp}.{signature}",  # someone else's key, my signature
        f"{key}.{timestamp}.{signature[:-2]}xx",  # signature changed
        f"{key}.{timestamp}",  # signature dropped
        tokens.manage_token(subscriber.key),  # a manage token is not a confirmation token
        "nonsense",
    ]
    for token in forged:
        response = client.post(reverse("dispatch:confirm", args=[token]))
        assert response.status_code == 400, token
        assert "This link does not work" in response.content.decode()
    subscriber.refresh_from_db()
    other.refresh_from_db()
    assert subscriber.confirmed_at is None and other.confirmed_at is None


def test_a_link_for_a_sign_up_since_deleted_says_it_has_expired(client, pending):
    subscriber, path = pending
    subscriber.delete()
    assert client.post(path).status_code == 410


def test_confirming_sends_one_welcome_email_with_working_manage_links(
    client, pending, django_capture_on_commit_callbacks
):
    import private_links

    subscriber, path = pending
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
        client.post(path)  # a second press welcomes nobody again
    welcome = Notification.objects.get(kind="dispatch.welcome")
    assert welcome.recipient == subscriber.email and welcome.about == subscriber
    assert welcome.subject.startswith("Welcome to Dispatch")
    body_text, _html, headers = private_links.fill(welcome)
    preferences = manage_path_of(body_text, "preferences")
    unsubscribe = manage_path_of(body_text, "unsubscribe")
    assert preferences == reverse("dispatch:preferences", args=[tokens.manage_token(subscriber.key)])
    assert client.get(preferences).status_code == 200
    assert headers["List-Unsubscribe"] == f"<{settings_site_url()}{unsubscribe}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for choice in [*subscriber.districts.all(), *subscriber.topics.all()]:
        assert f"- {choice.name}" in body_text


def manage_path_of(body_text: str, name: str) -> str:
    from urllib.parse import urlsplit

    return next(urlsplit(word).path for word in body_text.split() if f"/dispatch/{name}/" in word)


def settings_site_url() -> str:
    from django.conf import settings

    return settings.SITE_URL
