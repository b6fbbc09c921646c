from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from personal_data.fields import EncryptedCharField, EncryptedTextField

BATCH = 500
FERNET_TOKEN = "gAAAAA"  # how every Fernet token starts; a value still like this was not decrypted


def encrypted_fields() -> dict:
    """Every model with encrypted fields, and those fields' names."""
    found = {}
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField | EncryptedTextField)]
        if names:
            found[model] = names
    return found


class Command(BaseCommand):
    help = (
        "Read and write back every encrypted answer: afterwards each is encrypted with the first "
        "FIELD_ENCRYPTION_KEY (so an old key in FIELD_ENCRYPTION_KEY_FALLBACKS can be removed) and "
        "padded, so answers stored before padding no longer differ in length. Safe to run again."
    )

    def handle(self, *args, **options):
        for model, names in encrypted_fields().items():
            count = 0
            queryset = model._default_manager.only("pk", *names).order_by("pk")
            last = None
            while True:
                page = queryset.filter(pk__gt=last) if last is not None else queryset
                rows = list(page[:BATCH])
                if not rows:
                    break
                for row in rows:
                    if any(str(getattr(row, name) or "").startswith(FERNET_TOKEN) for name in names):
                        raise CommandError(
                            f"{model._meta.label} {row.pk} cannot be decrypted with FIELD_ENCRYPTION_KEY or "
                            "FIELD_ENCRYPTION_KEY_FALLBACKS: add the key it was written with and run this again."
                        )
                with transaction.atomic():
                    model._default_manager.bulk_update(rows, names)
                count += len(rows)
                last = rows[-1].pk
            self.stdout.write(f"{model._meta.label}: {count} row(s) re-saved ({', '.join(names)})")
