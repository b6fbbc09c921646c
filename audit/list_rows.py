"""The rows of a long admin list, drawn as Django draws them, for less.

Django's `items_for_result` works out, for every cell of every row, which field
or method the column shows, how to display it, its CSS class and the change
page's link (parsing the URL again to add the list's filters). Measured on the
applications list: two fifths of the page's time. `LongListRows` works all that
out once per column and then only reads each row's values. The HTML is the same
as Django's (tests/admin_pages/test_long_lists.py compares them); lists it does
not cover (editable lists, pop-ups) are drawn by Django."""

import datetime
from html import escape as html_escape

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    _coerce_field_name,
    result_headers,
    result_list,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from audit.long_lists import LongListAdminMixin


class _Column:
    """One column of the list: what it reads and how it shows it, found once."""

    def __init__(self, cl, index: int, name, is_link: bool, is_first_link: bool):
        model_admin = cl.model_admin
        self.name = name
        self.is_link = is_link
        self.tag = "th" if is_first_link else "td"
        self.empty = model_admin.get_empty_value_display()
        self.plain_css = f"field-{_coerce_field_name(name, index)}"
        self.css = self.plain_css
        self.field = self.method = None
        self.show = None  # a faster way to display this column's values, where there is one
        try:
            self.field = _get_non_gfk_field(cl.lookup_opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            self._method_column(model_admin, name)
        else:
            self._field_column(self.field)

    def _method_column(self, model_admin, name):
        if name == "action_checkbox":
            self.css = "action-checkbox"
        if callable(name):
            self.method = name
        elif name == "action_checkbox" and type(model_admin).action_checkbox is LongListAdminMixin.action_checkbox:
            self.method = model_admin.action_checkbox_drawer()
        elif hasattr(model_admin, name) and name != "__str__":
            self.method = getattr(model_admin, name)
        else:  # a model attribute or property: Django's own lookup, per row
            self.model_admin = model_admin
            return
        self.empty = getattr(self.method, "empty_value_display", self.empty)
        self.boolean = getattr(self.method, "boolean", False)

    def _field_column(self, field):
        if field.auto_created:
            return
        self.foreign_key = isinstance(field.remote_field, models.ManyToOneRel)
        if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
            self.css += " nowrap"
        if self.foreign_key:
            return
        empty = self.empty
        if getattr(field, "flatchoices", None):
            try:
                labels = {value: conditional_escape(label) for value, label in field.flatchoices}
            except TypeError:  # list-like choices: Django's own display handles them
                return
            self.show = lambda value: labels.get(value, empty)
        elif isinstance(field, models.DateTimeField):
            # As formats.localize(timezone.template_localtime(value)), the format looked up once.
            date_format = get_format("DATETIME_FORMAT")
            self.show = lambda value: (
                empty if value is None else dateformat.format(timezone.template_localtime(value), date_format)
            )
        elif isinstance(field, models.CharField | models.TextField):
            self.show = lambda value: (value or empty) if type(value) is str else display_for_field(value, field, empty)

    def display(self, obj):
        """(the cell's content, its class), as items_for_result works them out."""
        try:
            if self.field is not None:
                f, attr, value = self.field, None, getattr(obj, self.name)
            elif self.method is not None:
                f, attr, value = None, self.method, self.method(obj)
            else:
                f, attr, value = lookup_field(self.name, obj, self.model_admin)
        except ObjectDoesNotExist:
            return self.empty, self.plain_css
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if self.show is not None:
            return self.show(value), self.css
        if f is None or f.auto_created:
            return self._display_value(value, attr)
        if self.foreign_key:
            related = getattr(obj, f.name)
            return (self.empty if related is None else related), self.css
        return display_for_field(value, f, self.empty, avoid_link=self.is_link), self.css

    def _display_value(self, value, attr):
        css = self.css
        if self.method is not None:
            empty, boolean = self.empty, self.boolean
            if type(value) is str and not boolean:
                return (value or empty), css
        else:
            empty = getattr(attr, "empty_value_display", self.empty)
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
        if isinstance(value, datetime.date | datetime.time):
            css += " nowrap"
        return display_for_value(value, empty, boolean), css


class LongListRows:
    """Draws the rows of `cl`, a long list's ChangeList (audit.long_lists)."""

    def __init__(self, cl):
        self.cl = cl
        links = cl.list_display_links
        self.columns = []
        first = True
        for index, name in enumerate(cl.list_display):
            is_link = links is not None and ((first and not links) or name in links)
            self.columns.append(_Column(cl, index, name, is_link, is_link and first))
            first = first and not is_link
        self.change_url = self._change_url()

    def _change_url(self):
        """The change page's URL with the list's filters (escaped for an attribute),
        split where the row's key goes."""
        cl = self.cl
        try:
            url = cl.url_for_result(type("Row", (), {cl.pk_attname: cl.PLACEHOLDER})())
        except NoReverseMatch:
            return None
        url = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)
        path, mark, query = url.partition("?")
        before, _placeholder, after = path.partition(cl.PLACEHOLDER)
        return html_escape(before), html_escape(after + mark + query)

    def row(self, obj) -> str:
        cells = []
        for column in self.columns:
            shown, css = column.display(obj)
            content = conditional_escape(shown)
            if column.is_link and self.change_url is not None:
                before, after = self.change_url
                content = f'<a href="{before}{html_escape(self.cl.url_key(obj))}{after}">{content}</a>'
            cells.append(f'<{column.tag} class="{css}">{content}</{column.tag}>')
        return "".join(cells)

    def results(self) -> list:
        return [ResultList(None, [mark_safe(self.row(obj))]) for obj in self.cl.result_list]


def long_list_result_list(cl):
    """The context of Django's `result_list` tag, with the rows drawn by LongListRows."""
    if cl.formset or cl.is_popup or not hasattr(cl, "url_key"):
        return result_list(cl)
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": LongListRows(cl).results(),
    }
