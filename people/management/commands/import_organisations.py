"""manage.py import_organisations units.csv [--events events.csv] — create or update
the organisation tree, from the portal's CSV or the State's list of units, and record
merges and splits. All or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from people.official_units import is_official, read_official
from people.organisation_import import OrganisationImportError, import_units, read_units
from people.unit_events import EventRefused, import_events, read_events


def _text(path):
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise CommandError(f"Không đọc được tệp: {error}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path.name}: tệp không phải UTF-8") from error


class Command(BaseCommand):
    help = (
        "Import units: the portal's CSV (code,name,kind,parent_code "
        "[,official_code,school_level,active_from,active_until,succeeded_by]) or the "
        "official list (province code, province name, commune code, commune name, "
        "level). --events: merges and splits (kind,date,from,to[,decision])."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)
        parser.add_argument("--events", type=Path, help="merges and splits (CSV)")

    def handle(self, csv_file, events=None, **options):
        text = _text(csv_file)
        events_text = _text(events) if events else None
        try:
            with transaction.atomic():
                rows = read_official(text) if is_official(text) else read_units(text)
                counts = import_units(rows)
                added = import_events(read_events(events_text)) if events_text else 0
        except OrganisationImportError as error:
            raise CommandError(
                "Không nhập gì cả:\n" + "\n".join(error.problems)
            ) from error
        except EventRefused as error:
            raise CommandError(f"Không nhập gì cả:\n{error}") from error
        self.stdout.write(
            f"Đã tạo {counts['created']} đơn vị, cập nhật {counts['updated']} đơn vị"
            + (f", ghi {added} sự kiện sáp nhập/chia tách." if events_text else ".")
        )
