"""The notification outbox: store first, send after commit, sweep what is left.

Rows are claimed in batches with one conditional UPDATE (pending -> sending;
on PostgreSQL with FOR UPDATE SKIP LOCKED), so two workers or two sweepers
never send the same email twice, and a batch goes over one mail connection.
"""

import logging
import random
import smtplib
import time
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import Exists, F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

import one_statement
import private_links
from outbox.models import Notification

logger = logging.getLogger(__name__)

# What a send may raise that is worth trying again later: the mail server said
# no for now, or the network failed. Anything else is a fault to be seen, and a
# worker's time limit (SoftTimeLimitExceeded) must reach Celery.
TRANSIENT_SEND_ERRORS = (smtplib.SMTPException, OSError)


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
    email = dict(recipient=recipient, template=template, context=context, kind=kind, about=about)
    return notifications_queue_many([{**email, "headers": headers, "private_link": private_link}])[0]


def notifications_queue_many(emails: list[dict]) -> list[Notification]:
    """Several emails, each given as `notification_queue`'s arguments, stored with
    one INSERT (and one read of the force's profile) and each sent once the
    surrounding transaction commits. Call it inside that transaction, or inside
    a `one_statement` block, whose statement then stores them with the rest."""
    from force.selectors import force_profile

    force = force_profile()
    notifications = [_notification_build(force=force, **email) for email in emails]
    one_statement.insert(*notifications)
    one_statement.after_save(partial(_enqueue_saved, notifications))
    return notifications


def _enqueue_saved(notifications: list[Notification]) -> None:
    _enqueue([notification.pk for notification in notifications])  # read once saved: a block sets them then


def _notification_build(
    *,
    force,
    recipient: str,
    template: str,
    context: dict,
    kind: str,
    about=None,
    headers: dict | None = None,
    private_link: private_links.LinkTarget | None = None,
) -> Notification:
    context = {"site_url": settings.SITE_URL, "force": force, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body_text = render_to_string(f"{template}_body.txt", context)
    try:
        body_html = render_to_string(f"{template}_body.html", context)
    except TemplateDoesNotExist:
        body_html = ""  # the HTML part is optional; a broken one raises
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
    # The fields' own checks, in Python only: the foreign key and the state
    # constraint would each cost a query, and the database holds them anyway.
    notification.clean_fields(exclude={"about_type"})
    return notification


def unit_alert(*, template: str, context: dict, kind: str, about=None) -> dict:
    """An alert to the diversity unit, as arguments for `notifications_queue_many`.
    Its templates carry only a reference and an admin link, never the person's answers."""
    return dict(recipient=settings.DIVERSITY_UNIT_EMAIL, template=template, context=context, kind=kind, about=about)


def unit_alert_queue(*, template: str, context: dict, kind: str, about=None) -> Notification:
    """An alert to the diversity unit (see `unit_alert`), stored and sent after commit."""
    return notifications_queue_many([unit_alert(template=template, context=context, kind=kind, about=about)])[0]


def _enqueue(notification_ids: list[int]) -> None:
    """Hand the sends to Celery: one task per email, all of them published in one
    round trip to the broker (a producer batch). If the broker is unreachable the
    rows stay pending and the beat sweeper sends them later; the page goes on."""
    from outbox.tasks import notification_send as notification_send_task

    app = notification_send_task.app
    if app.conf.task_always_eager:  # run here, and let errors surface
        for notification_id in notification_ids:
            notification_send_task.delay(notification_id)
        return
    try:
        with app.producer_or_acquire() as producer, producer.batch():
            for notification_id in notification_ids:
                notification_send_task.apply_async((notification_id,), producer=producer)
    except Exception as exc:  # noqa: BLE001 - any broker failure must not reach the person
        logger.warning("Broker unavailable; notifications %s left for the sweeper (%s)", notification_ids, exc)


def _claimable(now):
    """Due pending rows, and rows a worker claimed so long ago it must have died
    (unless every attempt has gone that way: the sweeper fails those).
    `_still_to_send` asks the same of one row in SQL: keep the two alike."""
    return Q(state=Notification.State.PENDING, next_attempt_at__lte=now) | (
        _abandoned(now) & Q(attempts__lt=settings.NOTIFICATION_MAX_ATTEMPTS)
    )


def _abandoned(now):
    stale = now - timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)
    return Q(state=Notification.State.SENDING, claimed_at__lt=stale)


def _claim(*, ids: list[int] | None = None, first: int | None = None, limit: int) -> list[Notification]:
    """Claim up to `limit` claimable rows in one statement: those among `ids`; or
    `first` and, if it was still to send, the longest-due pending rows with it, so
    the task that runs first sends a batch and the tasks for those rows find
    nothing to do; or (neither) a drain: the longest-due claimable rows.

    On PostgreSQL: `WITH pick AS (SELECT ... FOR UPDATE SKIP LOCKED) UPDATE ...
    WHERE id IN pick RETURNING ...`, so concurrent claimers take disjoint rows
    without waiting, and a row another claimer changed meanwhile is checked again
    and left out. The claim time (to the microsecond) tells this claim's rows apart."""
    now = timezone.now()
    if ids is not None:
        candidates = [Notification.objects.filter(_claimable(now), pk__in=ids).order_by("pk").values_list("pk")[:limit]]
    elif first is None:
        # A drain: what is due, then what a dead worker left (the sweeper's share).
        due = Notification.objects.filter(_claimable(now)).order_by("next_attempt_at", "pk").values_list("pk")
        candidates = [due[:limit]]
    else:
        own = Notification.objects.filter(_claimable(now), pk=first).order_by().values_list("pk")
        others = (
            Notification.objects.filter(state=Notification.State.PENDING, next_attempt_at__lte=now)
            .exclude(pk=first)
            .filter(Exists(own))  # a task whose email has gone (in someone's batch) does nothing
            .order_by("next_attempt_at", "pk")
            .values_list("pk")
        )
        candidates = [own, others[: limit - 1]]
    if database.vendor == "postgresql":
        claimed = _claim_returning(candidates, now)
    else:
        claimed = _claim_portable(candidates, now)
    return sorted(claimed, key=lambda row: (row.pk != first, row.pk))


def _claim_returning(candidates: list, now) -> list[Notification]:
    meta = Notification._meta
    quote = database.ops.quote_name
    picks, params = [], []
    for queryset in candidates:
        try:
            sql, sub_params = queryset.query.sql_with_params()
        except EmptyResultSet:  # no ids, or no room left after `first`
            continue
        picks.append(f"pick{len(picks)} AS ({sql} FOR UPDATE SKIP LOCKED)")
        params.extend(sub_params)
    if not picks:
        return []
    picked = " UNION ".join(f"SELECT * FROM pick{index}" for index in range(len(picks)))
    columns = ", ".join(quote(field.column) for field in meta.concrete_fields)
    sql = (
        f"WITH {', '.join(picks)} UPDATE {quote(meta.db_table)} SET {quote('state')} = %s, "
        f"{quote('claimed_at')} = %s, {quote('attempts')} = {quote('attempts')} + 1 "
        f"WHERE {quote(meta.pk.column)} IN ({picked}) RETURNING {columns}"
    )
    return list(Notification.objects.raw(sql, [*params, Notification.State.SENDING, now]))


def _claim_portable(candidates: list, now) -> list[Notification]:
    """SQLite runs one write at a time: a conditional UPDATE, then read back this claim's rows."""
    ids = [pk for queryset in candidates for (pk,) in queryset]
    Notification.objects.filter(pk__in=ids).filter(_claimable(now)).update(
        state=Notification.State.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return list(Notification.objects.filter(pk__in=ids, state=Notification.State.SENDING, claimed_at=now))


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


def _still_to_send(notification_id: int) -> bool:
    """Whether this email may still be claimed (see `_claimable`), read with one
    primary-key SELECT. One task is queued per email and the first to run sends a
    batch, so most tasks find their email taken: this makes them nearly as cheap
    as a task that does nothing. Hand-written, as building the query with the ORM
    costs more than running it; the claim checks again, so a stale answer is harmless."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)
    column, adapt = database.ops.quote_name, database.ops.adapt_datetimefield_value
    with database.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {column(Notification._meta.db_table)} WHERE {column('id')} = %s AND ("
            f"({column('state')} = %s AND {column('next_attempt_at')} <= %s) OR "
            f"({column('state')} = %s AND {column('claimed_at')} < %s AND {column('attempts')} < %s))",
            [
                notification_id,
                Notification.State.PENDING,
                adapt(now),
                Notification.State.SENDING,
                adapt(stale),
                settings.NOTIFICATION_MAX_ATTEMPTS,
            ],
        )
        return cursor.fetchone() is not None


def _mark_sent(notification: Notification) -> None:
    """One UPDATE by primary key, committed (durably) before the next email goes,
    so a worker that dies can send again at most the email it was sending.
    Hand-written for the same reason as `_still_to_send`: it runs once per email."""
    column = database.ops.quote_name
    with database.cursor() as cursor:
        cursor.execute(
            f"UPDATE {column(Notification._meta.db_table)} SET {column('state')} = %s, "
            f"{column('sent_at')} = %s, {column('last_error')} = '' WHERE {column('id')} = %s",
            [Notification.State.SENT, database.ops.adapt_datetimefield_value(timezone.now()), notification.pk],
        )


def retry_delay(attempts: int) -> int:
    """Exponential back-off with jitter, in seconds, capped at 30 minutes so it
    stays well inside Redis's visibility timeout."""
    base = settings.NOTIFICATION_RETRY_BASE_SECONDS * (2 ** max(attempts - 1, 0))
    return int(min(base, 1800) * random.uniform(0.8, 1.2))


def notification_send(*, notification_id: int, limit: int = 1, seconds: float | None = None) -> int | None:
    """Send one notification if it is due, and with it up to `limit - 1` other due
    emails (one claim, one mail connection). Returns seconds until a retry when
    this notification's send failed and will be tried again, otherwise None; the
    others' failures are retried by the sweeper, and any handed back unsent (out
    of time) are sent by a drain task."""
    if not _still_to_send(notification_id):
        return None  # most often: taken by another task's batch
    claimed = _claim(first=notification_id, limit=max(limit, 1))
    if not claimed:
        return None  # already sent, being sent, failed for good, or not due yet
    retry, left = _send_claimed(claimed, seconds)
    if left:
        _enqueue_drain()
    return retry.get(notification_id)


def send_budget(soft_time_limit: float | None) -> tuple[int, float | None]:
    """How many emails one batch task may take on, and how many seconds it may
    spend sending before it hands the rest back, under a soft time limit of
    `soft_time_limit` seconds (None: no limit, so no deadline)."""
    per_message = settings.NOTIFICATION_SEND_SECONDS_PER_MESSAGE
    if not soft_time_limit:
        return settings.DISPATCH_SEND_BATCH_SIZE, None
    # Keep a margin for the claim, the bookkeeping and a slow last message.
    usable = soft_time_limit * settings.NOTIFICATION_SEND_SHARE_OF_TIME_LIMIT
    return max(1, min(settings.DISPATCH_SEND_BATCH_SIZE, int(usable / per_message))), usable


def notifications_send_many(*, notification_ids: list[int], seconds: float | None = None) -> list[int]:
    """Send a batch (a newsletter's emails, say) with one claim and one mail
    connection; each row is marked sent as soon as its email goes, and an SMTP or
    network failure is retried like any other.

    Stops taking new emails once `seconds` have passed and hands the rest back
    (pending, due now). Returns the ids handed back, for the caller to queue again.
    If anything else is raised (the worker's soft time limit among them), the rows
    not yet tried are handed back before it propagates."""
    claimed = _claim(ids=notification_ids, limit=len(notification_ids))
    return _send_claimed(claimed, seconds)[1] if claimed else []


def notifications_drain(*, limit: int, seconds: float | None = None) -> tuple[int, list[int]]:
    """Claim up to `limit` claimable emails (due, or left by a dead worker) and send
    them over one mail connection. Returns how many were claimed and the ids handed
    back unsent (out of time)."""
    claimed = _claim(limit=limit)
    return len(claimed), (_send_claimed(claimed, seconds)[1] if claimed else [])


def _send_claimed(claimed: list[Notification], seconds: float | None) -> tuple[dict[int, int], list[int]]:
    """Send claimed rows in order over one mail connection, each marked sent as soon
    as it goes. Returns {id: seconds until its retry} for SMTP and network failures
    that will be tried again, and the ids handed back because time ran out."""
    private_links.prefetch(claimed)
    stop_at = None if seconds is None else time.monotonic() + seconds
    retries = {}
    with get_connection() as mail_connection:
        for index, notification in enumerate(claimed):
            if stop_at is not None and index and time.monotonic() >= stop_at:
                left = claimed[index:]
                _release(left)
                logger.info("Batch out of time after %s emails; %s handed back", index, len(left))
                return retries, [row.pk for row in left]
            try:
                _message(notification, mail_connection).send()
            except TRANSIENT_SEND_ERRORS as exc:
                delay = _record_failure(notification, exc)
                if delay is not None:
                    retries[notification.pk] = delay
                continue
            except BaseException:
                # The row being sent stays claimed: whether it went is unknown, so
                # only the claim timeout gives it back. The untried rows go back now.
                _release(claimed[index + 1 :])
                raise
            _mark_sent(notification)
    return retries, []


def _release(notifications: list[Notification]) -> None:
    """Give claimed rows back, untried: pending, due now, the claim's attempt undone."""
    if not notifications:
        return
    try:
        Notification.objects.filter(
            pk__in=[row.pk for row in notifications],
            state=Notification.State.SENDING,
            claimed_at=notifications[0].claimed_at,
        ).update(
            state=Notification.State.PENDING,
            claimed_at=None,
            next_attempt_at=timezone.now(),
            attempts=F("attempts") - 1,
        )
    except Exception:  # the claim timeout gives them back instead
        logger.exception("Could not hand back %s claimed notifications", len(notifications))


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
    transaction.on_commit(lambda: _enqueue([notification.pk]))


def notifications_sweep(*, limit: int = 500) -> int:
    """Queue drain tasks for what is due and what a dead worker left half-done
    (one task per batch). Returns how many emails that is. A row abandoned
    mid-send on its last attempt is failed, for staff to see."""
    now = timezone.now()
    abandoned = Notification.objects.filter(_abandoned(now), attempts__gte=settings.NOTIFICATION_MAX_ATTEMPTS)
    for notification_id in abandoned.values_list("pk", flat=True):
        logger.error("Notification %s failed for good: its send never finished", notification_id)
    abandoned.update(state=Notification.State.FAILED, last_error="The send never finished (worker stopped or error)")
    due = Notification.objects.filter(_claimable(now)).order_by().values("pk")[:limit].count()
    batch = send_budget(settings.CELERY_TASK_SOFT_TIME_LIMIT)[0]
    for _ in range(-(-due // batch)):
        _enqueue_drain()
    return due


def _enqueue_drain() -> None:
    from outbox.tasks import notifications_drain as notifications_drain_task

    try:
        notifications_drain_task.delay()
    except Exception as exc:  # noqa: BLE001 - the next sweep queues it again
        if notifications_drain_task.app.conf.task_always_eager:
            raise
        logger.warning("Broker unavailable; drain left for the next sweep (%s)", exc)
