"""Staff sign-in to admin: password, then a code from an authenticator app (TOTP).

Admin pages need a session verified by a TOTP device (django-otp) unless
ADMIN_REQUIRE_OTP is off. Devices are made with `manage.py staff_totp <username>`
(and for the demo login by `load_demo --staff-password`). Repeated failures are
locked out by django-axes, which counts a wrong code as a failed sign-in too.
"""

import time

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def otp_required() -> bool:
    return bool(getattr(settings, "ADMIN_REQUIRE_OTP", True))


def staff_totp_device(user, *, reset: bool = False) -> TOTPDevice:
    """The user's authenticator device, made if they have none (or if `reset`)."""
    devices = TOTPDevice.objects.filter(user=user)
    if reset:
        devices.delete()
    device = devices.filter(confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


class StaffLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("The 6-digit code the app shows for this site."),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_missing": _("Enter the 6-digit code from your authenticator app."),
        "otp_invalid": _("That code is not right or has already been used. Enter the code the app shows now."),
        "otp_wait": _("Wait a few seconds after a wrong code, then enter the code the app shows now."),
        "otp_no_device": _(
            "This account has no authenticator app set up yet. Ask an administrator to set one up "
            "(manage.py staff_totp <username>)."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not otp_required():
            del self.fields["otp_token"]

    def clean(self):
        cleaned = super().clean()  # username and password (axes counts failures here)
        user = self.get_user()
        if user is None or not otp_required():
            return cleaned
        token = (cleaned.get("otp_token") or "").strip().replace(" ", "")
        devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
        if not devices:
            raise forms.ValidationError(self.error_messages["otp_no_device"], code="otp_no_device")
        if not token:
            raise forms.ValidationError(self.error_messages["otp_missing"], code="otp_missing")
        waiting = False
        for device in devices:
            allowed, _extra = device.verify_is_allowed()
            waiting = waiting or not allowed
            if allowed and device.verify_token(token):
                user.otp_device = device  # django-otp keeps it in the session at login
                return cleaned
        # A wrong code is a failed sign-in, so django-axes locks out guessing too.
        user_login_failed.send(
            sender=__name__,
            credentials={"username": cleaned.get("username")},
            request=self.request,
        )
        code = "otp_wait" if waiting else "otp_invalid"
        raise forms.ValidationError(self.error_messages[code], code=code)


class StaffAdminSite(AdminSite):
    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if not otp_required():
            return True
        is_verified = getattr(request.user, "is_verified", None)
        return bool(is_verified and is_verified())
