"""Leaving Dispatch: by the link in the email, and by the one-click POST of RFC 8058."""

import pytest
from django.test import Client
from django.urls import reverse

from dispatch import tokens
from dispatch.models import Subscriber

from .conftest import manage_path

pytestmark = pytest.mark.django_db


def test_opening_the_link_shows_one_button_and_unsubscribes_no_one(client, make_subscriber):
    subscriber = make_subscriber()
    page = client.get(manage_path(subscriber, "unsubscribe"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert '<button type="submit"' in page.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_pressing_the_button_unsubscribes_at_once_and_says_so(make_subscriber):
    subscriber = make_subscriber()
    browser = Client(enforce_csrf_checks=True)  # the button needs no sign-in and no session
    response = browser.post(manage_path(subscriber, "unsubscribe"))
    assert response.status_code == 302 and response.url == reverse("dispatch:unsubscribed")
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert "You have unsubscribed" in browser.get(response.url).content.decode()


def test_rfc_8058_one_click_post_from_a_mail_provider_unsubscribes_without_a_csrf_token(make_subscriber):
    subscriber = make_subscriber()
    other = make_subscriber("neighbour@example.org")
    provider = Client(enforce_csrf_checks=True)
    path = manage_path(subscriber, "unsubscribe")
    response = provider.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        HTTP_ORIGIN="https://mail.example",
    )
    assert response.status_code == 200  # RFC 8058: no redirect
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert Subscriber.objects.filter(pk=other.pk).exists()
    # Idempotent: the provider may post again.
    again = provider.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200
    # And the link still answers sensibly afterwards.
    assert "You are not subscribed" in provider.get(path).content.decode()


def test_rfc_8058_post_as_multipart_form_data_also_works(make_subscriber):
    subscriber = make_subscriber()
    response = Client(enforce_csrf_checks=True).post(
        manage_path(subscriber, "unsubscribe"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_a_forged_or_tampered_token_unsubscribes_no_one(make_subscriber):
    subscriber = make_subscriber()
    token = tokens.manage_token(subscriber.key)
    provider = Client(enforce_csrf_checks=True)
    for bad in [
        token[:-3] + "abc",
        f"{subscriber.key.hex}.",
        tokens.confirmation_token(subscriber.key),
        subscriber.key.hex,
    ]:
        response = provider.post(
            reverse("dispatch:unsubscribe", args=[bad]),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 400, bad
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_the_manage_token_is_stable_and_carries_no_address(make_subscriber):
    subscriber = make_subscriber("sam.smith@example.org")
    assert tokens.manage_token(subscriber.key) == tokens.manage_token(subscriber.key)
    assert "sam" not in tokens.manage_token(subscriber.key)
