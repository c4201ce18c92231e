"""``manage.py import_populations populations.csv``: target populations from a CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.populations.importing import PopulationFileError, import_populations


class Command(BaseCommand):
    help = (
        "Import target populations (unit_code, audience, school_year, population) "
        "from a CSV file. All or nothing: any problem and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="Only add missing figures; never change one already declared.",
        )

    def handle(self, *args, path, keep_existing=False, **options):
        try:
            with path.open("rb") as source:
                counts = import_populations(source, overwrite=not keep_existing)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        except PopulationFileError as error:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(error.problems)
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['created']} populations created, {counts['updated']} updated."
            )
        )
