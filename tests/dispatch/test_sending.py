"""Composing and sending an issue, in-process (the real-worker tests are in test_worker_send.py)."""

import pytest
from django.urls import reverse

from dispatch import tokens
from dispatch.markdown import render_html, render_text
from dispatch.models import Delivery, Issue
from dispatch.services import issue_batch_queue, issue_progress, issue_send
from dispatch.tasks import issue_fan_out, notifications_send_batch
from outbox.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)

BODY = """# Scam warning

Callers are **pretending** to be officers. Read [our advice](https://example.org/scams).

<script>alert(1)</script>
<img src="x" onerror="alert(1)">
[Click me](javascript:alert(1))

- Hang up
- Call 101 from another phone
"""


@pytest.fixture
def issue(districts, topics):
    issue = Issue.objects.create(subject="Phone scam warning", body=BODY)
    issue.districts.set(districts[:1])
    issue.topics.set(topics[1:2])
    return issue


def test_markdown_becomes_safe_html_and_readable_text():
    html = render_html(BODY)
    assert "<strong>pretending</strong>" in html
    assert '<a href="https://example.org/scams"' in html
    assert "<script" not in html and "onerror" not in html and "<img" not in html and "javascript:" not in html
    assert "<h2>Scam warning</h2>" in html  # under the email's own heading
    text = render_text(html)
    assert "our advice (https://example.org/scams)" in text
    assert "- Hang up" in text and "<" not in text


def test_an_issue_goes_once_to_each_confirmed_subscriber_who_wants_it(
    issue, make_subscriber, districts, topics, mailoutbox
):
    wants = make_subscriber("wants@example.org", district_list=districts[:2], topic_list=topics[1:])
    make_subscriber("other-district@example.org", district_list=districts[1:], topic_list=topics[1:])
    make_subscriber("other-topic@example.org", district_list=districts[:1], topic_list=topics[:1])
    make_subscriber("unconfirmed@example.org", confirmed=False, district_list=districts, topic_list=topics)

    assert issue_send(issue=issue) is True
    issue.refresh_from_db()
    assert issue.state == Issue.State.SENT and issue.recipients_queued == 1
    assert [message.to for message in mailoutbox] == [["wants@example.org"]]
    message = mailoutbox[0]
    assert message.subject == "Dispatch: Phone scam warning"
    unsubscribe = "http://127.0.0.1:8000" + reverse("dispatch:unsubscribe", args=[tokens.manage_token(wants.key)])
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    assert "/dispatch/preferences/" in message.body
    html = message.alternatives[0][0] if hasattr(message.alternatives[0], "__getitem__") else ""
    assert "<strong>pretending</strong>" in html and "<script" not in html and unsubscribe in html
    assert issue_progress(issue) == {"sent": 1, "pending": 0, "failed": 0, "total": 1}


def test_an_issue_with_no_districts_or_topics_goes_to_every_confirmed_subscriber(
    districts, topics, make_subscriber, mailoutbox
):
    for number in range(3):
        make_subscriber(f"person{number}@example.org", district_list=districts[number : number + 1])
    issue = Issue.objects.create(subject="Force-wide news", body="Hello")
    issue_send(issue=issue)
    assert sorted(message.to[0] for message in mailoutbox) == [f"person{n}@example.org" for n in range(3)]


def test_send_pressed_twice_sends_once(issue, make_subscriber, districts, topics, mailoutbox):
    make_subscriber(district_list=districts, topic_list=topics)
    assert issue_send(issue=issue) is True
    assert issue_send(issue=issue) is False
    assert len(mailoutbox) == 1
    assert Delivery.objects.count() == 1


def test_a_rerun_of_the_fan_out_creates_nothing_twice(issue, make_subscriber, districts, topics, settings):
    settings.DISPATCH_SEND_BATCH_SIZE = 2
    for number in range(5):
        make_subscriber(f"person{number}@example.org", district_list=districts, topic_list=topics)
    Issue.objects.filter(pk=issue.pk).update(state=Issue.State.SENDING, send_started_at=issue.created_at)
    issue.refresh_from_db()
    ids, after = issue_batch_queue(issue=issue, after_id=0, size=2)
    assert len(ids) == 2
    # The worker died before sending; the message is delivered again, the whole chain runs.
    issue_fan_out(issue.pk, 0)
    issue_fan_out(issue.pk, 0)
    assert Delivery.objects.filter(issue=issue).count() == 5
    assert Notification.objects.filter(kind="dispatch.issue").count() == 5
    assert Notification.objects.filter(kind="dispatch.issue").exclude(state="sent").count() == 0
    # A send batch delivered twice sends nothing more.
    notifications_send_batch(ids)
    assert Notification.objects.filter(kind="dispatch.issue", attempts__gt=1).count() == 0


def test_a_subscriber_who_leaves_mid_send_is_not_sent_to(issue, make_subscriber, districts, topics, mailoutbox):
    make_subscriber("stays@example.org", district_list=districts, topic_list=topics)
    leaver = make_subscriber("leaves@example.org", district_list=districts, topic_list=topics)
    leaver.delete()
    issue_send(issue=issue)
    assert [message.to for message in mailoutbox] == [["stays@example.org"]]


def test_unsubscribing_while_an_issue_waits_in_the_outbox_stops_that_email(issue, make_subscriber, districts, topics):
    from dispatch.services import subscriber_unsubscribe

    leaver = make_subscriber("leaves@example.org", district_list=districts, topic_list=topics)
    make_subscriber("stays@example.org", district_list=districts, topic_list=topics)
    Issue.objects.filter(pk=issue.pk).update(state=Issue.State.SENDING, send_started_at=issue.created_at)
    issue.refresh_from_db()
    ids, _ = issue_batch_queue(issue=issue, after_id=0, size=10)
    subscriber_unsubscribe(key=leaver.key)
    notifications_send_batch(ids)
    states = dict(Notification.objects.filter(kind="dispatch.issue").values_list("recipient", "state"))
    assert states == {"leaves@example.org": "failed", "stays@example.org": "sent"}
