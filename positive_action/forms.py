import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Fluid, Layout, Size
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from engagement_site.models import District
from engagement_site.protection import ModelChoicesField, ProtectedFormMixin, honeypot_layout
from positive_action.models import Group, Role, Signup

UK_PHONE = re.compile(r"^(?:\+44|0044|0)\d{9,10}$")


def reference_pattern() -> str:
    return getattr(settings, "PAP_CANDIDATE_REFERENCE_PATTERN", r"^[A-Z]{3}[0-9]{6}$")


def reference_example() -> str:
    return getattr(settings, "PAP_CANDIDATE_REFERENCE_EXAMPLE", "ABC123456")


def no_nul(value: str, label: str) -> str:
    if "\x00" in value:
        raise forms.ValidationError(_("%(label)s contains characters we cannot accept") % {"label": label})
    return value.strip()


class CandidateFieldsMixin(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Full name must be 120 characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    candidate_reference = forms.CharField(
        label=_("Candidate reference"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter your candidate reference")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label or "This answer").replace(" (optional)", "")
            field.error_messages["null_characters_not_allowed"] = _(
                "%(label)s contains characters we cannot accept"
            ) % {"label": label}
        self.fields["candidate_reference"].help_text = _(
            "This is in the emails from the recruitment team. For example, %(example)s"
        ) % {"example": reference_example()}

    def clean_name(self):
        return no_nul(self.cleaned_data["name"], "Full name")

    def clean_candidate_reference(self):
        value = re.sub(r"[\s-]", "", no_nul(self.cleaned_data["candidate_reference"], "Candidate reference")).upper()
        if not re.match(reference_pattern(), value):
            raise forms.ValidationError(
                _("Enter your candidate reference in the right format, for example %(example)s")
                % {"example": reference_example()}
            )
        return value


class BookingForm(ProtectedFormMixin, CandidateFieldsMixin):
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        help_text=_("Tell us anything that would help you take part, such as step-free access or a hearing loop."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Access needs must be 1,000 characters or fewer")},
    )
    join_waiting_list = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, waiting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        label = _("Join the waiting list") if waiting else _("Book a place")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("candidate_reference", field_width=Fluid.ONE_THIRD),
            Field.textarea("access_needs", rows=3, max_characters=1000),
            "join_waiting_list",
            *honeypot_layout(),
            Button("submit", label, data_prevent_double_click="true"),
        )

    def clean_access_needs(self):
        return no_nul(self.cleaned_data["access_needs"], "Access needs")


class SignupForm(CandidateFieldsMixin):
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("A UK phone number, for example 07700 900 982"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        error_messages={"required": _("Enter your phone number")},
    )
    role = forms.ModelChoiceField(
        label=_("Which role did you apply for?"),
        queryset=Role.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Select the role you applied for"),
            "invalid_choice": _("Select a role from the list"),
        },
    )
    stage = forms.ChoiceField(
        label=_("Which stage have you reached?"),
        choices=Signup.Stage.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the stage you have reached"),
            "invalid_choice": _("Select a stage from the list"),
        },
    )
    district = forms.ModelChoiceField(
        label=_("Which district do you live in? (optional)"),
        help_text=_("We use this to find you a buddy nearby."),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Choose a district"),
        error_messages={"invalid_choice": _("Select a district from the list")},
    )
    wants_buddy = forms.TypedChoiceField(
        label=_("Would you like a buddy?"),
        help_text=_("A trained officer or member of staff who supports you through the rest of the process."),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you would like a buddy")},
    )
    adjustments = forms.CharField(
        label=_("Do you need any adjustments? (optional)"),
        help_text=_("For example, extra time, a quiet room, or information in another format."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Adjustments must be 1,000 characters or fewer")},
    )
    groups = ModelChoicesField(
        label=_("Which of these groups do you identify with? (optional)"),
        help_text=_("Select all that apply. Only diversity unit staff with permission can see this answer."),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Select groups from the list"),
            "invalid_pk_value": _("Select groups from the list"),
        },
    )
    prefer_not_to_say = forms.BooleanField(label=_("Prefer not to say"), required=False)
    consent = forms.BooleanField(
        label=_("I agree that the diversity unit may keep these details to support me through recruitment"),
        error_messages={"required": _("Confirm that you agree to us keeping your details")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Role.objects.filter(open_to_applicants=True)
        self.fields["groups"].queryset = Group.objects.filter(offered_at_signup=True).select_related("characteristic")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                Field.text("name", field_width=Fluid.TWO_THIRDS),
                Field.text("email", field_width=Fluid.TWO_THIRDS),
                Field.text("phone", field_width=Fluid.ONE_THIRD),
                legend=_("Your details"),
                legend_size=Size.MEDIUM,
            ),
            Field.text("candidate_reference", field_width=Fluid.ONE_THIRD),
            Field.radios("role", legend_size=Size.SMALL),
            Field.radios("stage", legend_size=Size.SMALL),
            Field.select("district"),
            Field.radios("wants_buddy", legend_size=Size.SMALL, inline=True),
            Field.textarea("adjustments", rows=3, max_characters=1000),
            Field.checkboxes("groups", legend_size=Size.SMALL, small=True),
            Field.checkbox("prefer_not_to_say", small=True),
            Field.checkbox("consent"),
            Button("submit", _("Continue")),
        )

    def clean_phone(self):
        raw = no_nul(self.cleaned_data["phone"], "Phone number")
        digits = re.sub(r"[\s()-]", "", raw)
        if not UK_PHONE.match(digits):
            raise forms.ValidationError(_("Enter a UK phone number, like 07700 900 982 or 01632 960 001"))
        return digits

    def clean_adjustments(self):
        return no_nul(self.cleaned_data["adjustments"], "Adjustments")

    def clean(self):
        data = super().clean()
        if data.get("groups") and data.get("prefer_not_to_say"):
            self.add_error(
                "prefer_not_to_say", _("Select the groups you identify with, or 'Prefer not to say', but not both")
            )
        return data

    @property
    def stage_label(self) -> str:
        return str(dict(Signup.Stage.choices).get(self.cleaned_data.get("stage"), ""))

    @property
    def groups_label(self) -> str:
        if self.cleaned_data.get("prefer_not_to_say"):
            return str(_("Prefer not to say"))
        groups = self.cleaned_data.get("groups") or []
        return ", ".join(group.name for group in groups) or str(_("Not answered"))


class SignupConfirmForm(ProtectedFormMixin, forms.Form):
    """The check-your-answers page: only the token and the honeypot."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *honeypot_layout(), Button("submit", _("Accept and send"), data_prevent_double_click="true")
        )


class FiguresUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of workforce figures"),
        help_text=_("Columns: %(columns)s"),
        error_messages={"required": _("Choose a CSV file"), "empty": _("The file is empty")},
    )

    def __init__(self, *args, **kwargs):
        from positive_action.services.figures import COLUMNS

        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"columns": ", ".join(COLUMNS)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 512 * 1024:
            raise forms.ValidationError(_("The file must be smaller than 512 KB"))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file must be a CSV saved as UTF-8 text")) from None
