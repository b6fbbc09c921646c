from force import demo as site_demo
from iag import demo
from iag.models import AdvisoryGroup, Application, DecisionTemplate, Status


def test_demo_has_a_group_per_district_applications_in_every_status_and_is_idempotent(db):
    site_demo.load(force="essex")
    first = demo.load(force="essex")
    counts = (AdvisoryGroup.objects.count(), Application.objects.count(), DecisionTemplate.objects.count())
    assert demo.load(force="essex") == first
    assert (AdvisoryGroup.objects.count(), Application.objects.count(), DecisionTemplate.objects.count()) == counts
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    assert AdvisoryGroup.objects.filter(kind="district").count() == 10
    assert AdvisoryGroup.objects.filter(name="Professional Standards IAG", established=2021).exists()
