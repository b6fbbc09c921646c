from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectedFormsConfig(AppConfig):
    name = "protected_forms"
    verbose_name = _("Form protection")
    default_auto_field = "django.db.models.BigAutoField"
