from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from engagement_site.models import District
from engagement_site.protection import ModelChoicesField, ProtectedFormMixin, honeypot_layout

from .models import Topic


class ChoicesForm(forms.Form):
    """Name, districts and topics: asked when signing up and on the preferences page."""

    name = forms.CharField(
        label=_("Your name (optional)"),
        help_text=_("So we can greet you in each email."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "max_length": _("Your name must be 100 characters or fewer"),
            "null_characters_not_allowed": _("Your name contains characters we cannot accept"),
        },
    )
    districts = ModelChoicesField(
        label=_("Which districts do you want news about?"),
        help_text=_("Select all that apply."),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one district"),
            "invalid_choice": _("Select a district from the list"),
            "invalid_pk_value": _("Select a district from the list"),
        },
    )
    topics = ModelChoicesField(
        label=_("What do you want to hear about?"),
        help_text=_("Select all that apply."),
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one topic"),
            "invalid_choice": _("Select a topic from the list"),
            "invalid_pk_value": _("Select a topic from the list"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.all()
        self.fields["topics"].queryset = Topic.objects.all()
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.layout_items())

    def choice_items(self) -> list:
        return [
            Field.text("name", field_width=Fluid.TWO_THIRDS, label_size=Size.SMALL),
            Field.checkboxes("districts", legend_size=Size.MEDIUM, small=True),
            Field.checkboxes("topics", legend_size=Size.MEDIUM, small=True),
        ]

    def layout_items(self) -> list:
        return [*self.choice_items(), Button("submit", _("Save my choices"), data_prevent_double_click="true")]


class SignUpForm(ProtectedFormMixin, ChoicesForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send a link to this address to confirm it is yours."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
            "null_characters_not_allowed": _("Your email address contains characters we cannot accept"),
        },
    )

    field_order = ["email", "name", "districts", "topics"]

    def layout_items(self) -> list:
        return [
            Field.text("email", field_width=Fluid.TWO_THIRDS, label_size=Size.SMALL),
            *self.choice_items(),
            *honeypot_layout(),
            Button("submit", _("Sign up"), data_prevent_double_click="true"),
        ]


class PreferencesForm(ChoicesForm):
    pass
