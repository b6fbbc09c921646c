"""Each rule on the question pages: a plain-words message by the field and in the
summary, every answer kept, and never a server error."""

import pytest
from django.urls import reverse

from iag.models import Application

from .conftest import ANSWERS, check_token, fill_steps, send, step_url

DETAILS = ANSWERS["your-details"]


def post_details(client, **changes):
    return client.post(step_url("your-details"), {**DETAILS, **changes})


def assert_error(response, message: str):
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html
    assert html.count(message) >= 2, message  # in the summary and by the field


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"full_name": ""}, "Enter your full name"),
        ({"full_name": "   "}, "Enter your full name"),
        ({"full_name": "x" * 201}, "Full name must be 200 characters or fewer"),
        ({"full_name": "Jo\x00Bloggs"}, "Full name contains characters we cannot accept"),
        ({"full_name": "Jo\x07Bloggs"}, "Full name must not contain line breaks or control characters"),
        ({"email": ""}, "Enter your email address"),
        ({"email": "jo.example.org"}, "Enter an email address in the correct format, like name@example.com"),
        ({"email": "a" * 250 + "@example.org"}, "Email address must be 254 characters or fewer"),
        ({"phone": "call me"}, "Enter a telephone number, like 01632 960 001"),
        ({"phone": "0123"}, "Enter a telephone number, like 01632 960 001"),
        ({"postcode": ""}, "Enter your postcode"),
        ({"postcode": "12345"}, "Enter a real UK postcode, like CM2 6DA"),
        ({"postcode": "CM2 6DAX"}, "Enter a real UK postcode, like CM2 6DA"),
    ],
)
def test_details_page_rules(client, essex, changes, message):
    response = post_details(client, **changes)
    assert_error(response, message)


def test_every_answer_is_kept_when_a_page_has_an_error(client, essex):
    response = post_details(client, postcode="nope", full_name="Zoë O'Brien <b>")
    html = response.content.decode()
    assert 'value="Zoë O&#x27;Brien &lt;b&gt;"' in html
    assert 'value="jo@example.org"' in html and 'value="nope"' in html


@pytest.mark.parametrize("phone", ["", "01632 960001", "07700 900 982", "+44 808 157 0192", "(01632) 960-001"])
def test_real_phone_numbers_and_no_phone_are_accepted(client, essex, phone):
    assert post_details(client, phone=phone).status_code == 302


@pytest.mark.parametrize("postcode", ["cm2 6da", "SW1A1AA", "  b33 8th ", "GIR 0AA", "ec1a 1bb"])
def test_real_postcodes_are_accepted(client, essex, postcode):
    assert post_details(client, postcode=postcode).status_code == 302


def test_non_latin_html_and_script_are_kept_and_shown_escaped(client, essex):
    name = "محمد 王小明 <script>alert(1)</script>"
    fill_steps(client, your_details={"full_name": name}, why_join={"why_join": '"><img src=x onerror=alert(1)>'})
    html = client.get(reverse("iag:apply_check")).content.decode()
    assert "محمد 王小明 &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    send(client, check_token(client))
    assert Application.objects.get(email="jo@example.org").full_name == name


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("groups", {}, "Select at least one group you want to join"),
        ("groups", {"groups": ["999999"]}, "Select a group from the list"),
        ("groups", {"groups": ["not-a-number"]}, "Select a group from the list"),
        ("communities", {"communities_detail": "x"}, "Select at least one community or subject you could speak for"),
        ("communities", {"communities": ["1"], "communities_detail": ""}, "Tell us in what way you could speak for"),
        (
            "communities",
            {"communities": ["1"], "communities_detail": "x" * 1001},
            "How you could speak for them must be 1,000 characters or fewer",
        ),
        ("why-join", {"why_join": "", "experience": "x"}, "Tell us why you want to join"),
        ("why-join", {"why_join": "x" * 1501}, "Why you want to join must be 1,500 characters or fewer"),
        ("why-join", {"experience": "x" * 1501}, "Your experience must be 1,500 characters or fewer"),
        ("why-join", {"can_attend": "maybe"}, "Select one of the options"),
        ("why-join", {"heard_about": ""}, "Select how you heard about the groups"),
        ("equality", {"ethnicity": "martian"}, "Select one of the options, or leave the question out"),
    ],
)
def test_question_page_rules(client, essex, step, data, message):
    from iag.models import Community

    fill_steps(client)
    if step == "communities" and "communities" in data:
        data["communities"] = [str(Community.objects.first().pk)]
    if step == "why-join":
        data = {**ANSWERS["why-join"], **data}
    response = client.post(step_url(step), data)
    assert_error(response, message)


def test_equality_questions_are_all_optional(client, essex):
    fill_steps(client)
    assert client.post(step_url("equality"), {}).status_code == 302


def test_consent_to_the_privacy_notice_is_required(client, essex):
    fill_steps(client)
    response = client.post(reverse("iag:apply_check"), {"form_token": check_token(client)})
    assert_error(response, "Confirm that you have read the privacy notice and agree to it")
    assert "Jo Bloggs" in response.content.decode()  # the answers are still shown
    assert not Application.objects.filter(email="jo@example.org").exists()


def test_a_missing_form_token_asks_to_send_again(client, essex):
    fill_steps(client)
    response = client.post(reverse("iag:apply_check"), {"consent": "on"})
    assert "This form had expired" in response.content.decode()
    assert 'name="form_token" value="' in response.content.decode()  # a fresh one to send with
    assert not Application.objects.filter(email="jo@example.org").exists()


def test_unknown_step_and_huge_or_odd_input_never_cause_a_server_error(client, essex):
    assert client.get(step_url("no-such-step")).status_code == 404
    response = client.post(step_url("your-details"), {"full_name": "x" * 100_000, "email": ["a", "b"]})
    assert response.status_code == 200
    response = client.post(reverse("iag:apply_check"), {"form_token": "x" * 500, "consent": "on"})
    assert response.status_code in (200, 302)
    assert not Application.objects.filter(email="jo@example.org").exists()
