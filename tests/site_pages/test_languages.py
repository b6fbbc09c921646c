"""A second language is offered only once its catalogue is compiled; the choice is kept in
the URL (/cy/...), never in a cookie."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_without_a_second_catalogue_there_is_no_switcher_and_no_welsh_pages(client):
    assert [code for code, _name in settings.LANGUAGES] == ["en-gb"]
    html = client.get(reverse("home")).content.decode()
    assert 'lang="en-gb"' in html
    assert "hreflang" not in html
    assert client.get("/cy/").status_code == 404


def test_with_a_welsh_catalogue_each_page_links_to_itself_in_welsh(client, welsh):
    html = client.get(reverse("equality")).content.decode()
    assert 'href="/cy/equality-and-diversity/" hreflang="cy" lang="cy">Cymraeg</a>' in html


def test_the_welsh_choice_is_kept_in_the_url_without_a_cookie(client, welsh):
    response = client.get("/cy/equality-and-diversity/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy"' in html
    assert "Cydraddoldeb ac amrywiaeth" in html
    assert 'href="/cy/independent-advisory-groups/"' in html  # links stay in Welsh
    assert 'href="/equality-and-diversity/" hreflang="en-gb"' in html  # and offer the way back
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert set(response.cookies) <= {settings.CSRF_COOKIE_NAME}  # the cookie banner's form needs it


def test_a_browser_asking_for_welsh_gets_the_plain_urls_in_english(client, welsh):
    html = client.get(reverse("equality"), headers={"accept-language": "cy"}).content.decode()
    assert '<html lang="en-gb"' in html
