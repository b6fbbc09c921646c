import hashlib
import secrets

from django.db import migrations, models


def tokens_hash(apps, schema_editor):
    """Give every booking a link key, keep only a SHA-256 of its old token (so
    links already emailed still open it), and put the key in place of the token
    in the form-submission records that held it."""
    Booking = apps.get_model("positive_action", "Booking")
    FormSubmission = apps.get_model("engagement_site", "FormSubmission")
    for booking in Booking.objects.only("pk", "token").iterator():
        key = secrets.token_urlsafe(24)
        Booking.objects.filter(pk=booking.pk).update(
            link_key=key, legacy_token_hash=hashlib.sha256(booking.token.encode()).hexdigest()
        )
        FormSubmission.objects.filter(form_name="pap_booking", result=booking.token).update(result=key)


class Migration(migrations.Migration):
    dependencies = [
        ("positive_action", "0002_encrypt_equality_answers_and_signup_events"),
        ("engagement_site", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="link_key",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="booking",
            name="legacy_token_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.RunPython(tokens_hash, migrations.RunPython.noop),
    ]
