from django import forms
from django.utils.translation import gettext_lazy as _

from iag.models import AdvisoryGroup
from iag_work.models import AdviceStatus, Theme


class AdviceFilterForm(forms.Form):
    """The GET form above the list: works without JavaScript. Unknown values are ignored."""

    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=AdvisoryGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All groups"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *AdviceStatus.choices], required=False
    )

    def filters(self) -> dict:
        """The filters that are valid; a bad value in one does not drop the others."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        theme = data.get("theme")
        return {"group": data.get("group"), "theme": theme.slug if theme else "", "status": data.get("status", "")}
