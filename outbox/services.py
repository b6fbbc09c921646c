"""The notification outbox: store first, send after commit, sweep what is left.

A row is claimed with a conditional UPDATE (pending -> sending), so two workers
or two sweepers can never send the same email twice.
"""

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

import private_links
from outbox.models import Notification

logger = logging.getLogger(__name__)


def notification_queue(
    *,
    recipient: str,
    template: str,
    context: dict,
    kind: str,
    about=None,
    headers: dict | None = None,
    private_link: private_links.LinkTarget | None = None,
) -> Notification:
    """Render an email from `<template>_subject.txt`, `_body.txt` and (optionally)
    `_body.html`, store it, and send it once the surrounding transaction commits.

    Call this inside the transaction that saves what the email reports. An
    email with a private link renders it with `private_links.MARKER` as the
    token and names it in `private_link`; the real link is added as it is sent."""
    from force.selectors import force_profile

    context = {"site_url": settings.SITE_URL, "force": force_profile(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body_text = render_to_string(f"{template}_body.txt", context)
    try:
        body_html = render_to_string(f"{template}_body.html", context)
    except Exception:  # noqa: BLE001 - the HTML part is optional
        body_html = ""
    notification = Notification(
        recipient=recipient,
        subject=subject[:200],
        body_text=body_text,
        body_html=body_html,
        template=template,
        kind=kind,
        headers=headers or {},
    )
    if private_link is not None:
        notification.link_purpose, notification.link_target = private_link.purpose, private_link.object_id
    if about is not None:
        notification.about_type = ContentType.objects.get_for_model(about)
        notification.about_id = str(about.pk)
    notification.full_clean()
    notification.save()
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def unit_alert_queue(*, template: str, context: dict, kind: str, about=None) -> Notification:
    """An alert to the diversity unit. Its templates carry only a reference and an
    admin link, never the person's answers."""
    return notification_queue(
        recipient=settings.DIVERSITY_UNIT_EMAIL, template=template, context=context, kind=kind, about=about
    )


def _enqueue(notification_id: int) -> None:
    """Hand the send to Celery. If the broker is unreachable the row stays
    pending and the beat sweeper sends it later; the person's page goes on."""
    from outbox.tasks import notification_send as notification_send_task

    try:
        notification_send_task.delay(notification_id)
    except Exception as exc:  # noqa: BLE001 - any broker failure must not reach the person
        if notification_send_task.app.conf.task_always_eager:
            raise
        logger.warning("Broker unavailable; notification %s left for the sweeper (%s)", notification_id, exc)


def _claimable(now):
    """Due pending rows, and rows a worker claimed so long ago it must have died."""
    stale = now - timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)
    return Q(state=Notification.State.PENDING, next_attempt_at__lte=now) | Q(
        state=Notification.State.SENDING, claimed_at__lt=stale
    )


def _claim(notification_ids: list[int]) -> list[Notification]:
    """Claim the claimable rows among `notification_ids` with one conditional
    UPDATE; the claim time (to the microsecond) tells this claim's rows apart."""
    now = timezone.now()
    Notification.objects.filter(pk__in=notification_ids).filter(_claimable(now)).update(
        state=Notification.State.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return list(
        Notification.objects.filter(pk__in=notification_ids, state=Notification.State.SENDING, claimed_at=now).order_by(
            "pk"
        )
    )


def _message(notification: Notification, connection=None) -> EmailMultiAlternatives:
    body_text, body_html, headers = private_links.fill(notification)  # the real link, never saved
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        headers={"Message-ID": notification.message_id, **headers},
        connection=connection,
    )
    if body_html:
        message.attach_alternative(body_html, "text/html")
    return message


def _mark_sent(notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        state=Notification.State.SENT, sent_at=timezone.now(), last_error=""
    )


def retry_delay(attempts: int) -> int:
    """Exponential back-off with jitter, in seconds, capped at 30 minutes so it
    stays well inside Redis's visibility timeout."""
    base = settings.NOTIFICATION_RETRY_BASE_SECONDS * (2 ** max(attempts - 1, 0))
    return int(min(base, 1800) * random.uniform(0.8, 1.2))


def notification_send(*, notification_id: int) -> int | None:
    """Send one notification if it is due. Returns seconds until a retry when the
    send failed and will be tried again, otherwise None."""
    claimed = _claim([notification_id])
    if not claimed:
        return None  # already sent, being sent, failed for good, or not due yet
    notification = claimed[0]
    try:
        _message(notification).send()
    except Exception as exc:  # noqa: BLE001 - SMTP and network failures are all retried
        return _record_failure(notification, exc)
    _mark_sent(notification)
    return None


def notifications_send_many(*, notification_ids: list[int]) -> int:
    """Send a batch (a newsletter's emails, say) with one claim and one mail
    connection; each row is marked sent as soon as its email goes, and a failure
    is retried like any other. Returns how many went."""
    claimed = _claim(notification_ids)
    sent = 0
    if not claimed:
        return sent
    private_links.prefetch(claimed)
    with get_connection() as connection:
        for notification in claimed:
            try:
                _message(notification, connection).send()
            except Exception as exc:  # noqa: BLE001 - every failure is retried by the outbox
                _record_failure(notification, exc)
                continue
            _mark_sent(notification)
            sent += 1
    return sent


def _record_failure(notification: Notification, exc: Exception) -> int | None:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        Notification.objects.filter(pk=notification.pk).update(state=Notification.State.FAILED, last_error=error)
        logger.error("Notification %s failed for good after %s attempts", notification.pk, notification.attempts)
        return None
    delay = retry_delay(notification.attempts)
    Notification.objects.filter(pk=notification.pk).update(
        state=Notification.State.PENDING,
        last_error=error,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    logger.warning(
        "Notification %s failed (attempt %s), retrying in %ss", notification.pk, notification.attempts, delay
    )
    return delay


def notification_resend(*, notification: Notification) -> None:
    """Staff asked for this email to go again (after a failure, or a lost email)."""
    Notification.objects.filter(pk=notification.pk).update(
        state=Notification.State.PENDING, next_attempt_at=timezone.now(), attempts=0, last_error="", sent_at=None
    )
    transaction.on_commit(lambda: _enqueue(notification.pk))


def notifications_sweep(*, limit: int = 500) -> int:
    """Enqueue what is due and what a dead worker left half-done. Returns how many."""
    due = Notification.objects.filter(_claimable(timezone.now()))
    ids = list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    for notification_id in ids:
        _enqueue(notification_id)
    return len(ids)
