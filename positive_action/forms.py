import re
from decimal import Decimal, InvalidOperation

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Fluid, Layout, Size
from django import forms
from django.conf import settings
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from force.models import District
from form_drafts.forms import continue_buttons
from positive_action.models import Characteristic, Group, Role, Signup, WorkforceFigure
from protected_forms.control_characters import PlainTextMixin
from protected_forms.form_messages import choice_messages, email_messages, text_messages
from protected_forms.protection import ModelChoicesField, ProtectedFormMixin, honeypot_layout

UK_PHONE = re.compile(r"^(?:\+44|0044|0)\d{9,10}$")


def reference_pattern() -> str:
    return settings.PAP_CANDIDATE_REFERENCE_PATTERN


def reference_example() -> str:
    return settings.PAP_CANDIDATE_REFERENCE_EXAMPLE


class CandidateFieldsMixin(PlainTextMixin, forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages=text_messages(_("Full name"), 120, _("Enter your full name")),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages=email_messages(_("Email address")),
    )
    candidate_reference = forms.CharField(
        label=_("Candidate reference"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages=text_messages(_("Candidate reference"), 20, _("Enter your candidate reference")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate_reference"].help_text = _(
            "This is in the emails from the recruitment team. For example, %(example)s"
        ) % {"example": reference_example()}

    def clean_candidate_reference(self):
        value = re.sub(r"[\s-]", "", self.cleaned_data["candidate_reference"]).upper()
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
        error_messages=text_messages(_("Access needs"), 1000),
    )
    join_waiting_list = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, waiting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.waiting = waiting

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the page is drawn: a POST that is only checked never needs it."""
        helper = FormHelper()
        helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("candidate_reference", field_width=Fluid.ONE_THIRD),
            Field.textarea("access_needs", rows=3, max_characters=1000),
            "join_waiting_list",
            *honeypot_layout(),
            Button(
                "submit",
                _("Join the waiting list") if self.waiting else _("Book a place"),
                data_prevent_double_click="true",
            ),
        )
        return helper


class SignupForm(CandidateFieldsMixin):
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("A UK phone number, for example 07700 900 982"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        error_messages=text_messages(_("Phone number"), 30, _("Enter your phone number")),
    )
    role = forms.ModelChoiceField(
        label=_("Which role did you apply for?"),
        queryset=Role.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages=choice_messages(_("a role"), _("Select the role you applied for")),
    )
    stage = forms.ChoiceField(
        label=_("Which stage have you reached?"),
        choices=Signup.Stage.choices,
        widget=forms.RadioSelect,
        error_messages=choice_messages(_("a stage"), _("Select the stage you have reached")),
    )
    district = forms.ModelChoiceField(
        label=_("Which district do you live in? (optional)"),
        help_text=_("We use this to find you a buddy nearby."),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Choose a district"),
        error_messages=choice_messages(_("a district")),
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
        error_messages=text_messages(_("Adjustments"), 1000),
    )
    groups = ModelChoicesField(
        label=_("Which of these groups do you identify with? (optional)"),
        help_text=_("Select all that apply. Only staff with permission can see this answer."),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=choice_messages(_("groups")),
    )
    prefer_not_to_say = forms.BooleanField(label=_("Prefer not to say"), required=False)
    consent = forms.BooleanField(
        label=_("I agree that the force may keep these details to support me through recruitment"),
        error_messages={"required": _("Confirm that you agree to us keeping your details")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Role.objects.filter(open_to_applicants=True)
        self.fields["groups"].queryset = Group.objects.filter(offered_at_signup=True).select_related("characteristic")

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the page is drawn: a POST that is only checked never needs it."""
        helper = FormHelper()
        helper.layout = Layout(
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
            continue_buttons(),
        )
        return helper

    def clean_phone(self):
        digits = re.sub(r"[\s()-]", "", self.cleaned_data["phone"])
        if not UK_PHONE.match(digits):
            raise forms.ValidationError(_("Enter a UK phone number, like 07700 900 982 or 01632 960 001"))
        return digits

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

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the page is drawn: a POST that is only checked never needs it."""
        helper = FormHelper()
        helper.layout = Layout(
            *honeypot_layout(), Button("submit", _("Accept and send"), data_prevent_double_click="true")
        )
        return helper


# The workforce figures CSV, one WorkforceFigureRowForm per row.
COLUMNS = [
    "characteristic",
    "group",
    "role",
    "period",
    "workforce_percent",
    "population_percent",
    "applicant_percent",
    "source",
    "illustrative",
]


class FiguresUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of workforce figures"),
        help_text=_("Columns: %(columns)s"),
        error_messages={"required": _("Choose a CSV file"), "empty": _("The file is empty")},
    )

    def __init__(self, *args, **kwargs):
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


def _column_messages(column: str, **messages) -> dict:
    """Error messages that name the CSV column, as the import reports them."""
    named = {code: text.replace("{column}", column) for code, text in messages.items()}
    return {"required": f"missing {column}", **named}


class PercentField(forms.DecimalField):
    """A share from 0 to 100, written as 33, 33.5 or 33%, kept to two decimal places."""

    def __init__(self, column: str, **kwargs):
        between = "{column} must be between 0 and 100"
        messages = _column_messages(
            column, invalid="{column} '%(value)s' is not a number", min_value=between, max_value=between
        )
        super().__init__(min_value=0, max_value=100, error_messages=messages, **kwargs)

    def to_python(self, value):
        value = (value or "").strip().removesuffix("%").strip()
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            message = self.error_messages["invalid"]
            raise forms.ValidationError(message, code="invalid", params={"value": value}) from None
        if not number.is_finite():  # NaN, Infinity
            message = self.error_messages["max_value"]
            raise forms.ValidationError(message, code="max_value", params={"limit_value": 100})
        return number.quantize(Decimal("0.01")) if 0 <= number <= 100 else number


def _text(column: str, model_field) -> forms.CharField:
    """A text column, no longer than the model field it is saved in."""
    limit = model_field.max_length
    return forms.CharField(
        max_length=limit,
        error_messages=_column_messages(column, max_length=f"{{column}} is longer than {limit} characters"),
    )


class WorkforceFigureRowForm(forms.Form):
    """One row of a workforce figures CSV file (positive_action.services.figures).
    `roles` maps each role's lower-case name and slug to the role."""

    YES = {"yes", "y", "true", "1"}
    NO = {"no", "n", "false", "0", ""}

    characteristic = _text("characteristic", Characteristic._meta.get_field("name"))
    group = _text("group", Group._meta.get_field("name"))
    role = forms.CharField(error_messages=_column_messages("role"))
    period = _text("period", WorkforceFigure._meta.get_field("period"))
    workforce_percent = PercentField("workforce_percent")
    population_percent = PercentField("population_percent")
    applicant_percent = PercentField("applicant_percent", required=False)
    source = _text("source", WorkforceFigure._meta.get_field("source"))
    illustrative = forms.CharField(required=False)

    def __init__(self, *args, roles: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles

    def clean_role(self):
        name = self.cleaned_data["role"]
        role = self.roles.get(name.lower())
        if role is None:
            raise forms.ValidationError(f"unknown role '{name}'", code="unknown_role")
        return role

    def clean_population_percent(self):
        value = self.cleaned_data["population_percent"]
        if value == 0:
            raise forms.ValidationError("population_percent must be more than 0", code="zero_population")
        return value

    def clean_illustrative(self):
        value = self.cleaned_data["illustrative"].lower()
        if value not in self.YES | self.NO:
            raise forms.ValidationError("illustrative must be yes or no", code="yes_or_no")
        return value in self.YES

    def problems(self) -> str:
        """Every reason the row was refused, in column order, in one line."""
        return "; ".join(message for errors in self.errors.values() for message in errors)
