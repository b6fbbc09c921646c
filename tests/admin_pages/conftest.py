"""Data and staff accounts for the admin page tests."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

# Permissions that open special category data (equality answers) to staff.
SPECIAL_CATEGORY = Q(content_type__app_label="iag", codename="view_special_category") | Q(
    content_type__app_label="positive_action", content_type__model="signupequalityanswers"
)


def make_staff(username: str, permissions=None, *, superuser: bool = False) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-pass-phrase", is_staff=True, is_superuser=superuser
    )
    if permissions is not None:
        user.user_permissions.set(permissions)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def unit_lead(db) -> User:
    """A diversity unit lead: every permission."""
    return make_staff("unit.lead", superuser=True)


@pytest.fixture
def unit_officer(db) -> User:
    """Every permission in the site except the special category ones."""
    return make_staff("unit.officer", Permission.objects.exclude(SPECIAL_CATEGORY))


@pytest.fixture
def every_model_has_a_row(db, django_capture_on_commit_callbacks):
    """The demo data, plus a row of everything the public and staff make."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group as StaffGroup

    from dispatch.models import Issue, Subscriber, Topic
    from dispatch.services.subscriptions import subscriber_confirm, subscriber_sign_up
    from force.models import District, EqualityObjective
    from iag.models import AdvisoryGroup, Community
    from iag.services import application_submit
    from networks.models import Network
    from networks.services import network_message_send
    from personal_data.models import PrivacyRequest, email_digest
    from positive_action.models import Buddy, BuddyContact, Group, PreparationEvening, Role, Signup
    from positive_action.services import booking_create, buddy_assign, evening_capacity_change, signup_create
    from site_pages.services import feedback_create

    call_command("load_demo", stdout=open("/dev/null", "w"))
    email = "sam.applicant@example.net"
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(
            full_name="Sam Applicant",
            email=email,
            phone="07700 900111",
            postcode="CM1 1AA",
            groups=[AdvisoryGroup.objects.order_by("pk").first()],
            communities=[Community.objects.order_by("pk").first()],
            communities_detail="I volunteer at a community hall.",
            why_join="To help.",
            experience="Youth work.",
            can_attend="yes",
            heard_about="website",
            monitoring={"religion": "sikh", "disability": "yes"},
        )
        signup = signup_create(
            candidate_reference="SAM123456",
            name="Sam Applicant",
            email=email,
            phone="07700 900222",
            role=Role.objects.filter(open_to_applicants=True).first(),
            stage=Signup.Stage.SHORTLISTED,
            wants_buddy=True,
            groups=list(Group.objects.filter(offered_at_signup=True)[:1]),
            consent=True,
        )
        assignment = buddy_assign(signup=signup, buddy=Buddy.objects.with_room().first())
        BuddyContact.objects.create(assignment=assignment, contacted_on=timezone.localdate(), way="phone")
        start = timezone.now() + timedelta(days=10)
        evening = PreparationEvening.objects.create(
            title="Preparation evening",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            venue="HQ",
            covers="A briefing.",
            capacity=5,
        )
        booking_create(evening=evening, name="Sam Applicant", email=email, candidate_reference="SAM123456")
        evening_capacity_change(evening=evening, capacity=6)  # a line in the evening's history
        network = next(n for n in Network.objects.filter(is_published=True) if n.has_contact_form)
        network_message_send(network=network, name="Sam Applicant", email=email, message="Hello.")
        feedback_create(satisfaction="satisfied", comments="Useful.", page="/")
        districts, topics = District.objects.all()[:1], Topic.objects.all()[:1]
        subscriber_sign_up(email=email, name="Sam", districts=districts, topics=topics)
        subscriber_confirm(subscriber=Subscriber.objects.get(email=email))
    StaffGroup.objects.create(name="Diversity unit").permissions.set(Permission.objects.exclude(SPECIAL_CATEGORY))
    EqualityObjective.objects.create(text="Increase the diversity of new recruits.")
    Issue.objects.create(subject="Dispatch: spring", body="News from the districts.")
    PrivacyRequest.objects.create(kind=PrivacyRequest.Kind.ACCESS, email_hash=email_digest(email), records=1)
    attempt = {"ip_address": "192.0.2.1", "user_agent": "test", "username": "someone", "path_info": "/admin/login/"}
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**attempt)
    AccessLog.objects.create(**attempt)
