"""Demo content for positive action. Facts from the seed documents where they exist
(the 3% / 6.6% ethnic minority figures, the groups named as under-represented);
everything else is marked as an example. Running it again changes nothing."""

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from force.models import District
from positive_action.models import (
    Buddy,
    Characteristic,
    Group,
    PreparationEvening,
    RepresentationStatement,
    Role,
    Venue,
    WorkforceFigure,
)
from positive_action.services import figures_import_csv

DATA = Path(__file__).parent / "data"

ROLES = [
    # name, plural, slug, open to applicants, reported
    ("Police officer", "police officers", "police-officer", True, True),
    ("Police staff", "police staff", "police-staff", True, True),
    ("Special constable", "special constables", "special-constable", True, True),
    ("Police community support officer (PCSO)", "PCSOs", "pcso", True, False),
    ("Detective", "detectives", "detective", True, False),
    ("Senior ranks", "senior ranks (inspector and above, and senior staff)", "senior-ranks", False, True),
    ("All roles", "the workforce as a whole", "all-roles", False, True),
]

GROUPS = {
    # characteristic: [(group, in a sentence)]
    "Sex": [("Women", "women"), ("Men", "men")],
    "Ethnicity": [("Ethnic minority", "people from ethnic minority backgrounds")],
    "Disability": [("Disabled", "disabled people")],
    "Sexual orientation": [("Lesbian, gay, bisexual or another minority sexual orientation", "LGB+ people")],
    "Gender reassignment": [("Trans", "trans people")],
}

COVERS = (
    "A briefing on the next stage of selection, including the Police National SEARCH Assessment Centre; "
    "what the role involves; how the Positive Action Programme can support you; time for your questions."
)

BUDDIES = {
    "essex": [
        ("Sam Okafor", "officer", "Police constable, community policing", "chelmsford-and-maldon", 3),
        ("Priya Nair", "staff", "HR adviser", "colchester", 2),
        ("Daniel Price", "officer", "Detective sergeant", "basildon", 2),
        ("Grace Mensah", "staff", "Control room supervisor", "southend", 2),
    ],
    "leicestershire": [
        ("Sam Okafor", "officer", "Police constable, neighbourhood team", "city", 3),
        ("Priya Nair", "staff", "HR adviser", "east", 2),
    ],
}


def _load_statement(force: str) -> None:
    """The force's own published words on under-representation, where the seeds give them."""
    path = DATA / f"representation_statement_{force}.json"
    if not path.exists():
        RepresentationStatement.objects.all().delete()  # never show another force's words
        return
    values = json.loads(path.read_text())
    statement = RepresentationStatement.objects.first()
    if statement is None:
        RepresentationStatement.objects.create(**values)
    elif any(getattr(statement, k) != v for k, v in values.items()):
        RepresentationStatement.objects.filter(pk=statement.pk).update(**values)


# Examples, not a real building's details, and the same for each force.
VENUES = [
    (
        "Police headquarters, training suite",
        "Example: the force's headquarters",
        "Example: level entrance from the visitor car park; lift to the training suite; accessible toilet.",
        "Example: free visitor parking, with four blue badge bays by the entrance.",
        "Example: the railway station is 25 minutes' walk or a short bus ride; bus stop outside.",
    ),
    (
        "Local police station, meeting room 2",
        "Example: a town centre police station",
        "Example: ramp at the side entrance; meeting room 2 is on the ground floor.",
        "Example: no parking on site; public car park 200 metres away.",
        "Example: bus station 5 minutes' walk.",
    ),
]

EXAMPLE_EVENINGS = [
    # title, days from today, mode, venue, places
    ("Preparation evening: police officer applicants", 14, "in_person", "Police headquarters, training suite", 20),
    ("Preparation evening online", 21, "online", "", 30),
    ("Preparation evening: small group", 28, "in_person", "Local police station, meeting room 2", 6),
]

BUDDY_EMAIL_DOMAIN = "buddies.example.org"


def _buddy_email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@" + BUDDY_EMAIL_DOMAIN


def _evening_start(days: int, hour: int = 18, minute: int = 30) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@transaction.atomic
def load(*, force: str) -> dict:
    for order, (name, plural, slug, open_, reported) in enumerate(ROLES):
        Role.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "plural": plural,
                "open_to_applicants": open_,
                "reported": reported,
                "display_order": order,
            },
        )
    for c_order, (characteristic_name, groups) in enumerate(GROUPS.items()):
        characteristic, _ = Characteristic.objects.update_or_create(
            name=characteristic_name, defaults={"display_order": c_order}
        )
        for g_order, (group, description) in enumerate(groups):
            Group.objects.update_or_create(
                characteristic=characteristic,
                name=group,
                defaults={"description": description, "display_order": g_order},
            )
    csv_file = DATA / f"workforce_figures_{force}.csv"
    if not csv_file.exists():
        csv_file = DATA / "workforce_figures_essex.csv"
        if force != "essex":
            # Another force's real figures are not in the seeds: keep the example shape, say so.
            text = csv_file.read_text().replace("Police and Crime Plan deep-dive report, 2019", "example")
            figures_import_csv(text=text)
        else:
            figures_import_csv(text=csv_file.read_text())
    else:
        figures_import_csv(text=csv_file.read_text())
    _load_statement(force)

    venues = {}
    for name, address, step_free, parking, transport in VENUES:
        venues[name], _ = Venue.objects.update_or_create(
            name=name,
            defaults={
                "address": address,
                "step_free_access": step_free,
                "parking": parking,
                "public_transport": transport,
            },
        )
    # The seeds give no dates or places: every demo evening is an example, the same for each force.
    for title, days, mode, venue, capacity in EXAMPLE_EVENINGS:
        start = _evening_start(days)
        PreparationEvening.objects.get_or_create(
            title=title,
            defaults={
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
                "mode": mode,
                "venue": venue,
                "address": "",
                "location": venues.get(venue),
                "joining_instructions": "We email the joining link the week before." if mode == "online" else "",
                "covers": COVERS,
                "capacity": capacity,
                "is_example": True,
            },
        )

    districts = {d.slug: d for d in District.objects.all()}
    trained = timezone.localdate().replace(month=1, day=15)
    buddies = BUDDIES.get(force, [])
    # Another force's demo buddies go (their districts are about to), unless matched to someone.
    Buddy.objects.filter(email__endswith="@" + BUDDY_EMAIL_DOMAIN, assignments__isnull=True).exclude(
        email__in=[_buddy_email(name) for name, *_rest in buddies]
    ).delete()
    for name, kind, role_title, district, capacity in buddies:
        Buddy.objects.update_or_create(
            email=_buddy_email(name),
            defaults={
                "name": name,
                "kind": kind,
                "role_title": role_title,
                "district": districts.get(district),
                "trained_on": trained,
                "capacity": capacity,
            },
        )
    return {
        "roles": Role.objects.count(),
        "figures": WorkforceFigure.objects.count(),
        "evenings": PreparationEvening.objects.count(),
        "buddies": Buddy.objects.count(),
    }
