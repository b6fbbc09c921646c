from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementSiteConfig(AppConfig):
    name = "engagement_site"
    verbose_name = _("Site and notifications")
    default_auto_field = "django.db.models.BigAutoField"
