from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForceConfig(AppConfig):
    name = "force"
    verbose_name = _("The force: profile, districts and equality objectives")
    default_auto_field = "django.db.models.BigAutoField"
