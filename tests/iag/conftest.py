import pytest
from django.urls import reverse

from iag.models import AdvisoryGroup, Community
from tests.factories import AdvisoryGroupFactory, ApplicationFactory, DistrictFactory, EqualityMonitoringFactory

ANSWERS = {
    "your-details": {
        "full_name": "Jo Bloggs",
        "email": "jo@example.org",
        "phone": "07700 900982",
        "postcode": "cm2 6da",
    },
    "communities": {"communities_detail": "I run a youth club."},
    "why-join": {
        "why_join": "To help.",
        "experience": "Youth work.",
        "can_attend": "yes",
        "heard_about": "website",
    },
    "equality": {"ethnicity": "prefer_not_to_say", "religion": "sikh"},
}


# The applications the tests name: reference, name, status, equality answers.
APPLICATIONS = [
    ("IAG-DEMO-0001", "Amira Haddad", "received", "basildon-iag", {"age_band": "16_24"}),
    ("IAG-DEMO-0002", "Tomasz Nowak", "under_review", "basildon-iag", {"sex": "male", "religion": "christian"}),
    ("IAG-DEMO-0003", "Grace Okafor", "invited", "basildon-iag", {"ethnicity": "black"}),
    ("IAG-DEMO-0006", "Dev Patel", "withdrawn", "harlow-iag", {"disability": "yes"}),
]


@pytest.fixture
def essex(db):
    """Two district groups, a thematic one, and four applications. The communities
    and the decision emails come from a data migration."""
    groups = {
        "basildon-iag": AdvisoryGroupFactory(
            name="Basildon IAG", slug="basildon-iag", district=DistrictFactory(name="Basildon", slug="basildon")
        ),
        "harlow-iag": AdvisoryGroupFactory(
            name="Harlow IAG", slug="harlow-iag", district=DistrictFactory(name="Harlow", slug="harlow")
        ),
    }
    AdvisoryGroupFactory(name="Professional Standards IAG", slug="professional-standards-iag", thematic=True)
    for reference, name, status, group, answers in APPLICATIONS:
        application = ApplicationFactory(
            reference=reference,
            full_name=name,
            email=name.lower().replace(" ", ".") + "@example.org",
            status=status,
            groups=[groups[group]],
        )
        EqualityMonitoringFactory(application=application, **{"ethnicity": None, **answers})


@pytest.fixture
def group(essex):
    return AdvisoryGroup.objects.get(slug="basildon-iag")


def step_url(step: str) -> str:
    return reverse("iag:apply_step", args=[step])


def fill_steps(client, *, groups=None, **overrides):
    """Answer every question page; returns the last response."""
    groups = groups or [AdvisoryGroup.objects.get(slug="basildon-iag")]
    data = {
        "your-details": {**ANSWERS["your-details"]},
        "groups": {"groups": [g.pk for g in groups]},
        "communities": {
            "communities": [Community.objects.get(slug="faith").pk],
            **ANSWERS["communities"],
        },
        "why-join": {**ANSWERS["why-join"]},
        "equality": {**ANSWERS["equality"]},
    }
    for step, values in overrides.items():
        data[step.replace("_", "-")].update(values)
    response = None
    for step, values in data.items():
        response = client.post(step_url(step), values)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    return response


def check_token(client) -> str:
    html = client.get(reverse("iag:apply_check")).content.decode()
    marker = 'name="form_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def send(client, token: str, follow: bool = False, **extra):
    data = {"form_token": token, "consent": "on", "website": "", **extra}
    return client.post(reverse("iag:apply_check"), data, follow=follow)


@pytest.fixture
def applied(client, essex):
    """A client that has sent one application; returns the Application."""
    from iag.models import Application

    fill_steps(client)
    send(client, check_token(client))
    return Application.objects.get(email="jo@example.org")
