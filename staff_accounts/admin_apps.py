"""Django's admin, with the staff sign-in of `staff_accounts.staff`
(django-otp's admin site) as its default site (so `admin.site` everywhere is that site)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "staff_accounts.staff.StaffAdminSite"
