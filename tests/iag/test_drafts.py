"""Half-filled applications: encrypted while kept, gone when they expire, when
the person leaves, and when their data is erased."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from form_drafts.models import FormDraft
from personal_data.collector import subject_access_export, subject_erase_everywhere
from tests.form_drafts.scan import session_hits, table_hits

from .conftest import fill_steps, step_url

# Distinctive answers: "gay_lesbian", "jewish", "mixed" and "yes" would show up
# as these strings in any plain-text copy; the free text marks the draft itself.
EQUALITY = {
    "ethnicity": "mixed",
    "religion": "jewish",
    "sexual_orientation": "gay_lesbian",
    "disability": "yes",
    "age_band": "55_64",
}
SPECIAL = ["gay_lesbian", "jewish", '"ethnicity": "mixed"', '"disability": "yes"', "55_64"]
DETAIL = "Zebracrossing Allotment Society"


def abandon(client):
    """Answer every question page up to and including equality, then go away."""
    fill_steps(client, equality=EQUALITY, communities={"communities_detail": DETAIL})


def test_abandoned_application_leaves_no_special_category_answer_in_plain_text(client, essex):
    abandon(client)
    assert client.get(reverse("iag:apply_check")).status_code == 200  # the answers are all there
    assert session_hits([*SPECIAL, DETAIL, "sexual_orientation", "religion", "jo@example.org"]) == []
    assert table_hits([*SPECIAL, DETAIL, "sexual_orientation"]) == {}
    assert FormDraft.objects.count() == 1


def test_a_draft_is_kept_until_its_age_then_the_person_starts_again_with_a_message(client, essex, settings):
    settings.FORM_DRAFT_MAX_AGE_SECONDS = 60 * 60
    abandon(client)
    now = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=59)):
        assert client.get(reverse("iag:apply_check")).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=61)):
        response = client.get(reverse("iag:apply_check"))
        assert response["Location"] == step_url("your-details")
        page = client.get(response["Location"])
        html = page.content.decode()
    assert "Your answers were deleted" in html and "kept for 1 hour at most" in html and "Please start again" in html
    assert 'value="Jo Bloggs"' not in html
    assert not FormDraft.objects.exists()


def test_expired_draft_cannot_be_sent(client, essex, settings):
    settings.FORM_DRAFT_MAX_AGE_SECONDS = 60
    abandon(client)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(minutes=2)):
        response = client.post(reverse("iag:apply_check"), {"form_token": "x" * 43, "consent": "on", "website": ""})
    assert response.status_code == 302 and response["Location"] == step_url("your-details")
    from iag.models import Application

    assert not Application.objects.filter(email="jo@example.org").exists()


def test_sending_the_application_deletes_the_draft(applied):
    assert not FormDraft.objects.exists()


def test_quick_exit_deletes_the_draft(client, essex):
    abandon(client)
    client.get(reverse("leave"))
    assert not FormDraft.objects.exists()
    assert client.get(step_url("equality")).status_code == 302  # back to the first question


def test_erasure_for_the_address_deletes_the_draft_and_access_shows_it(client, essex, admin_user):
    abandon(client)
    other = type(client)()
    fill_steps(other, your_details={"email": "someone.else@example.org"})
    export = subject_access_export(email="Jo@Example.org ", actor=admin_user)
    drafts = export["parts"]["form_drafts"]["form_drafts"]
    assert len(drafts) == 1 and drafts[0]["answers"]["equality"]["religion"] == "jewish"
    counts = subject_erase_everywhere(email="jo@example.org", actor=admin_user)
    assert counts["form_drafts"] == 1
    assert FormDraft.objects.count() == 1  # the other person's draft stays
    response = client.get(reverse("iag:apply_check"))
    assert response["Location"] == step_url("your-details")


@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_draft_id_that_matches_nothing_starts_again(client, essex, value):
    session = client.session
    session["form_drafts"] = {"iag_apply": value}
    session.save()
    response = client.get(reverse("iag:apply_check"))
    assert response["Location"] == step_url("your-details")
    assert any("Please start again" in str(m) for m in get_messages(response.wsgi_request))


def test_erasure_finds_a_draft_after_the_first_question(client, essex, admin_user):
    client.post(step_url("your-details"), {"full_name": "Jo", "email": "jo@example.org", "postcode": "cm2 6da"})
    assert subject_erase_everywhere(email="jo@example.org", actor=admin_user)["form_drafts"] == 1
