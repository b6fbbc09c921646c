from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IagWorkConfig(AppConfig):
    name = "iag_work"
    verbose_name = _("Advisory groups at work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # iag cannot import this room, so an accepted application reaches it through iag's hook.
        from iag.services.workflow import ACCEPTED_HOOKS
        from iag_work.services.members import memberships_create_from_application

        if memberships_create_from_application not in ACCEPTED_HOOKS:
            ACCEPTED_HOOKS.append(memberships_create_from_application)
