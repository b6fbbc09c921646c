"""Decision email subjects that still have the first default wording (which named
the groups) get the neutral one. Subjects staff have changed are left alone."""

from django.db import migrations

OLD = {
    "invited": "Your application to join an Independent Advisory Group ({reference})",
    "accepted": "Welcome to the Independent Advisory Group ({reference})",
    "not_accepted": "Your application to join an Independent Advisory Group ({reference})",
}
NEW = "Your application to {force} ({reference})"


def neutral(apps, schema_editor):
    DecisionTemplate = apps.get_model("iag", "DecisionTemplate")
    for status, subject in OLD.items():
        DecisionTemplate.objects.filter(status=status, subject=subject).update(subject=NEW)


def original(apps, schema_editor):
    DecisionTemplate = apps.get_model("iag", "DecisionTemplate")
    for status, subject in OLD.items():
        DecisionTemplate.objects.filter(status=status, subject=NEW).update(subject=subject)


class Migration(migrations.Migration):
    dependencies = [("iag", "0002_default_decision_emails_and_communities")]

    operations = [migrations.RunPython(neutral, original)]
