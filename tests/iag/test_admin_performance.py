from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iag.models import AdvisoryGroup, Application, ApplicationChoice


def add_applications(n: int):
    groups = list(AdvisoryGroup.objects.all()[:3])
    now = timezone.now()
    created = Application.objects.bulk_create(
        [
            Application(
                full_name=f"Person {i}",
                email=f"p{i}@example.org",
                postcode="CM2 6DA",
                can_attend="yes",
                heard_about="website",
                consent_at=now,
            )
            for i in range(n)
        ]
    )
    ApplicationChoice.objects.bulk_create([ApplicationChoice(application=a, group=g) for a in created for g in groups])


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:iag_application_changelist"))
    assert response.status_code == 200
    return len(queries)


def test_moderation_queue_query_count_does_not_grow_with_applications(client, essex):
    client.force_login(User.objects.create_superuser("boss", password="x"))
    Application.objects.all().delete()
    add_applications(5)
    changelist_queries(client)  # warm the shared cache (force profile)
    with_five = changelist_queries(client)
    add_applications(45)
    with_fifty = changelist_queries(client)
    assert with_five == with_fifty
    assert with_fifty < 15


def test_moderation_queue_shows_reference_name_groups_status_and_filters(client, essex):
    client.force_login(User.objects.create_superuser("boss", password="x"))
    html = client.get(reverse("admin:iag_application_changelist") + "?status__exact=received").content.decode()
    assert "IAG-DEMO-0001" in html and "Amira Haddad" in html and "Basildon IAG" in html
    assert "IAG-DEMO-0002" not in html
    html = client.get(reverse("admin:iag_application_changelist") + "?q=IAG-DEMO-0003").content.decode()
    assert "Grace Okafor" in html and "Amira Haddad" not in html
    assert "By policing district" in html or "policing district" in html
