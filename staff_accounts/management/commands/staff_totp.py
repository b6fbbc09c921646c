import base64

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff_accounts.staff import current_code, staff_totp_device


def describe(device) -> list[str]:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return [
        f"Authenticator key for {device.user.get_username()}: {secret}",
        f"Or scan/open: {device.config_url}",
    ]


class Command(BaseCommand):
    help = (
        "Set up the authenticator app (TOTP) a staff member needs to sign in to admin, and print its key "
        "and otpauth:// link. Running it again shows the same key; --reset makes a new one; --code prints "
        "the code it shows now."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="Replace the key (the old app entry stops working).")
        parser.add_argument("--code", action="store_true", help="Print only the current 6-digit code.")

    def handle(self, *args, username, reset, code, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account called {username!r}.")
        if not user.is_staff:
            self.stderr.write(self.style.WARNING(f"{username} is not staff, so cannot use admin anyway."))
        device = staff_totp_device(user, reset=reset)
        if code:
            self.stdout.write(current_code(device))
            return
        for line in describe(device):
            self.stdout.write(line)
