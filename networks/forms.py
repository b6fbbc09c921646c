from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout, Size
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from networks.directory import MAX_QUERY_LENGTH
from networks.models import Audience
from protected_forms.form_messages import email_messages, text_messages
from protected_forms.protection import ProtectedFormMixin, honeypot_layout

MESSAGE_MAX = 3000


class DirectoryFilterForm(forms.Form):
    """Only draws the GET form; the query string is read by DirectoryFilters."""

    q = forms.CharField(label=_("Search networks"), required=False, max_length=MAX_QUERY_LENGTH)
    category = forms.MultipleChoiceField(
        label=_("Category"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    join = forms.MultipleChoiceField(
        label=_("Who can join"), required=False, widget=forms.CheckboxSelectMultiple, choices=Audience.choices
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(category.slug, category.name) for category in categories]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("q", label_size=Size.SMALL, label_tag="h2", spellcheck="true"),
            Field.checkboxes("category", legend_size=Size.SMALL, legend_tag="h2", small=True),
            Field.checkboxes("join", legend_size=Size.SMALL, legend_tag="h2", small=True),
        )


class NetworkContactForm(ProtectedFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages=text_messages(_("Your name"), 100, _("Enter your name")),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("The network will reply to this address. It is not shown on the website."),
        max_length=254,
        error_messages=email_messages(_("Your email address")),
    )
    message = forms.CharField(
        label=_("Your message"),
        help_text=_("Do not include details of a crime or an emergency. Call 999 in an emergency."),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=text_messages(_("Your message"), MESSAGE_MAX, _("Enter your message")),
    )
    consent = forms.BooleanField(
        label=_("I agree to my name, email address and message being sent to this network so it can reply"),
        error_messages={"required": _("Confirm that we can send your details to the network")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the page is drawn: a POST that is only checked never needs it."""
        helper = FormHelper()
        helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.textarea("message", rows=6, max_characters=MESSAGE_MAX),
            Field.checkbox("consent"),
            *honeypot_layout(),
            Button("submit", _("Send message"), data_prevent_double_click="true"),
        )
        return helper
