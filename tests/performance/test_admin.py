"""Staff correct figures in admin; every change is kept in the measure's history."""

import pytest
from django.urls import reverse

from performance.models import Measure, MeasureRevision


@pytest.fixture
def staff_client(client, django_user_model, figures):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-password-123")
    client.force_login(user)
    return client, user


def test_editing_a_figure_in_admin_records_who_when_old_and_new(staff_client):
    client, user = staff_client
    measure = Measure.objects.get(key="officer-strength")
    url = reverse("admin:performance_measure_change", args=[measure.pk])
    form = client.get(url).context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update(value="3070.67", note="Corrected.")
    data.update({"revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    revisions = {r.field: r for r in MeasureRevision.objects.filter(measure=measure)}
    assert set(revisions) == {"value", "note"}
    assert revisions["value"].changed_by == user and revisions["value"].via == "admin"
    assert (revisions["value"].old_value, revisions["value"].new_value) == ("3069.6700", "3070.67")
    assert "3,070.67" in client.get(reverse("performance:index")).content.decode()
    assert "3069.6700" in client.get(url).content.decode()  # the history inline shows the old value


@pytest.mark.parametrize("model", ["report", "section", "source", "table", "measure", "measurerevision", "comparison"])
def test_admin_lists_load(staff_client, model):
    client, _ = staff_client
    assert client.get(reverse(f"admin:performance_{model}_changelist")).status_code == 200


def save_in_admin(client, measure, **changes):
    url = reverse("admin:performance_measure_change", args=[measure.pk])
    form = client.get(url).context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update(changes)
    data.update({"revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_a_value_changed_in_admin_shows_as_revised_on_its_page_and_in_the_downloads(staff_client):
    import csv
    import io
    import json

    from django.utils.dateformat import format as date_format
    from django.utils.timezone import localdate

    client, _ = staff_client
    save_in_admin(client, Measure.objects.get(key="officer-strength"), value="3070.67")
    save_in_admin(client, Measure.objects.get(key="tct-southend"), value="6", note="Corrected.")
    today = localdate()
    client.logout()  # what the public sees

    index = client.get(reverse("performance:index")).content.decode()
    assert f"revised {date_format(today, 'j F Y')}, was 3,069.67" in index
    section = client.get("/performance/visible-presence/").content.decode()
    assert 'data-revised="tct-southend">revised ' in section and ", was 5</span>" in section
    assert section.count("data-revised=") == 2  # officer strength stands alone on the page too

    rows = {
        r["measure"]: r
        for r in csv.DictReader(io.StringIO(client.get("/performance/download/all-figures.csv").content.decode()))
    }
    assert (rows["officer-strength"]["revised_on"], rows["officer-strength"]["previous_value"]) == (
        today.isoformat(),
        "3069.67",
    )
    assert (rows["tct-southend"]["value"], rows["tct-southend"]["previous_value"]) == ("6", "5")
    assert rows["tct-constables-total"]["revised_on"] == ""  # unchanged figures say nothing
    table = json.loads(client.get(reverse("performance:table_json", args=["town-centre-constables"])).content)
    southend = next(f for f in table["figures"] if f["measure"] == "tct-southend")
    assert (southend["revised_on"], southend["previous_value"]) == (today.isoformat(), 5)
    table_csv = client.get(reverse("performance:table_csv", args=["town-centre-constables"])).content.decode()
    assert f"{today.isoformat()},5" in table_csv


def test_a_change_that_leaves_the_value_alone_is_not_a_revision_of_the_figure(staff_client):
    client, _ = staff_client
    save_in_admin(client, Measure.objects.get(key="officer-strength"), note="Reworded.")
    assert MeasureRevision.objects.filter(field="note").exists()
    assert "data-revised" not in client.get(reverse("performance:index")).content.decode()
