"""Staff authenticator keys: no admin page shows one to a staff member, whatever
permissions they hold, and no page shows an existing device's key to anyone."""

import base64

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from staff_accounts.staff import staff_totp_device

from .conftest import make_staff

pytestmark = pytest.mark.django_db


def secrets_of(devices) -> list[str]:
    found = ["otpauth://"]
    for device in devices:
        found += [device.key, base64.b32encode(device.bin_key).decode().rstrip("="), device.config_url]
    return found


def device_pages(device) -> list[str]:
    return [
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
        reverse("admin:otp_totp_totpdevice_history", args=[device.pk]),
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]),
        reverse("admin:otp_totp_totpdevice_add"),
        reverse("admin:otp_totp_totpdevice_config", args=[device.pk]),
        reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]),
    ]


def assert_shows_no_secret(response, secrets, url):
    body = response.content.decode(errors="replace")
    for secret in secrets:
        assert secret not in body, f"{url} shows an authenticator secret"
    assert "qrcode" not in body.lower(), f"{url} links to a QR code"


def test_staff_with_device_permissions_cannot_open_any_device_page(client):
    reader = make_staff(
        "reader",
        "otp_totp.view_totpdevice",
        "otp_totp.change_totpdevice",
        "otp_totp.add_totpdevice",
        "auth.view_user",
        "auth.change_user",
    )
    colleague = make_staff("colleague")
    device = staff_totp_device(colleague)
    client.force_login(reader)
    for url in device_pages(device):
        assert client.get(url).status_code == 403, url
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200 and "otp_totp" not in index.content.decode()


def test_no_admin_page_a_staff_member_can_open_shows_a_key(client):
    reader = make_staff("reader", "otp_totp.view_totpdevice", "otp_totp.change_totpdevice", "auth.view_user")
    colleague = make_staff("colleague")
    staff_totp_device(colleague)
    User.objects.create_superuser("chief", "chief@example.org", "a-long-pass-phrase")
    staff_totp_device(User.objects.get(username="chief"))
    client.force_login(reader)  # makes the reader's own device too
    secrets = secrets_of(staff_totp_device(user) for user in User.objects.all() if user.is_staff)
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
    for user in User.objects.all():
        urls += [reverse("admin:auth_user_change", args=[user.pk]), reverse("admin:auth_user_history", args=[user.pk])]
    opened = 0
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            opened += 1
            assert_shows_no_secret(response, secrets, url)
    assert opened >= 4  # the index, the user list and the users' pages at least


def test_even_a_superuser_sees_no_key_of_an_existing_device(client):
    chief = User.objects.create_superuser("chief", "chief@example.org", "a-long-pass-phrase")
    device = staff_totp_device(make_staff("colleague"))
    client.force_login(chief)
    secrets = secrets_of([device, staff_totp_device(chief)])
    for url in device_pages(device)[:4]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_shows_no_secret(response, secrets, url)
    for url in device_pages(device)[5:]:
        assert client.get(url).status_code == 403, url
