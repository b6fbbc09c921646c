import pytest
from django.urls import reverse

PUBLIC_PAGES = [
    "home",
    "equality",
    "contact",
    "privacy",
    "accessibility",
    "cookies",
    "feedback",
    "iag:index",
    "iag_work:advice",
    "positive_action:index",
    "networks:index",
    "performance:index",
    "dispatch:index",
]


@pytest.fixture
def essex(db):
    from force import demo

    demo.load(force="essex")


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_carries_the_site_layout(client, essex, name):
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Essex Police" in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "Leave this site" in html and "data-quick-exit-link" in html
    assert "Beta" in html and reverse("feedback") in html
    assert "130072" in html  # how to reach the diversity unit, in the footer
    for footer_link in ("cookies", "privacy", "accessibility", "contact"):
        assert f'href="{reverse(footer_link)}"' in html


def test_navigation_marks_the_current_area(client, essex):
    html = client.get(reverse("iag:index")).content.decode()
    assert 'aria-current="page"' in html
    assert html.count('aria-current="page"') == 1


def test_unknown_page_gets_plain_words_404(client, essex):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_equality_page_lists_characteristics_and_the_three_aims(client, essex):
    html = client.get(reverse("equality")).content.decode()
    characteristics = ("gender reassignment", "pregnancy and maternity", "religion or belief", "sexual orientation")
    for characteristic in characteristics:
        assert characteristic in html
    assert html.count("<li>", html.index("public sector equality duty")) >= 3


def test_demo_loads_twice_without_change_and_a_second_force_shows_its_objectives(client, db):
    from django.core.management import call_command

    from force.models import District, EqualityObjective, ForceProfile

    call_command("load_demo", "--force", "essex")
    counts = (ForceProfile.objects.count(), District.objects.count(), EqualityObjective.objects.count())
    call_command("load_demo", "--force", "essex")
    assert (ForceProfile.objects.count(), District.objects.count(), EqualityObjective.objects.count()) == counts
    assert counts == (1, 10, 0)

    call_command("load_demo", "--force", "leicestershire")
    html = client.get(reverse("equality")).content.decode()
    assert "Leicestershire Police" in html
    assert "Our equality objectives" in html
    assert html.count("<li>", html.index("Our equality objectives")) >= 4


def test_the_home_page_links_every_section_dispatch_included(client, essex):
    html = client.get(reverse("home")).content.decode()
    main = html[html.index('id="main-content"') : html.index("</main>")]  # not the footer's link
    for section in ("iag:index", "positive_action:index", "networks:index", "performance:index", "dispatch:index"):
        assert f'href="{reverse(section)}"' in main, section


def test_the_accessibility_statement_says_what_was_tested_how_and_when(client, essex):
    html = client.get(reverse("accessibility")).content.decode()
    assert "WCAG) 2.2 at level AA" in html
    assert "1 December 2026" in html
    for check in ("320 pixels", "200% zoom", "spacing", "axe-core", "list of problems", "staff pages"):
        assert check in html, check
