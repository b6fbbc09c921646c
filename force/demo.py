"""The demo force: who it is, what its equality unit does, its policing districts.
Facts from the seeds, in the site's own words; anything a seed does not give is left blank."""

from django.utils.text import slugify

from force.models import District, EqualityObjective, ForceProfile, UnitResponsibility
from force.selectors import force_profile_forget

FORCES = {
    "essex": {
        "profile": {
            "name": "Essex Police",
            "short_name": "Essex Police",
            "area_name": "Essex",
            "phone": "101",
            "diversity_unit_extension": "130072",
            "website": "https://www.essex.police.uk/",
            "unit_name": "diversity unit",
            "network_board": "Diversity and Inclusion Board",
            "network_board_meets": "every quarter",
            "equality_scheme": "",
            "reply_time": "",
            "iag_review_time": "",
            "iag_member_tasks": "\n".join(
                [
                    "watch body-worn video, look through stop and search records and visit custody, then say what "
                    "they think",
                    "tell officers when they see worry or tension building in a community",
                    "help judge how an incident has affected people, and advise senior investigating officers on "
                    "how an investigation may be seen",
                    "comment on new policies and on recruitment, and share their experience in staff training",
                ]
            ),
        },
        "responsibilities": [
            "raises awareness of equality and diversity in the everyday work of the force",
            "checks that the way the force delivers services, gives information and employs people is open and "
            "accessible to all, so that nobody who deals with it is put at a disadvantage",
            "answers questions from people thinking of joining an Independent Advisory Group",
        ],
        "districts": [
            "Basildon",
            "Braintree and Uttlesford",
            "Brentwood and Epping Forest",
            "Castle Point and Rochford",
            "Chelmsford and Maldon",
            "Colchester",
            "Harlow",
            "Southend",
            "Tendring",
            "Thurrock",
        ],
    },
    "leicestershire": {
        "profile": {
            "name": "Leicestershire Police",
            "short_name": "Leicestershire Police",
            "area_name": "Leicester, Leicestershire and Rutland",
            "phone": "101",
            "diversity_unit_extension": "",
            "website": "https://www.leics.police.uk/",
            "unit_name": "Equality Unit",
            "network_board": "",
            "network_board_meets": "",
            "equality_scheme": "Equality Scheme",
            "reply_time": "",
            "iag_review_time": "",
            "iag_member_tasks": "",
        },
        "responsibilities": [
            "gives specialist advice and guidance on every part of equality and diversity, including age, "
            "disability, gender, race, religion or belief, sexual orientation, marriage and civil partnership, "
            "pregnancy and maternity, and transgender identity",
            "manages and reviews the Equality Scheme, writes its annual reports, and consults on and monitors it",
            "co-ordinates the Equality Supporters Scheme, running since 1991: officers and staff of every rank, "
            "trained in equality, who give confidential and impartial support to any colleague who feels treated "
            "unfairly or has been bullied, harassed or discriminated against at work",
        ],
        "districts": ["City", "East", "West", "Rutland"],
        "objectives": [
            "Give more people across the force area the confidence to report hate crimes and incidents.",
            "Narrow the gap between how often Black and white people are stopped and searched.",
            "Keep working towards a workforce that reflects the communities it serves.",
            "Make sure officers and staff talk with the public in ways that are accessible and inclusive.",
        ],
    },
}


def _replace_rows(model, texts: list[str]) -> None:
    """The force's list, in order; another force's rows go."""
    model.objects.exclude(text__in=texts).delete()
    for order, text in enumerate(texts):
        model.objects.update_or_create(text=text, defaults={"display_order": order})


def load(*, force: str) -> dict:
    """Create or update the force profile and districts. Safe to run again."""
    data = FORCES[force]
    profile = ForceProfile.objects.first()
    if profile is None:
        profile = ForceProfile(**data["profile"])
    else:
        for field, value in data["profile"].items():
            setattr(profile, field, value)
    profile.full_clean()
    profile.save()
    force_profile_forget()
    for order, name in enumerate(data["districts"]):
        District.objects.update_or_create(slug=slugify(name), defaults={"name": name, "display_order": order})
    objectives = data.get("objectives", [])
    _replace_rows(EqualityObjective, objectives)
    _replace_rows(UnitResponsibility, data["responsibilities"])
    return {"force": profile.name, "districts": len(data["districts"]), "equality objectives": len(objectives)}


def prune_districts(*, force: str) -> int:
    """Remove the districts of a force loaded before. Runs after every app's demo, once the
    other force's demo rows are gone; a district anything else still uses (a group, a
    subscriber's or an issue's choice, a buddy) stays, so no real row loses it."""
    slugs = [slugify(name) for name in FORCES[force]["districts"]]
    stale = District.objects.exclude(slug__in=slugs)
    for relation in District._meta.related_objects:
        stale = stale.filter(**{f"{relation.name}__isnull": True})
    return stale.delete()[1].get("force.District", 0)
