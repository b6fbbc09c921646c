"""Every figures page, charts included, passes axe-core in a real browser and needs no JavaScript."""

import pytest


def load_figures():
    from force import demo as site_demo
    from performance import demo

    site_demo.load(force="essex")
    demo.load(force="essex")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_figures_page_has_no_axe_violations(browser_page, axe):
    from performance.models import Measure, Section
    from performance.services import measure_update

    load_figures()
    revised = Measure.objects.get(key="officer-strength")
    revised.value = "3070.67"
    measure_update(measure=revised)  # a revised figure shows its date and old value
    paths = ["/performance/"] + [section.get_absolute_url() for section in Section.objects.all()]
    assert len(paths) == 13
    page = browser_page
    for path in paths:
        page.goto(path)
        assert axe(page) == [], path
    page.goto("/performance/")
    assert page.locator('[data-revised="officer-strength"]').inner_text().endswith(", was 3,069.67")
    page.screenshot(path="/tmp/performance-index.png", full_page=True)
    page.goto("/performance/public-perception/")
    chart = page.locator('svg[data-chart="public-perception-survey"]')
    assert chart.get_attribute("role") == "img"
    assert "Chart: Public Perception Survey results" in chart.locator("title").text_content()
    # 2 questions x 2 years: every bar has an error bar (3 lines each) plus its value label
    assert chart.locator("rect").count() == 4
    assert chart.locator("text", has_text="69.0% ±1.1").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_charts_scale_to_a_narrow_window_without_javascript(browser_page_no_js):
    load_figures()
    page = browser_page_no_js
    page.set_viewport_size({"width": 320, "height": 800})  # 1280 pixels wide at 400% zoom
    page.goto("/performance/visible-presence/")
    chart = page.locator('svg[data-chart="investment-2019-20"]')
    box = chart.bounding_box()
    assert box["width"] <= 320 and box["height"] > box["width"]
    assert (
        page.locator(
            'table[data-table="investment-2019-20"] td[data-measure="inv-operational-total-officers"]'
        ).inner_text()
        == "215"
    )
    page.screenshot(path="/tmp/performance-narrow.png", full_page=False)
