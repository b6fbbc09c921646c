import importlib
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from engagement_site import demo


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
            for app_config in apps.get_app_configs():
                if Path(app_config.path).parent != settings.BASE_DIR:
                    continue  # only the project's own apps
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError:
                    continue
                summary = module.load(force=force)
                self.stdout.write(f"{app_config.label}: {summary}")
        if staff_password:
            password = secrets.token_urlsafe(12) if staff_password == "random" else staff_password
            user, _ = get_user_model().objects.get_or_create(
                username="diversity.admin", defaults={"email": "diversity.admin@example.org"}
            )
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(self.style.SUCCESS(f"Staff login: diversity.admin / {password}  (at /admin/)"))
