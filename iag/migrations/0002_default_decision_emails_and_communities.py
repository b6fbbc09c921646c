from django.db import migrations


def create_defaults(apps, schema_editor):
    from iag.defaults import COMMUNITIES, DECISION_TEMPLATES

    DecisionTemplate = apps.get_model("iag", "DecisionTemplate")
    Community = apps.get_model("iag", "Community")
    for status, text in DECISION_TEMPLATES.items():
        DecisionTemplate.objects.get_or_create(status=status, defaults=text)
    for order, (name, slug, hint) in enumerate(COMMUNITIES):
        Community.objects.get_or_create(slug=slug, defaults={"name": name, "hint": hint, "display_order": order})


class Migration(migrations.Migration):
    dependencies = [("iag", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
