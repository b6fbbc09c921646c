"""Staff authenticator apps (TOTP devices) in admin: superusers only.

django-otp registers its own TOTP device admin; it is replaced here by one that
only superusers can open, whatever permissions others are given, and with
OTP_ADMIN_HIDE_SENSITIVE_DATA on it shows no key, QR code or otpauth:// link for
an existing device to anyone. A staff member's key is printed only by
`manage.py staff_totp <username>`, to whoever runs it on the server.
"""

from django.contrib import admin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

if admin.site.is_registered(TOTPDevice):  # by the import above
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class StaffTOTPDeviceAdmin(TOTPDeviceAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)
