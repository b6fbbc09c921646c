"""Every public page, for each demo force, says nothing of the other force. The second
force is loaded over the first, so leftovers of the first would show."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.site_pages.test_pages import PUBLIC_PAGES

# Names and facts only one force's seed pages give.
FACTS = {
    "essex": [
        "Essex",
        "130072",
        "diversity unit",
        "Diversity and Inclusion Board",
        "Professional Standards",
        "Chelmsford",
        "Basildon",
        "Colchester",
        "Southend",
        "Thurrock",
        "Tendring",
        "Harlow",
        "Catholic Police Guild",
        "Fairplay Advisers",
        "Agile Working Support Network",
        "TRiM",
        "body-worn video",
    ],
    "leicestershire": [
        "Leicester",
        "Rutland",
        "Equality Unit",
        "Equality Supporters Scheme",
        "1991",
        "specific duties",
        "Association of Muslim Police",
        "Sikh Police Association",
        "Black Support Network",
    ],
}
OTHER = {"essex": "leicestershire", "leicestershire": "essex"}

LINK = re.compile(r'href="(/[^"#?]*)')
NOT_PAGES = ("/admin/", "/leave/", "/static/", "/media/", "/healthz")
NOT_HTML = (".csv", ".json", ".ods", ".ics", "/logo/")


def public_pages(client) -> dict[str, str]:
    """Every page reachable from the public page list by links, path to HTML."""
    to_visit = [reverse(name) for name in PUBLIC_PAGES]
    seen, pages = set(to_visit), {}
    while to_visit:
        path = to_visit.pop()
        response = client.get(path, follow=True)
        path = response.request["PATH_INFO"]
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        pages[path] = html = response.content.decode()
        for link in LINK.findall(html):
            if link not in seen and not link.startswith(NOT_PAGES) and not link.endswith(NOT_HTML):
                seen.add(link)
                to_visit.append(link)
    return pages


@pytest.mark.parametrize("force", ["essex", "leicestershire"])
def test_every_public_page_speaks_for_the_loaded_force_only(client, db, force):
    call_command("load_demo", "--force", OTHER[force])
    call_command("load_demo", "--force", force)
    pages = public_pages(client)
    assert len(pages) > 20  # the crawl reached the detail pages too
    found = {
        (path, fact) for path, html in pages.items() for fact in FACTS[OTHER[force]] if fact.lower() in html.lower()
    }
    assert found == set()
    own_words = "\n".join(pages.values())
    assert [fact for fact in FACTS[force] if fact not in own_words] == []


@pytest.mark.django_db
def test_loading_another_force_never_takes_a_district_from_a_real_subscriber():
    from force.models import District
    from tests.factories import SubscriberFactory

    call_command("load_demo", "--force", "essex", stdout=open("/dev/null", "w"))
    basildon = District.objects.get(slug="basildon")
    subscriber = SubscriberFactory(districts=[basildon])
    call_command("load_demo", "--force", "leicestershire", stdout=open("/dev/null", "w"))
    assert list(subscriber.districts.values_list("slug", flat=True)) == ["basildon"]
