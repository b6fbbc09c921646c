"""Property-based fuzzing of every public form (the list is in public_forms.py).

Three properties, each checked for every form:
- any words in the free-text fields (any script, emoji, format characters,
  up to the field's limit): exactly one record, its emails queued and sent;
- an answer that must be refused (a required field missing, too long, a NUL
  byte, a choice not on the list): the page again with an error summary,
  nothing stored, nothing queued;
- anything at all a client can send (control characters, huge values, lists
  for single fields, unknown fields and choices, fields left out): never a
  server error, never an off-site redirect, and at most one record with exactly
  its emails.
"""

import string

import pytest
from django import forms
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outbox.models import Notification

from .checks import assert_no_server_error, by_name, changes, snapshot
from .public_forms import PUBLIC_FORMS, PublicForm, fresh_token

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=12,
    deadline=None,
    database=None,  # writes nothing into the working tree
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

# Everything a browser or script can put in a form field: any code point but
# lone surrogates, which cannot be encoded for sending.
ANY_CHAR = st.characters(exclude_categories=("Cs",))
# Words a person might type: any script, no invisible control characters.
WORD_CHAR = st.characters(exclude_categories=("Cs", "Cc", "Co"))
UNKNOWN_FIELDS = ("", "x", "form_token[]", "groups[]", "__proto__", "csrfmiddlewaretoken")

# ---------------------------------------------------------------- any words are accepted


# On one line: no line or paragraph separators either (control_characters.py).
LINE_CHAR = st.characters(exclude_categories=("Cs", "Cc", "Co", "Zl", "Zp"))


def text_for(field: forms.Field):
    limit = getattr(field, "max_length", None) or 500
    chars = WORD_CHAR if isinstance(field.widget, forms.Textarea) else LINE_CHAR
    return st.text(chars, min_size=1, max_size=min(limit, 3000)).filter(lambda value: value.strip())


@by_name(PUBLIC_FORMS)
def test_any_words_in_free_text_store_exactly_one_record_and_send_its_emails(
    form, demo, django_capture_on_commit_callbacks, mailoutbox
):
    fields = form.fields

    @FUZZ
    @given(st.fixed_dictionaries({name: text_for(fields[name]) for name in form.free_text}))
    def check(words):
        data = {**form.valid_data(), **words, "form_token": fresh_token()}
        url = form.url()
        before = snapshot(form)
        sent_before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            responses = form.send(Client(), data, url)
        assert_no_server_error(responses)
        assert responses[-1].status_code == 302, responses[-1].content.decode()[:3000]
        stored, queued = changes(form, before)
        assert stored == (1 if form.records else 0)
        assert len(queued) == form.emails
        assert all(row.state == Notification.State.SENT for row in queued), [row.last_error for row in queued]
        assert len(mailoutbox) - sent_before == form.emails

    check()


# ---------------------------------------------------------------- refused answers store nothing


def invalid_answers(form: PublicForm) -> list:
    """(field, strategy of a value that must be refused; None means leave it out)."""
    cases = []
    for name, field in form.fields.items():
        if name == "website":
            continue  # the honeypot: any words there are a bot; see the arbitrary-input test
        if name == "form_token":
            cases += [
                (name, None),
                (name, st.text(string.ascii_letters, min_size=65, max_size=200)),
                (name, st.just("abc\x00def")),
            ]
            continue
        if field.required:
            cases.append((name, None))
        if isinstance(field, forms.CharField):
            if field.max_length:
                cases.append(
                    (
                        name,
                        st.text(string.ascii_letters, min_size=field.max_length + 1, max_size=field.max_length + 300),
                    )
                )
            cases.append((name, st.text(WORD_CHAR, max_size=20).map(lambda value: f"a{value}\x00b")))
        if isinstance(field, forms.ModelChoiceField):  # also ModelMultipleChoiceField
            unknown = st.one_of(
                st.integers(10**9, 10**12).map(str), st.text(string.ascii_letters, min_size=1, max_size=20)
            )
            cases.append((name, st.lists(unknown, min_size=1, max_size=3) if field.widget.allow_multiple_selected
                          else unknown))  # fmt: skip
        elif isinstance(field, forms.ChoiceField):
            choices = {str(key) for key, _label in field.choices}
            cases.append((name, st.text(ANY_CHAR, min_size=1, max_size=40).filter(lambda v, c=choices: v not in c)))
    return cases


REFUSABLE = [form for form in PUBLIC_FORMS if invalid_answers(form)]


@by_name(REFUSABLE)
def test_refused_answers_store_nothing_and_queue_no_email(form, demo, django_capture_on_commit_callbacks):
    cases = invalid_answers(form)

    @FUZZ
    @given(
        st.sampled_from(cases).flatmap(
            lambda case: st.tuples(st.just(case[0]), st.none() if case[1] is None else case[1])
        )
    )
    def check(case):
        name, value = case
        data = {**form.valid_data(), "form_token": fresh_token()}
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
        url = form.url()
        before = snapshot(form)
        with django_capture_on_commit_callbacks(execute=True):
            responses = form.send(Client(), data, url)
        assert_no_server_error(responses)
        last = responses[-1]
        assert last.status_code == 200, (name, last.status_code, last.get("Location"))
        assert "govuk-error-summary" in last.content.decode()
        stored, queued = changes(form, before)
        assert stored == 0 and queued == []

    check()


# ---------------------------------------------------------------- anything at all


ANY_TEXT = st.text(ANY_CHAR, max_size=200)
HUGE = st.builds(
    lambda char, n: char * n, st.sampled_from(["a", "é", "€", "𝔘", "\x00", "\n", " "]), st.integers(5000, 40000)
)
ANY_VALUE = st.one_of(
    ANY_TEXT,
    HUGE,
    st.lists(ANY_TEXT, max_size=5),  # a list where one value is expected
    st.integers().map(str),  # numbers far outside any id range
    st.sampled_from(["", " ", "\t\n", "\u00a0", "\u3000", "on", "true", "0", "-1", "null", "None", "[]", "{}"]),
    st.none(),  # left out
)


@by_name(PUBLIC_FORMS)
def test_anything_a_client_can_send_never_gives_a_server_error(form, demo, django_capture_on_commit_callbacks):
    names = sorted({*form.fields, *form.extra_fields, *UNKNOWN_FIELDS})

    @FUZZ
    @given(st.dictionaries(st.sampled_from(names), ANY_VALUE, min_size=1, max_size=4))
    def check(changes_to_make):
        data = {**form.valid_data(), "form_token": fresh_token()}
        for name, value in changes_to_make.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        url = form.url()
        before = snapshot(form)
        with django_capture_on_commit_callbacks(execute=True):
            responses = form.send(Client(), data, url)
        assert_no_server_error(responses)
        stored, queued = changes(form, before)
        assert stored in (0, 1)
        assert len(queued) == stored * form.emails
        if stored:
            assert responses[-1].status_code == 302

    check()


# ---------------------------------------------------------------- private links


TOKEN_PAGES = [
    ("iag:status", "get"),
    ("iag:withdraw", "get"),
    ("iag:withdraw", "post"),
    ("positive_action:booking_manage", "get"),
    ("positive_action:booking_cancel", "get"),
    ("positive_action:booking_cancel", "post"),
    ("positive_action:booking_accept", "post"),
    ("positive_action:booking_calendar", "get"),
    ("iag_work:membership", "get"),
    ("iag_work:membership", "post"),
    ("iag_work:step_down", "get"),
    ("iag_work:step_down", "post"),
    ("iag_work:invitation", "get"),
    ("iag_work:invitation", "post"),
    ("iag_work:invitation_calendar", "get"),
]


@pytest.mark.usefixtures("demo")
@FUZZ
@given(st.sampled_from(TOKEN_PAGES), st.text(ANY_CHAR, min_size=1, max_size=300))
def test_any_private_link_token_gives_a_page_or_404_never_a_server_error(page, token):
    from urllib.parse import quote

    from django.urls import reverse

    name, method = page
    url = reverse(name, args=["TOKEN"]).replace("TOKEN", quote(token, safe=""))
    response = getattr(Client(), method)(url)
    assert response.status_code in (200, 302, 404, 405), (url, response.status_code)
