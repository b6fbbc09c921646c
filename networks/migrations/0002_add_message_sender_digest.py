import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models


def sender_digests_fill(apps, schema_editor):
    """Messages sent before the hash was kept: take the sender's address from
    the Reply-To of the email that passed the message on."""
    NetworkMessage = apps.get_model("networks", "NetworkMessage")
    Notification = apps.get_model("engagement_site", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="networks", model="networkmessage").first()
    if content_type is None:
        return
    key = settings.SECRET_KEY.encode()
    for notification in Notification.objects.filter(about_type=content_type).only("about_id", "headers"):
        email = (notification.headers or {}).get("Reply-To", "").strip().casefold()
        if email and str(notification.about_id).isdigit():
            value = hmac.new(key, email.encode(), hashlib.sha256).hexdigest()
            NetworkMessage.objects.filter(pk=int(notification.about_id), sender_digest="").update(sender_digest=value)


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0001_network_directory"),
        ("engagement_site", "0002_add_equality_objectives"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="networkmessage",
            name="sender_digest",
            field=models.CharField(
                blank=True, db_index=True, editable=False, max_length=64, verbose_name="sender (keyed hash)"
            ),
        ),
        migrations.RunPython(sender_digests_fill, migrations.RunPython.noop),
    ]
