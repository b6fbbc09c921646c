from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from positive_action.forms import COLUMNS
from positive_action.services import figures_import_csv


class Command(BaseCommand):
    help = (
        "Load under-representation figures from a CSV file with the columns "
        + ", ".join(COLUMNS)
        + ". If any row is bad, nothing is saved and every bad line is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            result = figures_import_csv(text=text)
        except ValidationError as exc:
            raise CommandError("Nothing was saved.\n" + "\n".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Figures loaded: {result['created']} new, {result['updated']} updated."))
