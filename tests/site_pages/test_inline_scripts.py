"""Every inline script on every public page is allowed by a hash in that page's
Content-Security-Policy, and nothing else inline is: a script added to any
template without its hash would be blocked in the browser, and fails here."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from benchmarks import data
from benchmarks.pages import PAGES
from site_pages.inline_scripts import INLINE_SCRIPT, source_hash

pytestmark = pytest.mark.django_db


def script_src(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    directive = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    return directive.split()[1:]


def test_every_inline_script_on_every_public_page_has_its_hash_in_the_policy(client):
    call_command("load_demo", stdout=StringIO())
    data.grow(data.SMALL)
    ctx = data.context()
    checked = 0
    for page in PAGES:
        response = client.get(page.path(ctx))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        allowed = script_src(response)
        assert "'unsafe-inline'" not in allowed and not any(source.startswith("'nonce-") for source in allowed)
        html = response.content.decode()
        bodies = INLINE_SCRIPT.findall(html)
        assert bodies, page.name  # the layout's two scripts
        for body in bodies:
            assert source_hash(body) in allowed, f"{page.name}: inline script without its hash: {body[:60]!r}"
        assert not re.search(r"<script\b[^>]*\bnonce=", html)
        checked += 1
    assert checked >= 20


def test_a_script_that_differs_from_the_template_is_not_allowed(client):
    allowed = script_src(client.get("/"))
    assert source_hash("document.body.className += ' js-enabled';") not in allowed
