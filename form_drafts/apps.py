from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "form_drafts"
    verbose_name = _("Form drafts")
    default_auto_field = "django.db.models.BigAutoField"
