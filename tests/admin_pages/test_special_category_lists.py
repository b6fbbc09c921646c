"""Staff without the special category permission cannot learn from an admin
list who answered the equality questions: no such filter is shown, and a
lookup through the special category records in the URL is refused."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from iag.models import Application, EqualityMonitoring

from .conftest import SPECIAL_CATEGORY, make_staff

pytestmark = pytest.mark.django_db

APPLICATIONS = "admin:iag_application_changelist"
SIGNUPS = "admin:positive_action_signup_changelist"
PROBES = [
    (APPLICATIONS, "monitoring__isnull=True"),
    (APPLICATIONS, "monitoring__isnull=False"),
    (APPLICATIONS, "monitoring__id__gte=0"),
    (APPLICATIONS, "monitoring=1"),
    (SIGNUPS, "equality_answers__isnull=True"),
    (SIGNUPS, "equality_answers__prefer_not_to_say=1"),
]


@pytest.fixture
def viewer(every_model_has_a_row):
    views = Permission.objects.filter(codename__startswith="view_").exclude(SPECIAL_CATEGORY)
    return make_staff("viewer", views)


@pytest.fixture
def answered_and_not(every_model_has_a_row):
    answered = set(EqualityMonitoring.objects.values_list("application__reference", flat=True))
    everyone = set(Application.objects.values_list("reference", flat=True))
    assert answered and everyone - answered
    return answered, everyone - answered


def test_no_equality_filter_for_staff_without_the_permission(client, viewer):
    client.force_login(viewer)
    html = client.get(reverse(APPLICATIONS)).content.decode()
    assert "answered_monitoring" not in html and "monitoring__" not in html
    assert "equality_answers" not in client.get(reverse(SIGNUPS)).content.decode()


@pytest.mark.parametrize(("changelist", "query"), PROBES)
def test_a_lookup_through_the_equality_answers_is_refused(client, viewer, changelist, query):
    client.force_login(viewer)
    assert client.get(f"{reverse(changelist)}?{query}").status_code == 400


def test_the_filter_parameter_is_ignored_for_staff_without_the_permission(client, viewer, answered_and_not):
    answered, not_answered = answered_and_not
    client.force_login(viewer)
    response = client.get(f"{reverse(APPLICATIONS)}?answered_monitoring=yes", follow=True)
    html = response.content.decode()
    assert all(reference in html for reference in not_answered)


def test_staff_with_the_permission_can_filter_by_who_answered(client, answered_and_not):
    answered, not_answered = answered_and_not
    staff = make_staff("special", Permission.objects.filter(codename__in=["view_application", "view_special_category"]))
    client.force_login(staff)
    html = client.get(f"{reverse(APPLICATIONS)}?answered_monitoring=yes").content.decode()
    assert all(reference in html for reference in answered)
    assert not any(reference in html for reference in not_answered)
