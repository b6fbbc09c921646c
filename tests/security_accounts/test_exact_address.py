"""Subject access and erasure find a person's own address, never a longer
address that contains it (`sender@` is inside `carol.sender@`)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from dispatch.models import Subscriber
from dispatch.services.subscriptions import subscriber_sign_up
from networks.models import NetworkMessage
from networks.services import network_message_send
from outbox.addresses import mentions
from outbox.models import Notification
from personal_data.collector import subject_access_export, subject_erase_everywhere
from site_pages.models import Feedback
from site_pages.services import feedback_create
from tests.networks.conftest import NetworkFactory

pytestmark = pytest.mark.django_db

SENDER = "sender@example.org"
CAROL = "carol.sender@example.org"


@pytest.fixture
def pair(django_capture_on_commit_callbacks):
    network = NetworkFactory(accepts_messages=True)
    with django_capture_on_commit_callbacks(execute=True):
        for name, email in (("Sam Sender", SENDER), ("Carol Sender", CAROL)):
            network_message_send(network=network, name=name, email=email, message=f"A message from {name}.")
            feedback_create(satisfaction="satisfied", comments=f"Please reply to {email}.", page="/")
            subscriber_sign_up(email=email, name=name, districts=[], topics=[])
    return network


def _texts(value) -> str:
    return repr(value)


def test_the_export_for_an_address_holds_nothing_of_a_longer_address_containing_it(pair):
    data = subject_access_export(email=f"  {SENDER.upper()} ")
    text = _texts(data["parts"])
    assert CAROL not in text and "Carol Sender" not in text
    (message,) = data["parts"]["networks"]["messages_to_networks"]
    assert "A message from Sam Sender." in message["email_to_the_network"]
    assert [f["comments"] for f in data["parts"]["site_pages"]["feedback"]] == [f"Please reply to {SENDER}."]
    assert {e["to"] for e in data["parts"]["outbox"]["emails"]} == {SENDER}


def test_erasing_an_address_leaves_a_longer_address_containing_it_untouched(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subject_erase_everywhere(email=SENDER)
    carol = subject_access_export(email=CAROL)["parts"]
    (message,) = carol["networks"]["messages_to_networks"]
    body = message["email_to_the_network"]
    assert CAROL in body and "A message from Carol Sender." in body
    assert Feedback.objects.filter(comments=f"Please reply to {CAROL}.").exists()
    assert Subscriber.objects.filter(email=CAROL).exists()
    network_emails = Notification.objects.filter(about_type=ContentType.objects.get_for_model(NetworkMessage))
    assert sum(CAROL in n.body_text for n in network_emails) == 1
    assert not any(SENDER in n.body_text.replace(CAROL, "") for n in Notification.objects.all())
    assert subject_access_export(email=SENDER)["parts"]["networks"]["messages_to_networks"] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("write to sender@example.org.", True),
        ("<SENDER@Example.org>", True),
        ("write to carol.sender@example.org", False),
        ("write to sender@example.org.uk", False),
        ("write to sender@example.organic", False),
    ],
)
def test_an_address_is_found_in_free_text_only_as_a_whole_address(text, found):
    assert mentions(text, SENDER) is found
