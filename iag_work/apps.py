from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IagWorkConfig(AppConfig):
    name = "iag_work"
    verbose_name = _("Advisory groups at work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # iag cannot import this room, so its applications reach it through iag's hooks.
        from iag import hooks
        from iag_work.services.members import memberships_create_from_application, memberships_erase_for_application

        for hook_list, hook in (
            (hooks.ON_ACCEPTED, memberships_create_from_application),
            (hooks.ON_ERASED, memberships_erase_for_application),
        ):
            if hook not in hook_list:
                hook_list.append(hook)
