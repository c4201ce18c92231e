"""Load or update the national competence frameworks from courses/data/ (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from courses.competence_frameworks import DATA_FILE, load
from courses.models import CompetenceTag


class Command(BaseCommand):
    help = "Create or update competence tags from the frameworks data file."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA_FILE))
        parser.add_argument(
            "--include-unverified",
            action="store_true",
            help="Also load entries not yet checked against the official text.",
        )

    def handle(self, *args, **options):
        try:
            report = load(
                CompetenceTag,
                path=options["file"],
                include_unverified=options["include_unverified"],
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CommandError(f"Nothing loaded: {exc}") from exc
        self.stdout.write(
            f"created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, "
            f"unverified not loaded {report.skipped_unverified}"
        )
        if report.not_in_file:
            self.stdout.write(
                "In the database but not in the file (kept): "
                + ", ".join(report.not_in_file)
            )
