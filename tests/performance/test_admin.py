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
