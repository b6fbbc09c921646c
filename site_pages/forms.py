from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from protected_forms.form_messages import text_messages
from protected_forms.protection import ProtectedFormMixin, honeypot_layout
from site_pages.models import Feedback


class FeedbackForm(ProtectedFormMixin, forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("Overall, how did you feel about this website?"),
        choices=Feedback.Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you felt about this website")},
    )
    comments = forms.CharField(
        label=_("How could we improve it?"),
        help_text=_("Do not include personal or financial information, like your name or address."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=text_messages(_("How we could improve it"), 2000, _("Tell us how we could improve the website")),
    )
    page = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the page is drawn: a POST that is only checked never needs it."""
        helper = FormHelper()
        helper.layout = Layout(
            Field.radios("satisfaction", legend_size=Size.MEDIUM),
            Field.textarea("comments", label_size=Size.MEDIUM, rows=5, max_characters=2000),
            "page",
            *honeypot_layout(),
            Button("submit", _("Send feedback"), data_prevent_double_click="true"),
        )
        return helper


class CookiePreferencesForm(forms.Form):
    analytics = forms.ChoiceField(
        label=_("Do you want to accept cookies that measure how the website is used?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you accept cookies that measure website use")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("analytics", legend_size=Size.MEDIUM, inline=True),
            Button("submit", _("Save cookie settings")),
        )
