"""Admin lists of tables that grow without end (applications, bookings, emails,
subscribers, audit trails) cost the same at a hundred rows as at a million.

Django's admin counts every matching row on every page of a list, for its page
links and its "N applications" line. `LongListAdminMixin` counts no further than
`COUNT_LIMIT` rows: past that, the list says "more than 10,000" instead of the
exact number, and pages on as far as that. Filter, search or sort the other way
to reach older rows, or to count a smaller set exactly."""

from urllib.parse import quote as url_quote

from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

COUNT_LIMIT = 10_000


class MoreThan(int):
    """A count that stopped at `limit`: compares as limit + 1, reads as "more than limit"."""

    def __new__(cls, limit: int):
        value = super().__new__(cls, limit + 1)
        value.limit = limit
        return value

    def __str__(self) -> str:
        return gettext("more than %(limit)s") % {"limit": f"{self.limit:,}"}


class CappedCountPaginator(Paginator):
    """Counts with `SELECT COUNT(*) FROM (... LIMIT COUNT_LIMIT + 1)`, never the whole table."""

    count_limit = COUNT_LIMIT

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by()[: self.count_limit + 1].count()
        return MoreThan(self.count_limit) if counted > self.count_limit else counted

    def page(self, number):
        """As Django's, except that past the limit the last page is a full page:
        the rows after it exist though they were not counted."""
        if not isinstance(self.count, MoreThan):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


class OneReverseChangeList(ChangeList):
    """Django's list reverses the change page's URL once per row (a fifth of the
    time of a 50-row page); the URL is the same but for the key, so reverse once."""

    PLACEHOLDER = "PK-PLACEHOLDER"

    @cached_property
    def _change_url(self) -> str:
        return super().url_for_result(type("Row", (), {self.pk_attname: self.PLACEHOLDER})())

    def get_results(self, request):
        super().get_results(request)
        # The admin may load what its columns need for the page's rows at once
        # (`list_rows_prepare(rows) -> rows`), rather than a query or a prefetch per column.
        prepare = getattr(self.model_admin, "list_rows_prepare", None)
        if prepare is not None:
            self.result_list = prepare(list(self.result_list))

    def url_key(self, result) -> str:
        """The row's key as reverse() puts it in a path: admin-quoted, then percent-encoded."""
        return url_quote(str(quote(getattr(result, self.pk_attname))), safe="!$&'()*+,;=/~:@")

    def url_for_result(self, result):
        return self._change_url.replace(self.PLACEHOLDER, self.url_key(result))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class DirectSelect(forms.Select):
    """forms.Select drawn directly rather than through its templates (one render
    per option): the same HTML, for the action menu above every long list."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"  # the option template ends with a newline
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class DirectHiddenInput(forms.HiddenInput):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
        return mark_safe(
            f'<input type="hidden" name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
        )


class LongListActionForm(helpers.ActionForm):
    """Django's action form with the same widgets, drawn directly."""

    action = forms.ChoiceField(label=_("Action:"), widget=DirectSelect)
    select_across = forms.BooleanField(
        label="", required=False, initial=0, widget=DirectHiddenInput({"class": "select-across"})
    )


class LongListAdminMixin:
    """For a ModelAdmin whose list grows with the data."""

    paginator = CappedCountPaginator
    # Its rows are drawn by audit.list_rows (the `long_list_results` tag).
    change_list_template = "admin/long_list_change_list.html"
    show_full_result_count = False  # Django's second count, of the unfiltered table
    action_form = LongListActionForm

    def get_changelist(self, request, **kwargs):
        return OneReverseChangeList

    def action_checkbox(self, obj):
        return self.action_checkbox_drawer()(obj)

    def action_checkbox_drawer(self):
        """The same checkbox as Django's, written directly rather than through the
        form widget templates (one template render per row), its label translated
        once for a whole list (audit.list_rows)."""
        name = escape(helpers.ACTION_CHECKBOX_NAME)
        label = gettext("Select this object for an action - {}")

        def draw(obj):
            # As format_html(label, str(obj)): the translated label is the template, not escaped.
            return mark_safe(
                f'<input type="checkbox" name="{name}" value="{escape(obj.pk)}" class="action-select" '
                f'aria-label="{label.format(escape(str(obj)))}">'
            )

        return draw
