from force import demo as site_demo
from iag import demo as iag_demo
from iag.models import AdvisoryGroup
from iag_work import demo
from iag_work.models import AdviceStatus, Meeting, MeetingKind, ScrutinyRecord


def test_demo_gives_every_group_a_year_of_meetings_scrutiny_of_each_kind_and_advice_in_every_status(db, client):
    site_demo.load(force="essex")
    iag_demo.load(force="essex")
    first = demo.load(force="essex")
    assert demo.load(force="essex") == first  # idempotent
    scrutiny_kinds = set(MeetingKind.objects.filter(is_scrutiny=True).values_list("pk", flat=True))
    for group in AdvisoryGroup.objects.all():
        meetings = Meeting.objects.filter(group=group)
        assert meetings.filter(kind__slug="quarterly-meeting").count() >= 4
        assert set(ScrutinyRecord.objects.filter(meeting__group=group).values_list("meeting__kind", flat=True)) == (
            scrutiny_kinds
        )
        statuses = set(group.advice_points.filter(is_example=True).values_list("status", flat=True))
        assert statuses == set(AdviceStatus.values)
    assert AdvisoryGroup.objects.filter(slug="professional-standards-iag").exists()
    assert AdvisoryGroup.objects.count() == 11
    html = client.get("/independent-advisory-groups/groups/basildon-iag/").content.decode()
    assert "example data" in html and "Example Chair" in html
