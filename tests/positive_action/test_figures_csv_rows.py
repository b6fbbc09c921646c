"""Workforce figures CSV: each row is checked by a form against the limits of the
fields it is saved in, so a bad row is reported with its line, never half-saved."""

import pytest
from django.core.exceptions import ValidationError

from positive_action.models import Role, WorkforceFigure
from positive_action.services import figures_import_csv

HEADER = "characteristic,group,role,period,workforce_percent,population_percent,applicant_percent,source,illustrative\n"


@pytest.fixture
def role(db):
    return Role.objects.create(name="Police officer", plural="police officers", slug="police-officer")


def refusals(text: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        figures_import_csv(text=HEADER + text)
    assert not WorkforceFigure.objects.exists()
    return caught.value.messages


def test_a_period_longer_than_can_be_stored_is_refused_with_its_line(role):
    period = "Year to 31 March 2024 as published in September 2024"  # 52 characters; the model keeps 40
    assert refusals(f"Sex,Women,Police officer,{period},33,50,,Report,no\n") == [
        "Line 2: period is longer than 40 characters"
    ]


def test_every_problem_of_a_line_is_given_on_that_line(role):
    messages = refusals(",Women,Police officer,2019,abc,50,200,,maybe\n")
    assert messages == [
        "Line 2: missing characteristic; workforce_percent 'abc' is not a number; "
        "applicant_percent must be between 0 and 100; missing source; illustrative must be yes or no"
    ]


def test_percentages_may_carry_a_percent_sign_and_are_kept_to_two_places(role):
    figures_import_csv(text=HEADER + "Sex,Women,police-officer,2019, 33.456 %,50,12.5%,Report,Yes\n")
    figure = WorkforceFigure.objects.get()
    assert (str(figure.workforce_percent), str(figure.applicant_percent), figure.illustrative) == (
        "33.46",
        "12.50",
        True,
    )
