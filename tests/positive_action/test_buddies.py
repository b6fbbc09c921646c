import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outbox.models import Notification
from positive_action.models import Buddy, BuddyAssignment, Signup
from positive_action.services import buddy_assign
from tests.factories import BuddyFactory, DistrictFactory, RoleFactory, SignupFactory


@pytest.fixture
def signup(db):
    """A candidate in Colchester who asked for a buddy, and three buddies: one in
    Colchester, one in the next district and one with no district."""
    chelmsford = DistrictFactory(name="Chelmsford and Maldon", slug="chelmsford-and-maldon", display_order=0)
    colchester = DistrictFactory(name="Colchester", slug="colchester", display_order=1)
    BuddyFactory(name="Aisha Khan", district=None, capacity=3)
    BuddyFactory(name="Sam Okafor", district=chelmsford, capacity=3)
    BuddyFactory(name="Priya Nair", kind="staff", role_title="HR adviser", district=colchester, capacity=2)
    return SignupFactory(
        candidate_reference="ABC123456",
        name="Alex Smith",
        email="alex@example.com",
        role=RoleFactory(name="Police officer", plural="Police officers", slug="police-officer"),
        district=colchester,
        wants_buddy=True,
    )


def test_suggestions_put_the_candidates_district_first_and_skip_full_buddies(signup):
    names = [b.name for b in Buddy.objects.suggested_for(signup)]
    assert names[0] == "Priya Nair"  # Colchester
    Buddy.objects.filter(name="Priya Nair").update(assigned=2)
    assert "Priya Nair" not in [b.name for b in Buddy.objects.suggested_for(signup)]
    Buddy.objects.filter(name="Sam Okafor").update(active=False)
    assert "Sam Okafor" not in [b.name for b in Buddy.objects.suggested_for(signup)]


def test_assigning_emails_both_and_counts_against_capacity(signup):
    buddy = Buddy.objects.get(name="Priya Nair")
    buddy_assign(signup=signup, buddy=buddy)
    buddy.refresh_from_db()
    assert buddy.assigned == 1
    recipients = set(
        Notification.objects.filter(kind__startswith="positive_action.buddy_intro").values_list("recipient", flat=True)
    )
    assert recipients == {"alex@example.com", buddy.email}


def test_full_buddy_is_refused(signup):
    buddy = Buddy.objects.get(name="Priya Nair")
    Buddy.objects.filter(pk=buddy.pk).update(assigned=buddy.capacity)
    with pytest.raises(ValidationError, match="no room"):
        buddy_assign(signup=signup, buddy=buddy)
    assert not BuddyAssignment.objects.exists()


def test_reassignment_keeps_history_and_frees_the_old_buddy(signup):
    first, second = Buddy.objects.get(name="Priya Nair"), Buddy.objects.get(name="Sam Okafor")
    buddy_assign(signup=signup, buddy=first)
    buddy_assign(signup=signup, buddy=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.assigned, second.assigned) == (0, 1)
    history = list(signup.buddy_assignments.order_by("assigned_at").values_list("buddy__name", "ended_at"))
    assert history[0][0] == "Priya Nair" and history[0][1] is not None
    assert history[1] == ("Sam Okafor", None)


def test_candidate_who_did_not_ask_gets_no_buddy(signup):
    Signup.objects.filter(pk=signup.pk).update(wants_buddy=False)
    signup.refresh_from_db()
    with pytest.raises(ValidationError):
        buddy_assign(signup=signup, buddy=Buddy.objects.first())


def test_admin_assign_page_suggests_and_assigns(admin_client, signup, django_assert_max_num_queries):
    url = reverse("admin:positive_action_signup_assign", args=[signup.pk])
    html = admin_client.get(url).content.decode()
    assert html.index("Priya Nair") < html.index("Sam Okafor")
    buddy = Buddy.objects.get(name="Priya Nair")
    response = admin_client.post(url, {"buddy": buddy.pk})
    assert response.status_code == 302
    assert signup.buddy_assignments.get().buddy == buddy
    with django_assert_max_num_queries(13):  # + the staff member's authenticator device
        admin_client.get(reverse("admin:positive_action_signup_changelist"))
