"""The feedback form: the same bad-input, duplicate and spam rules as every form."""

import pytest
from django.urls import reverse

from outbox.models import Notification
from protected_forms.models import FormSubmission
from site_pages.models import Feedback

pytestmark = pytest.mark.django_db

URL = reverse("feedback")


def fresh_token(client):
    return client.get(URL).context["form"].initial["form_token"]


def post(client, **data):
    payload = {"satisfaction": "satisfied", "comments": "Good", "form_token": fresh_token(client)}
    headers = {key: data.pop(key) for key in list(data) if key.startswith("HTTP_")}
    payload.update(data)
    return client.post(URL, payload, **headers)


def test_missing_answers_are_explained_and_nothing_is_saved(client):
    response = post(client, satisfaction="", comments="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    # a radio question's link goes to its first radio: no element has the question's own id
    assert 'href="#id_satisfaction_1"' in html and 'id="id_satisfaction_1"' in html
    assert 'href="#id_comments"' in html
    assert "Select how you felt about this website" in html
    assert "Tell us how we could improve the website" in html
    assert html.count("<title>Error:") == 1
    assert Feedback.objects.count() == 0 and Notification.objects.count() == 0


def test_an_answer_is_kept_when_another_is_wrong(client):
    html = post(client, satisfaction="", comments="Keep this text <b>please</b>").content.decode()
    assert "Keep this text &lt;b&gt;please&lt;/b&gt;" in html


@pytest.mark.parametrize(
    "comments, message",
    [
        ("x" * 2001, "2,000 characters or fewer"),
        ("bad\x00byte", "characters we cannot accept"),
    ],
)
def test_bad_input_is_refused_with_a_message(client, comments, message):
    response = post(client, comments=comments)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_choice_not_on_the_list_is_refused(client):
    response = post(client, satisfaction="ecstatic")
    assert "Select a valid choice" in response.content.decode() or "Select how you felt" in response.content.decode()
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "Очень хорошо 很好 ممتاز", "   spaced   "])
def test_script_and_non_latin_input_is_stored_as_text(client, text, admin_client):
    response = post(client, comments=text)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.comments == text.strip()
    html = admin_client.get(reverse("admin:site_pages_feedback_change", args=[feedback.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_double_submit_creates_one_record_and_one_email(client):
    token = fresh_token(client)
    data = {"satisfaction": "satisfied", "comments": "Twice", "form_token": token}
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == reverse("feedback_sent")
    assert Feedback.objects.count() == 1
    assert Notification.objects.count() == 1
    assert FormSubmission.objects.get(token=token).result == Feedback.objects.get().reference


def test_a_form_without_its_token_is_shown_again_with_a_fresh_one(client):
    response = client.post(URL, {"satisfaction": "satisfied", "comments": "No token"})
    html = response.content.decode()
    assert "This form had expired" in html
    assert "No token" in html
    assert Feedback.objects.count() == 0


def test_honeypot_is_turned_away_quietly(client):
    response = post(client, website="http://spam.example")
    assert response.status_code == 302 and response.url == reverse("feedback_sent")
    assert Feedback.objects.count() == 0 and Notification.objects.count() == 0


def test_rate_limit_stops_a_flood_but_not_a_person(client, settings):
    settings.FORM_RATE_LIMIT = 5
    for _ in range(5):  # a person correcting mistakes a few times
        assert post(client, comments="").status_code == 200
    response = post(client)
    assert response.status_code == 429
    assert "too many attempts" in response.content.decode().lower()
    assert Feedback.objects.count() == 0


def test_rate_limit_ignores_a_spoofed_forwarded_for(client, settings):
    settings.FORM_RATE_LIMIT = 2
    for n in range(2):
        post(client, comments="", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert post(client, HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_rate_limit_uses_the_proxy_address_when_a_proxy_is_trusted(client, settings):
    settings.FORM_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    assert post(client, comments="", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 200
    assert post(client, comments="", HTTP_X_FORWARDED_FOR="spoof, 203.0.113.2").status_code == 200
    assert post(client, comments="", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429


def test_post_without_csrf_token_is_refused(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, {"satisfaction": "satisfied", "comments": "x", "form_token": "t"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_confirmation_and_form_pages_are_not_cached(client):
    assert "no-store" in client.get(URL)["Cache-Control"] or "no-cache" in client.get(URL)["Cache-Control"]
    assert "max-age=0" in client.get(reverse("feedback_sent"))["Cache-Control"]
