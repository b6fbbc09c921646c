"""Form pages and the advice feed served from the page cache: the Dispatch
sign-up, booking a place on an evening, the programme sign-up. A visitor with
no session gets the stored page with their own CSRF and one-time tokens, and
it works when sent; an edit to what the page shows empties the cache; places
left are at most 30 seconds old and booking still checks them in the database."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dispatch.models import Subscriber, Topic
from force.models import District
from positive_action.models import Booking, Signup
from tests.factories import (
    AdvicePointFactory,
    AdvisoryGroupFactory,
    CharacteristicFactory,
    GroupFactory,
    PreparationEveningFactory,
    RoleFactory,
)
from tests.networks.test_query_count import add_networks
from tests.site_pages.test_page_cache import CSRF, FORM_TOKEN, visitor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def served_twice(url: str):
    """The second anonymous visitor's response, after checking it came from the cache."""
    assert visitor().get(url)["X-Page-Cache"] == "miss"
    person = visitor()
    response = person.get(url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    return person, response.content.decode()


def tokens(html: str) -> dict:
    return {"csrfmiddlewaretoken": CSRF.search(html).group(1), "form_token": FORM_TOKEN.search(html).group(1)}


def edited(django_capture_on_commit_callbacks, instance, **changes):
    """Save `instance` with `changes`, as a staff member's Save in admin does."""
    with django_capture_on_commit_callbacks(execute=True):
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.save()


# Dispatch


@pytest.fixture
def dispatch_choices():
    district = District.objects.create(name="Basildon", slug="basildon")
    topic = Topic.objects.create(name="Appeals", slug="appeals")
    return district, topic


def test_dispatch_sign_up_from_a_cached_page_is_accepted(dispatch_choices):
    district, topic = dispatch_choices
    person, html = served_twice(reverse("dispatch:index"))
    response = person.post(
        reverse("dispatch:index"),
        {**tokens(html), "email": "sam@example.org", "districts": [district.pk], "topics": [topic.pk], "website": ""},
    )
    assert response.status_code == 302 and response.url == reverse("dispatch:check_email")
    assert Subscriber.objects.filter(email="sam@example.org").exists()


def test_a_new_dispatch_topic_shows_on_the_sign_up_page(dispatch_choices, django_capture_on_commit_callbacks):
    _district, topic = dispatch_choices
    served_twice(reverse("dispatch:index"))
    edited(django_capture_on_commit_callbacks, topic, name="Rural crime")
    response = visitor().get(reverse("dispatch:index"))
    assert response["X-Page-Cache"] == "miss" and "Rural crime" in response.content.decode()


# Booking a place on an evening


GOOD_BOOKING = {"name": "Alex Smith", "email": "alex@example.com", "candidate_reference": "ABC123456", "website": ""}


def test_booking_from_a_cached_page_is_accepted():
    evening = PreparationEveningFactory(capacity=5)
    url = reverse("positive_action:evening_book", args=[evening.pk])
    person, html = served_twice(url)
    assert "5 places left" in html
    response = person.post(url, {**tokens(html), **GOOD_BOOKING})
    assert response.status_code == 302 and response.url == reverse("positive_action:booking_requested")
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_places_left_on_the_booking_page_are_never_more_than_thirty_seconds_old(clock):  # noqa: F811
    evening = PreparationEveningFactory(capacity=5)
    url = reverse("positive_action:evening_book", args=[evening.pk])
    served_twice(url)
    type(evening).objects.filter(pk=evening.pk).update(booked=2)  # as a booking does: no signal
    clock.now += 29
    assert visitor().get(url)["X-Page-Cache"] == "hit"
    clock.now += 2
    response = visitor().get(url)
    assert response["X-Page-Cache"] == "miss" and "3 places left" in response.content.decode()


def test_a_place_taken_since_the_page_was_cached_is_not_booked_twice():
    evening = PreparationEveningFactory(capacity=1)
    url = reverse("positive_action:evening_book", args=[evening.pk])
    person, html = served_twice(url)
    assert "1 place left" in html
    first = visitor()
    first_html = first.get(url).content.decode()
    assert first.post(url, {**tokens(first_html), **GOOD_BOOKING}).status_code == 302
    someone_else = {**GOOD_BOOKING, "email": "kim@example.com", "candidate_reference": "KIM123456"}
    late = person.post(url, {**tokens(html), **someone_else})
    assert late.status_code == 200 and "The last place has just been taken" in late.content.decode()
    assert Booking.objects.filter(status=Booking.Status.CONFIRMED).count() == 1


def test_an_edited_evening_shows_on_its_booking_page(django_capture_on_commit_callbacks):
    evening = PreparationEveningFactory(venue="Headquarters")
    url = reverse("positive_action:evening_book", args=[evening.pk])
    served_twice(url)
    edited(django_capture_on_commit_callbacks, evening, venue="Harlow police station")
    response = visitor().get(url)
    assert response["X-Page-Cache"] == "miss" and "Harlow police station" in response.content.decode()


# The programme sign-up


@pytest.fixture
def role():
    return RoleFactory(name="Police officer", plural="Police officers", slug="police-officer", open_to_applicants=True)


def signup_answers(role) -> dict:
    women = GroupFactory(characteristic=CharacteristicFactory(name="Sex"), name="Women", offered_at_signup=True)
    return {
        "name": "Alex Smith",
        "email": "alex@example.com",
        "phone": "07700 900 982",
        "candidate_reference": "abc123456",
        "role": role.pk,
        "stage": "shortlisted",
        "district": "",
        "wants_buddy": "yes",
        "adjustments": "",
        "groups": [women.pk],
        "consent": "on",
    }


def test_programme_sign_up_from_a_cached_page_reaches_check_your_answers(role):
    url = reverse("positive_action:signup")
    person, html = served_twice(url)
    response = person.post(url, {"csrfmiddlewaretoken": CSRF.search(html).group(1), **signup_answers(role)})
    assert response.status_code == 302 and response.url == reverse("positive_action:signup_check")
    check = person.get(response.url).content.decode()
    sent = person.post(reverse("positive_action:signup_check"), {**tokens(check), "website": ""})
    assert sent.status_code == 302 and Signup.objects.count() == 1


def test_answers_kept_for_the_programme_sign_up_never_reach_the_cache(role):
    url = reverse("positive_action:signup")
    person, html = served_twice(url)
    answers = {**signup_answers(role), "name": "Zebedee Quux"}
    assert person.post(url, {"csrfmiddlewaretoken": CSRF.search(html).group(1), **answers}).status_code == 302
    again = person.get(url)
    assert "X-Page-Cache" not in again and "Zebedee Quux" in again.content.decode()
    anonymous = visitor().get(url)
    assert anonymous["X-Page-Cache"] == "hit" and "Zebedee" not in anonymous.content.decode()


def test_a_role_opened_to_applicants_shows_on_the_sign_up_page(role, django_capture_on_commit_callbacks):
    staff_role = RoleFactory(name="Police staff", plural="Police staff", slug="police-staff", open_to_applicants=False)
    served_twice(reverse("positive_action:signup"))
    edited(django_capture_on_commit_callbacks, staff_role, open_to_applicants=True)
    response = visitor().get(reverse("positive_action:signup"))
    assert response["X-Page-Cache"] == "miss" and "Police staff" in response.content.decode()


# The advice feed


def test_the_advice_feed_is_served_from_the_cache_and_shows_new_advice(django_capture_on_commit_callbacks):
    group = AdvisoryGroupFactory()
    AdvicePointFactory(group=group, advice="Explain stop and search at events", given_on=timezone.localdate())
    url = reverse("iag_work:advice_feed")
    _person, feed = served_twice(url)
    assert "Explain stop and search at events" in feed
    with django_capture_on_commit_callbacks(execute=True):
        AdvicePointFactory(group=group, advice="Publish body-worn video reviews", given_on=timezone.localdate())
    response = visitor().get(url)
    assert response["X-Page-Cache"] == "miss" and "Publish body-worn video reviews" in response.content.decode()


def test_an_evening_booking_page_after_the_evening_is_gone_is_not_served_from_the_cache(
    django_capture_on_commit_callbacks,
):
    evening = PreparationEveningFactory()
    url = reverse("positive_action:evening_book", args=[evening.pk])
    served_twice(url)
    edited(django_capture_on_commit_callbacks, evening, starts_at=timezone.now() - timedelta(days=1))
    assert visitor().get(url).status_code == 404


def test_later_pages_of_the_networks_directory_are_served_from_the_cache():
    add_networks(50)
    served_twice(reverse("networks:index") + "?page=2")
    assert "X-Page-Cache" not in visitor().get(reverse("networks:index") + "?q=network&page=2")
