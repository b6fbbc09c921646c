"""Staff work in Django admin under the same strict Content-Security-Policy."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_signs_in_and_works_with_no_csp_violations(browser_page, django_user_model):
    from force import demo
    from site_pages.services import feedback_create

    demo.load(force="essex")
    feedback_create(satisfaction="satisfied", comments="Fine", page="/")
    from staff_accounts.staff import current_code, staff_totp_device

    user = django_user_model.objects.create_superuser("unit", "unit@example.org", "a-long-pass-phrase")
    device = staff_totp_device(user)
    page = browser_page
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)

    page.goto("/admin/")
    page.get_by_label("Username").fill("unit")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Notifications", exact=True).click()
    assert "New website feedback" in page.locator("#result_list").inner_text()
    page.get_by_role("link", name="Sent").first.click()  # a list filter
    page.goto("/admin/force/district/")
    assert page.get_by_text("Colchester").is_visible()
    assert refused == []
