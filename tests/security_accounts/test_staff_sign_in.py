"""Staff sign-in: a code from an authenticator app, lockout, idle and absolute expiry."""

import re
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from staff_accounts.middleware import SEEN, STARTED
from staff_accounts.staff import current_code, staff_totp_device

from .conftest import make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, username="unit", password="a-long-pass-phrase", code="", **extra):
    return client.post(LOGIN, {"username": username, "password": password, "otp_token": code}, **extra)


GENERIC = "Enter a correct username, password and code from your authenticator app"


def wrong_code(device) -> str:
    return "000000" if current_code(device) != "000000" else "111111"


def page_without_tokens(response) -> str:
    """The page, less the CSRF token (masked afresh for every response)."""
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_admin_needs_password_and_the_current_code(client, otp_enforced):
    device = staff_totp_device(make_staff())
    assert "Code from your authenticator app" in client.get(LOGIN).content.decode()
    missing = sign_in(client)
    assert missing.status_code == 200 and GENERIC in missing.content.decode()
    wrong = sign_in(client, code=wrong_code(device))
    assert wrong.status_code == 200 and GENERIC in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    throttled = sign_in(client, code=current_code(device))  # django-otp makes the next try wait a moment
    assert throttled.status_code == 200 and GENERIC in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    ok = sign_in(client, code=current_code(device))
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_with_the_right_password_looks_like_a_wrong_password(client, otp_enforced):
    device = staff_totp_device(make_staff())
    wrong_password = page_without_tokens(sign_in(client, password="wrong-guess", code=current_code(device)))
    device.throttle_reset()
    wrong_code_only = page_without_tokens(sign_in(client, code=wrong_code(device)))
    no_code = page_without_tokens(sign_in(client, code=""))
    throttled = page_without_tokens(sign_in(client, code=current_code(device)))
    assert GENERIC in wrong_password
    assert wrong_code_only == wrong_password
    assert no_code == wrong_password
    assert throttled == wrong_password
    assert "a-long-pass-phrase" not in wrong_code_only  # the password is not kept in the page
    assert client.get("/admin/").status_code == 302


def test_the_sign_in_page_asks_for_all_three_at_once_and_offers_no_device_list(client, otp_enforced):
    staff_totp_device(make_staff())
    page = client.get(LOGIN).content.decode()
    for name in ("username", "password", "otp_token"):
        assert f'name="{name}"' in page
    after_right_password = sign_in(client, code="").content.decode()
    assert 'name="otp_device"' not in after_right_password and 'name="otp_challenge"' not in after_right_password


def test_a_code_cannot_be_used_twice(client, otp_enforced):
    device = staff_totp_device(make_staff())
    code = current_code(device)
    assert sign_in(client, code=code).status_code == 302
    client.logout()
    assert sign_in(client, code=code).status_code == 200


def test_staff_without_an_authenticator_cannot_sign_in(client, otp_enforced):
    make_staff()
    response = sign_in(client, code="123456")
    assert response.status_code == 200 and GENERIC in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_password_only_session_does_not_open_admin(client, otp_enforced):
    client.force_login(make_staff())
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_second_factor_can_be_switched_off_by_setting(client, otp_enforced, settings):
    settings.ADMIN_REQUIRE_OTP = False
    make_staff()
    assert "Code from your authenticator app" not in client.get(LOGIN).content.decode()
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_wrong_passwords_lock_the_account_out(client, otp_enforced, settings):
    device = staff_totp_device(make_staff())
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, password="wrong-guess").status_code == 200
    assert sign_in(client, password="wrong-guess").status_code == 429
    locked = sign_in(client, code=current_code(device))
    assert locked.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, otp_enforced, settings):
    device = staff_totp_device(make_staff())
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, code="12345")
    assert sign_in(client, code=current_code(device)).status_code == 429


def test_a_spoofed_forwarded_for_header_does_not_get_round_the_lockout(client, otp_enforced, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    make_staff()
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        response = sign_in(client, password="wrong-guess", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert response.status_code == 429


def test_other_accounts_are_locked_from_a_guessing_address(client, otp_enforced, settings):
    make_staff("other")
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username=f"guess{n}", password="wrong-guess")
    assert sign_in(client, username="other").status_code == 429


def _age_session(client, *, idle: int = 0, since_start: int = 0):
    session = client.session
    now = int(time.time())
    session[SEEN] = now - idle
    session[STARTED] = now - since_start
    session.save()


def test_staff_session_ends_after_idle_time(client, settings):
    client.force_login(make_staff("idle", "iag.view_application"))
    assert client.get("/admin/").status_code == 200
    _age_session(client, idle=settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get("/admin/").status_code == 200  # still within the idle time, and it is refreshed
    assert time.time() - client.session[SEEN] < 5
    _age_session(client, idle=settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_staff_session_ends_after_the_absolute_time_even_when_busy(client, settings):
    client.force_login(make_staff("busy"))
    _age_session(client, idle=10, since_start=settings.SESSION_ABSOLUTE_TIMEOUT + 1)
    assert client.get("/admin/").status_code == 302


def test_sign_in_starts_both_clocks(client, otp_enforced):
    device = staff_totp_device(make_staff())
    sign_in(client, code=current_code(device))
    assert time.time() - client.session[STARTED] < 5 and time.time() - client.session[SEEN] < 5


def test_staff_totp_command_prints_a_key_and_a_working_code(capsys, client, otp_enforced):
    make_staff()
    call_command("staff_totp", "unit")
    out = capsys.readouterr().out
    assert "Authenticator key for unit:" in out and "otpauth://totp/" in out
    call_command("staff_totp", "unit", "--code")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and sign_in(client, code=code).status_code == 302


def test_demo_staff_login_prints_the_second_factor(capsys, client, otp_enforced):
    call_command("load_demo", "--staff-password", "a-long-demo-password")
    out = capsys.readouterr().out
    assert "Staff login: diversity.admin / a-long-demo-password" in out
    assert "Authenticator key for diversity.admin" in out and "staff_totp diversity.admin --code" in out
    call_command("staff_totp", "diversity.admin", "--code")
    code = capsys.readouterr().out.strip()
    assert sign_in(client, "diversity.admin", "a-long-demo-password", code).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_staff_area_middleware_runs_for_admin_requests_only(client):
    """Two-factor checks, session limits and lockout cost public pages nothing."""
    public = client.get(reverse("home"))
    assert not hasattr(public.wsgi_request.user, "is_verified")
    staff_area = client.get(LOGIN)
    assert staff_area.wsgi_request.user.is_verified() is False
