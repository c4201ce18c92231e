"""``manage.py import_external_completions file.csv --map THEIRS=OUR_ID …``:
completions made on another platform (reports/api/imports.py)."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.api.imports import FIELDS, ImportRefused, import_completions


def _course_map(pairs):
    mapping = {}
    for pair in pairs:
        code, _sep, course_id = pair.partition("=")
        if not code.strip() or not course_id.strip().isdigit():
            raise CommandError(f"--map {pair!r}: write THEIR_CODE=OUR_COURSE_ID")
        mapping[code.strip()] = int(course_id)
    return mapping


def read_rows(path):
    """[(line number, row)] of a UTF-8 CSV (comma, semicolon or tab) whose
    header names personal_id, course and completed_on."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: {error}") from error
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(text.splitlines(), delimiter=max(",;\t", key=first.count))
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in FIELDS if name not in reader.fieldnames]
    if missing:
        raise CommandError(f"{path}: missing columns {', '.join(missing)}")
    return [
        (line, row)
        for line, row in enumerate(reader, start=2)
        if any((value or "").strip() for value in row.values())
    ]


class Command(BaseCommand):
    help = (
        "Import completions made on another platform (CSV: personal_id, course, "
        "completed_on). All or nothing; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="THEIR_CODE=OUR_COURSE_ID",
            help="their course code and the id of our course (repeat per course)",
        )

    def handle(self, *args, path, map, **options):  # noqa: A002 (the option's name)
        try:
            counts = import_completions(read_rows(path), _course_map(map))
        except ImportRefused as refused:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(refused.errors)
            ) from refused
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['created']} completions added, "
                f"{counts['completed_existing']} enrolments completed, "
                f"{counts['already_completed']} already completed here."
            )
        )
