"""manage.py import_organisations units.csv — create or update the organisation tree."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.organisation_import import OrganisationImportError, import_units, read_units


class Command(BaseCommand):
    help = (
        "Import units: code,name,kind,parent_code "
        "[,active_from,active_until,succeeded_by]."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)

    def handle(self, csv_file, **options):
        try:
            counts = import_units(read_units(csv_file.read_bytes()))
        except OSError as error:
            raise CommandError(f"Không đọc được tệp: {error}") from error
        except OrganisationImportError as error:
            raise CommandError(
                "Không nhập gì cả:\n" + "\n".join(error.problems)
            ) from error
        self.stdout.write(
            f"Đã tạo {counts['created']} đơn vị, cập nhật {counts['updated']} đơn vị."
        )
