"""One audit trail for the feature apps: one abstract model, one admin inline,
one way to name the actor, one CSV escape."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.urls import reverse

from audit.admin import LATEST, AuditTrailAdmin, AuditTrailInline
from audit.exports import csv_safe
from audit.models import AuditEvent, actor_fields
from iag.admin.applications import EventInline
from iag.admin.groups import ApplicationEventAdmin
from iag.models import Application, ApplicationEvent
from positive_action.admin.people import SignupEventAdmin, SignupEventInline
from positive_action.models.signups import SignupEvent

from .conftest import make_staff
from .test_every_admin_page import form_data, parse


def test_both_trails_are_the_one_audit_event_model_and_admin():
    assert issubclass(ApplicationEvent, AuditEvent) and issubclass(SignupEvent, AuditEvent)
    assert issubclass(EventInline, AuditTrailInline) and issubclass(SignupEventInline, AuditTrailInline)
    assert issubclass(ApplicationEventAdmin, AuditTrailAdmin) and issubclass(SignupEventAdmin, AuditTrailAdmin)
    assert ApplicationEvent._meta.db_table == "iag_applicationevent"
    assert SignupEvent._meta.db_table == "positive_action_signupevent"


@pytest.mark.django_db
def test_the_actor_is_a_signed_in_staff_member_or_nobody():
    staff = make_staff("unit")
    assert actor_fields(staff) == {"actor": staff, "actor_name": "unit"}
    long_name = User(username="x" * 200)
    assert actor_fields(long_name)["actor_name"] == "x" * 150
    assert actor_fields(None) == actor_fields(AnonymousUser()) == {"actor": None, "actor_name": ""}


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 7700", "'+44 7700"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Jo Bloggs", "Jo Bloggs"),
        ("", ""),
        (None, ""),
        (7, "7"),
    ],
)
def test_csv_cells_that_start_like_a_formula_are_escaped(typed, written):
    assert csv_safe(typed) == written


@pytest.mark.django_db
def test_an_application_viewed_hundreds_of_times_still_saves(client):
    from force import demo as site_demo
    from iag import demo

    site_demo.load(force="essex")
    demo.load(force="essex")
    application = Application.objects.get(reference="IAG-DEMO-0001")
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(application=application, action=ApplicationEvent.Action.VIEWED) for _n in range(600)
    )
    codenames = ["view_application", "change_application", "view_applicationevent"]
    client.force_login(make_staff("unit", Permission.objects.filter(codename__in=codenames)))
    url = reverse("admin:iag_application_change", args=[application.pk])
    response = client.get(url)
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == LATEST
    data = {**form_data(parse(response.content.decode(), "application_form")), "note": "Called.", "_save": "Save"}
    assert client.post(url, data).status_code == 302
    assert application.events.filter(action=ApplicationEvent.Action.NOTE, note="Called.").exists()
