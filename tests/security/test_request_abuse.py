"""Requests no form should ever accept, against every public form URL: a body
over DATA_UPLOAD_MAX_MEMORY_SIZE, more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS,
a Host the site does not serve, and a POST with no CSRF token, a wrong one, or
from another site's Origin. Each gets a plain 4xx page: never a 500, never a
record, never an email queued. A correctly signed POST from the same client is
the control: it goes through, so the refusals are about the attack alone."""

import pytest
from django import forms as django_forms
from django.conf import settings as django_settings
from django.test import Client

from .checks import BOOKING_LINKS, assert_no_server_error, by_name, changes, snapshot
from .public_forms import PUBLIC_FORMS, PublicForm, fresh_token, post

pytestmark = pytest.mark.django_db


def csrf_client() -> Client:
    """A client that is checked for CSRF like a browser, holding the site's CSRF cookie."""
    client = Client(enforce_csrf_checks=True)
    assert client.get("/feedback/").status_code == 200
    assert "csrftoken" in client.cookies
    return client


def ready(form: PublicForm, client: Client, data: dict) -> str:
    """Answer a journey's earlier pages (with a good token) and return the URL of the final POST."""
    url = form.url()
    if form.prepare:
        responses = form.prepare(client, data)
        assert responses[-1].status_code == 302, responses[-1].content.decode()[:2000]
    return url


def assert_refused(response, status: int, form: PublicForm, before):
    assert response.status_code == status, (response.status_code, response.content.decode()[:500])
    html = response.content.decode()
    assert "Traceback" not in html and "Exception" not in html
    stored, queued = changes(form, before)
    assert stored == 0 and queued == []


@by_name(PUBLIC_FORMS)
def test_a_correctly_signed_post_goes_through(form, demo):
    client = csrf_client()
    data = {**form.valid_data(), "form_token": fresh_token()}
    url = ready(form, client, data)
    before = snapshot(form)
    response = post(client, url, data)
    assert response.status_code == 302
    stored, queued = changes(form, before)
    assert stored == (1 if form.records else 0) and len(queued) == form.emails


@by_name(PUBLIC_FORMS)
@pytest.mark.parametrize(
    "attack",
    ["no CSRF token", "wrong CSRF token", "CSRF cookie missing", "another site's Origin", "another site's Referer"],
)
def test_a_post_without_a_good_csrf_token_or_from_another_site_gets_403(form, attack, demo):
    client = csrf_client()
    data = {**form.valid_data(), "form_token": fresh_token()}
    url = ready(form, client, data)
    before = snapshot(form)
    extra = {}
    if attack == "no CSRF token":
        data["csrfmiddlewaretoken"] = ""
    elif attack == "wrong CSRF token":
        data["csrfmiddlewaretoken"] = "a" * 32  # well formed, but not this client's
    elif attack == "CSRF cookie missing":
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
        del client.cookies["csrftoken"]
    elif attack == "another site's Origin":
        extra["HTTP_ORIGIN"] = "https://evil.example"
    elif attack == "another site's Referer":
        extra = {"HTTP_REFERER": "https://evil.example/form", "secure": True}
    response = post(client, url, data, **extra)
    assert_refused(response, 403, form, before)


@by_name(PUBLIC_FORMS)
@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_body_over_the_upload_limit_gets_400(form, encoding, demo):
    client = csrf_client()
    data = {**form.valid_data(), "form_token": fresh_token()}
    url = ready(form, client, data)
    before = snapshot(form)
    big = "a" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024)
    target = next(iter(form.fields), "padding")
    data[target] = big
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    if encoding == "urlencoded":
        from urllib.parse import urlencode

        response = client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")
    else:
        response = client.post(url, data)
    assert_refused(response, 400, form, before)


@by_name(PUBLIC_FORMS)
def test_more_fields_than_allowed_gets_400(form, demo):
    client = csrf_client()
    data = {**form.valid_data(), "form_token": fresh_token()}
    url = ready(form, client, data)
    before = snapshot(form)
    data.update({f"field{n}": "x" for n in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 50)})
    assert_refused(post(client, url, data), 400, form, before)


@by_name(PUBLIC_FORMS)
def test_a_large_file_part_is_ignored_and_breaks_nothing(form, demo):
    """Files are not counted against DATA_UPLOAD_MAX_MEMORY_SIZE (they are
    streamed to disk); no public form takes one, so it is simply ignored."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = csrf_client()
    data = {**form.valid_data(), "form_token": fresh_token()}
    url = ready(form, client, data)
    before = snapshot(form)
    data["upload"] = SimpleUploadedFile("big.bin", b"\0" * (3 * 1024 * 1024), "application/octet-stream")
    response = post(client, url, data)
    assert response.status_code == 302
    stored, queued = changes(form, before)
    assert stored == (1 if form.records else 0) and len(queued) == form.emails


@by_name(PUBLIC_FORMS)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:8000@evil.example", "localhost\r\nX-Injected: 1", ""])
def test_a_host_the_site_does_not_serve_gets_400(form, method, host, demo):
    client = Client()
    data = {**form.valid_data(), "form_token": fresh_token()}
    url = ready(form, client, data)
    before = snapshot(form)
    if not host:
        response = getattr(client, method)(url, data, HTTP_HOST="", SERVER_NAME="evil.example")
    else:
        response = getattr(client, method)(url, data, HTTP_HOST=host)
    assert_refused(response, 400, form, before)


# ---------------------------------------------------------------- found by the fuzzing


@pytest.mark.parametrize("form", [form for form in PUBLIC_FORMS if form.name in {"iag apply", "pap sign-up"}], ids=str)
def test_a_nul_byte_in_the_form_token_is_refused_not_a_500(form, demo):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes a NUL byte in a query parameter; the 500 happens on PostgreSQL")
    client = Client(raise_request_exception=False)
    data = {**form.valid_data(), "form_token": "abc\x00def"}
    url = ready(form, client, data)
    before = snapshot(form)
    response = post(client, url, data)
    assert response.status_code == 200
    assert changes(form, before) == (0, [])


@pytest.mark.parametrize(
    "data", [{"next": "0"}, {"cookies": "accept", "next": "feedback-page"}], ids=["hide", "accept"]
)
def test_a_next_that_is_not_a_path_is_ignored_not_a_500(data, db):
    client = Client(raise_request_exception=False)
    url = "/cookies/hide-message/" if "cookies" not in data else "/cookies/"
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.parametrize("name", BOOKING_LINKS)
def test_a_nul_byte_in_a_booking_link_gives_404_not_a_500(name, db):
    from django.db import connection
    from django.urls import reverse

    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes a NUL byte in a query parameter; the 500 happens on PostgreSQL")
    url = reverse(name, args=["TOKEN"]).replace("TOKEN", "a%00b")
    method = "post" if name.endswith("accept") else "get"
    response = getattr(Client(raise_request_exception=False), method)(url)
    assert response.status_code == 404


MULTI_CHOICE_FORMS = [
    form
    for form in PUBLIC_FORMS
    if any(isinstance(field, django_forms.ModelMultipleChoiceField) for field in form.fields.values())
]


@pytest.mark.parametrize("form", MULTI_CHOICE_FORMS, ids=str)
def test_a_choice_id_beyond_64_bits_is_refused_not_a_500(form, demo, django_capture_on_commit_callbacks):
    """Django's `__in` lookup hands such an id to SQLite, which raised OverflowError."""
    names = [name for name, field in form.fields.items() if isinstance(field, django_forms.ModelMultipleChoiceField)]
    for name in names:
        data = {**form.valid_data(), "form_token": fresh_token(), name: [str(2**63)]}
        before = snapshot(form)
        with django_capture_on_commit_callbacks(execute=True):
            responses = form.send(Client(), data, form.url())
        assert_no_server_error(responses)
        assert changes(form, before) == (0, []), name
