"""Times in GOV.UK style, for pages and emails alike: "6:30pm", "7pm", "midday",
"midnight" (Django's "g:ia" gives "6:30p.m." in British English)."""

from datetime import datetime, time

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def govuk_time(value: datetime | time | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).time()
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


@register.filter
def govuk_time_range(start: datetime, end: datetime) -> str:
    """ "6:30pm to 8:30pm": the start and end of an evening."""
    return f"{govuk_time(start)} to {govuk_time(end)}"
