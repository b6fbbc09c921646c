"""A public form's page layout is built when the page is drawn, not for a POST
that is only checked (building it cost more than checking some forms), and a
page drawn again with errors still has it."""

import pytest

from iag.forms.apply import CheckAnswersForm, DetailsForm
from networks.forms import NetworkContactForm
from positive_action.forms import BookingForm, SignupConfirmForm
from site_pages.forms import FeedbackForm

FORMS = [FeedbackForm, NetworkContactForm, BookingForm, SignupConfirmForm, CheckAnswersForm, DetailsForm]


@pytest.mark.parametrize("form_class", FORMS, ids=lambda form_class: form_class.__name__)
def test_checking_a_post_does_not_build_the_layout(form_class):
    form = form_class(data={"website": "", "form_token": "t" * 30})
    form.is_valid()
    assert "helper" not in vars(form)
    assert form.helper.layout is not None and "helper" in vars(form)  # drawn on demand, once


def test_a_booking_form_names_its_button_for_the_waiting_list():
    html = str(BookingForm(waiting=True).helper.layout.fields[-1].value)
    assert html == "Join the waiting list"
    assert str(BookingForm().helper.layout.fields[-1].value) == "Book a place"
