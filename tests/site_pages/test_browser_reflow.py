"""WCAG 1.4.10 Reflow and 1.4.12 Text spacing on every public page, in Chromium.

No page may scroll sideways at 320 CSS pixels wide, nor at 200% zoom of a 1280
pixel window. 200% zoom is a 640 x 360 CSS pixel viewport drawn at a device scale
factor of 2: what Chromium's own zoom gives a page (media queries, layout and
scrollWidth all see 640 CSS pixels). Wide tables scroll inside their own labelled
region instead. With the text spacing of 1.4.12 applied (as a user stylesheet,
which a site's Content-Security-Policy does not govern), nothing may overflow either.

The widths at 320 px are printed (pytest -s) and written to var/reflow-320.txt.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse

from benchmarks import data
from benchmarks.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A redirect, a calendar file, and downloads and feeds (named "... CSV", "... JSON", "... feed").
NOT_HTML = {"leave this site", "positive action: booking calendar"}
DOWNLOADS = (" CSV", " JSON", " feed")

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# What reaches past the right edge (elements, and text running out of its box),
# outside the scrolling table regions: what to fix when a page fails.
SIDEWAYS = """width => {
    const outside = box => box.right > width + 1;
    const free = node => !(node.parentElement || node).closest('.table-scroll');
    const found = [...document.querySelectorAll('body *')].filter(e => free(e) && outside(e.getBoundingClientRect())
        && ![...e.children].some(c => outside(c.getBoundingClientRect())))
        .map(e => e.tagName + '.' + e.className);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        if (free(node) && outside(range.getBoundingClientRect()))
            found.push('text: ' + node.textContent.trim().slice(0, 60));
    }
    return found.slice(0, 8);
}"""


@pytest.fixture
def public_paths(settings) -> list[tuple[str, str]]:
    """Every public HTML page, with every performance section (not only the first)."""
    from performance.models import Section

    settings.ALLOWED_HOSTS = ["*"]
    call_command("load_demo", stdout=StringIO())
    data.grow(data.SMALL)
    ctx = data.context()
    paths = [
        (page.name, page.path(ctx)) for page in PAGES if page.name not in NOT_HTML and not page.name.endswith(DOWNLOADS)
    ]
    paths += [
        (f"performance: {section.slug}", reverse("performance:section", args=[section.slug]))
        for section in Section.objects.order_by("pk")[1:]
    ]
    return paths


def page_widths(browser, base_url: str, paths, *, width: int, height: int, scale: int = 1, css: str = ""):
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": height}, device_scale_factor=scale, bypass_csp=bool(css)
    )
    page = context.new_page()
    widths = {}
    try:
        for name, path in paths:
            response = page.goto(path)
            assert response.status == 200, (name, path, response.status)
            if css:
                page.add_style_tag(content=css)
                assert page.evaluate("getComputedStyle(document.body).wordSpacing") != "0px", "spacing not applied"
            widths[name] = page.evaluate("document.documentElement.scrollWidth")
            if widths[name] > width:
                print(name, page.evaluate(SIDEWAYS, width))
    finally:
        context.close()
    return widths


def too_wide(widths: dict, width: int) -> dict:
    return {name: px for name, px in widths.items() if px > width}


def test_no_public_page_is_wider_than_a_320_pixel_screen(browser, live_server, public_paths):
    widths = page_widths(browser, live_server.url, public_paths, width=320, height=640)
    table = "\n".join(f"{px:>5} px  {name}" for name, px in widths.items())
    print(f"\nWidth of every public page at 320 x 640 CSS px:\n{table}")
    report = Path(django_settings.BASE_DIR) / "var" / "reflow-320.txt"
    report.parent.mkdir(exist_ok=True)
    report.write_text(table + "\n")
    assert len(widths) >= 35
    assert too_wide(widths, 320) == {}


def test_no_public_page_scrolls_sideways_at_200_per_cent_zoom(browser, live_server, public_paths):
    widths = page_widths(browser, live_server.url, public_paths, width=640, height=360, scale=2)
    assert too_wide(widths, 640) == {}


def test_text_spacing_overflows_nothing_at_320_pixels(browser, live_server, public_paths):
    widths = page_widths(browser, live_server.url, public_paths, width=320, height=640, css=TEXT_SPACING)
    assert too_wide(widths, 320) == {}
