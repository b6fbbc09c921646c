import pytest
from django.urls import reverse

from networks.models import NetworkMessage
from outbox.models import Notification
from protected_forms.models import FormSubmission

pytestmark = pytest.mark.django_db

SENDER = "sam.sender@example.com"


@pytest.fixture
def network(make_network):
    return make_network(name="Help Forum", slug="help-forum", contact_email="help.forum@networks.example.org")


def form_page(client, network):
    response = client.get(reverse("networks:contact", args=[network.slug]))
    assert response.status_code == 200
    return response


def answers(client, network, **overrides):
    token = form_page(client, network).context["form"].initial["form_token"]
    data = {
        "name": "Sam Sender",
        "email": SENDER,
        "message": "Can I join? I'm new & <keen>",
        "consent": "on",
        "form_token": token,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_message_is_stored_in_the_outbox_for_the_network(client, network, django_capture_on_commit_callbacks):
    url = reverse("networks:contact", args=[network.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, answers(client, network))
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:contact_sent", args=[network.slug])
    record = NetworkMessage.objects.get()
    notification = Notification.objects.get()
    assert notification.recipient == "help.forum@networks.example.org"
    assert notification.kind == "networks.contact_message"
    assert notification.about == record
    assert notification.headers == {"Reply-To": SENDER}
    assert record.reference in notification.subject
    for text in ("Sam Sender", SENDER, "Can I join? I'm new & <keen>"):  # plain text, not HTML-escaped
        assert text in notification.body_text
    assert notification.state == Notification.State.SENT


def test_confirmation_page_shows_the_reference_but_never_the_senders_details(client, network):
    client.post(reverse("networks:contact", args=[network.slug]), answers(client, network))
    html = client.get(reverse("networks:contact_sent", args=[network.slug])).content.decode()
    assert "Message sent" in html
    assert NetworkMessage.objects.get().reference in html
    assert SENDER not in html and "Sam Sender" not in html
    assert SENDER not in client.get(network.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your name"),
        ({"email": ""}, "email", "Enter your email address"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format, like name@example.com"),
        ({"message": "   "}, "message", "Enter your message"),
        ({"message": "x" * 3001}, "message", "Your message must be 3,000 characters or fewer"),
        ({"message": "hello\x00"}, "message", "Your message contains characters we cannot accept"),
        ({"consent": None}, "consent", "Confirm that we can send your details to the network"),
    ],
)
def test_bad_input_gets_a_plain_message_and_keeps_every_answer(client, network, overrides, field, message):
    data = answers(client, network, **overrides)
    response = client.post(reverse("networks:contact", args=[network.slug]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html and f'href="#id_{field}"' in html
    if field != "name":
        assert 'value="Sam Sender"' in html
    if field != "email":
        assert f'value="{data["email"]}"' in html
    assert not NetworkMessage.objects.exists()
    assert not Notification.objects.exists()


def test_the_same_submission_twice_sends_one_message(client, network):
    data = answers(client, network)
    url = reverse("networks:contact", args=[network.slug])
    first = client.post(url, data)
    second = client.post(url, data)
    assert first["Location"] == second["Location"]
    assert NetworkMessage.objects.count() == 1
    assert Notification.objects.count() == 1
    assert FormSubmission.objects.get().result == NetworkMessage.objects.get().reference


def test_honeypot_is_turned_away_quietly(client, network):
    response = client.post(
        reverse("networks:contact", args=[network.slug]), answers(client, network, website="http://spam")
    )
    assert response.status_code == 302
    assert not NetworkMessage.objects.exists()
    assert not Notification.objects.exists()


def test_too_many_submissions_from_one_client_get_429(client, network, settings):
    settings.FORM_RATE_LIMIT = 2
    url = reverse("networks:contact", args=[network.slug])
    statuses = [client.post(url, answers(client, network)).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert NetworkMessage.objects.count() == 2


def test_no_contact_form_for_a_network_without_one(client, make_network):
    phone_only = make_network(contact_email="", accepts_messages=False, contact_phone="101")
    assert client.get(reverse("networks:contact", args=[phone_only.slug])).status_code == 404
    html = client.get(phone_only.get_absolute_url()).content.decode()
    assert "Contact this network" not in html and "101" in html


def test_a_name_with_line_breaks_cannot_forge_lines_in_the_email(
    client, network, mailoutbox, django_capture_on_commit_callbacks
):
    data = answers(client, network, name="Sam\r\nBcc: victim@example.org\r\nSubject: Win")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("networks:contact", args=[network.slug]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Your name must not contain line breaks or control characters"]
    assert "govuk-error-summary" in response.content.decode()
    assert not NetworkMessage.objects.exists()
    assert not Notification.objects.exists()
    assert mailoutbox == []
