"""The outbox does not hide failures: a broken email template stops the
submission, a worker's time limit reaches Celery, and only SMTP and network
errors are retried quietly."""

import copy
import logging
import smtplib
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.db import transaction
from django.template import TemplateSyntaxError

from dispatch.tasks import notifications_send_batch
from outbox.models import Notification
from outbox.services import notification_queue, notifications_send_many, notifications_sweep
from site_pages.models import Feedback

pytestmark = pytest.mark.django_db
SEND = "django.core.mail.EmailMultiAlternatives.send"


@pytest.fixture
def email_templates(settings, tmp_path):
    """A template folder searched first, for emails written by the test."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0].get("DIRS", [])]
    settings.TEMPLATES = templates

    def write(name: str, text: str) -> None:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    return write


def queue(template="tests/email/notice"):
    return notification_queue(recipient="a@example.org", template=template, context={}, kind="test")


def outbox_rows(count: int) -> list[int]:
    return [
        Notification.objects.create(recipient=f"person{n}@example.org", subject="s", body_text="b", kind="test").pk
        for n in range(count)
    ]


def test_an_email_without_an_html_template_is_stored_text_only(email_templates):
    email_templates("tests/email/notice_subject.txt", "Notice")
    email_templates("tests/email/notice_body.txt", "Plain words")
    notification = queue()
    assert notification.body_text == "Plain words" and notification.body_html == ""


def test_a_broken_html_template_raises_and_the_submission_is_not_saved(email_templates):
    email_templates("tests/email/notice_subject.txt", "Notice")
    email_templates("tests/email/notice_body.txt", "Plain words")
    email_templates("tests/email/notice_body.html", "<p>{% if %}</p>")
    with pytest.raises(TemplateSyntaxError):
        with transaction.atomic():
            Feedback.objects.create(satisfaction="satisfied", comments="x")
            queue()
    assert Feedback.objects.count() == 0
    assert Notification.objects.count() == 0


def test_soft_time_limit_in_a_batch_reaches_celery_and_the_untried_emails_can_be_sent_again():
    ids = outbox_rows(4)
    with mock.patch(SEND, side_effect=[1, SoftTimeLimitExceeded()]) as send:
        with pytest.raises(SoftTimeLimitExceeded):
            notifications_send_many(notification_ids=ids)
    assert send.call_count == 2
    states = dict(Notification.objects.values_list("pk", "state"))
    # Sent; interrupted mid-send (only the claim timeout gives it back); never tried.
    assert [states[pk] for pk in ids] == ["sent", "sending", "pending", "pending"]
    assert list(Notification.objects.filter(pk__in=ids[2:]).values_list("attempts", flat=True)) == [0, 0]
    assert notifications_sweep() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["person2@example.org", "person3@example.org"]


def test_an_smtp_error_in_a_batch_is_retried_later_and_the_rest_still_go():
    ids = outbox_rows(3)
    with mock.patch(SEND, side_effect=[1, smtplib.SMTPServerDisconnected("gone"), 1]):
        notifications_send_many(notification_ids=ids)
    second = Notification.objects.get(pk=ids[1])
    assert second.state == Notification.State.PENDING and "SMTPServerDisconnected" in second.last_error
    assert Notification.objects.filter(state=Notification.State.SENT).count() == 2


def test_an_unexpected_error_sending_one_email_is_not_swallowed():
    [notification_id] = outbox_rows(1)
    with mock.patch(SEND, side_effect=TypeError("a bug")):
        with pytest.raises(TypeError):
            notifications_send_many(notification_ids=[notification_id])


def test_batch_size_comes_from_the_soft_time_limit_and_the_time_per_email(settings):
    from dispatch.services.issues import batch_size
    from outbox.services import send_budget

    settings.NOTIFICATION_SEND_SECONDS_PER_MESSAGE = 0.1
    settings.DISPATCH_SEND_BATCH_SIZE = 500
    assert send_budget(60) == (300, 30.0)
    assert send_budget(4) == (20, 2.0)
    assert send_budget(None) == (500, None)
    settings.CELERY_TASK_SOFT_TIME_LIMIT = 10
    assert batch_size() == 50


def test_a_batch_out_of_time_hands_the_rest_back_and_queues_them_as_a_new_batch(settings):
    settings.NOTIFICATION_SEND_SHARE_OF_TIME_LIMIT = 0  # out of time after each email
    ids = outbox_rows(3)
    assert notifications_send_many(notification_ids=ids, seconds=0) == ids[1:]
    assert Notification.objects.filter(pk__in=ids[1:], state="pending", attempts=0).count() == 2

    with mock.patch.object(notifications_send_batch, "delay", wraps=notifications_send_batch.delay) as delay:
        notifications_send_batch(ids)
    assert [call.args[0] for call in delay.call_args_list] == [ids[2:]]
    assert Notification.objects.filter(pk__in=ids, state="sent").count() == 3
    assert len(mail.outbox) == 3


@pytest.fixture
def restore_loggers():
    root, celery_logger = logging.getLogger(), logging.getLogger("celery")
    handlers, level, celery_level = root.handlers[:], root.level, celery_logger.level
    from engagement_site.celery import app

    yield app
    app.log.already_setup = False
    root.handlers[:] = handlers
    root.setLevel(level)
    celery_logger.setLevel(celery_level)


def test_a_worker_keeps_djangos_logging_and_its_loglevel_for_celerys_own_messages(settings, restore_loggers):
    app = restore_loggers
    settings.LOGGING = {**settings.LOGGING, "root": {**settings.LOGGING["root"], "level": "WARNING"}}
    app.log.already_setup = False
    app.log.setup(loglevel="INFO")  # what `celery worker --loglevel=INFO` does as it starts
    root = logging.getLogger()
    formats = [getattr(handler.formatter, "_fmt", None) for handler in root.handlers]
    assert formats == [settings.LOGGING["formatters"]["plain"]["format"]]
    assert root.level == logging.WARNING  # Django's LOGGING, not the command line
    assert logging.getLogger("celery.apps.worker").isEnabledFor(logging.INFO)  # "celery@host ready."


def test_an_email_whose_send_never_finishes_is_failed_for_good_not_retried_forever(settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    [notification_id] = outbox_rows(1)
    long_ago = timezone.now() - timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS + 60)
    Notification.objects.update(state=Notification.State.SENDING, claimed_at=long_ago, attempts=2)
    assert notifications_sweep() == 0
    notification = Notification.objects.get(pk=notification_id)
    assert notification.state == Notification.State.FAILED and "never finished" in notification.last_error
    assert mail.outbox == []
