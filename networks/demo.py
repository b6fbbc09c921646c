"""Demo networks. `load(force=...)` publishes that force's set and unpublishes the
other demo sets, leaving networks staff added themselves alone. Safe to run again."""

from django.db import transaction
from django.utils.text import slugify

from networks.demo_content import CATEGORIES, FORCES, OFFICERS_STAFF
from networks.models import Audience, Category, Network

DEMO_EMAIL_DOMAIN = "networks.example.org"


# Essex's descriptions retell its own pages. Leicestershire's pages only name its seven
# networks; what each one does here is written for the demo, so the site marks it.
DESCRIPTIONS_PUBLISHED = {"essex": True, "leicestershire": False}


def _fields(item: dict, order: int, categories: dict[str, Category], *, is_example: bool) -> dict:
    join = set(item.get("join", OFFICERS_STAFF))
    slug = item.get("slug") or slugify(item["name"])
    return {
        "name": item["name"],
        "summary": item["summary"],
        "description": item["description"],
        "category": categories[item["category"]],
        **{audience.field: audience.value in join for audience in Audience},
        "contact_email": f"{slug}@{DEMO_EMAIL_DOMAIN}",
        "show_email": False,
        "accepts_messages": True,
        "board_representative": item.get("representative", ""),
        "founded_year": item.get("founded"),
        "is_published": True,
        "is_example": is_example,
        "display_order": order,
    }


@transaction.atomic
def load(*, force: str) -> dict:
    categories = {}
    for order, (name, slug) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "display_order": order}
        )
    slugs = []
    for order, item in enumerate(FORCES[force]):
        slug = item.get("slug") or slugify(item["name"])
        slugs.append(slug)
        network = Network.objects.filter(slug=slug).first() or Network(slug=slug)
        wanted = _fields(item, order, categories, is_example=not DESCRIPTIONS_PUBLISHED[force])
        if network.pk and all(getattr(network, field) == value for field, value in wanted.items()):
            continue  # already as the demo has it; leave its "last changed" alone
        for field, value in wanted.items():
            setattr(network, field, value)
        network.full_clean()
        network.save()
    other_slugs = {
        item.get("slug") or slugify(item["name"]) for key, items in FORCES.items() if key != force for item in items
    } - set(slugs)
    Network.objects.filter(slug__in=other_slugs, is_published=True).update(is_published=False)
    return {"categories": len(categories), "networks": len(slugs)}
