"""A subject access export shows special category answers only to staff who
may see them, and its page says which are in it."""

import json

import pytest
from django.urls import reverse

from iag.models import ApplicationEvent
from iag.models.monitoring import CHARACTERISTICS

from .conftest import EMAIL, make_staff

pytestmark = pytest.mark.django_db

ACCESS_URL = "admin:personal_data_subject_access"
BOTH = ("iag.view_special_category", "positive_action.view_signupequalityanswers")


def _answers(person) -> list[str]:
    """Every special category answer the person gave, as an export would word it
    (the question with its answer, and each programme group chosen)."""
    record = person["application"].monitoring
    words = []
    for field, (question, choices) in CHARACTERISTICS.items():
        value = getattr(record, field)
        if value:
            words += [str(question), json.dumps({str(question): str(choices(value).label)})[1:-1]]
    words += [json.dumps(str(group)) for group in person["signup"].equality_answers.groups.all()]
    return words


def _export(client, user) -> str:
    client.force_login(user)
    response = client.post(reverse(ACCESS_URL), {"email": EMAIL})
    assert response.status_code == 200
    return json.dumps(json.loads(response.content), ensure_ascii=False)


def test_subject_access_without_the_special_category_permission_exports_no_special_category_answer(person, client):
    answers = _answers(person)
    assert '"Religion or belief": "Sikh"' in answers and len(answers) == 8
    export = _export(client, make_staff("sar", "personal_data.subject_access"))
    assert EMAIL in export and "Zephyrson community hall" in export  # the rest of the person's data is there
    for answer in answers:
        assert answer not in export, answer
    parts = json.loads(export)["parts"]
    assert parts["iag"]["applications"][0]["equality_monitoring"].startswith("Not included")
    assert parts["positive_action"]["signups"][0]["equality_answers"].startswith("Not included")
    exported = ApplicationEvent.objects.get(application=person["application"], action="exported")
    assert exported.note == "Subject access export, without equality monitoring answers"


def test_subject_access_with_the_special_category_permissions_exports_the_answers(person, client):
    export = _export(client, make_staff("sar", "personal_data.subject_access", *BOTH))
    for answer in _answers(person):
        assert answer in export, answer


def test_the_export_page_says_which_special_category_answers_it_includes(person, client):
    client.force_login(make_staff("sar", "personal_data.subject_access", "iag.view_special_category"))
    page = client.get(reverse(ACCESS_URL)).content.decode()
    included, withheld = page.split("Included, because you may see them:")[1].split("Not included, because")
    assert "advisory group applications" in included and "Positive Action" not in included
    assert "Positive Action Programme sign-ups" in withheld
