"""The final POST of every public form goes through one order of checks
(protected_forms.views.ProtectedSubmissionMixin): rate limit, honeypot,
one-time token, earlier pages, the form, then one record."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from .checks import assert_no_server_error, by_name, changes, snapshot
from .public_forms import PUBLIC_FORMS, fresh_token, post

pytestmark = pytest.mark.django_db

PROTECTED = [form for form in PUBLIC_FORMS if "form_token" in form.fields]


def test_every_form_with_a_one_time_token_is_checked():
    assert {str(form) for form in PROTECTED} == {
        "feedback", "iag apply", "network contact", "evening booking", "pap sign-up", "dispatch sign-up"
    }  # fmt: skip


@by_name(PROTECTED)
def test_sending_twice_gives_the_same_confirmation_and_one_record(form, demo):
    client, data, url = Client(), {**form.valid_data(), "form_token": fresh_token()}, form.url()
    before = snapshot(form)
    first = form.send(client, data, url)[-1]
    again = post(client, url, data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert changes(form, before)[0] == 1


@by_name(PROTECTED)
def test_a_resend_the_service_would_refuse_still_gets_the_first_confirmation(form, demo, monkeypatch):
    """The token is only looked up once the answers cannot be sent: a resend
    refused by the service (the place it took was the last) is still a resend."""
    client, data, url = Client(), {**form.valid_data(), "form_token": fresh_token()}, form.url()
    first = form.send(client, data, url)[-1]

    def refuse(**kwargs):
        raise ValidationError("This evening is now full. Choose another evening.")

    monkeypatch.setattr("protected_forms.views.create_once", refuse)
    again = post(client, url, data)
    assert again.status_code == 302 and again["Location"] == first["Location"]


@by_name(PROTECTED)
def test_the_rate_limit_comes_first_even_for_a_form_already_sent(form, demo, settings):
    client, data, url = Client(), {**form.valid_data(), "form_token": fresh_token()}, form.url()
    assert form.send(client, data, url)[-1].status_code == 302
    settings.FORM_RATE_LIMIT = 0
    assert post(client, url, data).status_code == 429


@by_name(PROTECTED)
def test_a_filled_honeypot_looks_like_success_and_keeps_nothing(form, demo, django_capture_on_commit_callbacks):
    data = {**form.valid_data(), "form_token": fresh_token(), "website": "http://spam.example"}
    before = snapshot(form)
    with django_capture_on_commit_callbacks(execute=True):
        responses = form.send(Client(), data, form.url())
    assert_no_server_error(responses)
    assert responses[-1].status_code == 302
    assert changes(form, before) == (0, [])


def test_a_refusal_while_saving_is_shown_on_the_form_not_a_server_error(client, demo, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError("We could not save your feedback. Try again.")

    monkeypatch.setattr("site_pages.views.feedback.feedback_create", refuse)
    token = client.get(reverse("feedback")).context["form"].initial["form_token"]
    response = client.post(reverse("feedback"), {"satisfaction": "satisfied", "comments": "Hi", "form_token": token})
    assert response.status_code == 200
    assert "We could not save your feedback. Try again." in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
