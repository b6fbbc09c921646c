"""Save and come back later on the programme sign-up."""

import pytest
from django.test import Client
from django.urls import reverse

from form_drafts.models import FormDraft
from positive_action.models import Group, Signup
from tests.form_drafts.return_link import return_email, return_path
from tests.form_drafts.scan import table_hits

HEALTH = "Quillfeather insulin breaks every ninety minutes"


@pytest.fixture
def half_done(pa_demo):
    return {
        "name": "Alex Smith",
        "email": "alex@example.com",
        "adjustments": HEALTH,
        "groups": [Group.objects.get(name="Women").pk],
        "save_for_later": "",
    }


def test_unfinished_sign_up_is_saved_encrypted_and_restored_on_another_device(client, half_done):
    response = client.post(reverse("positive_action:signup"), half_done)
    assert response.status_code == 302 and response["Location"] == reverse("form_drafts:saved")
    assert table_hits([HEALTH, "Quillfeather"]) == {}
    notification, text = return_email("alex@example.com")
    assert HEALTH not in text and "Positive Action" not in notification.subject + text
    other_device = Client()
    response = other_device.post(return_path("alex@example.com"))
    assert response["Location"] == reverse("positive_action:signup")
    page = other_device.get(response["Location"]).content.decode()
    assert HEALTH in page and 'value="Alex Smith"' in page and "There is a problem" not in page
    assert not Signup.objects.exists()


def test_saving_the_sign_up_needs_only_an_email_address(client, pa_demo):
    response = client.post(reverse("positive_action:signup"), {"name": "Alex", "save_for_later": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "so we can send you a link" in html
    assert "Enter your phone number" not in html
    assert not FormDraft.objects.exists()


def test_the_sign_up_page_links_to_what_our_emails_say(client, pa_demo):
    html = client.get(reverse("positive_action:signup")).content.decode()
    assert reverse("emails_we_send") in html
    assert html.index(reverse("emails_we_send")) < html.index('name="email"')
