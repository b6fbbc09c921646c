"""Django's admin, with the staff sign-in of `engagement_site.privacy.staff`
(django-otp's admin site) as its default site (so `admin.site` everywhere is that site)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "engagement_site.privacy.staff.StaffAdminSite"
