"""The benchmark's pre-filled form sessions reach the check page as a visitor's
would: the answers are in a live, encrypted draft the session points to."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from benchmarks.steps import _drafts, _iag_answers, _pap_answers, _sessions


def test_pool_sessions_open_the_check_pages_with_their_answers(client, db):
    call_command("load_demo", stdout=StringIO())
    for answers, url, marker in [
        (_iag_answers(1, "t"), reverse("iag:apply_check"), "Sam Bench"),
        (_pap_answers(1, "t"), reverse("positive_action:signup_check"), "Sam Bench"),
    ]:
        (key,) = _sessions(_drafts(answers))
        client.cookies[settings.SESSION_COOKIE_NAME] = key
        response = client.get(url)
        assert response.status_code == 200 and marker in response.content.decode(), url
