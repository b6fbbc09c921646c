"""Private links: the IAG status page, an IAG membership and meeting
invitation, a booking, Dispatch's confirm,
preferences and unsubscribe links. One helper for all of them.

A link's token is the object's random key signed (HMAC-SHA256, Django's
signing) with the site's SECRET_KEY under a salt naming the link's purpose.
The database holds the key, never the token, and the key is useless without
the secret: nobody who can only read the database (staff in admin, a backup,
a SQL console) can make or use a link.

Emails: the outbox stores a body with MARKER where the token goes and the
notification names the link (purpose and object id). The outbox puts the real
token in only while it sends (`fill`), so the stored bodies staff can read hold
no usable link, and a resend or a retry still carries a working one. Only the
notification's own object is filled in, so text a person typed into a form
cannot pull another object's link into an email.
"""

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core import signing
from django.core.exceptions import ValidationError

MARKER = "~private-link~"  # survives reverse() and HTML escaping unchanged
REDACTED = "[private link]"  # what staff see in its place
SEP = "."
MAX_TOKEN_LENGTH = 200


class LinkInvalid(Exception):
    pass


class LinkExpired(LinkInvalid):
    pass


def link_key_new() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class LinkTarget:
    """What a stored email's MARKER stands for."""

    purpose: str
    object_id: str


@dataclass(frozen=True)
class PrivateLink:
    purpose: str  # also the signing salt: a token for one purpose is refused for another
    model: str  # "app_label.ModelName"
    key_field: str
    max_age: Callable[[], int] | None = None  # seconds; links that expire are timestamped

    def _signer(self) -> signing.Signer:
        if self.max_age:
            return signing.TimestampSigner(salt=self.purpose, sep=SEP)
        return signing.Signer(salt=self.purpose, sep=SEP)

    @staticmethod
    def _text(key) -> str:
        return key.hex if isinstance(key, uuid.UUID) else str(key)

    def sign(self, key) -> str:
        return self._signer().sign(self._text(key))

    def unsign(self, token: str) -> str:
        """The key a token carries. Raises LinkInvalid (forged, altered, for
        another purpose) or LinkExpired."""
        if not token or len(token) > MAX_TOKEN_LENGTH or "\x00" in token:
            raise LinkInvalid
        try:
            if self.max_age:
                return self._signer().unsign(token, max_age=self.max_age())
            return self._signer().unsign(token)
        except signing.SignatureExpired as exc:
            raise LinkExpired from exc
        except signing.BadSignature as exc:
            raise LinkInvalid from exc

    def token(self, obj) -> str:
        key = getattr(obj, self.key_field)
        if not key:
            raise LinkInvalid(f"{self.purpose}: this {obj._meta.model_name} has no private link")
        return self.sign(key)

    def lookup(self, token: str, queryset=None):
        """A queryset of the object the token is for (empty if it is not valid).
        Raises LinkExpired for an expiring link that has expired."""
        queryset = queryset if queryset is not None else apps.get_model(self.model)._default_manager.all()
        try:
            key = self.unsign(token)
        except LinkExpired:
            raise
        except LinkInvalid:
            return queryset.none()
        try:
            return queryset.filter(**{self.key_field: key})
        except (ValidationError, ValueError):
            return queryset.none()

    def target(self, obj) -> LinkTarget:
        return LinkTarget(purpose=self.purpose, object_id=str(obj.pk))


LINKS: dict[str, PrivateLink] = {}


def register(link: PrivateLink) -> PrivateLink:
    LINKS[link.purpose] = link
    return link


def _dispatch_confirmation_max_age() -> int:
    from django.conf import settings

    return settings.DISPATCH_CONFIRMATION_MAX_AGE_HOURS * 60 * 60


def _form_draft_resume_max_age() -> int:
    from django.conf import settings

    return settings.FORM_DRAFT_RESUME_DAYS * 24 * 60 * 60


# The purposes keep the salts the links were first issued with, so links in
# emails already sent keep working.
IAG_STATUS = register(PrivateLink("iag.status-link", "iag.Application", "status_key"))
IAG_MEMBERSHIP = register(PrivateLink("iag_work.membership", "iag_work.Membership", "link_key"))
IAG_INVITATION = register(PrivateLink("iag_work.invitation", "iag_work.Invitation", "link_key"))
BOOKING = register(PrivateLink("positive_action.booking", "positive_action.Booking", "link_key"))
DISPATCH_MANAGE = register(PrivateLink("dispatch.manage", "dispatch.Subscriber", "key"))
DISPATCH_CONFIRM = register(
    PrivateLink("dispatch.confirm", "dispatch.Subscriber", "key", max_age=_dispatch_confirmation_max_age)
)

# "Save and come back later": one use (the key is cleared), FORM_DRAFT_RESUME_DAYS at most.
FORM_DRAFT_RESUME = register(
    PrivateLink("form_drafts.resume", "form_drafts.FormDraft", "resume_key", max_age=_form_draft_resume_max_age)
)


def redact(text: str) -> str:
    return text.replace(MARKER, REDACTED) if text else text


_PREFETCHED = "_private_link_object"


def prefetch(notifications) -> None:
    """Load the objects a batch of emails links to with one query per purpose,
    so sending a newsletter costs no query per email for its links."""
    wanted: dict[str, set[str]] = {}
    for notification in notifications:
        if notification.link_purpose in LINKS:
            wanted.setdefault(notification.link_purpose, set()).add(notification.link_target)
    for purpose, ids in wanted.items():
        link = LINKS[purpose]
        found = {str(obj.pk): obj for obj in apps.get_model(link.model)._default_manager.filter(pk__in=ids)}
        for notification in notifications:
            if notification.link_purpose == purpose:
                setattr(notification, _PREFETCHED, found.get(notification.link_target))


def _token_for(notification) -> str:
    link = LINKS.get(notification.link_purpose)
    if link is None:
        raise LinkInvalid(f"Unknown private link {notification.link_purpose!r}")
    model = apps.get_model(link.model)
    if hasattr(notification, _PREFETCHED):
        obj = getattr(notification, _PREFETCHED)
    else:
        obj = model._default_manager.filter(pk=notification.link_target).first()
    if obj is None:
        raise LinkInvalid(f"The {model._meta.verbose_name} this email links to no longer exists")
    return link.token(obj)


def fill(notification) -> tuple[str, str, dict]:
    """The body text, HTML body and headers to send, with the real link in
    place of MARKER. Only while sending: never saved."""
    text, html, headers = notification.body_text, notification.body_html, dict(notification.headers or {})
    if not notification.link_purpose:
        return text, html, headers
    parts = [text, html, *(str(v) for v in headers.values())]
    if not any(MARKER in part for part in parts):
        return text, html, headers
    token = _token_for(notification)
    return (
        text.replace(MARKER, token),
        html.replace(MARKER, token),
        {name: str(value).replace(MARKER, token) for name, value in headers.items()},
    )
