"""Subject access export and erasure by email address, across the whole site."""

import json

import pytest
from django.urls import reverse

from iag.models import Application, ApplicationEvent, EqualityMonitoring
from outbox.models import Notification
from personal_data.collector import hook_modules, subject_access_export, subject_erase_everywhere
from personal_data.models import PrivacyRequest
from positive_action.models import Booking, Signup, SignupEqualityAnswers

from .conftest import EMAIL, NAME, make_staff, rows_containing

pytestmark = pytest.mark.django_db

ACCESS_URL = "admin:personal_data_subject_access"
ERASE_URL = "admin:personal_data_subject_erase"


def test_every_app_with_personal_data_has_a_hook():
    labels = [label for label, _module in hook_modules()]
    assert {
        "iag",
        "iag_work",
        "positive_action",
        "networks",
        "dispatch",
        "outbox",
        "site_pages",
        "personal_data",
    } <= set(labels)
    assert labels[-1] == "outbox"  # the outbox is erased last


def test_the_export_holds_everything_about_the_person(person):
    data = subject_access_export(email=EMAIL.upper())
    parts = data["parts"]
    (application,) = parts["iag"]["applications"]
    assert application["name"] == NAME and application["equality_monitoring"]["Religion or belief"] == "Sikh"
    assert application["history"][0]["what"] == "Submitted"
    (signup,) = parts["positive_action"]["signups"]
    assert signup["adjustments_needed"] == "Step-free access please"
    assert len(signup["equality_answers"]["groups"]) == 2 and len(signup["buddies"]) == 1
    (booking,) = parts["positive_action"]["bookings"]
    assert booking["status"] == "Place confirmed"
    (message,) = parts["networks"]["messages_to_networks"]
    assert message["reference"] == person["message"].reference
    assert "Hello from me." in message["email_to_the_network"]  # the email that passed it on
    emails = parts["outbox"]["emails"]
    assert sum(1 for e in emails if e["to"].lower() == EMAIL.lower()) >= 3
    assert parts["site_pages"]["feedback"][0]["reference"] == person["feedback"].reference
    subscription = parts["dispatch"]["dispatch_subscription"]
    assert subscription["name"] == NAME and subscription["confirmed_at"] is not None and subscription["topics"]
    json.dumps(data, default=str)


def test_the_export_page_needs_the_permission_and_downloads_json(person, client):
    client.force_login(make_staff("viewer", "iag.view_application"))
    assert client.get(reverse(ACCESS_URL)).status_code == 403
    assert client.post(reverse(ACCESS_URL), {"email": EMAIL}).status_code == 403
    staff = make_staff("sar", "personal_data.subject_access")
    client.force_login(staff)
    assert client.get(reverse(ACCESS_URL)).status_code == 200
    response = client.post(reverse(ACCESS_URL), {"email": EMAIL})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;") and EMAIL not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content)["parts"]["iag"]["applications"][0]["email"] == EMAIL
    request = PrivacyRequest.objects.get()
    assert (request.kind, request.actor_name) == ("access", "sar") and request.records > 0
    assert ApplicationEvent.objects.filter(application=person["application"], action="exported").count() == 1


def test_the_export_page_rejects_a_bad_address(person, client):
    client.force_login(make_staff("sar", "personal_data.subject_access"))
    response = client.post(reverse(ACCESS_URL), {"email": "not an address"})
    assert response.status_code == 200 and "Enter a valid email address" in response.content.decode()
    assert not PrivacyRequest.objects.exists()


def test_erasure_leaves_nothing_searchable(person, django_capture_on_commit_callbacks):
    assert rows_containing(EMAIL) and rows_containing(NAME)  # the search finds them before
    with django_capture_on_commit_callbacks(execute=True):
        counts = subject_erase_everywhere(email=EMAIL)
    assert counts["iag"] == 1 and counts["positive_action"] == 2
    assert rows_containing(EMAIL) == {}
    assert rows_containing(NAME) == {}
    assert rows_containing("Zephyrson") == {}
    assert rows_containing("QZE123456") == {}  # the candidate reference
    assert rows_containing("Step-free access") == {}


def test_erasure_keeps_the_records_anonymised_and_frees_the_place(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subject_erase_everywhere(email=EMAIL)
    application = Application.objects.get(pk=person["application"].pk)
    assert application.status == "withdrawn" and application.anonymised_at is not None
    assert not EqualityMonitoring.objects.filter(application=application).exists()
    assert not SignupEqualityAnswers.objects.filter(signup=person["signup"]).exists()
    assert Signup.objects.get(pk=person["signup"].pk).events.filter(action="erased").exists()
    assert Booking.objects.get(pk=person["booking"].pk).status == "cancelled"
    assert Booking.objects.get(pk=person["waiting"].pk).status == "offered"  # the place went to the next person
    assert Notification.objects.filter(recipient="someone.else@example.net").exists()
    assert PrivacyRequest.objects.get().kind == "erasure"
    assert EMAIL.lower() not in json.dumps(PrivacyRequest.objects.values()[0], default=str).lower()


def test_the_erase_page_needs_the_permission_and_a_confirmation(person, client, django_capture_on_commit_callbacks):
    client.force_login(make_staff("sar", "personal_data.subject_access"))
    assert client.post(reverse(ERASE_URL), {"email": EMAIL, "confirm": "on"}).status_code == 403
    client.force_login(make_staff("eraser", "personal_data.subject_erase"))
    unconfirmed = client.post(reverse(ERASE_URL), {"email": EMAIL})
    assert unconfirmed.status_code == 200 and "Confirm that you have checked" in unconfirmed.content.decode()
    assert Application.objects.get(pk=person["application"].pk).anonymised_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(ERASE_URL), {"email": EMAIL, "confirm": "on"})
    assert response.status_code == 302
    assert Application.objects.get(pk=person["application"].pk).anonymised_at is not None
    listing = client.get(reverse("admin:personal_data_privacyrequest_changelist")).content.decode()
    assert "record(s) erased or anonymised" in listing and "Erase by email address" in listing


def test_erasing_an_unknown_address_changes_nothing(person):
    before = Notification.objects.count()
    assert sum(subject_erase_everywhere(email="nobody@example.net").values()) == 0
    assert Notification.objects.count() == before
    assert Application.objects.get(pk=person["application"].pk).full_name == NAME
