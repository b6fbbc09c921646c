"""The sign-up's answers between the form and the check page: encrypted, expiring,
erasable."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from form_drafts.models import FormDraft
from personal_data.collector import subject_erase_everywhere
from positive_action.models import Group, Role
from tests.form_drafts.scan import session_hits, table_hits

HEALTH = "Quillfeather insulin breaks every ninety minutes"


@pytest.fixture
def answers(pa_demo):
    return {
        "name": "Alex Smith",
        "email": "alex@example.com",
        "phone": "07700 900 982",
        "candidate_reference": "abc123456",
        "role": Role.objects.get(slug="police-officer").pk,
        "stage": "shortlisted",
        "district": "",
        "wants_buddy": "yes",
        "adjustments": HEALTH,
        "groups": [Group.objects.get(name="Women").pk],
        "consent": "on",
    }


def test_abandoned_sign_up_leaves_no_health_or_group_answer_in_plain_text(client, answers):
    assert client.post(reverse("positive_action:signup"), answers).status_code == 302
    assert HEALTH in client.get(reverse("positive_action:signup_check")).content.decode()
    assert table_hits([HEALTH, "Quillfeather"]) == {}
    assert session_hits(["Quillfeather", '"groups"', "alex@example.com", "prefer_not_to_say"]) == []
    assert FormDraft.objects.count() == 1


def test_sign_up_draft_expires(client, answers, settings):
    settings.FORM_DRAFT_MAX_AGE_SECONDS = 60 * 60
    client.post(reverse("positive_action:signup"), answers)
    later = timezone.now() + timedelta(minutes=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(reverse("positive_action:signup_check"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("positive_action:signup")
    assert "Please start again" in html and "Quillfeather" not in html


def test_erasure_deletes_the_sign_up_draft(client, answers, admin_user):
    client.post(reverse("positive_action:signup"), answers)
    assert subject_erase_everywhere(email="ALEX@example.com", actor=admin_user)["form_drafts"] == 1
    assert not FormDraft.objects.exists()
