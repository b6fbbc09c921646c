from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitePagesConfig(AppConfig):
    name = "site_pages"
    verbose_name = _("Site pages and feedback")
    default_auto_field = "django.db.models.BigAutoField"
