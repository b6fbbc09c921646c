"""An accepted application becomes a membership; members step down and renew through their private link."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

import private_links
from iag.services import application_transition
from iag_work.models import EndReason, Membership
from iag_work.services.members import memberships_renew, renewal_requests_send
from outbox.models import Notification
from tests.factories import ApplicationFactory, CommunityFactory, EqualityMonitoringFactory, MembershipFactory


@pytest.fixture
def accepted(basildon, standards, settings):
    settings.IAG_MEMBERSHIP_TERM_DAYS = 100
    application = ApplicationFactory(
        status="under_review",
        full_name="Jo Bloggs",
        email="jo@example.org",
        why_join="Private reasons",
        groups=[basildon, standards],
        communities=[CommunityFactory(name="Faith", slug="faith")],
    )
    EqualityMonitoringFactory(application=application, religion="sikh")
    application_transition(application=application, to_status="accepted")
    return application


def test_accepting_an_application_makes_a_membership_of_each_group_chosen(accepted, basildon, standards):
    memberships = Membership.objects.filter(application=accepted)
    assert {m.group for m in memberships} == {basildon, standards}
    member = memberships.get(group=basildon)
    today = timezone.localdate()
    assert (member.name, member.email, member.role) == ("Jo Bloggs", "jo@example.org", "member")
    assert (member.started_on, member.term_ends_on) == (today, today + timedelta(days=100))
    assert [c.slug for c in member.communities.all()] == ["faith"]
    assert not member.name_public


def test_a_membership_copies_no_special_category_or_other_application_answers(accepted):
    fields = {f.name for f in Membership._meta.get_fields()}
    assert not fields & {"monitoring", "religion", "ethnicity", "why_join", "experience", "postcode", "phone"}
    for membership in Membership.objects.all():
        row = " ".join(str(v) for v in Membership.objects.filter(pk=membership.pk).values().get().values())
        assert "sikh" not in row and "Private reasons" not in row


def test_each_new_member_gets_a_welcome_email_with_a_private_link(accepted):
    welcomes = Notification.objects.filter(kind="iag_work.welcome")
    assert welcomes.count() == 2
    email = welcomes.first()
    assert email.recipient == "jo@example.org"
    assert private_links.MARKER in email.body_text  # the real token is only put in while sending
    assert email.link_purpose == "iag_work.membership"


def test_accepting_twice_is_refused_and_makes_no_second_membership(accepted):
    assert Membership.objects.filter(application=accepted).count() == 2


def test_a_member_steps_down_through_the_private_link(client, basildon):
    member = MembershipFactory(group=basildon)
    path = member.private_path()
    assert client.get(path).status_code == 200
    confirm = reverse("iag_work:step_down", args=[private_links.IAG_MEMBERSHIP.token(member)])
    assert client.get(confirm).status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.ended_at is not None and member.end_reason == EndReason.STEPPED_DOWN
    assert Notification.objects.filter(kind="iag_work.stepped_down", recipient=member.email).count() == 1
    alert = Notification.objects.get(kind="iag_work.unit_member_left")
    assert member.name not in alert.body_text and f"/iag_work/membership/{member.pk}/" in alert.body_text
    client.post(confirm)  # again: nothing more happens
    assert Notification.objects.filter(kind="iag_work.stepped_down").count() == 1


def test_a_forged_or_altered_link_finds_nothing(client, basildon):
    member = MembershipFactory(group=basildon)
    token = private_links.IAG_MEMBERSHIP.token(member)
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), member.link_key, "x"):
        assert client.get(reverse("iag_work:membership", args=[bad])).status_code == 404
    # a token for another purpose is refused
    other = private_links.BOOKING.sign(member.link_key)
    assert client.get(reverse("iag_work:membership", args=[other])).status_code == 404


def test_a_member_answers_whether_to_renew(client, basildon):
    member = MembershipFactory(group=basildon)
    client.post(member.private_path(), {"renew": "yes"})
    member.refresh_from_db()
    assert member.renewal_answer == "yes"


def test_an_ended_membership_needs_a_reason(basildon):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        MembershipFactory(group=basildon, ended_at=timezone.now(), end_reason="")


def test_renewal_is_asked_once_per_member_per_term(basildon, settings):
    settings.IAG_RENEWAL_NOTICE_DAYS = 30
    today = timezone.localdate()
    due = MembershipFactory(group=basildon, term_ends_on=today + timedelta(days=20))
    MembershipFactory(group=basildon, term_ends_on=today + timedelta(days=200))  # not yet
    MembershipFactory(
        group=basildon,
        term_ends_on=today + timedelta(days=5),
        ended_at=timezone.now(),
        end_reason=EndReason.STEPPED_DOWN,
    )  # ended
    assert renewal_requests_send() == 1
    assert renewal_requests_send() == 0
    emails = Notification.objects.filter(kind="iag_work.renewal")
    assert list(emails.values_list("recipient", flat=True)) == [due.email]
    # renewed by staff, the next term's end is asked about again when it comes
    due.refresh_from_db()
    memberships_renew(memberships=[due])
    renewal_requests_send(today=today + timedelta(days=730))
    assert emails.filter(recipient=due.email).count() == 2


def test_a_named_member_stepping_down_leaves_the_cached_group_page_at_once(
    client, basildon, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    member = MembershipFactory(group=basildon, name="Named Person", name_public=True)
    page = reverse("iag_work:group", args=["basildon-iag"])
    assert "Named Person" in client.get(page).content.decode()
    assert client.get(page)["X-Page-Cache"] == "hit"
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("iag_work:step_down", args=[private_links.IAG_MEMBERSHIP.token(member)]))
    assert "Named Person" not in client.get(page).content.decode()


def test_erasing_the_application_erases_the_memberships_made_from_it(accepted, client):
    from iag.services import application_withdraw

    assert application_withdraw(token=accepted.status_token)
    for member in Membership.objects.filter(pk__in=[m.pk for m in Membership.objects.all()]):
        assert member.name == "[anonymised]" and member.email == ""
        assert member.ended_at is not None and member.end_reason == EndReason.ERASED
    # Nor do the emails sent to them as a member stay behind in the outbox.
    from outbox.models import Notification

    assert not Notification.objects.filter(recipient=accepted.email).exclude(kind__startswith="iag.").exists()
