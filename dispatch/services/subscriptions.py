"""Signing up, confirming, changing preferences and leaving Dispatch."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import one_statement
import private_links
from dispatch import tokens
from dispatch.models import Delivery, Subscriber
from outbox.models import Notification
from outbox.services import notification_queue

ONE_CLICK = "List-Unsubscribe=One-Click"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def manage_links(subscriber: Subscriber) -> dict:
    """The links every Dispatch email carries, and the RFC 8058 headers, as
    stored in the outbox: the token is filled in as the email is sent."""
    token = private_links.MARKER
    unsubscribe_url = settings.SITE_URL + reverse("dispatch:unsubscribe", args=[token])
    return {
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": settings.SITE_URL + reverse("dispatch:preferences", args=[token]),
        "headers": {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": ONE_CLICK},
    }


def _confirmation_queue(subscriber: Subscriber) -> None:
    token = private_links.MARKER  # filled in as it is sent
    notification_queue(
        recipient=subscriber.email,
        template="dispatch/email/confirm",
        context={
            "confirm_url": settings.SITE_URL + reverse("dispatch:confirm", args=[token]),
            "hours": tokens.confirmation_max_age_seconds() // 3600,
        },
        kind="dispatch.confirm",
        about=subscriber,
        private_link=private_links.DISPATCH_CONFIRM.target(subscriber),
    )


def _already_subscribed_queue(subscriber: Subscriber) -> None:
    links = manage_links(subscriber)
    notification_queue(
        recipient=subscriber.email,
        template="dispatch/email/already_subscribed",
        context=links,
        kind="dispatch.already_subscribed",
        about=subscriber,
        headers=links["headers"],
        private_link=private_links.DISPATCH_MANAGE.target(subscriber),
    )


def subscriber_sign_up(*, email: str, name: str, districts, topics) -> None:
    """Sign an address up, or send it the right email if it is already known.

    The person sees the same page whatever happened, so the form never says
    whether an address is subscribed. A confirmed subscriber's choices are not
    changed by someone who only knows the address.

    Inside a `one_statement` block a new address, as most are, is saved with
    the caller's statement without a look first; a known one is refused by the
    unique address and the caller runs this again (protected_forms'
    create_once does), in a transaction, where it is looked up."""
    email = normalise_email(email)
    if one_statement.collecting():
        _subscriber_new(email=email, name=name, districts=districts, topics=topics)
        return
    _subscriber_sign_up_looked_up(email=email, name=name, districts=districts, topics=topics)


def _subscriber_new(*, email: str, name: str, districts, topics) -> None:
    subscriber = Subscriber(email=email, name=name)
    subscriber.clean_fields()  # in Python; the unique address is the database's to refuse
    one_statement.pks_reserve(subscriber)  # its email's private link names it
    one_statement.insert(subscriber, *_choice_rows(subscriber, districts=districts, topics=topics))
    _confirmation_queue(subscriber)


@transaction.atomic(savepoint=False)  # part of the caller's transaction, or its own
def _subscriber_sign_up_looked_up(*, email: str, name: str, districts, topics) -> None:
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber(email=email, name=name)
                subscriber.clean_fields()  # in Python; the unique address is the database's to refuse
                subscriber.save(force_insert=True)
                _choices_add(subscriber, districts=districts, topics=topics)
        except IntegrityError:  # the same address signed up at the same moment
            subscriber = Subscriber.objects.select_for_update().get(email=email)
        else:
            _confirmation_queue(subscriber)
            return
    if subscriber.is_confirmed:
        _already_subscribed_queue(subscriber)
        return
    subscriber.name = name
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.full_clean()
    subscriber.save(update_fields=["name", "confirmation_sent_at"])
    subscriber.districts.set(districts)
    subscriber.topics.set(topics)
    _confirmation_queue(subscriber)


def _choices_add(subscriber: Subscriber, *, districts, topics) -> None:
    """A new subscriber's districts and topics, one INSERT each."""
    one_statement.insert(*_choice_rows(subscriber, districts=districts, topics=topics))


def _choice_rows(subscriber: Subscriber, *, districts, topics) -> list:
    rows = []
    for field, chosen in ((Subscriber.districts.field, districts), (Subscriber.topics.field, topics)):
        through = field.remote_field.through
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows += [through(**{own: subscriber, other: item}) for item in chosen]
    return rows


def _welcome_queue(subscriber: Subscriber) -> None:
    links = manage_links(subscriber)
    notification_queue(
        recipient=subscriber.email,
        template="dispatch/email/welcome",
        context={
            **links,
            "name": subscriber.name,
            "districts": [district.name for district in subscriber.districts.all()],
            "topics": [topic.name for topic in subscriber.topics.all()],
        },
        kind="dispatch.welcome",
        about=subscriber,
        headers=links["headers"],
        private_link=private_links.DISPATCH_MANAGE.target(subscriber),
    )


@transaction.atomic
def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    """Follow the confirmation link: the first time, a welcome email says what
    they will get and how to change it or leave. Doing it twice changes nothing."""
    confirmed = Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    subscriber.refresh_from_db(fields=["confirmed_at"])
    if confirmed:
        _welcome_queue(subscriber)
    return subscriber


@transaction.atomic
def subscriber_preferences_update(*, subscriber: Subscriber, name: str, districts, topics) -> None:
    subscriber.name = name
    subscriber.preferences_updated_at = timezone.now()
    subscriber.full_clean()
    subscriber.save(update_fields=["name", "preferences_updated_at"])
    subscriber.districts.set(districts)
    subscriber.topics.set(topics)


@transaction.atomic
def subscriber_unsubscribe(*, key) -> bool:
    """Leave Dispatch at once: the subscriber and their choices are deleted, and
    any issue still waiting in the outbox for them is not sent. Returns whether
    anything was deleted; doing it again is harmless."""
    waiting = Delivery.objects.filter(subscriber__key=key).values("notification_id")
    Notification.objects.filter(pk__in=waiting, state=Notification.State.PENDING).update(
        state=Notification.State.FAILED, last_error="Not sent: the subscriber unsubscribed first."
    )
    deleted, _ = Subscriber.objects.filter(key=key).delete()
    return bool(deleted)


def unconfirmed_subscribers_remove(*, now=None) -> int:
    """Delete sign-ups never confirmed within the period set in settings."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.DISPATCH_UNCONFIRMED_MAX_AGE_DAYS)
    stale = Subscriber.objects.unconfirmed_before(cutoff)
    count = stale.count()
    stale.delete()
    return count
