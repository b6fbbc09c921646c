"""Demo groups and applications (one or more in every status). Safe to run again."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from force.demo import FORCES
from force.models import District
from iag.defaults import COMMUNITIES, DECISION_TEMPLATES
from iag.models import AdvisoryGroup, Application, ApplicationChoice, Community, DecisionTemplate, EqualityMonitoring
from iag.models.applications import OPEN_STATUSES, Status

# Essex's groups are in its own pages (seed: district groups since 2016, four times a year,
# a Professional Standards group since 2021). The seeds say nothing of Leicestershire's
# groups: its district groups are examples, with no year.
FACTS_PUBLISHED = {"essex": True, "leicestershire": False}

THEMATIC = {
    "essex": [
        (
            "Professional Standards IAG",
            "How complaints about officers and staff, and their conduct, are handled across the county",
            2021,
        )
    ],
    "leicestershire": [],
}

# Example postcodes in each force's area, for the admin's lists.
POSTCODES = {"essex": "CM2 6DA", "leicestershire": "LE1 1AA"}

# reference, name, status, days ago, group index, community slugs, monitoring
APPLICATIONS = [
    ("IAG-DEMO-0001", "Amira Haddad", Status.RECEIVED, 2, 0, ["faith", "young-people"], {"age_band": "16_24"}),
    ("IAG-DEMO-0002", "Tomasz Nowak", Status.UNDER_REVIEW, 9, 1, ["race"], {"sex": "male", "religion": "christian"}),
    ("IAG-DEMO-0003", "Grace Okafor", Status.INVITED, 20, 2, ["race", "faith"], {"ethnicity": "black"}),
    ("IAG-DEMO-0004", "Sam Price", Status.ACCEPTED, 60, -1, ["lgbt"], {"sexual_orientation": "prefer_not_to_say"}),
    ("IAG-DEMO-0005", "Ruby Lee", Status.NOT_ACCEPTED, 45, 0, ["older-people"], {}),
    ("IAG-DEMO-0006", "Dev Patel", Status.WITHDRAWN, 30, 3, ["disability"], {"disability": "yes"}),
    ("IAG-DEMO-0007", "Nell Smith", Status.RECEIVED, 1, -1, ["gypsy-roma-traveller"], {}),
]


def _demo_slugs(force: str) -> set[str]:
    return {slugify(f"{name} iag") for name in FORCES[force]["districts"]} | {
        slugify(name) for name, _covers, _year in THEMATIC[force]
    }


def _other_forces_slugs(force: str) -> set[str]:
    return set().union(*(_demo_slugs(other) for other in FORCES if other != force)) - _demo_slugs(force)


def other_forces_demo_groups(force: str):
    """Another force's demo groups that no real application chose: the ones this
    demo removes (apps above this one clear their own rows for them first)."""
    real_choices = ApplicationChoice.objects.exclude(application__reference__startswith="IAG-DEMO-")
    return AdvisoryGroup.objects.filter(slug__in=_other_forces_slugs(force)).exclude(
        pk__in=real_choices.values("group")
    )


def _remove_other_forces_groups(force: str) -> None:
    """Another force's demo groups go, with the demo applications' choices of them;
    a group a real application chose stays."""
    stale = AdvisoryGroup.objects.filter(slug__in=_other_forces_slugs(force))
    ApplicationChoice.objects.filter(group__in=stale, application__reference__startswith="IAG-DEMO-").delete()
    stale.filter(choices__isnull=True).delete()


def _groups(force: str) -> list[AdvisoryGroup]:
    published = FACTS_PUBLISHED[force]
    groups = []
    for order, name in enumerate(FORCES[force]["districts"]):
        district = District.objects.get(slug=slugify(name))
        group, _created = AdvisoryGroup.objects.update_or_create(
            slug=slugify(f"{name} iag"),
            defaults={
                "name": f"{name} IAG",
                "kind": AdvisoryGroup.Kind.DISTRICT,
                "district": district,
                "covers": f"The {name} policing district",
                "meeting_frequency": "Four times a year",
                "established": 2016 if published else None,
                "is_example": not published,
                "display_order": order,
            },
        )
        groups.append(group)
    for offset, (name, covers, year) in enumerate(THEMATIC[force]):
        group, _created = AdvisoryGroup.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": AdvisoryGroup.Kind.THEMATIC,
                "district": None,
                "covers": covers,
                "meeting_frequency": "Four times a year",
                "established": year,
                "is_example": not published,
                "display_order": 100 + offset,
            },
        )
        groups.append(group)
    return groups


def load(*, force: str) -> dict:
    for order, (name, slug, hint) in enumerate(COMMUNITIES):
        Community.objects.get_or_create(slug=slug, defaults={"name": name, "hint": hint, "display_order": order})
    for status, text in DECISION_TEMPLATES.items():
        DecisionTemplate.objects.get_or_create(status=status, defaults=text)
    _remove_other_forces_groups(force)
    groups = _groups(force)
    now = timezone.now()
    for reference, name, status, days, group_index, communities, monitoring in APPLICATIONS:
        submitted = (now - timedelta(days=days)).replace(microsecond=0)
        first = name.split()[0].lower()
        application, created = Application.objects.get_or_create(
            reference=reference,
            defaults={
                "full_name": name,
                "email": f"{first}@example.org",
                "postcode": POSTCODES[force],
                "communities_detail": "I volunteer with a local community group every week.",
                "why_join": "I want the police to hear from people like my neighbours.",
                "experience": "Ten years running a youth and community centre.",
                "can_attend": "yes",
                "heard_about": "website",
                "consent_at": submitted,
                "submitted_at": submitted,
                "status_changed_at": submitted,
                "status": status,
                "status_key": f"demo-{reference.lower()}",
            },
        )
        if not application.choices.exists():  # new, or its group was another force's
            open_email = application.email if application.status in OPEN_STATUSES else None
            ApplicationChoice.objects.create(application=application, group=groups[group_index], open_email=open_email)
        if not created:
            continue
        application.communities.set(Community.objects.filter(slug__in=communities))
        if monitoring:
            EqualityMonitoring.objects.get_or_create(application=application, defaults=monitoring)
    statuses = set(Application.objects.filter(reference__startswith="IAG-DEMO-").values_list("status", flat=True))
    return {"groups": len(groups), "applications": len(APPLICATIONS), "statuses": len(statuses)}
