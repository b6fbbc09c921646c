"""Every public form in one list, so the fuzz and abuse tests cover each one.

Adding a form is one line in PUBLIC_FORMS: a name, its URL, a builder of a
fresh valid submission, the Django form classes whose fields are fuzzed, what
a valid submission stores, how many outbox rows it queues, and the text fields
that accept any words. Journeys over several pages add a `prepare` hook that
answers the earlier pages; the final POST is always made here, the same way.
"""

import itertools
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import timezone

_serial = itertools.count(1)


def unique() -> int:
    return next(_serial) * 1000 + secrets.randbelow(1000)


def fresh_token() -> str:
    return secrets.token_urlsafe(24)


# ---------------------------------------------------------------- what exists


def form_choices_create() -> None:
    """The rows the public forms offer as choices, one or two of each: a district
    and a topic (Dispatch), an advisory group and a community (IAG; a data
    migration makes the communities, but a transactional test has emptied the
    tables), a network taking messages, a role open to applicants and two groups
    offered at sign-up."""
    from tests.factories import (
        AdvisoryGroupFactory,
        CharacteristicFactory,
        CommunityFactory,
        DistrictFactory,
        GroupFactory,
        NetworkFactory,
        RoleFactory,
        TopicFactory,
    )

    district = DistrictFactory(name="Basildon", slug="basildon")
    TopicFactory(name="Roads", slug="roads")
    AdvisoryGroupFactory(name="Basildon IAG", slug="basildon-iag", district=district)
    CommunityFactory(name="Faith", slug="faith")
    NetworkFactory(name="Disability Network", accepts_messages=True)
    RoleFactory(name="Police officer", plural="Police officers", slug="police-officer", open_to_applicants=True)
    sex = CharacteristicFactory(name="Sex")
    GroupFactory(characteristic=sex, name="Women", offered_at_signup=True)
    GroupFactory(characteristic=sex, name="Men", offered_at_signup=True)


def open_evening(capacity: int = 100000):
    from positive_action.models import PreparationEvening

    evening = PreparationEvening.objects.filter(title="Fuzz evening").first()
    if evening is None:
        start = timezone.now() + timedelta(days=10)
        evening = PreparationEvening(
            title="Fuzz evening",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            mode="in_person",
            venue="Headquarters",
            address="1 High Street\nChelmsford",
            covers="A briefing on the assessment centre, and questions.",
            capacity=capacity,
        )
        evening.full_clean()
        evening.save()
    return evening


def network_taking_messages():
    from networks.models import Network

    return next(n for n in Network.objects.published().order_by("pk") if n.has_contact_form)


def new_application_withdraw_url() -> str:
    """A fresh application each time, so every valid withdrawal has one to erase."""
    from iag.models import AdvisoryGroup, Community
    from iag.services import application_submit

    n = unique()
    _application, token = application_submit(
        full_name="Fuzz Person",
        email=f"withdraw{n}@example.org",
        phone="",
        postcode="CM2 6DA",
        groups=[AdvisoryGroup.objects.open_to_applications().first()],
        communities=[Community.objects.filter(active=True).first()],
        communities_detail="x",
        why_join="x",
        experience="x",
        can_attend="yes",
        heard_about="website",
    )
    return reverse("iag:withdraw", args=[token])


# ---------------------------------------------------------------- valid submissions


def feedback_data() -> dict:
    return {"satisfaction": "satisfied", "comments": "Clearer maps please", "page": "/"}


def cookies_data() -> dict:
    return {"analytics": "yes"}


def banner_data() -> dict:
    return {"next": "/feedback/"}


def iag_data() -> dict:
    from iag.models import AdvisoryGroup, Community

    n = unique()
    return {
        "full_name": "Jo Bloggs",
        "email": f"jo{n}@example.org",
        "phone": "07700 900982",
        "postcode": "cm2 6da",
        "groups": [AdvisoryGroup.objects.open_to_applications().order_by("pk").first().pk],
        "communities": [Community.objects.filter(active=True).order_by("pk").first().pk],
        "communities_detail": "I run a youth club.",
        "why_join": "To help.",
        "experience": "Youth work.",
        "can_attend": "yes",
        "heard_about": "website",
        "religion": "prefer_not_to_say",
        "consent": "on",
    }


def withdraw_data() -> dict:
    return {}


def dispatch_data() -> dict:
    from dispatch.models import Topic
    from force.models import District

    return {
        "email": f"reader{unique()}@example.org",
        "name": "Sam Reader",
        "districts": [District.objects.first().pk],
        "topics": [Topic.objects.first().pk],
    }


def network_contact_data() -> dict:
    return {"name": "Sam Jones", "email": "sam@example.org", "message": "When do you meet?", "consent": "on"}


def candidate_reference() -> str:
    return f"ABC{unique() % 1000000:06d}"


def booking_data() -> dict:
    return {"name": "Candidate", "email": "candidate@example.org", "candidate_reference": candidate_reference()}


def signup_data() -> dict:
    from positive_action.models import Group, Role

    return {
        "name": "Alex Smith",
        "email": "alex@example.com",
        "phone": "07700 900 982",
        "candidate_reference": candidate_reference(),
        "role": Role.objects.filter(open_to_applicants=True).order_by("pk").first().pk,
        "stage": "shortlisted",
        "district": "",
        "wants_buddy": "yes",
        "adjustments": "A quiet room",
        "groups": [Group.objects.filter(offered_at_signup=True).order_by("pk").first().pk],
        "consent": "on",
    }


# ---------------------------------------------------------------- journeys


def post(client: Client, url: str, data: dict, **extra):
    """POST with the CSRF cookie's token when the client has one (clients that
    enforce CSRF checks); other clients are not checked and ignore it."""
    cookie = client.cookies.get("csrftoken")
    if cookie is not None and "csrfmiddlewaretoken" not in data:
        data = {**data, "csrfmiddlewaretoken": cookie.value}
    return client.post(url, data, **extra)


def _fields_of(form_class) -> set[str]:
    return set(form_class.base_fields)


def prepare_iag(client: Client, data: dict) -> list:
    """Answer each question page with the submission's fields for that page,
    stopping at the first page that refuses them."""
    from iag.forms import STEP_FORMS

    responses = []
    for step, (form_class, _title) in STEP_FORMS.items():
        step_data = {key: value for key, value in data.items() if key in _fields_of(form_class)}
        response = post(client, reverse("iag:apply_step", args=[step]), step_data)
        responses.append(response)
        if response.status_code != 302:
            break
    return responses


def prepare_signup(client: Client, data: dict) -> list:
    from positive_action.forms import SignupForm

    page_data = {key: value for key, value in data.items() if key in _fields_of(SignupForm)}
    return [post(client, reverse("positive_action:signup"), page_data)]


# ---------------------------------------------------------------- the list


def _count(model_path: str, **filters) -> Callable[[], int]:
    def count() -> int:
        from django.apps import apps

        return apps.get_model(model_path).objects.filter(**filters).count()

    return count


def _iag_forms():
    from iag.forms import STEP_FORMS, CheckAnswersForm

    return (*(form for form, _title in STEP_FORMS.values()), CheckAnswersForm)


def _signup_forms():
    from positive_action.forms import SignupConfirmForm, SignupForm

    return (SignupForm, SignupConfirmForm)


def _form(path: str):
    def load():
        module, name = path.rsplit(".", 1)
        return (getattr(__import__(module, fromlist=[name]), name),)

    return load


@dataclass(frozen=True)
class PublicForm:
    name: str
    url: Callable[[], str]  # called for every submission (it may create what the form acts on)
    valid_data: Callable[[], dict]  # a fresh valid submission, without its form_token
    form_classes: Callable[[], tuple]  # Django forms whose fields are fuzzed
    records: Callable[[], int] | None  # counts what a valid submission stores (None: stores nothing)
    emails: int  # outbox rows one valid submission queues
    free_text: tuple[str, ...] = ()  # fields that take any words up to their maximum length
    prepare: Callable[[Client, dict], list] | None = None  # answers the earlier pages of a journey
    extra_fields: tuple[str, ...] = ()  # fields read from request.POST outside any form

    def __str__(self) -> str:
        return self.name

    @property
    def fields(self) -> dict[str, forms.Field]:
        result = {}
        for form_class in self.form_classes():
            result.update(form_class.base_fields)
        return result

    def send(self, client: Client, data: dict, url: str | None = None) -> list:
        """Every response of one submission; the last is the final POST's."""
        url = url or self.url()
        responses = list(self.prepare(client, data)) if self.prepare else []
        if responses and responses[-1].status_code != 302:
            return responses  # an earlier page refused the answers
        responses.append(post(client, url, data))
        return responses


PUBLIC_FORMS = [
    PublicForm("feedback", lambda: reverse("feedback"), feedback_data, _form("site_pages.forms.FeedbackForm"),
               _count("site_pages.Feedback"), 1, free_text=("comments",)),
    PublicForm("cookies", lambda: reverse("cookies"), cookies_data,
               _form("site_pages.forms.CookiePreferencesForm"), None, 0, extra_fields=("cookies", "next")),
    PublicForm("cookie banner hide", lambda: reverse("cookie_banner_hide"), banner_data, tuple, None, 0,
               extra_fields=("next",)),
    PublicForm("iag apply", lambda: reverse("iag:apply_check"), iag_data, _iag_forms, _count("iag.Application"), 2,
               free_text=("full_name", "communities_detail", "why_join", "experience"), prepare=prepare_iag),
    PublicForm("iag withdraw", new_application_withdraw_url, withdraw_data, tuple,
               _count("iag.Application", anonymised_at__isnull=False), 0),
    PublicForm("network contact", lambda: reverse("networks:contact", args=[network_taking_messages().slug]),
               network_contact_data, _form("networks.forms.NetworkContactForm"), _count("networks.NetworkMessage"), 1,
               free_text=("name", "message")),
    PublicForm("evening booking", lambda: reverse("positive_action:evening_book", args=[open_evening().pk]),
               booking_data, _form("positive_action.forms.BookingForm"), _count("positive_action.Booking"), 1,
               free_text=("name", "access_needs")),
    PublicForm("pap sign-up", lambda: reverse("positive_action:signup_check"), signup_data, _signup_forms,
               _count("positive_action.Signup"), 2, free_text=("name", "adjustments"), prepare=prepare_signup),
    PublicForm("dispatch sign-up", lambda: reverse("dispatch:index"), dispatch_data,
               _form("dispatch.forms.SignUpForm"), _count("dispatch.Subscriber"), 1,
               free_text=("name",)),
]  # fmt: skip
