"""The diversity unit adds notes and moves applications on the change page."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from iag.models import Application, ApplicationEvent, Status
from iag.services import application_note_add

from .conftest import make_staff
from .test_every_admin_page import form_data, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(db):
    from force import demo as site_demo
    from iag import demo

    site_demo.load(force="essex")
    demo.load(force="essex")
    return Application.objects.get(reference="IAG-DEMO-0001")


@pytest.fixture
def moderator(db):
    codenames = ["view_application", "change_application", "view_applicationevent"]
    return make_staff("moderator", Permission.objects.filter(content_type__app_label="iag", codename__in=codenames))


def posted_back(client, url: str, **changes) -> dict:
    fields = parse(client.get(url).content.decode(), "application_form")
    return {**form_data(fields), **changes, "_save": "Save"}


def test_a_note_is_saved_in_the_audit_trail(client, application, moderator):
    client.force_login(moderator)
    url = reverse("admin:iag_application_change", args=[application.pk])
    response = client.post(url, posted_back(client, url, note="Rang them; will call back."))
    assert response.status_code == 302
    note = application.events.get(action=ApplicationEvent.Action.NOTE)
    assert (note.note, note.actor_name) == ("Rang them; will call back.", "moderator")


def test_the_status_is_changed_from_the_page(client, application, moderator):
    Application.objects.filter(pk=application.pk).update(status=Status.RECEIVED)
    client.force_login(moderator)
    url = reverse("admin:iag_application_change", args=[application.pk])
    response = client.post(url, posted_back(client, url, new_status=Status.UNDER_REVIEW))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW
    assert application.events.filter(action=ApplicationEvent.Action.STATUS, actor=moderator).exists()


def test_a_page_opened_before_someone_else_added_a_note_still_saves(client, application, moderator):
    client.force_login(moderator)
    url = reverse("admin:iag_application_change", args=[application.pk])
    data = posted_back(client, url, note="Mine.")
    application_note_add(application=application, actor=make_staff("colleague"), note="Theirs.")
    assert client.post(url, data).status_code == 302
    notes = set(application.events.filter(action=ApplicationEvent.Action.NOTE).values_list("note", flat=True))
    assert notes == {"Mine.", "Theirs."}
    assert application.events.count() == ApplicationEvent.objects.filter(application=application).count()
