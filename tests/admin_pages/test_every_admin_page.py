"""Every model registered in admin: the list, the add page and the first
object's change page open, and the change form saves when posted back as the
browser would send it, unchanged and with one edit. Never a 500."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """What a browser would submit from the admin change form, and the fields a
    person could type into."""

    TEXT_TYPES = {"text", "number", "email", "url", "tel", "search", "date", "time", "password", "hidden"}

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[list] = []  # [name, value, kind, attrs]
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: ("" if value is None else value) for key, value in attrs}
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in self.TEXT_TYPES:
                self.fields.append([name, attrs.get("value", ""), kind, attrs])
            elif kind in ("checkbox", "radio"):
                self.fields.append([name, attrs.get("value", "on"), kind, attrs])
        elif tag == "textarea" and name:
            self.textarea = [name, "", "textarea", attrs]
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": [], "attrs": attrs}
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}
            self.select["options"].append(self.option)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            value = self.textarea[1]
            self.textarea[1] = value[1:] if value.startswith("\n") else value  # as browsers do
            self.fields.append(self.textarea)
            self.textarea = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            for option in options:
                if option["value"] is None:
                    option["value"] = option["text"].strip()
            chosen = [o["value"] for o in options if o["selected"]]
            if not chosen and not self.select["multiple"] and options:
                chosen = [options[0]["value"]]
            kind = "select-multiple" if self.select["multiple"] else "select"
            for value in chosen:
                self.fields.append([self.select["name"], value, kind, {**self.select["attrs"], "options": options}])
            if not chosen:
                self.fields.append([self.select["name"], None, kind, {**self.select["attrs"], "options": options}])
            self.select = None


def form_data(fields, *, checked_only=True) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value, kind, attrs in fields:
        if value is None:
            continue
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            continue
        data.setdefault(name, []).append(value)
    return data


def edits(fields):
    """One-field edits to try, most likely to be valid first."""
    people_type_here = [f for f in fields if "-" not in f[0] and not f[0].startswith("_") and "readonly" not in f[3]]
    for name, value, kind, attrs in people_type_here:
        if kind == "textarea":
            limit = int(attrs.get("maxlength") or 10_000)
            yield name, lambda data, n=name, v=value, m=limit: data.update({n: [(v + " Edited.")[:m]]})
    for name, value, kind, attrs in people_type_here:
        if kind == "text" and value:
            limit = int(attrs.get("maxlength") or 10_000)
            new = (value + "-edited")[:limit] if value[-1:].isalpha() else value[:-1] + "9"
            yield name, lambda data, n=name, v=new: data.update({n: [v]})
    for name, _value, kind, attrs in people_type_here:
        if kind == "checkbox":
            on = "checked" in attrs
            yield name, lambda data, n=name, a=attrs, on=on: data.pop(n) if on else data.update({n: [a["value"]]})
    for name, value, kind, attrs in people_type_here:
        if kind == "select":
            others = [o["value"] for o in attrs["options"] if o["value"] not in (value, "")]
            if others:
                yield name, lambda data, n=name, v=others[0]: data.update({n: [v]})


def parse(html: str, form_id: str) -> list:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def request_safely(problems: list, label: str, call):
    """Make one request in a savepoint, so a failure (or an aborted
    PostgreSQL transaction) is reported and does not spoil the next one."""
    try:
        with transaction.atomic():
            return call()
    except Exception as error:  # a 500 in the view: record it and carry on
        problems.append(f"{label}: {type(error).__name__}: {error}")
        return None


# On a page, these show special category answers (or who gave them).
SPECIAL_CATEGORY_MARKERS = (
    ">Equality monitoring (special category)</h2>",  # the fieldset with the answers
    "Groups they belong to:</label>",  # a programme sign-up's equality answers
    "answered_monitoring=",  # the filter by who answered
)


def shows_special_category(response) -> bool:
    html = response.content.decode().lower() if response is not None and response.status_code == 200 else ""
    return any(marker.lower() in html for marker in SPECIAL_CATEGORY_MARKERS)  # admin capitalises labels


def walk_every_admin_page(client, user) -> list[str]:
    """Problems found on every admin page `user` can open; for staff without the
    special category permission, also any page that shows special category answers."""
    problems: list[str] = []
    special = user.has_perm("iag.view_special_category")
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"{opts.app_label}.{opts.model_name}"
        url = f"admin:{opts.app_label}_{opts.model_name}"
        if not model_admin.has_module_permission(request) and not model_admin.has_view_permission(request):
            continue
        response = request_safely(problems, f"{name} list", lambda u=url: client.get(reverse(f"{u}_changelist")))
        if response is not None and response.status_code not in (200, 403):
            problems.append(f"{name} list: {response.status_code}")
        if not special and shows_special_category(response):
            problems.append(f"{name} list shows special category data")
        if response is not None and response.status_code == 403 and model_admin.has_view_permission(request):
            problems.append(f"{name} list: 403 for staff who may view it")
        if model_admin.has_add_permission(request):
            response = request_safely(problems, f"{name} add", lambda u=url: client.get(reverse(f"{u}_add")))
            if response is not None and response.status_code != 200:
                problems.append(f"{name} add: {response.status_code}")
        rows = model_admin.get_queryset(request)
        obj = (rows if rows.ordered else rows.order_by("-pk")).first()  # the first row of the list
        if obj is None:
            problems.append(f"{name}: no row to open (build one in every_model_has_a_row)")
            continue
        change_url = reverse(f"{url}_change", args=[obj.pk])
        response = request_safely(problems, f"{name} change page", lambda u=change_url: client.get(u))
        if response is None:
            continue
        if not model_admin.has_view_or_change_permission(request, obj):
            if response.status_code != 403:
                problems.append(f"{name} change page: {response.status_code}, expected 403")
            continue
        if response.status_code != 200:
            problems.append(f"{name} change page: {response.status_code}")
            continue
        if not special and shows_special_category(response):
            problems.append(f"{name} change page shows special category data")
        html = response.content.decode()
        if 'name="_save"' not in html:
            continue  # view only: nothing to post
        fields = parse(html, f"{opts.model_name}_form")
        unchanged = {**form_data(fields), "_save": ["Save"]}
        response = request_safely(
            problems, f"{name} save unchanged", lambda u=change_url, d=unchanged: client.post(u, d)
        )
        if response is not None and response.status_code != 302:
            problems.append(f"{name} save unchanged: {response.status_code} {form_errors(response)}")
        tried = []
        for field, change in edits(fields):
            data = {key: list(values) for key, values in unchanged.items()}
            change(data)
            response = request_safely(
                problems, f"{name} save with {field} edited", lambda u=change_url, d=data: client.post(u, d)
            )
            if response is None:
                break
            if response.status_code == 302:
                break
            tried.append(f"{field}: {response.status_code} {form_errors(response)}")
            if len(tried) == 4:
                break
        if tried and (len(tried) == 4 or (response is not None and response.status_code != 302)):
            problems.append(f"{name} save with one edit: " + "; ".join(tried))
    return problems


def form_errors(response) -> str:
    context = getattr(response, "context", None)
    if not context or "adminform" not in context:
        return ""
    errors = dict(context["adminform"].form.errors)
    for formset in context.get("inline_admin_formsets", []):
        errors.update({f"{formset.formset.prefix}": formset.formset.errors})
        if formset.formset.non_form_errors():
            errors[f"{formset.formset.prefix} (formset)"] = formset.formset.non_form_errors()
    return str(errors)


def test_every_admin_page_opens_and_saves_for_the_unit_lead(client, every_model_has_a_row, unit_lead):
    problems = walk_every_admin_page(client, unit_lead)
    assert not problems, "\n".join(problems)


def test_every_admin_page_opens_and_saves_for_staff_without_special_category_access(
    client, every_model_has_a_row, unit_officer
):
    problems = walk_every_admin_page(client, unit_officer)
    assert not problems, "\n".join(problems)
