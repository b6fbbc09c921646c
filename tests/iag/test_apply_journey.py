import re

import pytest
from django.test import Client
from django.urls import reverse

from iag.models import AdvisoryGroup, Application, EqualityMonitoring
from outbox.models import Notification
from protected_forms.models import FormSubmission

from .conftest import check_token, fill_steps, send, step_url


def test_index_has_an_apply_to_join_start_button(client, essex):
    html = client.get(reverse("iag:index")).content.decode()
    assert "govuk-button--start" in html and "Apply to join" in html
    assert reverse("iag:apply") in html


def test_groups_page_lists_every_group_with_area_and_meetings(client, essex):
    html = client.get(reverse("iag:groups")).content.decode()
    assert "Professional Standards IAG" in html and "Basildon IAG" in html
    assert html.count("Four times a year") == AdvisoryGroup.objects.count()


def test_a_question_page_cannot_be_skipped(client, essex):
    response = client.get(step_url("why-join"))
    assert response.status_code == 302 and response["Location"] == step_url("your-details")


def test_answers_are_kept_between_pages_and_shown_for_checking(client, essex):
    fill_steps(client)
    assert 'value="Jo Bloggs"' in client.get(step_url("your-details")).content.decode()
    html = client.get(reverse("iag:apply_check")).content.decode()
    assert "govuk-summary-list" in html
    assert "CM2 6DA" in html  # normalised postcode
    assert "Basildon IAG" in html and "Sikh" in html
    assert 'Change<span class="govuk-visually-hidden"> name</span>' in html
    assert 'Change<span class="govuk-visually-hidden"> postcode</span>' in html


def test_change_link_returns_to_check_your_answers(client, essex):
    fill_steps(client)
    response = client.post(
        step_url("your-details") + "?change=1",
        {"full_name": "Jo Changed", "email": "jo@example.org", "phone": "", "postcode": "CM2 6DA"},
    )
    assert response["Location"] == reverse("iag:apply_check")
    assert "Jo Changed" in client.get(reverse("iag:apply_check")).content.decode()


def test_sending_saves_one_application_and_shows_its_reference(
    client, essex, mailoutbox, django_capture_on_commit_callbacks
):
    fill_steps(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, check_token(client))
    assert response["Location"] == reverse("iag:apply_done")
    application = Application.objects.get(email="jo@example.org")
    html = client.get(reverse("iag:apply_done")).content.decode()
    assert application.reference in html and "What happens next" in html
    assert EqualityMonitoring.objects.get(application=application).religion == "sikh"
    assert {m.to[0] for m in mailoutbox} == {"jo@example.org", "diversity.unit@engagement.example.org"}


def test_each_submission_writes_one_outbox_row_per_email(client, essex, django_capture_on_commit_callbacks):
    fill_steps(client)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(client, check_token(client))
        rows = list(Notification.objects.order_by("kind"))
    # Saved before commit (with the application), sent only after it.
    assert [n.kind for n in rows] == ["iag.acknowledgement", "iag.new_application"]
    assert len(callbacks) == 1  # both emails' tasks, published together after commit
    application = Application.objects.get(email="jo@example.org")
    acknowledgement, alert = rows
    assert application.reference in acknowledgement.body_text and "/application/" in acknowledgement.body_text
    assert application.reference in alert.body_text
    for private in ("Jo Bloggs", "jo@example.org", "youth club", "Sikh", "CM2"):
        assert private not in alert.body_text + alert.subject


@pytest.mark.django_db(transaction=True)
def test_a_failure_inside_the_transaction_leaves_no_outbox_rows(essex, monkeypatch):
    from iag import services
    from tests.factories import CommunityFactory

    community = CommunityFactory()  # an earlier transactional test may have emptied the table

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("iag.services.applications.unit_alert", broken)
    with pytest.raises(RuntimeError):
        services.application_submit(
            full_name="A",
            email="a@example.org",
            phone="",
            postcode="CM2 6DA",
            groups=[AdvisoryGroup.objects.first()],
            communities=[community],
            communities_detail="x",
            why_join="x",
            experience="x",
            can_attend="yes",
            heard_about="other",
        )
    assert Notification.objects.count() == 0 and not Application.objects.filter(email="a@example.org").exists()


def test_double_click_refresh_and_resubmit_create_one_application(client, essex):
    fill_steps(client)
    token = check_token(client)
    first = send(client, token)
    second = send(client, token)  # double click, or Back and send again
    assert first["Location"] == second["Location"] == reverse("iag:apply_done")
    assert Application.objects.filter(email="jo@example.org").count() == 1
    assert Notification.objects.count() == 2
    assert client.get(reverse("iag:apply_done")).status_code == 200  # refresh is safe


def done_page(client) -> tuple:
    """What the confirmation page shows, with the reference and per-response values blanked out."""
    from iag.views.journey import REFERENCE_KEY

    response = client.get(reverse("iag:apply_done"))
    html = response.content.decode().replace(client.session[REFERENCE_KEY], "IAG-XXXX-XXXX")
    html = re.sub(r'(nonce|name="csrfmiddlewaretoken" value)="[^"]*"', r'\1=""', html)  # differ on every response
    return response.status_code, [template.name for template in response.templates], html


def test_an_address_that_has_applied_gets_the_same_pages_and_wording_as_a_new_one(essex, applied):
    known, new = Client(), Client()
    fill_steps(known)
    fill_steps(new, your_details={"email": "someone.new@example.org"})
    groups = {"groups": [applied.groups.get().pk]}
    on_groups_page = [c.post(step_url("groups") + "?change=1", groups) for c in (known, new)]
    assert [(r.status_code, r["Location"]) for r in on_groups_page] == [(302, reverse("iag:apply_check"))] * 2
    sent = [send(c, check_token(c)) for c in (known, new)]
    assert [(r.status_code, r["Location"]) for r in sent] == [(302, reverse("iag:apply_done"))] * 2
    assert done_page(known) == done_page(new)
    assert "Application sent" in done_page(known)[2]


def test_the_owner_of_an_address_that_has_applied_is_told_by_email_and_nothing_is_saved(
    essex, applied, mailoutbox, django_capture_on_commit_callbacks
):
    count, last = Application.objects.count(), Notification.objects.order_by("-pk").first().pk
    mailoutbox.clear()
    other = Client()
    fill_steps(other, your_details={"email": "Jo@Example.org"})
    token = check_token(other)
    with django_capture_on_commit_callbacks(execute=True):
        first = send(other, token)
        again = send(other, token)  # double click: still one email
    assert first["Location"] == again["Location"] == reverse("iag:apply_done")
    assert Application.objects.count() == count
    told = Notification.objects.get(pk__gt=last)
    assert (told.kind, told.recipient) == ("iag.already_applied", "jo@example.org")
    assert told.about == applied
    assert "already have an application to join Basildon IAG" in told.body_text
    # Sent once (a send task also sends other due emails, such as the fixture's own).
    told_emails = [message for message in mailoutbox if "already have an application" in message.body]
    assert [message.to for message in told_emails] == [["jo@example.org"]]
    assert FormSubmission.objects.filter(token=token).count() == 1


def test_an_address_with_an_open_application_to_one_of_the_groups_is_told_about_the_others(essex, applied):
    other = Client()
    harlow = AdvisoryGroup.objects.get(slug="harlow-iag")
    fill_steps(other, groups=[applied.groups.get(), harlow])
    count, last = Application.objects.count(), Notification.objects.order_by("-pk").first().pk
    send(other, check_token(other))
    told = Notification.objects.get(pk__gt=last)
    assert "already have an application to join Basildon IAG" in told.body_text
    assert "If you also want to join Harlow IAG, apply again and choose only that group" in told.body_text
    assert Application.objects.count() == count


def test_an_application_finished_meanwhile_in_another_browser_is_treated_the_same(essex):
    from iag.services import application_submit

    other = Client()
    fill_steps(other)
    token = check_token(other)
    # Meanwhile the same person finished an application in another browser.
    application_submit(
        full_name="Jo",
        email="JO@example.org",
        phone="",
        postcode="CM2 6DA",
        groups=[AdvisoryGroup.objects.get(slug="basildon-iag")],
        communities=[],
        communities_detail="x",
        why_join="x",
        experience="x",
        can_attend="yes",
        heard_about="other",
    )
    count, last = Application.objects.count(), Notification.objects.order_by("-pk").first().pk
    response = send(other, token)
    assert response["Location"] == reverse("iag:apply_done")
    assert Application.objects.count() == count
    assert list(Notification.objects.filter(pk__gt=last).values_list("kind", "recipient")) == [
        ("iag.already_applied", "JO@example.org")
    ]


@pytest.mark.django_db(transaction=True)
def test_duplicate_that_slips_past_the_checks_is_refused_by_the_database(essex):
    """Two browsers sending at the same moment, or the same address twice: no
    early look, the partial unique index decides, and only then are the
    address's open applications looked up."""
    from iag.services import DuplicateApplicationError, application_submit
    from iag.services import applications as module

    answers = dict(
        full_name="Jo",
        email="jo@example.org",
        phone="",
        postcode="CM2 6DA",
        groups=[AdvisoryGroup.objects.get(slug="basildon-iag")],
        communities=[],
        communities_detail="x",
        why_join="x",
        experience="x",
        can_attend="yes",
        heard_about="other",
    )
    application_submit(**answers)
    count = Application.objects.count()
    original, calls = module.open_duplicates, []

    def looked(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    module.open_duplicates = looked
    try:
        with pytest.raises(DuplicateApplicationError):
            application_submit(**answers)
    finally:
        module.open_duplicates = original
    assert Application.objects.count() == count and len(calls) == 1


def test_a_duplicate_is_refused_by_the_index_then_sent_again_and_answered_as_a_repeat(
    client, essex, applied, monkeypatch
):
    """The first try makes no look of its own: the partial unique index refuses
    it, and the whole submission is run again, where the check sees the
    application: same page, the owner emailed, nothing saved."""
    from iag.services import applications as module

    original, calls = module.open_duplicates, []

    def looked(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(module, "open_duplicates", looked)
    other = Client()
    fill_steps(other)
    count, last = Application.objects.count(), Notification.objects.order_by("-pk").first().pk
    response = send(other, check_token(other))
    assert response["Location"] == reverse("iag:apply_done") and len(calls) == 1
    assert Application.objects.count() == count
    assert list(Notification.objects.filter(pk__gt=last).values_list("kind", flat=True)) == ["iag.already_applied"]


def test_a_closed_application_does_not_stop_a_new_one(essex, applied):
    from iag.services import application_transition

    application_transition(application=applied, to_status="not_accepted")
    other = Client()
    fill_steps(other)
    send(other, check_token(other))
    assert Application.objects.filter(email="jo@example.org").count() == 2


def test_honeypot_looks_like_success_but_saves_and_sends_nothing(client, essex):
    fill_steps(client)
    response = send(client, check_token(client), website="http://spam.example")
    assert response["Location"] == reverse("iag:apply_done")
    assert Application.objects.filter(email="jo@example.org").count() == 0
    assert Notification.objects.count() == 0


def test_rate_limit_turns_away_a_flood_but_not_a_person(client, essex, settings):
    settings.FORM_RATE_LIMIT = 3
    fill_steps(client)
    assert send(client, check_token(client)).status_code == 302  # a person sending once
    for _ in range(2):
        client.post(reverse("iag:apply_check"), {"form_token": "x" * 20})
    response = client.post(reverse("iag:apply_check"), {"form_token": "y" * 20})
    assert response.status_code == 429
