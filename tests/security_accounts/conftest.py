"""Fixtures for staff sign-in and personal data tests."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.utils import timezone

EMAIL = "Quentin.Zephyrson@example.net"
NAME = "Quentin Zephyrson"


@pytest.fixture
def otp_enforced():
    """Test clients signed in with force_login() are NOT treated as having given
    the authenticator code (see tests/conftest.py)."""


def make_staff(username: str = "unit", *perms: str, password: str = "a-long-pass-phrase") -> User:
    user = User.objects.create_user(username, f"{username}@example.org", password, is_staff=True)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def site_data(db):
    """What the person uses: an advisory group (the communities come from a data
    migration), a role and two groups to sign up with, a buddy, a network taking
    messages, a district and a topic."""
    from tests.factories import (
        AdvisoryGroupFactory,
        BuddyFactory,
        CharacteristicFactory,
        DistrictFactory,
        GroupFactory,
        NetworkFactory,
        RoleFactory,
        TopicFactory,
    )

    district = DistrictFactory(name="Basildon", slug="basildon")
    AdvisoryGroupFactory(name="Basildon IAG", slug="basildon-iag", district=district)
    RoleFactory(name="Police officer", plural="Police officers", slug="police-officer", open_to_applicants=True)
    sex = CharacteristicFactory(name="Sex")
    GroupFactory(characteristic=sex, name="Women", offered_at_signup=True)
    GroupFactory(characteristic=sex, name="Men", offered_at_signup=True)
    BuddyFactory(name="Priya Nair", district=district)
    NetworkFactory(name="Carers Network", accepts_messages=True)
    TopicFactory(name="Roads", slug="roads")


@pytest.fixture
def person(site_data, django_capture_on_commit_callbacks):
    """One person who has used every part of the site with the same address."""
    from dispatch.models import Subscriber, Topic
    from dispatch.services.subscriptions import subscriber_confirm, subscriber_sign_up
    from force.models import District
    from iag.models import AdvisoryGroup, Community
    from iag.services import application_submit
    from networks.models import Network
    from networks.services import network_message_send
    from positive_action.models import Buddy, Group, PreparationEvening, Role, Signup
    from positive_action.services import booking_create, buddy_assign, signup_create
    from site_pages.services import feedback_create

    with django_capture_on_commit_callbacks(execute=True):
        application, _token = application_submit(
            full_name=NAME,
            email=EMAIL,
            phone="07700 900111",
            postcode="CM1 1AA",
            groups=[AdvisoryGroup.objects.get(slug="basildon-iag")],
            communities=[Community.objects.get(slug="faith")],
            communities_detail="I volunteer at the Zephyrson community hall.",
            why_join="To help.",
            experience="Youth work.",
            can_attend="yes",
            heard_about="website",
            monitoring={"religion": "sikh", "ethnicity": "asian", "disability": "yes"},
        )
        signup = signup_create(
            candidate_reference="QZE123456",
            name=NAME,
            email=EMAIL,
            phone="07700 900222",
            role=Role.objects.filter(open_to_applicants=True).first(),
            stage=Signup.Stage.SHORTLISTED,
            wants_buddy=True,
            adjustments="Step-free access please",
            groups=list(Group.objects.filter(offered_at_signup=True)[:2]),
            consent=True,
        )
        buddy_assign(signup=signup, buddy=Buddy.objects.with_room().first())
        start = timezone.now() + timedelta(days=10)
        evening = PreparationEvening.objects.create(
            starts_at=start, ends_at=start + timedelta(hours=2), venue="HQ", covers="A briefing.", capacity=1
        )
        booking = booking_create(evening=evening, name=NAME, email=EMAIL.lower(), candidate_reference="QZE123456")
        waiting = booking_create(
            evening=evening,
            name="Someone Else",
            email="someone.else@example.net",
            candidate_reference="SOM000001",
            join_waiting_list=True,
        )
        network = next(n for n in Network.objects.filter(is_published=True) if n.has_contact_form)
        message = network_message_send(network=network, name=NAME, email=EMAIL, message="Hello from me.")
        feedback = feedback_create(satisfaction="satisfied", comments=f"Please reply to {EMAIL}", page="/")
        subscriber_sign_up(email=EMAIL, name=NAME, districts=District.objects.all()[:1], topics=Topic.objects.all()[:1])
        subscriber_confirm(subscriber=Subscriber.objects.get(email=EMAIL.lower()))
    return {
        "application": application,
        "signup": signup,
        "booking": booking,
        "waiting": waiting,
        "message": message,
        "feedback": feedback,
    }


def rows_containing(text: str) -> dict[str, int]:
    """Raw SQL over every column of every table: where does `text` occur?"""
    found = {}
    needle = f"%{text.lower()}%"
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                    [needle],
                )
                count = cursor.fetchone()[0]
                if count:
                    found[f"{table}.{column.name}"] = count
    return found
