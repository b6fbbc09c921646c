"""The "Save and come back later" email as the person gets it: the outbox row
with its private link filled in, as the outbox does while sending."""

import re

import private_links
from outbox.models import Notification

LINK = re.compile(r"https?://[^/\s]+(/saved-answers/return/[^/\s]+/)")


def return_email(recipient: str) -> tuple[Notification, str]:
    """The latest return-link email to `recipient`: the row and its text as sent."""
    notification = Notification.objects.filter(kind="form_drafts.resume", recipient=recipient).latest("pk")
    text, _html, _headers = private_links.fill(notification)
    return notification, text


def return_path(recipient: str) -> str:
    return LINK.search(return_email(recipient)[1]).group(1)
