"""Control characters in every public form (the list is in public_forms.py).

A line break in a single-line answer could forge lines in an email that quotes
it, so every single-line text answer refuses C0 and C1 control characters and
the Unicode line separators; multi-line answers keep line breaks and tabs but
refuse the rest. Each refusal is one plain message by the field, and nothing
is stored or queued.
"""

import pytest
from django import forms
from django.test import Client

from protected_forms.form_messages import CONTROL, CONTROL_MULTILINE, NUL

from .checks import assert_no_server_error, changes, snapshot
from .public_forms import PUBLIC_FORMS, PublicForm, fresh_token

pytestmark = pytest.mark.django_db

NOT_ANSWERS = {"website", "form_token"}


def text_fields(form: PublicForm) -> list[tuple[str, forms.CharField]]:
    """The text answers of a form, from fresh instances (the checks are added per instance)."""
    fields = {}
    for form_class in form.form_classes():
        fields.update(form_class().fields)
    return [
        (name, field)
        for name, field in fields.items()
        if isinstance(field, forms.CharField) and name not in NOT_ANSWERS
    ]


def cases(kind: str) -> list:
    result = []
    for form in PUBLIC_FORMS:
        for name, field in text_fields(form):
            multiline = isinstance(field.widget, forms.Textarea)
            if kind == "any" or (kind == "multiline") == multiline:
                result.append(pytest.param(form, name, id=f"{form}-{name}"))
    return result


def field_of(form: PublicForm, name: str) -> forms.CharField:
    return dict(text_fields(form))[name]


def with_answer(form: PublicForm, name: str, insert: str) -> dict:
    """A valid submission with `insert` put inside the answer to `name`."""
    data = {**form.valid_data(), "form_token": fresh_token()}
    value = str(data.get(name) or "x")
    data[name] = value[:1] + insert + (value[1:] or "x")  # inside, where stripping cannot remove it
    return data


def refused_with(form: PublicForm, name: str, data: dict, code: str, django_capture_on_commit_callbacks):
    url = form.url()
    before = snapshot(form)
    with django_capture_on_commit_callbacks(execute=True):
        responses = form.send(Client(), data, url)
    assert_no_server_error(responses)
    last = responses[-1]
    assert last.status_code == 200, (last.status_code, last.get("Location"))
    field = field_of(form, name)
    if not isinstance(field.widget, forms.HiddenInput):
        assert last.context["form"].errors[name] == [str(field.error_messages[code])]
    assert "govuk-error-summary" in last.content.decode()
    assert changes(form, before) == (0, [])


@pytest.mark.parametrize(("form", "name"), cases("single"))
@pytest.mark.parametrize("insert", ["\r\nBcc: someone@example.org\r\n", "\n", "\t", "\x1b[31m", "\x85", "\u2028"])
def test_single_line_answers_refuse_line_breaks_and_control_characters(
    form, name, insert, demo, django_capture_on_commit_callbacks
):
    refused_with(form, name, with_answer(form, name, insert), CONTROL, django_capture_on_commit_callbacks)


@pytest.mark.parametrize(("form", "name"), cases("multiline"))
@pytest.mark.parametrize("insert", ["\x1b[31m", "\x07", "\x0b", "\x9b"])
def test_multi_line_answers_refuse_control_characters(form, name, insert, demo, django_capture_on_commit_callbacks):
    refused_with(form, name, with_answer(form, name, insert), CONTROL_MULTILINE, django_capture_on_commit_callbacks)


@pytest.mark.parametrize(("form", "name"), cases("multiline"))
def test_multi_line_answers_keep_line_breaks_and_tabs(form, name, demo, django_capture_on_commit_callbacks):
    data = with_answer(form, name, "\r\nSecond line\r\n\tindented")
    before = snapshot(form)
    with django_capture_on_commit_callbacks(execute=True):
        responses = form.send(Client(), data, form.url())
    assert_no_server_error(responses)
    assert responses[-1].status_code == 302
    stored, queued = changes(form, before)
    assert stored == 1 and len(queued) == form.emails


@pytest.mark.parametrize(("form", "name"), cases("any"))
def test_a_nul_byte_gets_the_plain_message_named_for_the_answer(form, name, demo, django_capture_on_commit_callbacks):
    message = str(field_of(form, name).error_messages[NUL])
    assert "contains characters we cannot accept" in message
    refused_with(form, name, with_answer(form, name, "\x00"), NUL, django_capture_on_commit_callbacks)


def test_every_public_form_with_text_answers_is_checked():
    checked = {str(param.values[0]) for param in cases("any")}
    assert checked == {
        "feedback", "iag apply", "network contact", "evening booking", "pap sign-up", "dispatch sign-up"
    }  # fmt: skip
