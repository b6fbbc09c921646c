from urllib.parse import urlsplit

import pytest
from django.urls import reverse

import private_links
from dispatch import tokens
from dispatch.models import Subscriber, Topic
from force.models import District
from outbox.models import Notification


@pytest.fixture
def districts(db):
    return [
        District.objects.create(name=name, slug=name.lower(), display_order=order)
        for order, name in enumerate(["Basildon", "Colchester", "Harlow"])
    ]


@pytest.fixture
def topics(db):
    return [
        Topic.objects.create(name=name, slug=name.lower().replace(" ", "-"), display_order=order)
        for order, name in enumerate(["Appeals", "Fraud and scams", "Roads"])
    ]


@pytest.fixture
def make_subscriber(districts, topics):
    from django.utils import timezone

    def make(email="resident@example.org", *, confirmed=True, district_list=None, topic_list=None, **fields):
        subscriber = Subscriber.objects.create(
            email=email, confirmed_at=timezone.now() if confirmed else None, **fields
        )
        subscriber.districts.set(district_list if district_list is not None else districts[:1])
        subscriber.topics.set(topic_list if topic_list is not None else topics[:1])
        return subscriber

    return make


def sign_up_data(client, districts, topics, /, email="resident@example.org", **overrides):
    """A filled-in sign-up form, with the one-time token the page handed out."""
    page = client.get(reverse("dispatch:index"))
    data = {
        "email": email,
        "name": "Sam",
        "districts": [districts[0].pk],
        "topics": [topics[0].pk, topics[1].pk],
        "form_token": page.context["form"].initial["form_token"],
    }
    data.update(overrides)
    return data


def confirm_link_path(notification: Notification) -> str:
    """The confirmation link in the email as the outbox sends it (the stored
    body holds only a placeholder)."""
    body_text, _html, _headers = private_links.fill(notification)
    for word in body_text.split():
        if "/dispatch/confirm/" in word:
            return urlsplit(word).path
    raise AssertionError("no confirmation link in the email")


def manage_path(subscriber: Subscriber, name: str) -> str:
    return reverse(f"dispatch:{name}", args=[tokens.manage_token(subscriber.key)])
