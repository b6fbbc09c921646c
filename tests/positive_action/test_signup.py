import re

import pytest
from django.db.models.functions import Now
from django.test import Client
from django.urls import reverse

from outbox.models import Notification
from positive_action.models import Signup
from tests.factories import CharacteristicFactory, GroupFactory, RoleFactory


@pytest.fixture
def answers(db):
    role = RoleFactory(name="Police officer", plural="Police officers", slug="police-officer", open_to_applicants=True)
    women = GroupFactory(characteristic=CharacteristicFactory(name="Sex"), name="Women", offered_at_signup=True)
    GroupFactory(characteristic=women.characteristic, name="Men", offered_at_signup=True)
    return {
        "name": "Alex Smith",
        "email": "alex@example.com",
        "phone": "07700 900 982",
        "candidate_reference": "abc123456",
        "role": role.pk,
        "stage": "shortlisted",
        "district": "",
        "wants_buddy": "yes",
        "adjustments": "A quiet room",
        "groups": [women.pk],
        "consent": "on",
    }


def send(client, answers):
    start = client.post(reverse("positive_action:signup"), answers)
    assert start.status_code == 302, start.content.decode()[:2000]
    page = client.get(reverse("positive_action:signup_check")).content.decode()
    token = page.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    return page, client.post(reverse("positive_action:signup_check"), {"form_token": token, "website": ""})


def test_sign_up_checks_answers_then_confirms_with_a_reference(client, answers):
    page, response = send(client, answers)
    assert "Check your answers" in page and "ABC123456" in page and "A quiet room" in page and "Women" in page
    assert 'href="/positive-action/sign-up/#id_name"' in page
    assert response.url == reverse("positive_action:signup_done")
    signup = Signup.objects.get()
    assert signup.candidate_reference == "ABC123456" and signup.phone == "07700900982" and signup.wants_buddy
    assert list(signup.equality_answers.groups.values_list("name", flat=True)) == ["Women"]
    assert signup.reference in client.get(response.url).content.decode()
    assert Notification.objects.filter(kind="positive_action.signup", recipient="alex@example.com").exists()
    alert = Notification.objects.get(kind="positive_action.signup_alert")
    assert signup.reference in alert.body_text and "alex" not in alert.body_text.lower()
    assert "Women" not in alert.body_text and "quiet room" not in alert.body_text


def test_change_link_brings_back_the_saved_answers(client, answers):
    client.post(reverse("positive_action:signup"), answers)
    html = client.get(reverse("positive_action:signup")).content.decode()
    assert 'value="Alex Smith"' in html and "A quiet room" in html


def done_page(client) -> tuple:
    """What the confirmation page shows, with the reference and per-response values blanked out."""
    response = client.get(reverse("positive_action:signup_done"))
    html = response.content.decode().replace(client.session["submitted:pap_signup"], "PAP-XXXXXXXX")
    html = re.sub(r'(nonce|name="csrfmiddlewaretoken" value)="[^"]*"', r'\1=""', html)  # differ on every response
    return response.status_code, [template.name for template in response.templates], html


def test_a_signed_up_reference_gets_the_same_pages_and_wording_as_a_new_one(answers):
    send(Client(), answers)
    known, new = Client(), Client()
    _page, known_sent = send(known, {**answers, "name": "Someone Else", "email": "someone@example.org"})
    _page, new_sent = send(new, {**answers, "email": "someone@example.org", "candidate_reference": "XYZ654321"})
    assert (
        (known_sent.status_code, known_sent.url)
        == (new_sent.status_code, new_sent.url)
        == (
            302,
            reverse("positive_action:signup_done"),
        )
    )
    assert done_page(known) == done_page(new)
    assert "Sign-up complete" in done_page(known)[2]


def test_a_second_sign_up_tells_the_candidate_by_email_and_changes_nothing(
    client, answers, mailoutbox, django_capture_on_commit_callbacks
):
    send(client, answers)
    first = Signup.objects.get()
    before, last = list(Signup.objects.values()), Notification.objects.order_by("-pk").first().pk
    mailoutbox.clear()
    Notification.objects.filter(state=Notification.State.PENDING).update(
        state=Notification.State.SENT, sent_at=Now()
    )  # sent earlier
    with django_capture_on_commit_callbacks(execute=True):
        send(
            Client(),
            {**answers, "name": "Someone Else", "email": "someone@example.org", "candidate_reference": "ABC-123456"},
        )
    assert list(Signup.objects.values()) == before
    told = Notification.objects.get(pk__gt=last)
    assert (told.kind, told.recipient, told.about) == ("positive_action.already_signed_up", "alex@example.com", first)
    assert "already signed up" in told.body_text and first.reference in told.body_text
    assert [message.to for message in mailoutbox] == [["alex@example.com"]]


def test_refreshing_the_final_post_creates_one_sign_up(client, answers):
    client.post(reverse("positive_action:signup"), answers)
    page = client.get(reverse("positive_action:signup_check")).content.decode()
    token = page.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    first = client.post(reverse("positive_action:signup_check"), {"form_token": token})
    again = client.post(reverse("positive_action:signup_check"), {"form_token": token})
    assert Signup.objects.count() == 1
    assert first.url == again.url == reverse("positive_action:signup_done")
    assert Signup.objects.get().reference in client.get(again.url).content.decode()


def test_check_page_without_answers_goes_back_to_the_form(client, answers):
    assert client.get(reverse("positive_action:signup_check")).url == reverse("positive_action:signup")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter your full name"),
        ({"email": "nope"}, "Enter an email address in the correct format"),
        ({"phone": "12345"}, "Enter a UK phone number"),
        ({"phone": ""}, "Enter your phone number"),
        ({"candidate_reference": "ZZ1"}, "Enter your candidate reference in the right format"),
        ({"role": ""}, "Select the role you applied for"),
        ({"role": "99999"}, "Select a role from the list"),
        ({"stage": ""}, "Select the stage you have reached"),
        ({"stage": "hired"}, "Select a stage from the list"),
        ({"district": "99999"}, "Select a district from the list"),
        ({"wants_buddy": ""}, "Select yes if you would like a buddy"),
        ({"adjustments": "x" * 1001}, "Adjustments must be 1,000 characters or fewer"),
        ({"groups": ["99999"]}, "Select groups from the list"),
        ({"prefer_not_to_say": "on"}, "but not both"),
        ({"consent": ""}, "Confirm that you agree to us keeping your details"),
    ],
)
def test_every_sign_up_rule_has_a_plain_message_and_keeps_answers(client, answers, changes, message):
    data = {**answers, **changes}
    response = client.post(reverse("positive_action:signup"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "govuk-error-summary" in html and "<title>Error:" in html
    assert "A quiet room" in html or "adjustments" in changes
    assert not Signup.objects.exists()


def test_prefer_not_to_say_is_stored_without_groups(client, answers):
    send(client, {**answers, "groups": [], "prefer_not_to_say": "on"})
    stored = Signup.objects.get().equality_answers
    assert stored.prefer_not_to_say and not stored.groups.exists()


def test_staff_without_permission_do_not_see_equality_answers(client, answers, django_user_model):
    from django.contrib.auth.models import Permission

    send(client, answers)
    signup = Signup.objects.get()
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_signup"))
    client.force_login(staff)
    url = reverse("admin:positive_action_signup_change", args=[signup.pk])
    assert "prefer not to say" not in client.get(url).content.decode().lower()
    staff.user_permissions.add(Permission.objects.get(codename="view_signupequalityanswers"))
    staff = django_user_model.objects.get(pk=staff.pk)
    client.force_login(staff)
    assert "prefer not to say" in client.get(url).content.decode().lower()
