from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Staff support networks")
    default_auto_field = "django.db.models.BigAutoField"
