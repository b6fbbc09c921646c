"""Each process keeps the force profile for a second, so pages do not read the
shared cache on every request; an edit shows within that second."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from force import selectors
from force.models import ForceProfile
from tests.factories import ForceProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def shared_reads(monkeypatch):
    reads = []
    real_get = cache.get

    def get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get)
    return reads


def test_pages_within_a_second_read_the_shared_cache_once(client, clock, shared_reads):
    ForceProfileFactory(name="Essex Police")
    for _ in range(3):
        assert "Essex Police" in client.get(reverse("home")).content.decode()
    assert shared_reads.count(selectors.FORCE_CACHE_KEY) == 1
    clock[0] += selectors.LOCAL_SECONDS + 0.01
    client.get(reverse("home"))
    assert shared_reads.count(selectors.FORCE_CACHE_KEY) == 2


def test_an_edit_in_another_process_shows_within_a_second(clock):
    profile = ForceProfileFactory(name="Essex Police")
    assert selectors.force_profile().name == "Essex Police"
    ForceProfile.objects.filter(pk=profile.pk).update(name="Kent Police")
    cache.delete(selectors.FORCE_CACHE_KEY)  # what the other process's save does
    clock[0] += 0.5
    assert selectors.force_profile().name == "Essex Police"
    clock[0] += 0.51
    assert selectors.force_profile().name == "Kent Police"


def test_an_edit_saved_in_this_process_shows_at_once(admin_client, clock):
    profile = ForceProfileFactory(name="Essex Police")
    assert selectors.force_profile().name == "Essex Police"
    page = admin_client.get(reverse("admin:force_forceprofile_change", args=[profile.pk]))
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["name"] = "Kent Police"
    response = admin_client.post(reverse("admin:force_forceprofile_change", args=[profile.pk]), data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert selectors.force_profile().name == "Kent Police"
