"""Staff sign-in to admin: username, password and a code from an authenticator
app (TOTP), checked together, on django-otp's admin site and form.

Admin pages need a session verified by a TOTP device (django-otp) unless
ADMIN_REQUIRE_OTP is off. Devices are made with `manage.py staff_totp <username>`
(and for the demo login by `load_demo --staff-password`). Until both factors
pass, every failure gives the same page, so it never tells whether the password
was right. Repeated failures are locked out by django-axes, which counts a wrong
code as a failed sign-in too.
"""

import time

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.signals import user_login_failed
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def otp_required() -> bool:
    return bool(settings.ADMIN_REQUIRE_OTP)


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


class OneTimeCodeInput(forms.TextInput):
    """A code is used once: it is never written back into the page."""

    def format_value(self, value):
        return None


SIGN_IN_FAILED = _(
    "Enter a correct username, password and code from your authenticator app. The password is "
    "case-sensitive; each code works once, so after a wrong try wait for the app to show a new one."
)


class StaffLoginForm(OTPAdminAuthenticationForm):
    """django-otp's admin sign-in form, with every failure reported alike.

    The page never shows the device list or keeps the password (as django-otp's
    form does once the password is right), and the code is checked against the
    staff member's authenticator app without asking which device to use."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=8,
        widget=OneTimeCodeInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "required": True}),
        help_text=_("The 6-digit code the app shows for this site."),
    )

    error_messages = {
        **OTPAdminAuthenticationForm.error_messages,
        "invalid_login": SIGN_IN_FAILED,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No device list and no challenge button (TOTP has no challenge to send).
        del self.fields["otp_device"], self.fields["otp_challenge"]
        if not otp_required():
            del self.fields["otp_token"]

    def clean(self):
        if not otp_required():
            return super(OTPAdminAuthenticationForm, self).clean()  # password only
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":  # wrong password: django-axes has counted it already
                raise
        # The password was right but the code was not (missing, wrong, reused or
        # throttled). It is a failed sign-in, so django-axes locks out guessing too.
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.cleaned_data.get("username")},
            request=self.request,
        )
        raise forms.ValidationError(SIGN_IN_FAILED, code="invalid_login")

    def _chosen_device(self, user):
        """The staff member's authenticator app (they have one; see staff_totp_device)."""
        return TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update().order_by("pk").first()

    def _update_form(self, user):
        """django-otp would now list the user's devices and keep the password in
        the page, which would show that the password was right: do neither."""


class StaffAdminSite(OTPAdminSite):
    """django-otp's admin site: only sessions verified by a device get in."""

    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"

    # The sidebar repeats the home page's list of every section on every page:
    # 23 of the 60 KB of the applications list, and building it costs a
    # permission check and a URL reverse per model. Breadcrumbs and the home
    # page remain the way between sections.
    enable_nav_sidebar = False

    def __init__(self, name="admin"):
        super().__init__(name)

    def each_context(self, request):
        """Django's context for every admin page, with the list of every app the
        user may see built only when a page shows it (home and app pages)."""
        script_name = request.META["SCRIPT_NAME"]
        return {
            "site_title": self.site_title,
            "site_header": self.site_header,
            "site_url": script_name if self.site_url == "/" and script_name else self.site_url,
            "has_permission": self.has_permission(request),
            "available_apps": SimpleLazyObject(lambda: self.get_app_list(request)),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": self.get_log_entries(request),
        }

    def has_permission(self, request):
        if not otp_required():
            return AdminSite.has_permission(self, request)
        return super().has_permission(request)
