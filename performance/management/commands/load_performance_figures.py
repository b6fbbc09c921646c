from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from performance.loading import DataFileError, load_report_dir, report_dirs


class Command(BaseCommand):
    help = (
        "Load the performance figures from the project's data folders (performance/data/<report>/). "
        "All or nothing: any problem is reported with its file, line and reason, and nothing is saved. "
        "Running it again changes nothing unless the files changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("folders", nargs="*", type=Path, help="Report folders; default: every one in the project.")
        parser.add_argument("--check", action="store_true", help="Check the files only; save nothing.")

    def handle(self, *args, folders, check, **options):
        folders = folders or report_dirs()
        if not folders:
            raise CommandError("No report folders found.")
        for folder in folders:
            try:
                summary = load_report_dir(folder, check_only=check)
            except DataFileError as exc:
                for problem in exc.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"{len(exc.problems)} problem(s) in {folder}; nothing was saved.") from exc
            self.stdout.write(f"{folder.name}: {summary}")
            if not check:
                self.stdout.write(self.style.SUCCESS(f"{folder.name}: every stated total adds up."))
