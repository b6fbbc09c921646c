"""Times in GOV.UK style ("6:30pm to 8:30pm"), from one filter, on the evenings
page and in the emails about an evening."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse

from site_pages.templatetags.govuk_time import govuk_time

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(18, 30), "6:30pm"),
        (time(19, 0), "7pm"),
        (time(9, 5), "9:05am"),
        (time(12, 0), "midday"),
        (time(0, 0), "midnight"),
        (time(12, 30), "12:30pm"),
        (time(0, 15), "12:15am"),
        (None, ""),
    ],
)
def test_govuk_time(value, expected):
    assert govuk_time(value) == expected


def test_an_aware_datetime_is_shown_in_local_time():
    # 17:30 UTC in summer is 6:30pm in London
    assert govuk_time(datetime(2026, 7, 1, 17, 30, tzinfo=ZoneInfo("UTC"))) == "6:30pm"


def test_a_range_reads_start_to_end():
    start = datetime(2026, 12, 3, 18, 30, tzinfo=LONDON)
    html = Template("{% load govuk_time %}{{ start|govuk_time_range:end }}").render(
        Context({"start": start, "end": start + timedelta(hours=2)})
    )
    assert html == "6:30pm to 8:30pm"


@pytest.fixture
def evening(db):
    from positive_action.models import PreparationEvening

    start = datetime(2030, 3, 5, 18, 30, tzinfo=LONDON)
    return PreparationEvening.objects.create(
        title="Preparation evening",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        mode="in_person",
        venue="Headquarters",
        address="1 High Street",
        covers="A briefing.",
        capacity=5,
    )


def test_the_evenings_page_and_the_booking_email_say_6_30pm_to_8_30pm(
    client, evening, mailoutbox, django_capture_on_commit_callbacks
):
    from positive_action.services import booking_create

    html = client.get(reverse("positive_action:evenings")).content.decode()
    assert "6:30pm to 8:30pm" in html and "p.m." not in html
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends once the booking commits
        booking_create(evening=evening, name="Sam", email="sam@example.org", candidate_reference="ABC123456")
    body = mailoutbox[-1].body
    assert "6:30pm to 8:30pm" in body and "p.m." not in body


def test_no_template_formats_a_time_with_django_am_pm():
    """Django's "a" and "A" give "p.m." and "PM": every time of day a person
    reads goes through govuk_time instead."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    date_or_time_filter = re.compile(r'\|(?:date|time):"([^"]*)"')
    offenders = []
    for path in root.glob("**/templates/**/*"):
        if ".venv" in path.parts or "node_modules" in path.parts or not path.is_file():
            continue
        for fmt in date_or_time_filter.findall(path.read_text(errors="ignore")):
            # Unescaped format characters only: "\a" would be a literal letter.
            if re.search(r"(?<!\\)[aA]", fmt):
                offenders.append(f"{path.relative_to(root)}: {fmt}")
    assert not offenders, offenders
