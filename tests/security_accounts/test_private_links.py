"""Private links (IAG status, booking, Dispatch) cannot be used by anyone who
can only read the database or the outbox in admin; the emails as sent carry
working links; forged and altered links are refused."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse

import private_links
from dispatch.models import Subscriber
from iag.models import Application
from outbox.models import Notification
from positive_action.models import Booking

from .conftest import EMAIL, make_staff, rows_containing

pytestmark = pytest.mark.django_db

LINK = re.compile(
    r"/(?:independent-advisory-groups/application|positive-action/bookings|dispatch/(?:confirm|preferences|unsubscribe))"
    r"/([^/\s\"'<>]+)/"
)


def _sent_tokens(mailoutbox) -> dict[str, set[str]]:
    """Every private-link token in the emails as they were sent to the person, by kind of link."""
    found: dict[str, set[str]] = {}
    for message in mailoutbox:
        if [to.lower() for to in message.to] != [EMAIL.lower()]:
            continue
        parts = [
            message.body,
            *(body for body, _type in message.alternatives),
            *map(str, message.extra_headers.values()),
        ]
        for part in parts:
            for match in LINK.finditer(part):
                kind = match.group(0).split("/")[1 if "dispatch" not in match.group(0) else 2]
                found.setdefault(kind, set()).add(match.group(1))
    return found


@pytest.fixture
def tokens(mailoutbox, person, django_capture_on_commit_callbacks):
    from dispatch.services.subscriptions import subscriber_sign_up

    with django_capture_on_commit_callbacks(execute=True):  # signing up again sends the manage links
        subscriber_sign_up(email=EMAIL, name="Q", districts=[], topics=[])
    found = _sent_tokens(mailoutbox)
    assert set(found) >= {"independent-advisory-groups", "positive-action", "confirm", "preferences", "unsubscribe"}
    return found


def test_no_table_holds_a_usable_token_of_a_fresh_application_booking_or_subscription(tokens):
    every = set().union(*tokens.values())
    assert len(every) >= 4
    for token in every:
        _key, signature = token.rsplit(".", 1)
        assert rows_containing(token) == {}, token
        assert rows_containing(signature) == {}, token  # nor the part only the site's secret can make
    assert rows_containing(private_links.MARKER)  # the stored emails hold the placeholder instead


def test_the_admin_outbox_shows_every_private_link_redacted(tokens, client):
    client.force_login(make_staff("outbox", "outbox.view_notification"))
    every = set().union(*tokens.values())
    notifications = list(Notification.objects.all())
    assert len(notifications) >= 6
    for notification in notifications:
        page = client.get(reverse("admin:outbox_notification_change", args=[notification.pk]))
        assert page.status_code == 200
        text = page.content.decode()
        assert not any(token in text for token in every)
        assert private_links.MARKER not in text
        if notification.link_purpose and notification.recipient == EMAIL.lower():
            assert private_links.REDACTED in text
    listing = client.get(reverse("admin:outbox_notification_changelist")).content.decode()
    assert not any(token in listing for token in every)


def test_a_subject_access_export_shows_private_links_redacted(tokens):
    from personal_data.collector import subject_access_export

    export = repr(subject_access_export(email=EMAIL))
    assert not any(token in export for token in set().union(*tokens.values()))
    assert private_links.MARKER not in export and private_links.REDACTED in export


def test_the_links_in_the_sent_emails_work(tokens, person, client):
    (status,) = tokens["independent-advisory-groups"]
    page = client.get(reverse("iag:status", args=[status]))
    assert page.status_code == 200 and person["application"].reference in page.content.decode()

    (booking_token,) = tokens["positive-action"]
    assert client.post(reverse("positive_action:booking_cancel", args=[booking_token])).status_code == 302
    assert Booking.objects.get(pk=person["booking"].pk).status == Booking.Status.CANCELLED

    (preferences,) = tokens["preferences"]
    assert client.get(reverse("dispatch:preferences", args=[preferences])).status_code == 200
    (unsubscribe,) = tokens["unsubscribe"]
    assert client.post(reverse("dispatch:unsubscribe", args=[unsubscribe])).status_code == 302
    assert not Subscriber.objects.filter(email=EMAIL.lower()).exists()


def _altered(token: str) -> list[str]:
    key, signature = token.rsplit(".", 1)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    return [key + "." + flipped, key, key + ".", "x" + token, token + "x", token.upper()]


def test_forged_and_altered_links_are_refused(tokens, person, client, settings):
    application, booking = person["application"], person["booking"]
    (status,) = tokens["independent-advisory-groups"]
    (booking_token,) = tokens["positive-action"]
    (unsubscribe,) = tokens["unsubscribe"]
    forged_with_another_secret = signing.Signer(key="not-the-site-secret", salt="iag.status-link", sep=".").sign(
        application.status_key
    )
    for bad in [*_altered(status), forged_with_another_secret, booking_token]:
        assert client.get(reverse("iag:status", args=[bad])).status_code == 404, bad
        assert client.post(reverse("iag:withdraw", args=[bad])).status_code == 404, bad
    for bad in [*_altered(booking_token), booking.link_key, status]:
        assert client.get(reverse("positive_action:booking_manage", args=[bad])).status_code == 404, bad
        assert client.post(reverse("positive_action:booking_cancel", args=[bad])).status_code == 404, bad
    for bad in [*_altered(unsubscribe), status]:
        assert client.post(reverse("dispatch:unsubscribe", args=[bad])).status_code == 400, bad
    assert Application.objects.get(pk=application.pk).anonymised_at is None
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    assert Subscriber.objects.filter(email=EMAIL.lower()).exists()


def test_a_placeholder_typed_into_a_form_is_never_filled_with_a_link(person, mailoutbox):
    """Only an email that names its own link is filled in, so text a person
    typed cannot pull someone's link into an email sent to staff."""
    from networks.models import Network
    from networks.services import network_message_send

    network = next(n for n in Network.objects.filter(is_published=True) if n.has_contact_form)
    record = network_message_send(network=network, name="X", email="x@example.org", message=private_links.MARKER)
    email = Notification.objects.get(about_type=ContentType.objects.get_for_model(record), about_id=str(record.pk))
    assert private_links.fill(email)[0] == email.body_text and private_links.MARKER in email.body_text
