"""Writing and sending issues of Dispatch.

Send is a conditional update (draft -> sending), so pressing it twice starts one
send. The fan-out then creates, batch by batch, one outbox row per subscriber,
with a delivery row whose unique (issue, subscriber) pair means a re-run after a
worker died creates nothing twice. The outbox sends each row once."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from dispatch.markdown import render_html, render_text
from dispatch.models import Delivery, Issue, Subscriber
from force.selectors import force_profile
from outbox.models import Notification
from outbox.services import notification_queue
from private_links import DISPATCH_MANAGE

from .subscriptions import manage_links

logger = logging.getLogger(__name__)
ISSUE_KIND = "dispatch.issue"
TEMPLATE = "dispatch/email/issue"


def batch_size() -> int:
    """Emails per send task: as many as fit in the soft time limit at the per-email
    budget, at most DISPATCH_SEND_BATCH_SIZE."""
    from outbox.services import send_budget

    return send_budget(settings.CELERY_TASK_SOFT_TIME_LIMIT)[0]


def issue_render(issue: Issue) -> dict:
    html = render_html(issue.body)
    return {"subject": issue.subject, "body_html": html, "body_text": render_text(html)}


def issue_recipients(issue: Issue):
    return Subscriber.objects.wanting(
        district_ids=list(issue.districts.values_list("pk", flat=True)),
        topic_ids=list(issue.topics.values_list("pk", flat=True)),
    )


def issue_send_test(*, issue: Issue, recipient: str) -> Notification:
    """A copy for the member of staff. Its links lead to the sign-up page, as
    they are not a subscriber."""
    sign_up = settings.SITE_URL + reverse("dispatch:index")
    return notification_queue(
        recipient=recipient,
        template=TEMPLATE,
        context={**issue_render(issue), "unsubscribe_url": sign_up, "preferences_url": sign_up, "is_test": True},
        kind="dispatch.test",
        about=issue,
    )


def issue_send(*, issue: Issue, user=None) -> bool:
    """Start sending. Returns False if it was already started (Send pressed twice)."""
    started = Issue.objects.filter(pk=issue.pk, state=Issue.State.DRAFT).update(
        state=Issue.State.SENDING, send_started_at=timezone.now(), send_started_by=user
    )
    if not started:
        return False
    transaction.on_commit(lambda: fan_out_enqueue(issue.pk))
    return True


def fan_out_enqueue(issue_id: int, after_id: int = 0) -> None:
    from dispatch.tasks import issue_fan_out

    try:
        issue_fan_out.delay(issue_id, after_id)
    except Exception as exc:  # noqa: BLE001 - broker down: staff can resume from admin
        if issue_fan_out.app.conf.task_always_eager:
            raise
        logger.warning("Broker unavailable; issue %s waits to be resumed (%s)", issue_id, exc)


def _notification(*, issue: Issue, subscriber_id: int, email: str, key, rendered: dict, base: dict, about_type):
    links = manage_links(Subscriber(pk=subscriber_id, key=key))
    context = {**base, **rendered, **links}
    return Notification(
        recipient=email,
        subject=" ".join(render_to_string(f"{TEMPLATE}_subject.txt", context).split())[:200],
        body_text=render_to_string(f"{TEMPLATE}_body.txt", context),
        body_html=render_to_string(f"{TEMPLATE}_body.html", context),
        template=TEMPLATE,
        kind=ISSUE_KIND,
        headers=links["headers"],
        about_type=about_type,
        about_id=str(issue.pk),
        link_purpose=DISPATCH_MANAGE.purpose,
        link_target=str(subscriber_id),
    )


def issue_batch_queue(*, issue: Issue, after_id: int, size: int) -> tuple[list[int], int | None]:
    """Create outbox rows for the next `size` recipients after subscriber `after_id`.
    Returns the batch's notification ids still to send and where the next batch
    starts (None when done)."""
    batch = list(
        issue_recipients(issue).filter(pk__gt=after_id).order_by("pk").values_list("pk", "email", "key")[:size]
    )
    if not batch:
        return [], None
    last = batch[-1][0]
    subscriber_ids = [row[0] for row in batch]
    done = set(
        Delivery.objects.filter(issue=issue, subscriber_id__in=subscriber_ids).values_list("subscriber_id", flat=True)
    )
    todo = [row for row in batch if row[0] not in done]
    if todo:
        _create(issue=issue, todo=todo, after_id=after_id)
    # Everything in this batch still waiting, including rows an earlier run
    # created but never sent (its worker died): the outbox claims each once.
    pending = Delivery.objects.filter(
        issue=issue, subscriber_id__in=subscriber_ids, notification__state=Notification.State.PENDING
    ).order_by("notification_id")
    return list(pending.values_list("notification_id", flat=True)), last


def _create(*, issue: Issue, todo: list, after_id: int) -> None:
    rendered = issue_render(issue)
    base = {"site_url": settings.SITE_URL, "force": force_profile()}
    about_type = ContentType.objects.get_for_model(Issue)
    rows = [
        _notification(
            issue=issue, subscriber_id=pk, email=email, key=key, rendered=rendered, base=base, about_type=about_type
        )
        for pk, email, key in todo
    ]
    try:
        with transaction.atomic():
            notifications = Notification.objects.bulk_create(rows)
            Delivery.objects.bulk_create(
                [
                    Delivery(issue=issue, subscriber_id=row[0], notification=notification)
                    for row, notification in zip(todo, notifications, strict=True)
                ]
            )
            Issue.objects.filter(pk=issue.pk).update(recipients_queued=F("recipients_queued") + len(notifications))
    except IntegrityError:
        # Another run of the fan-out queued this batch first; nothing of ours is kept.
        logger.info("Issue %s: batch after subscriber %s already queued by another run", issue.pk, after_id)


def issue_fan_out_finish(*, issue: Issue) -> None:
    Issue.objects.filter(pk=issue.pk, state=Issue.State.SENDING).update(
        state=Issue.State.SENT, queued_at=timezone.now()
    )


def issue_progress(issue: Issue) -> dict:
    """How many of the issue's emails are sent, pending (or being sent) and failed."""
    counts = dict(
        Notification.objects.filter(
            kind=ISSUE_KIND, about_type=ContentType.objects.get_for_model(Issue), about_id=str(issue.pk)
        )
        .values_list("state")
        .annotate(count=Count("pk"))
        .values_list("state", "count")
    )
    sent = counts.get(Notification.State.SENT, 0)
    failed = counts.get(Notification.State.FAILED, 0)
    pending = counts.get(Notification.State.PENDING, 0) + counts.get(Notification.State.SENDING, 0)
    return {"sent": sent, "pending": pending, "failed": failed, "total": sent + pending + failed}
