"""What a form page needs for "Save and come back later": the second submit
button, the answers as typed (finished or not), and the one check a save makes:
an email address to send the link to."""

from crispy_forms_gds.layout import Button, Div
from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from protected_forms.form_messages import email_messages

SAVE_FOR_LATER = "save_for_later"


def continue_buttons() -> Div:
    """The page's own button first (Enter in a text box presses it), then the save."""
    return Div(
        Button("submit", _("Continue")),
        Button.secondary(SAVE_FOR_LATER, _("Save and come back later")),
        css_class="govuk-button-group",
    )


def save_for_later_requested(request) -> bool:
    return request.method == "POST" and SAVE_FOR_LATER in request.POST


def answers_as_typed(form) -> dict:
    """The page's answers as the browser sent them (JSON-ready), valid or not, to
    show again with `initial=` or to check later with `data=`."""
    return {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }


class ReturnEmailForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages=email_messages(
            _("Email address"), required=_("Enter your email address so we can send you a link to your answers")
        ),
    )


def return_email(form, known: str = "") -> str | None:
    """The address to send the link to: the one on this page if it asks for one,
    otherwise the one given earlier. When there is none, or it is not an email
    address, the page's form is left showing that error alone (the other answers
    need not be finished to be saved) and None is returned."""
    if "email" in form.fields:
        check = ReturnEmailForm(data={"email": form.data.get(form.add_prefix("email"), "")})
        if check.is_valid():
            return check.cleaned_data["email"]
        form._errors, form.cleaned_data = ErrorDict(), {}
        form.add_error("email", check.errors["email"])
        return None
    if known:
        return known
    form._errors, form.cleaned_data = ErrorDict(), {}
    form.add_error(None, _("Answer the first question, your email address, so we can send you a link"))
    return None
