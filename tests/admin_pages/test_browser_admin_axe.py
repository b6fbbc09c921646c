"""axe-core in Chromium on every admin page the diversity unit's staff reach: the
sign-in page, the index and each section, every list, add and change page, and
the custom pages (subject access, erasure, CSV import, buddy assignment, the
Dispatch preview and send pages). WCAG 2.0, 2.1 and 2.2 A and AA: 0 violations.
Staff tools are covered by the accessibility regulations too."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import AXE_SOURCE, StaffClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def wcag_violations(page) -> list[dict]:
    page.evaluate(AXE_SOURCE.read_text())
    return page.evaluate(
        """async tags => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                rules: {'empty-table-header': {enabled: true}}});
            return r.violations.map(v => ({id: v.id, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }""",
        WCAG_AA,
    )


def admin_paths(user) -> list[str]:
    """Every admin page `user` may open, with the first row of each list for its change page."""
    from dispatch.models import Issue
    from positive_action.models import Signup

    request = RequestFactory().get("/admin/")
    request.user = user
    paths, apps = [reverse("admin:index"), reverse("admin:password_change")], set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        url = f"admin:{opts.app_label}_{opts.model_name}"
        if not model_admin.has_view_permission(request):
            continue
        apps.add(opts.app_label)
        paths.append(reverse(f"{url}_changelist"))
        if model_admin.has_add_permission(request):
            paths.append(reverse(f"{url}_add"))
        rows = model_admin.get_queryset(request)
        obj = (rows if rows.ordered else rows.order_by("-pk")).first()
        if obj is not None:
            paths.append(reverse(f"{url}_change", args=[obj.pk]))
    paths += [reverse("admin:app_list", args=[app]) for app in sorted(apps)]
    issue, signup = Issue.objects.order_by("pk").first(), Signup.objects.order_by("pk").first()
    paths += [
        reverse("admin:personal_data_subject_access"),
        reverse("admin:personal_data_subject_erase"),
        reverse("admin:positive_action_workforcefigure_import"),
        reverse("admin:positive_action_signup_assign", args=[signup.pk]),
        reverse("admin:dispatch_issue_preview", args=[issue.pk]),
        reverse("admin:dispatch_issue_send", args=[issue.pk]),
    ]
    return paths


def test_the_staff_sign_in_page_has_no_axe_violations(browser_page):
    browser_page.goto(reverse("admin:login"))
    assert browser_page.locator("h1").count() == 1
    assert wcag_violations(browser_page) == []


def test_every_admin_page_the_unit_uses_has_no_axe_violations(
    browser, live_server, every_model_has_a_row, unit_officer
):
    settings.ALLOWED_HOSTS = ["*"]
    client = StaffClient()
    client.force_login(unit_officer)  # with the authenticator code, as after a full sign-in
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page = context.new_page()
    found, checked = {}, 0
    try:
        for path in admin_paths(unit_officer):
            response = page.goto(path)
            if response.status == 403:
                continue
            assert response.status == 200, (path, response.status)
            assert not page.url.startswith(live_server.url + reverse("admin:login")), f"signed out at {path}"
            checked += 1
            violations = wcag_violations(page)
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert checked >= 60
    assert found == {}, "\n".join(f"{path}: {violations}" for path, violations in found.items())
