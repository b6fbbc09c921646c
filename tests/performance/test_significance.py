"""Where two survey results are compared, the page says in plain words whether the difference is real."""

from decimal import Decimal

from django.urls import reverse

from performance.models import Measure, Unit
from performance.significance import compare


def survey_result(value, ci, decimals=1):
    return Measure(label="Result", value=Decimal(value), ci=Decimal(ci), decimals=decimals, unit=Unit.PERCENT)


def test_a_difference_bigger_than_both_intervals_is_real():
    result = compare(survey_result("54.0", "1.1"), survey_result("59.0", "1.1"))
    assert result.significant
    assert result.sentence == (
        "The later result is 5.0 percentage points higher. That is more than the 2.2 points the two "
        "confidence intervals allow for together, so the difference is real and not down to chance."
    )


def test_a_difference_within_the_intervals_could_be_chance():
    result = compare(survey_result("52.6", "5.2"), survey_result("48.1", "4.2"))
    assert not result.significant
    assert "4.5 percentage points lower" in result.sentence
    assert "within the 9.4 points" in result.sentence and "do not show a real difference" in result.sentence


def test_a_difference_equal_to_the_intervals_is_not_called_real():
    assert not compare(survey_result("50.0", "1.0"), survey_result("52.0", "1.0")).significant


def test_survey_page_says_which_changes_are_real(client, figures):
    html = client.get(reverse("performance:section", args=["public-perception"])).content.decode()
    assert html.count("data-comparison") == 6
    # community understanding 54% -> 59% is real; confidence 69% -> 67% is not
    assert "The later result is 5.0 percentage points higher. That is more than the 2.2 points" in html
    assert "The later result is 2.0 percentage points lower. That is within the 2.2 points" in html
