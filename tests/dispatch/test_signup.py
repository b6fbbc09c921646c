"""Signing up: double opt-in, re-sign-up, and the rules every form on the site keeps."""

import re

import pytest
from django.urls import reverse

from dispatch.models import Subscriber
from outbox.models import Notification
from protected_forms.models import FormSubmission

from .conftest import sign_up_data

pytestmark = pytest.mark.django_db


def without_nonce(response) -> str:
    """The page, less what differs on every response (CSP nonce, CSRF token)."""
    html = re.sub(r'nonce="[^"]*"', "", response.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_the_footer_links_to_the_sign_up_page_which_has_the_form(client, districts, topics):
    home = client.get(reverse("home"))
    assert reverse("dispatch:index") in home.content.decode()
    page = client.get(reverse("dispatch:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'autocomplete="email"' in html and "Basildon" in html and "Fraud and scams" in html


def test_signing_up_stores_an_unconfirmed_subscriber_and_sends_only_a_confirmation(
    client, districts, topics, django_capture_on_commit_callbacks, mailoutbox
):
    data = sign_up_data(client, districts, topics, email="  Resident@Example.ORG ")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dispatch:index"), data)
    assert response.status_code == 302 and response.url == reverse("dispatch:check_email")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "resident@example.org"
    assert subscriber.confirmed_at is None
    assert list(subscriber.topics.all()) == topics[:2]
    assert list(subscriber.districts.all()) == districts[:1]
    assert [n.kind for n in Notification.objects.all()] == ["dispatch.confirm"]
    assert len(mailoutbox) == 1
    assert "/dispatch/confirm/" in mailoutbox[0].body
    assert "resident" not in mailoutbox[0].body.split("/dispatch/confirm/")[1]  # only an opaque token
    assert not Subscriber.objects.wanting(district_ids=[], topic_ids=[]).exists()  # nothing goes to it yet


def test_the_check_your_email_page_says_what_to_do(client):
    page = client.get(reverse("dispatch:check_email"))
    assert "Check your email" in page.content.decode()
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]


def test_signing_up_again_with_a_confirmed_address_changes_nothing_and_looks_the_same(
    client, districts, topics, make_subscriber, django_capture_on_commit_callbacks
):
    subscriber = make_subscriber("resident@example.org", name="Original", topic_list=topics[2:])
    before = (subscriber.confirmed_at, subscriber.key, subscriber.confirmation_sent_at)

    first = client.post(reverse("dispatch:index"), sign_up_data(client, districts, topics, email="new@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("dispatch:index"), sign_up_data(client, districts, topics, name="Intruder"))

    assert first.status_code == again.status_code == 302 and first.url == again.url
    assert without_nonce(client.get(first.url)) == without_nonce(client.get(again.url))
    subscriber.refresh_from_db()
    assert (subscriber.confirmed_at, subscriber.key, subscriber.confirmation_sent_at) == before
    assert subscriber.name == "Original"
    assert list(subscriber.topics.all()) == topics[2:]
    # The owner of the address is told, with links to manage it; the page said nothing.
    told = Notification.objects.get(recipient="resident@example.org")
    assert told.kind == "dispatch.already_subscribed"
    assert "/dispatch/preferences/" in told.body_text
    assert told.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_signing_up_again_before_confirming_updates_choices_and_sends_a_new_link(
    client, districts, topics, make_subscriber
):
    subscriber = make_subscriber("resident@example.org", confirmed=False, topic_list=topics[2:])
    client.post(reverse("dispatch:index"), sign_up_data(client, districts, topics, topics=[topics[1].pk]))
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    assert list(subscriber.topics.all()) == [topics[1]]
    assert Notification.objects.filter(kind="dispatch.confirm", recipient="resident@example.org").count() == 1


def test_bad_input_is_explained_and_every_answer_is_kept(client, districts, topics):
    data = sign_up_data(client, districts, topics, email="not-an-address", topics=[])
    response = client.post(reverse("dispatch:index"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert "Select at least one topic" in html
    assert "govuk-error-summary" in html
    assert 'value="not-an-address"' in html and 'value="Sam"' in html
    assert response.context["form"]["districts"].value() == [str(districts[0].pk)]
    assert not Subscriber.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"districts": ["999999"]}, "Select a district from the list"),
        ({"email": "a" * 250 + "@example.org"}, "254 characters or fewer"),
        ({"name": "Sam\x00"}, "characters we cannot accept"),
        ({"email": ""}, "Enter your email address"),
    ],
)
def test_choices_not_on_the_list_and_odd_input_get_a_form_error(client, districts, topics, overrides, message):
    response = client.post(reverse("dispatch:index"), sign_up_data(client, districts, topics, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_same_submission_twice_creates_one_subscriber_and_one_email(client, districts, topics):
    data = sign_up_data(client, districts, topics)
    first = client.post(reverse("dispatch:index"), data)
    second = client.post(reverse("dispatch:index"), data)
    assert first.url == second.url == reverse("dispatch:check_email")
    assert Subscriber.objects.count() == 1
    assert Notification.objects.count() == 1
    assert FormSubmission.objects.filter(form_name="dispatch_sign_up").count() == 1


def test_a_filled_in_honeypot_looks_like_success_but_stores_and_sends_nothing(client, districts, topics):
    data = sign_up_data(client, districts, topics, website="http://spam.example")
    response = client.post(reverse("dispatch:index"), data)
    assert response.status_code == 302 and response.url == reverse("dispatch:check_email")
    assert not Subscriber.objects.exists() and not Notification.objects.exists()


def test_too_many_sign_ups_from_one_client_get_429(client, districts, topics, settings):
    settings.FORM_RATE_LIMIT = 2
    for number in range(2):
        data = sign_up_data(client, districts, topics, email=f"person{number}@example.org")
        assert client.post(reverse("dispatch:index"), data).status_code == 302
    data = sign_up_data(client, districts, topics, email="third@example.org")
    assert client.post(reverse("dispatch:index"), data).status_code == 429
    assert Subscriber.objects.count() == 2


def test_post_without_csrf_token_is_refused(districts, topics):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    data = sign_up_data(strict, districts, topics)
    assert strict.post(reverse("dispatch:index"), data).status_code == 403
    assert not Subscriber.objects.exists()
