"""Save and come back later on the IAG application: a one-time emailed link
restores the answers and the page reached, on any device, for
FORM_DRAFT_RESUME_DAYS; the draft follows the site's personal-data rules."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from form_drafts.models import FormDraft
from iag.models import AdvisoryGroup, Application, Community
from outbox.models import Notification
from personal_data.collector import subject_erase_everywhere
from personal_data.retention import retention_apply_everywhere
from tests.form_drafts.return_link import return_email, return_path
from tests.form_drafts.scan import table_hits

from .conftest import ANSWERS, check_token, send, step_url

DETAIL = "Quillwort allotment circle"
SAVE = {"save_for_later": ""}


def answer_two_questions(client):
    assert client.post(step_url("your-details"), ANSWERS["your-details"]).status_code == 302
    group = AdvisoryGroup.objects.get(slug="basildon-iag")
    assert client.post(step_url("groups"), {"groups": [group.pk]}).status_code == 302


@pytest.fixture
def saved_on_question_3(client, essex):
    """Two questions answered, the third half done, then "Save and come back later"."""
    answer_two_questions(client)
    response = client.post(step_url("communities"), {"communities_detail": DETAIL, **SAVE})
    assert response.status_code == 302 and response["Location"] == reverse("form_drafts:saved")
    return client


def test_saving_sends_a_one_time_link_stating_its_expiry_and_no_answers(saved_on_question_3, settings):
    page = saved_on_question_3.get(reverse("form_drafts:saved")).content.decode()
    assert "Your answers have been saved" in page and "works once" in page
    notification, text = return_email("jo@example.org")
    assert "7 days" in text and "works once" in text
    assert DETAIL not in text and "Jo Bloggs" not in text and "Basildon" not in text
    assert "Advisory" not in notification.subject and "IAG" not in notification.subject
    draft = FormDraft.objects.get()
    assert draft.expires_at > timezone.now() + timedelta(days=6, hours=23)
    assert draft.resume_key not in notification.body_text  # the stored email holds no usable link


def test_the_link_restores_answers_and_place_in_a_fresh_session_then_the_application_is_sent(saved_on_question_3):
    other_device = Client()
    path = return_path("jo@example.org")
    assert "Open my saved answers" in other_device.get(path).content.decode()
    response = other_device.post(path)
    assert response.status_code == 302 and response["Location"] == step_url("communities")
    page = other_device.get(step_url("communities")).content.decode()
    assert DETAIL in page and "There is a problem" not in page  # as typed, no errors yet
    assert 'value="Jo Bloggs"' in other_device.get(step_url("your-details")).content.decode()
    community = Community.objects.get(slug="faith")
    steps = [
        ("communities", {"communities": [community.pk], "communities_detail": DETAIL}),
        ("why-join", ANSWERS["why-join"]),
        ("equality", ANSWERS["equality"]),
    ]
    for step, answers in steps:
        assert other_device.post(step_url(step), answers).status_code == 302
    assert send(other_device, check_token(other_device)).status_code == 302
    assert Application.objects.get(email="jo@example.org").communities_detail == DETAIL
    assert not FormDraft.objects.exists()
    # After the form was sent the link, used or not, shows a clear page.
    refused = Client().get(path)
    assert refused.status_code == 410 and "already been used" in refused.content.decode()


def test_a_used_link_shows_a_clear_page_the_second_time(saved_on_question_3):
    path = return_path("jo@example.org")
    assert Client().post(path).status_code == 302
    for second in (Client().get(path), Client().post(path)):
        assert second.status_code == 410
        assert "This link has already been used" in second.content.decode()


def test_an_expired_link_shows_a_clear_page_and_the_draft_goes_with_retention(saved_on_question_3):
    path = return_path("jo@example.org")
    now = timezone.now()
    # Far past the session drafts' hours, the saved draft is kept until the link expires.
    retention_apply_everywhere(now=now + timedelta(days=6))
    assert FormDraft.objects.count() == 1
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(days=7, minutes=1)):
        with mock.patch("time.time", return_value=(now + timedelta(days=7, minutes=1)).timestamp()):
            response = Client().get(path)
    assert response.status_code == 410 and "This link has expired" in response.content.decode()
    retention_apply_everywhere(now=now + timedelta(days=7, minutes=1))
    assert not FormDraft.objects.exists()


def test_the_link_lasts_as_long_as_the_setting_says(essex, client, settings):
    settings.FORM_DRAFT_RESUME_DAYS = 2
    answer_two_questions(client)
    client.post(step_url("groups"), {**SAVE})
    assert "2 days" in return_email("jo@example.org")[1]
    assert FormDraft.objects.get().expires_at < timezone.now() + timedelta(days=2, minutes=1)


def test_saving_on_the_first_question_asks_only_for_a_valid_email(client, essex):
    response = client.post(step_url("your-details"), {"full_name": "", "email": "not an address", **SAVE})
    html = response.content.decode()
    assert response.status_code == 200 and "correct format" in html
    assert "Enter your full name" not in html and "Enter your postcode" not in html
    assert not FormDraft.objects.exists() and not Notification.objects.exists()
    response = client.post(step_url("your-details"), {"email": "", **SAVE})
    assert "so we can send you a link" in response.content.decode()
    response = client.post(step_url("your-details"), {"full_name": "Jo", "email": "jo@example.org", **SAVE})
    assert response.status_code == 302
    Client().post(return_path("jo@example.org"))
    assert FormDraft.objects.get().resume_path == step_url("your-details")


def test_special_category_answers_saved_for_later_are_encrypted(client, essex):
    answer_two_questions(client)
    faith = Community.objects.get(slug="faith").pk
    client.post(step_url("communities"), {"communities": [faith], "communities_detail": DETAIL})
    client.post(step_url("why-join"), ANSWERS["why-join"])
    client.post(step_url("equality"), {"sexual_orientation": "gay_lesbian", "religion": "jewish", **SAVE})
    assert table_hits(["gay_lesbian", "jewish", DETAIL]) == {}
    assert FormDraft.objects.get().resume_path == step_url("equality")


def test_leave_this_site_deletes_the_saved_draft_and_the_confirmation(saved_on_question_3):
    path = return_path("jo@example.org")
    saved_on_question_3.get(reverse("leave"))
    assert not FormDraft.objects.exists()
    assert saved_on_question_3.get(reverse("form_drafts:saved")).status_code == 302  # nothing to confirm
    assert Client().get(path).status_code == 410


def test_erasure_deletes_the_saved_draft(saved_on_question_3, admin_user):
    assert subject_erase_everywhere(email="JO@example.org", actor=admin_user)["form_drafts"] == 1
    assert not FormDraft.objects.exists()


def test_staff_never_see_drafts(saved_on_question_3, admin_client):
    assert FormDraft not in admin.site._registry
    notification = Notification.objects.get(kind="form_drafts.resume")
    page = admin_client.get(reverse("admin:outbox_notification_change", args=[notification.pk])).content.decode()
    assert "[private link]" in page and DETAIL not in page


def test_a_forged_link_shows_the_clear_page(essex):
    response = Client().get(reverse("form_drafts:resume", args=["not-a-token"]))
    assert response.status_code == 410


def test_the_details_page_links_to_what_our_emails_say_before_the_email_question(client, essex):
    html = client.get(step_url("your-details")).content.decode()
    assert html.index(reverse("emails_we_send")) < html.index('name="email"')
    assert 'name="save_for_later"' in html


def test_a_draft_past_its_expiry_but_not_yet_deleted_shows_the_expired_page(saved_on_question_3):
    FormDraft.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().get(return_path("jo@example.org"))
    assert response.status_code == 410 and "This link has expired" in response.content.decode()


def test_leave_this_site_forgets_the_confirmation_of_a_sent_application(applied, client):
    assert applied.reference in client.get(reverse("iag:apply_done")).content.decode()
    client.get(reverse("leave"))
    assert client.get(reverse("iag:apply_done")).status_code == 302


def test_carrying_on_in_the_same_browser_keeps_the_link_and_its_expiry(saved_on_question_3):
    faith = Community.objects.get(slug="faith").pk
    saved_on_question_3.post(step_url("communities"), {"communities": [faith], "communities_detail": DETAIL})
    assert FormDraft.objects.get().expires_at > timezone.now() + timedelta(days=6)
    assert Client().post(return_path("jo@example.org"))["Location"] == step_url("communities")


def test_pressing_save_and_come_back_later_twice_sends_one_link_that_works(saved_on_question_3):
    """A double click, or Back and press again: the answers are saved again, but the
    person gets one email, and the link in it still opens their answers."""
    again = saved_on_question_3.post(step_url("communities"), {"communities_detail": DETAIL + " again", **SAVE})
    assert again.status_code == 302 and again["Location"] == reverse("form_drafts:saved")
    assert Notification.objects.filter(kind="form_drafts.resume").count() == 1
    other_device = Client()
    assert other_device.post(return_path("jo@example.org")).status_code == 302
    assert DETAIL + " again" in other_device.get(step_url("communities")).content.decode()


def test_saving_again_minutes_later_sends_a_new_link_and_the_old_one_stops_working(saved_on_question_3):
    first = return_path("jo@example.org")
    FormDraft.objects.update(resume_sent_at=timezone.now() - timedelta(minutes=3))
    saved_on_question_3.post(step_url("communities"), {"communities_detail": DETAIL, **SAVE})
    assert Notification.objects.filter(kind="form_drafts.resume").count() == 2
    second = return_path("jo@example.org")
    assert second != first
    assert Client().post(first).status_code == 410
    assert Client().post(second).status_code == 302
