"""One form per question page of the "Apply to join" journey."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fluid, Layout, Size
from django import forms
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from form_drafts.forms import continue_buttons
from iag.models import AdvisoryGroup, CanAttend, Community, HeardAbout
from iag.models.monitoring import CHARACTERISTICS
from protected_forms.control_characters import PlainTextMixin
from protected_forms.form_messages import choice_messages, email_messages, text_messages
from protected_forms.protection import ModelChoicesField, ProtectedFormMixin, honeypot_layout

from .validation import normalise_phone, normalise_postcode


class StepForm(PlainTextMixin, forms.Form):
    """Refuses control characters and keeps the page's layout in one place."""

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the page is drawn: a POST that is only checked never needs it."""
        helper = FormHelper()
        helper.layout = Layout(*self.layout_items(), continue_buttons())
        return helper

    def layout_items(self) -> list:
        raise NotImplementedError

    def to_session(self) -> dict:
        """Cleaned answers as plain JSON values (model choices become their ids)."""
        result = {}
        for name, value in self.cleaned_data.items():
            if hasattr(value, "values_list"):
                value = sorted(value.values_list("pk", flat=True))
            result[name] = value
        return result


class DetailsForm(StepForm):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, error_messages=text_messages("Full name", 200, _("Enter your full name"))
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We will send your reference number and a link to check your application to this address."),
        error_messages=email_messages(_("Email address")),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=30,
        help_text=_("For example 01632 960 001 or 07700 900 982."),
        error_messages=text_messages("Phone number", 30),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        help_text=_("Where you live. It tells us which district you know best."),
        error_messages=text_messages("Postcode", 10, _("Enter your postcode")),
    )

    def layout_items(self):
        return [
            Field.text("full_name", autocomplete="name", spellcheck="false"),
            Field.text("email", autocomplete="email", spellcheck="false", field_width=Fluid.TWO_THIRDS),
            Field.text("phone", autocomplete="tel", field_width=20),
            Field.text("postcode", autocomplete="postal-code", field_width=10),
        ]

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


class GroupsForm(StepForm):
    groups = ModelChoicesField(
        label=_("Which groups do you want to join?"),
        help_text=_("Select all that apply. Most people join the group for the district where they live or work."),
        queryset=AdvisoryGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_messages(_("a group"), _("Select at least one group you want to join")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = AdvisoryGroup.objects.open_to_applications()

    def layout_items(self):
        return [Field.checkboxes("groups", legend_size=Size.LARGE, legend_tag="h1")]


class CommunitiesForm(StepForm):
    communities = ModelChoicesField(
        label=_("Which communities or subjects could you speak for?"),
        help_text=_("Select all that apply."),
        queryset=Community.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_messages(
            _("a community or subject"), _("Select at least one community or subject you could speak for")
        ),
    )
    communities_detail = forms.CharField(
        label=_("In what way could you speak for them?"),
        help_text=_("For example, you belong to the community, volunteer with it, or work with it."),
        max_length=1000,
        widget=forms.Textarea,
        error_messages=text_messages(
            "How you could speak for them", 1000, _("Tell us in what way you could speak for them")
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = Community.objects.filter(active=True)

    def layout_items(self):
        return [
            Field.checkboxes("communities", legend_size=Size.LARGE, legend_tag="h1"),
            Field.textarea("communities_detail", label_size=Size.MEDIUM, rows=5, max_characters=1000),
        ]


class WhyJoinForm(StepForm):
    why_join = forms.CharField(
        label=_("Why do you want to join?"),
        # The character count needs a hint to attach to (crispy-forms-gds fails without one).
        help_text=_("A few sentences is enough."),
        max_length=1500,
        widget=forms.Textarea,
        error_messages=text_messages("Why you want to join", 1500, _("Tell us why you want to join")),
    )
    experience = forms.CharField(
        label=_("What experience do you have that would help?"),
        help_text=_("Paid work, volunteering or life experience all count."),
        max_length=1500,
        widget=forms.Textarea,
        error_messages=text_messages("Your experience", 1500, _("Tell us about experience that would help")),
    )
    can_attend = forms.ChoiceField(
        label=_("Could you attend meetings four times a year?"),
        choices=CanAttend.choices,
        widget=forms.RadioSelect,
        error_messages=choice_messages(required=_("Select whether you could attend meetings four times a year")),
    )
    heard_about = forms.ChoiceField(
        label=_("How did you hear about the groups?"),
        choices=HeardAbout.choices,
        widget=forms.RadioSelect,
        error_messages=choice_messages(required=_("Select how you heard about the groups")),
    )

    def layout_items(self):
        return [
            Field.textarea("why_join", label_size=Size.MEDIUM, rows=5, max_characters=1500),
            Field.textarea("experience", label_size=Size.MEDIUM, rows=5, max_characters=1500),
            Field.radios("can_attend", legend_size=Size.MEDIUM, inline=True),
            Field.radios("heard_about", legend_size=Size.MEDIUM),
        ]


class EqualityForm(StepForm):
    """Optional. Every question can be left out or answered "Prefer not to say"."""

    def layout_items(self):
        return [Field.radios(name, legend_size=Size.SMALL, small=True) for name in CHARACTERISTICS]


for _name, (_question, _choices) in CHARACTERISTICS.items():
    EqualityForm.base_fields[_name] = forms.ChoiceField(
        label=format_lazy("{} {}", _question, _("(optional)")),
        choices=_choices.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select one of the options, or leave the question out")},
    )


class CheckAnswersForm(ProtectedFormMixin, forms.Form):
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to my answers being used to consider my application"),
        error_messages={"required": _("Confirm that you have read the privacy notice and agree to it")},
    )

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the page is drawn: a POST that is only checked never needs it."""
        helper = FormHelper()
        helper.layout = Layout(
            HTML.h2(_("Now send your application")),
            HTML(
                '<p class="govuk-body">The <a class="govuk-link" href="{% url \'privacy\' %}">privacy notice</a> '
                "explains what we do with your answers, who sees them and how long we keep them.</p>"
            ),
            Field.checkbox("consent"),
            *honeypot_layout(),
            Button("submit", _("Accept and send"), data_prevent_double_click="true"),
        )
        return helper


# Question pages in order: url slug -> (form, page title)
STEP_FORMS = {
    "your-details": (DetailsForm, _("Your details")),
    "groups": (GroupsForm, _("Which groups do you want to join?")),
    "communities": (CommunitiesForm, _("Which communities or subjects could you speak for?")),
    "why-join": (WhyJoinForm, _("Why you want to join")),
    "equality": (EqualityForm, _("Equality monitoring questions")),
}
