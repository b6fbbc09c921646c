from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from force.models import District
from protected_forms.control_characters import PlainTextMixin
from protected_forms.form_messages import choice_messages, email_messages, text_messages
from protected_forms.protection import ModelChoicesField, ProtectedFormMixin, honeypot_layout

from .models import Topic


class ChoicesForm(PlainTextMixin, forms.Form):
    """Name, districts and topics: asked when signing up and on the preferences page."""

    name = forms.CharField(
        label=_("Your name (optional)"),
        help_text=_("So we can greet you in each email."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=text_messages(_("Your name"), 100),
    )
    districts = ModelChoicesField(
        label=_("Which districts do you want news about?"),
        help_text=_("Select all that apply."),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_messages(_("a district"), _("Select at least one district")),
    )
    topics = ModelChoicesField(
        label=_("What do you want to hear about?"),
        help_text=_("Select all that apply."),
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=choice_messages(_("a topic"), _("Select at least one topic")),
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
        error_messages=email_messages(_("Your email address")),
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
