from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

import one_statement
from networks.models import Network, NetworkMessage
from outbox.addresses import digest
from outbox.services import notification_queue


def network_message_send(*, network: Network, name: str, email: str, message: str) -> NetworkMessage:
    """Pass a message to a network's contact through the outbox. The sender's
    details go only into that email (and its Reply-To), never onto the site."""
    if not network.has_contact_form or not network.is_published:
        raise ValueError("This network does not take messages through the site")
    record = NetworkMessage(network=network, consented_at=timezone.now(), sender_digest=digest(email))
    record.clean_fields(exclude={"network"})  # in Python; the keys are the database's to refuse
    with one_statement.one_statement():  # part of the caller's statement, or its own
        one_statement.pks_reserve(record)  # the email names it
        one_statement.insert(record)
        notification_queue(
            recipient=network.contact_email,
            template="networks/email/contact_message",
            context={
                "network": network,
                "reference": record.reference,
                "name": name,
                "email": email,
                "message": message,
            },
            kind="networks.contact_message",
            about=record,
            headers={"Reply-To": email},
        )
    return record


def _set_published(*, networks: QuerySet[Network], published: bool, user: AbstractBaseUser | None) -> list[Network]:
    changed = list(networks.exclude(is_published=published))
    for network in changed:
        network.is_published = published
        network.updated_by = user
        network.full_clean()
        network.save(update_fields=["is_published", "updated_by", "updated_at"])
    return changed


@transaction.atomic
def networks_publish(*, networks: QuerySet[Network], user: AbstractBaseUser | None = None) -> list[Network]:
    """Show these networks in the directory. Returns the ones that changed."""
    return _set_published(networks=networks, published=True, user=user)


@transaction.atomic
def networks_unpublish(*, networks: QuerySet[Network], user: AbstractBaseUser | None = None) -> list[Network]:
    """Take these networks out of the directory. Returns the ones that changed."""
    return _set_published(networks=networks, published=False, user=user)
