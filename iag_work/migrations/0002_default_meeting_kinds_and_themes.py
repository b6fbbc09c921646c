"""The first kinds of meeting and advice themes: a copy of iag_work/defaults.py as it
was when this migration was written (a migration must not change when live code does)."""

from django.db import migrations

KINDS = [
    ("Quarterly meeting", "quarterly-meeting", False),
    ("Stop and search scrutiny", "stop-and-search-scrutiny", True),
    ("Body-worn video review", "body-worn-video-review", True),
    ("Custody visit", "custody-visit", True),
    ("Complaints and conduct review", "complaints-and-conduct-review", True),
]
THEMES = [
    ("Stop and search", "stop-and-search"),
    ("Use of force", "use-of-force"),
    ("Custody", "custody"),
    ("Community tension", "community-tension"),
    ("Complaints and conduct", "complaints-and-conduct"),
    ("Policy and procedure", "policy-and-procedure"),
    ("Communication with communities", "communication"),
]


def add(apps, schema_editor):
    MeetingKind = apps.get_model("iag_work", "MeetingKind")
    Theme = apps.get_model("iag_work", "Theme")
    for order, (name, slug, scrutiny) in enumerate(KINDS):
        MeetingKind.objects.get_or_create(slug=slug, defaults={"name": name, "is_scrutiny": scrutiny, "display_order": order})
    for name, slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("iag_work", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
