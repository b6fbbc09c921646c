from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalDataConfig(AppConfig):
    name = "personal_data"
    verbose_name = _("Personal data requests")
    default_auto_field = "django.db.models.BigAutoField"
