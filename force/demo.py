"""The demo force: who it is and its policing districts. Facts from the seeds."""

from django.utils.text import slugify

from force.models import District, EqualityObjective, ForceProfile
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
        },
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
        },
        "districts": ["City", "East", "West", "Rutland"],
        "objectives": [
            "Give more people across the force area the confidence to report hate crimes and incidents.",
            "Narrow the gap between how often Black and white people are stopped and searched.",
            "Keep working towards a workforce that reflects the communities it serves.",
            "Make sure officers and staff talk with the public in ways that are accessible and inclusive.",
        ],
    },
}


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
    EqualityObjective.objects.exclude(text__in=objectives).delete()
    for order, text in enumerate(objectives):
        EqualityObjective.objects.update_or_create(text=text, defaults={"display_order": order})
    return {"force": profile.name, "districts": len(data["districts"]), "equality objectives": len(objectives)}
