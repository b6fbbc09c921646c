from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "engagement_site.drafts"
    label = "drafts"
    verbose_name = _("Form drafts")
    default_auto_field = "django.db.models.BigAutoField"
