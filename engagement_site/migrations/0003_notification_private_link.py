import re

from django.db import migrations, models

MARKER = "~private-link~"  # engagement_site.private_links.MARKER, as it was when this ran

# The token segment of every private link the site has emailed.
LINK = re.compile(
    r"(/independent-advisory-groups/application/"
    r"|/positive-action/bookings/"
    r"|/dispatch/(?:confirm|preferences|unsubscribe)/)"
    r"([^/\s\"'<>]+)"
)


def _redact(text: str) -> str:
    return LINK.sub(lambda m: m.group(1) + MARKER, text) if text else text


def _purpose(notification, content_types) -> tuple[str, str]:
    model = content_types.get(notification.about_type_id)
    if model == ("iag", "application"):
        return "iag.status-link", notification.about_id
    if model == ("positive_action", "booking"):
        return "positive_action.booking", notification.about_id
    if model == ("dispatch", "subscriber"):
        kind = "dispatch.confirm" if notification.kind == "dispatch.confirm" else "dispatch.manage"
        return kind, notification.about_id
    return "", ""


def private_links_redact(apps, schema_editor):
    """Emails already in the outbox: replace each private link's token with the
    placeholder, and name the link so a retry or a resend still carries it."""
    Notification = apps.get_model("engagement_site", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Delivery = apps.get_model("dispatch", "Delivery")
    content_types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}
    candidates = Notification.objects.filter(
        models.Q(body_text__contains="/application/")
        | models.Q(body_text__contains="/bookings/")
        | models.Q(body_text__contains="/dispatch/")
        | models.Q(body_html__contains="/dispatch/")
    )
    for notification in candidates.iterator():
        text, html = _redact(notification.body_text), _redact(notification.body_html)
        headers = {name: _redact(str(value)) for name, value in (notification.headers or {}).items()}
        if (text, html, headers) == (notification.body_text, notification.body_html, notification.headers or {}):
            continue
        purpose, target = _purpose(notification, content_types)
        if not purpose and content_types.get(notification.about_type_id) == ("dispatch", "issue"):
            subscriber_id = (
                Delivery.objects.filter(notification_id=notification.pk).values_list("subscriber_id", flat=True).first()
            )
            if subscriber_id:
                purpose, target = "dispatch.manage", str(subscriber_id)
        Notification.objects.filter(pk=notification.pk).update(
            body_text=text, body_html=html, headers=headers, link_purpose=purpose, link_target=target or ""
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagement_site", "0002_add_equality_objectives"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dispatch", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="link_purpose",
            field=models.CharField(blank=True, default="", max_length=40, verbose_name="private link"),
        ),
        migrations.AddField(
            model_name="notification",
            name="link_target",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="private link for"),
        ),
        migrations.RunPython(private_links_redact, migrations.RunPython.noop),
    ]
