from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IagConfig(AppConfig):
    name = "iag"
    verbose_name = _("Independent Advisory Groups")
    default_auto_field = "django.db.models.BigAutoField"
