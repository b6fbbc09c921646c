from django.db import migrations, models

import positive_action.models.evenings


class Migration(migrations.Migration):
    """The plain-text token goes: links are now the link key signed with the
    site's secret (engagement_site.private_links)."""

    dependencies = [
        ("positive_action", "0003_booking_link_key_and_token_hash"),
    ]

    operations = [
        migrations.RemoveField(model_name="booking", name="token"),
        migrations.AlterField(
            model_name="booking",
            name="link_key",
            field=models.CharField(
                default=positive_action.models.evenings.booking_link_key, editable=False, max_length=64, unique=True
            ),
        ),
    ]
