"""Staff in admin: compose, preview, test, send and watch progress; the subscriber list."""

import pytest
from django.urls import reverse

from dispatch.models import Issue, Subscriber
from outbox.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_user):
    admin_user.email = "editor@police.example"
    admin_user.save()
    return admin_user


@pytest.fixture
def issue(districts, topics):
    issue = Issue.objects.create(subject="Road safety week", body="Slow down near **schools**.")
    issue.topics.set(topics[2:])
    return issue


def test_staff_compose_an_issue_in_admin(admin_client, staff, districts, topics):
    response = admin_client.post(
        reverse("admin:dispatch_issue_add"),
        {"subject": "Burglary appeal", "body": "Did you see *anything*?", "districts": [districts[0].pk]},
    )
    assert response.status_code == 302
    issue = Issue.objects.get()
    assert issue.created_by == staff and issue.state == Issue.State.DRAFT
    assert list(issue.districts.all()) == districts[:1]


def test_preview_shows_safe_html_text_and_how_many_it_goes_to(admin_client, staff, issue, make_subscriber, topics):
    make_subscriber("a@example.org", topic_list=topics[2:])
    make_subscriber("b@example.org", topic_list=topics[:1])
    page = admin_client.get(reverse("admin:dispatch_issue_preview", args=[issue.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<strong>schools</strong>" in html
    assert "Slow down near schools." in html
    assert "<strong>1</strong> confirmed subscriber" in html
    change = admin_client.get(reverse("admin:dispatch_issue_change", args=[issue.pk]))
    assert reverse("admin:dispatch_issue_preview", args=[issue.pk]) in change.content.decode()


def test_send_a_test_to_myself_goes_only_to_me(
    admin_client, staff, issue, make_subscriber, topics, mailoutbox, django_capture_on_commit_callbacks
):
    make_subscriber(topic_list=topics)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:dispatch_issue_send_test", args=[issue.pk]))
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["editor@police.example"]]
    assert mailoutbox[0].subject == "[TEST] Dispatch: Road safety week"
    issue.refresh_from_db()
    assert issue.state == Issue.State.DRAFT


def test_send_asks_first_then_sends_and_pressing_twice_sends_once(
    admin_client, staff, issue, make_subscriber, topics, mailoutbox, django_capture_on_commit_callbacks
):
    for number in range(3):
        make_subscriber(f"p{number}@example.org", topic_list=topics)
    url = reverse("admin:dispatch_issue_send", args=[issue.pk])
    ask = admin_client.get(url)
    assert "<strong>3</strong> confirmed subscribers" in ask.content.decode()
    assert not mailoutbox
    with django_capture_on_commit_callbacks(execute=True):
        first = admin_client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        second = admin_client.post(url)
    assert first.status_code == second.status_code == 302
    assert len(mailoutbox) == 3
    change = admin_client.get(reverse("admin:dispatch_issue_change", args=[issue.pk])).content.decode()
    assert "3 sent, 0 pending, 0 failed" in change
    listing = admin_client.get(reverse("admin:dispatch_issue_changelist")).content.decode()
    assert "3 sent, 0 pending, 0 failed" in listing


def test_progress_counts_pending_and_failed(admin_client, staff, issue, make_subscriber, topics, settings):
    from dispatch.models import Delivery  # noqa: F401 - the model progress is counted through

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for number in range(3):
        make_subscriber(f"p{number}@example.org", topic_list=topics)
    from dispatch.services import issue_batch_queue

    Issue.objects.filter(pk=issue.pk).update(state=Issue.State.SENDING, send_started_at=issue.created_at)
    issue.refresh_from_db()
    ids, _ = issue_batch_queue(issue=issue, after_id=0, size=10)
    Notification.objects.filter(pk=ids[0]).update(state="failed")
    change = admin_client.get(reverse("admin:dispatch_issue_change", args=[issue.pk])).content.decode()
    assert "0 sent, 2 pending, 1 failed" in change


def test_staff_without_the_send_permission_cannot_send(client, django_user_model, issue):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "viewer", "viewer@police.example", "a-long-password-123", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_issue"))
    client.force_login(user)
    assert client.post(reverse("admin:dispatch_issue_send", args=[issue.pk])).status_code == 403
    issue.refresh_from_db()
    assert issue.state == Issue.State.DRAFT


def test_a_sent_issue_can_no_longer_be_edited(admin_client, staff, issue):
    Issue.objects.filter(pk=issue.pk).update(state=Issue.State.SENT, send_started_at=issue.created_at)
    admin_client.post(reverse("admin:dispatch_issue_change", args=[issue.pk]), {"subject": "Changed", "body": "x"})
    issue.refresh_from_db()
    assert issue.subject == "Road safety week"


def test_subscriber_list_searches_filters_and_counts(admin_client, make_subscriber, districts, topics):
    make_subscriber("alice@example.org", name="Alice", district_list=districts[:1], topic_list=topics[:2])
    make_subscriber("bob@example.org", district_list=districts[1:2], topic_list=topics[:1])
    make_subscriber("carol@example.org", confirmed=False, district_list=districts[:1], topic_list=topics[:1])
    url = reverse("admin:dispatch_subscriber_changelist")

    page = admin_client.get(url)
    assert page.status_code == 200
    counts = page.context["district_counts"]
    assert {d.name: d.count for d in counts} == {"Basildon": 1, "Colchester": 1, "Harlow": 0}
    assert {t.name: t.count for t in page.context["topic_counts"]} == {"Appeals": 2, "Fraud and scams": 1, "Roads": 0}
    assert page.context["confirmed_total"] == 2 and page.context["unconfirmed_total"] == 1

    found = admin_client.get(url, {"q": "alice"}).context["cl"].result_list
    assert [s.email for s in found] == ["alice@example.org"]
    unconfirmed = admin_client.get(url, {"confirmed": "no"}).context["cl"].result_list
    assert [s.email for s in unconfirmed] == ["carol@example.org"]
    by_district = admin_client.get(url, {"districts__id__exact": districts[1].pk}).context["cl"].result_list
    assert [s.email for s in by_district] == ["bob@example.org"]
    by_topic = admin_client.get(url, {"topics__id__exact": topics[1].pk}).context["cl"].result_list
    assert [s.email for s in by_topic] == ["alice@example.org"]


def test_subscriber_list_query_count_does_not_grow_with_rows(
    admin_client, make_subscriber, django_assert_max_num_queries
):
    for number in range(30):
        make_subscriber(f"p{number}@example.org")
    with django_assert_max_num_queries(20):
        admin_client.get(reverse("admin:dispatch_subscriber_changelist"))
    assert Subscriber.objects.count() == 30
