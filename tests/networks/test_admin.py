import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from networks.models import Network

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks(make_network, make_category):
    faith = make_category(name="Faith and belief", slug="faith-and-belief")
    return [make_network(name=f"Net {i}", category=faith, is_published=i % 2 == 0) for i in range(4)]


def test_changelist_lists_searches_and_filters(admin_client, networks, django_assert_max_num_queries):
    url = reverse("admin:networks_network_changelist")
    with django_assert_max_num_queries(12):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert all(network.name in response.content.decode() for network in networks)
    assert admin_client.get(url, {"q": "Net 1"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"is_published__exact": "1"}).context["cl"].result_count == 2


def test_publish_and_unpublish_actions_record_who_did_it(admin_client, admin_user, networks):
    url = reverse("admin:networks_network_changelist")
    pks = [network.pk for network in networks]
    admin_client.post(url, {"action": "publish", "_selected_action": pks})
    assert Network.objects.published().count() == 4
    assert set(Network.objects.values_list("updated_by", flat=True)) == {admin_user.pk, None}
    assert LogEntry.objects.filter(action_flag=CHANGE, user=admin_user).count() == 2
    admin_client.post(url, {"action": "unpublish", "_selected_action": pks[:3]})
    assert Network.objects.published().count() == 1


def test_display_order_can_be_changed_from_the_list(admin_client, networks):
    url = reverse("admin:networks_network_changelist")
    data = {"form-TOTAL_FORMS": "4", "form-INITIAL_FORMS": "4", "_save": "Save"}
    for index, network in enumerate(sorted(networks, key=lambda n: n.name)):
        data[f"form-{index}-id"] = network.pk
        data[f"form-{index}-display_order"] = 10 - index
    assert admin_client.post(url, data).status_code == 302
    assert Network.objects.order_by("display_order").first().name == "Net 3"


def test_adding_a_network_records_the_creator(admin_client, admin_user, make_category):
    category = make_category(name="Working life", slug="working-life")
    response = admin_client.post(
        reverse("admin:networks_network_add"),
        {
            "name": "Book Club",
            "slug": "book-club",
            "category": category.pk,
            "summary": "Reading together.",
            "description": "Monthly.",
            "open_to_staff": "on",
            "accepts_messages": "on",
            "contact_email": "books@networks.example.org",
            "display_order": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    network = Network.objects.get(slug="book-club")
    assert network.created_by == admin_user == network.updated_by
    assert LogEntry.objects.filter(object_id=str(network.pk)).exists()


def test_contact_form_needs_an_email_and_someone_must_be_able_to_join(make_network):
    from django.core.exceptions import ValidationError

    network = make_network.build(contact_email="", accepts_messages=True, open_to_officers=False, open_to_staff=False)
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    messages = str(error.value)
    assert "needs a contact email" in messages and "at least one group" in messages


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.gif", b"GIF89a", "must be an SVG, PNG or JPG"),
        ("logo.png", b"<svg></svg>", "not a real PNG"),
        ("logo.svg", b"<svg><script>alert(1)</script></svg>", "contains scripts"),
        ("logo.svg", b'<svg onload="alert(1)"></svg>', "contains scripts"),
    ],
)
def test_unsafe_or_mislabelled_logos_are_refused(make_network, settings, tmp_path, name, content, message):
    from django.core.exceptions import ValidationError

    settings.MEDIA_ROOT = tmp_path
    network = make_network.build(logo=SimpleUploadedFile(name, content), logo_alt="Logo")
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert message in str(error.value)


def test_a_logo_needs_alt_text_and_is_served_for_published_networks(
    client, make_network, make_category, settings, tmp_path
):
    from django.core.exceptions import ValidationError

    settings.MEDIA_ROOT = tmp_path
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'
    network = make_network.build(logo=SimpleUploadedFile("logo.svg", svg), logo_alt="", category=make_category())
    with pytest.raises(ValidationError, match="Describe the logo"):
        network.full_clean()
    network.logo_alt = "Green circle"
    network.full_clean()
    network.save()
    response = client.get(reverse("networks:logo", args=[network.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == svg
    assert 'alt="Green circle"' in client.get(network.get_absolute_url()).content.decode()
