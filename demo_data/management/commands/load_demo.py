import secrets
import sys

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from force import demo


def demo_modules():
    """Each app's `demo` module, in INSTALLED_APPS order (the force first)."""
    autodiscover_modules("demo")
    found = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.demo")
        if module is not None and callable(getattr(module, "load", None)):
            found.append((config.label, module))
    return found


class Command(BaseCommand):
    help = (
        "Load the demo force and every app's demo data. Running it again changes nothing. "
        "Each app may provide a `demo.load(force=...)` function; they run in INSTALLED_APPS order."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", choices=sorted(demo.FORCES), default="essex")
        parser.add_argument(
            "--staff-password",
            help="Create (or reset) the demo staff login 'diversity.admin' with this password. "
            "Use 'random' to generate one; it is printed.",
        )

    def handle(self, *args, force, staff_password, **options):
        with transaction.atomic():
            modules = demo_modules()
            # Another force's demo rows go first, from the top app down, so no
            # protected key holds a row a lower app's demo removes.
            for label, module in reversed(modules):
                if callable(getattr(module, "unload_other_forces", None)):
                    self.stdout.write(f"{label}: {{'other force removed': {module.unload_other_forces(force=force)}}}")
            for label, module in modules:
                summary = module.load(force=force)
                self.stdout.write(f"{label}: {summary}")
            removed = demo.prune_districts(force=force)
            self.stdout.write(f"force: {{'other districts removed': {removed}}}")
        if staff_password:
            password = secrets.token_urlsafe(12) if staff_password == "random" else staff_password
            user, _ = get_user_model().objects.get_or_create(
                username="diversity.admin", defaults={"email": "diversity.admin@example.org"}
            )
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(self.style.SUCCESS(f"Staff login: diversity.admin / {password}  (at /admin/)"))
            self.staff_second_factor(user)

    def staff_second_factor(self, user):
        """Admin also asks for a code from an authenticator app: keep (or make) the
        demo login's key, print it, and say how to get the current code without an app."""
        from axes.utils import reset as axes_reset

        from staff_accounts.management.commands.staff_totp import describe
        from staff_accounts.staff import otp_required, staff_totp_device

        axes_reset(username=user.get_username())  # a fresh password also clears any lockout
        if not otp_required():
            self.stdout.write("Second factor: off (DJANGO_ADMIN_REQUIRE_OTP=false).")
            return
        for line in describe(staff_totp_device(user)):
            self.stdout.write(line)
        self.stdout.write(
            f"Current code, without an app: {sys.executable} manage.py staff_totp {user.get_username()} --code"
        )
