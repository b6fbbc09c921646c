import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from iag.models import Application, ApplicationEvent, DecisionTemplate, Status
from iag.models.applications import TRANSITIONS
from iag.services import TransitionError, application_transition
from outbox.models import Notification

# Sorted: a frozenset's order differs between processes, and parallel runs must agree.
ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in sorted(targets)]
REFUSED = [(a, b) for a in Status.values for b in Status.values if b not in TRANSITIONS[a]]


def make(status: str) -> Application:
    application = Application.objects.get(reference="IAG-DEMO-0001")
    Application.objects.filter(pk=application.pk).update(status=status)
    application.refresh_from_db()
    return application


@pytest.fixture
def staff(db):
    user = User.objects.create_user("moderator", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_application", "change_application"]))
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_each_allowed_move_is_made_and_recorded(essex, staff, from_status, to_status):
    application = make(from_status)
    application_transition(application=application, to_status=to_status, actor=staff, note="Spoke on the phone")
    application.refresh_from_db()
    assert application.status == to_status
    event = application.events.get(action=ApplicationEvent.Action.STATUS)
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        staff,
        from_status,
        to_status,
        "Spoke on the phone",
    )


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_each_refused_move_changes_nothing(essex, staff, from_status, to_status):
    application = make(from_status)
    with pytest.raises(TransitionError):
        application_transition(application=application, to_status=to_status, actor=staff)
    application.refresh_from_db()
    assert application.status == from_status
    assert not application.events.filter(action=ApplicationEvent.Action.STATUS).exists()


def test_decision_email_uses_the_wording_staff_edited(essex, staff):
    DecisionTemplate.objects.filter(status="accepted").update(
        subject="Welcome aboard {reference}", body="Hello {name}, see {status_link}"
    )
    application = make(Status.INVITED)
    application_transition(application=application, to_status=Status.ACCEPTED, actor=staff)
    email = Notification.objects.get(kind="iag.decision.accepted")
    assert email.recipient == application.email
    assert email.subject == f"Welcome aboard {application.reference}"
    assert email.body_text.startswith("Hello Amira Haddad, see http")
    assert "/application/" in email.body_text
    assert "16_24" not in email.body_text  # no equality answers in emails


def test_no_email_for_a_status_without_a_decision_email(essex, staff):
    application_transition(application=make(Status.RECEIVED), to_status=Status.UNDER_REVIEW, actor=staff)
    assert not Notification.objects.filter(kind__startswith="iag.decision").exists()


def test_decision_wording_refuses_unknown_placeholders(essex):
    template = DecisionTemplate.objects.get(status="accepted")
    template.body = "Hello {nmae}"
    with pytest.raises(Exception, match="nmae"):
        template.full_clean()


def test_staff_change_status_in_admin_with_a_note(client, essex, staff):
    client.force_login(staff)
    application = make(Status.RECEIVED)
    url = reverse("admin:iag_application_change", args=[application.pk])
    html = client.get(url).content.decode()
    assert 'value="under_review"' in html and 'value="accepted"' not in html  # only allowed moves offered
    response = client.post(url, {"new_status": "under_review", "note": "Looks good", **inline_management()})
    assert response.status_code == 302, response.content.decode()[:2000]
    application.refresh_from_db()
    assert application.status == "under_review"
    event = application.events.get(action="status")
    assert event.actor_name == "moderator" and event.note == "Looks good"


def test_bulk_status_change_moves_what_it_may_and_reports_the_rest(client, essex, staff):
    client.force_login(staff)
    received = Application.objects.get(reference="IAG-DEMO-0001")
    withdrawn = Application.objects.get(reference="IAG-DEMO-0006")
    response = client.post(
        reverse("admin:iag_application_changelist"),
        {"action": "move_to_under_review", "_selected_action": [received.pk, withdrawn.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 application(s) moved" in html and "IAG-DEMO-0006" in html
    received.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (received.status, withdrawn.status) == ("under_review", "withdrawn")


def test_every_admin_view_is_recorded_in_the_audit_trail(client, essex, staff):
    client.force_login(staff)
    application = make(Status.RECEIVED)
    client.get(reverse("admin:iag_application_change", args=[application.pk]))
    event = application.events.get(action=ApplicationEvent.Action.VIEWED)
    assert event.actor == staff


def inline_management() -> dict:
    return {
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }


def test_default_decision_email_signs_off_with_the_forces_own_unit(essex, staff):
    from force.models import ForceProfile
    from force.selectors import force_profile_forget
    from tests.factories import ForceProfileFactory

    ForceProfile.objects.all().delete()
    ForceProfileFactory(name="Leicestershire Police", unit_name="Equality Unit")
    force_profile_forget()
    application_transition(application=make(Status.INVITED), to_status=Status.ACCEPTED, actor=staff)
    body = Notification.objects.get(kind="iag.decision.accepted").body_text
    assert "Leicestershire Police Equality Unit" in body
    assert "diversity unit" not in body
