"""Demo topics for Dispatch. Districts come from force.demo."""

from django.utils.text import slugify

from .models import Topic

TOPICS = [
    ("Appeals for information", "Help us find witnesses, missing people and wanted suspects."),
    ("Crime prevention advice", "Simple steps to keep your home, car and belongings safe."),
    ("Fraud and scams", "The latest scams going round, and how to spot them."),
    ("Roads and driving", "Road safety campaigns, closures and speeding operations."),
    ("Court results", "Outcomes of cases we investigated."),
    ("Community events and meetings", "Street meetings, surgeries and open days near you."),
    ("Joining and volunteering", "Jobs, the Special Constabulary, cadets and volunteering."),
]


def load(*, force: str) -> dict:
    """Create or update the Dispatch topics. Safe to run again; the same for every force."""
    created = 0
    for order, (name, description) in enumerate(TOPICS, start=1):
        _, was_created = Topic.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "description": description, "display_order": order}
        )
        created += was_created
    return {"topics": len(TOPICS), "topics_created": created}
