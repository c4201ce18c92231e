"""Populations from a CSV file: one row per unit, audience and school year.

Columns (header names, any order; comma, semicolon or tab separated; UTF-8 with or
without BOM, or Windows-1258): ``unit_code``, ``audience`` (its code or name),
``school_year`` (2026-2027) and ``population`` — a whole number, or ``rosters``
where the school's class lists are complete and the figure is counted from them.

All or nothing: every problem is listed with its line number and nothing is
saved; a file that is not readable text is refused as a whole. The bytes are read
through core/uploads.py (size limit, binary and encoding checks), like every
other upload.
"""

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import uploads
from courses.models import Audience
from people.models import Organisation
from people.text import clean_text

from ..filters import is_school_year
from ..models import Population

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MAX_POPULATION = 10_000_000  # no unit of a province is larger: a typo, not a figure
COLUMNS = ("unit_code", "audience", "school_year", "population")
ROSTERS = {"rosters", "danh sách", "danh sach"}


class PopulationFileError(ValueError):
    """The file cannot be applied; ``problems`` are the messages, line by line."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def _text(data):
    refusals = {
        uploads.TOO_BIG: _("The file is larger than 2 MB."),
        uploads.BINARY: _("This is not a CSV file (it holds binary data)."),
    }
    if uploads.sniff(data) is not None or uploads.is_zip(data):
        raise PopulationFileError(
            [_("This is not a CSV file: save the sheet as CSV (UTF-8) and try again.")]
        )
    try:
        text = uploads.decode_text(data)
        uploads.check_text(text)
    except uploads.UploadRefused as refused:
        raise PopulationFileError(
            [
                refusals.get(
                    refused.reason,
                    _("The file's characters cannot be read: save it as CSV (UTF-8)."),
                )
            ]
        ) from refused
    return text


def _reader(text):
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    names = [clean_text(n).lower() for n in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise PopulationFileError(
            [
                _("Missing columns: %(columns)s (the first line names the columns).")
                % {"columns": ", ".join(missing)}
            ]
        )
    reader.fieldnames = names
    return reader


def _bytes(source):
    if isinstance(source, bytes):
        if len(source) > MAX_BYTES:
            raise PopulationFileError([_("The file is larger than 2 MB.")])
        return source
    try:
        return uploads.read_limited(source, MAX_BYTES)
    except uploads.UploadRefused as refused:
        raise PopulationFileError([_("The file is larger than 2 MB.")]) from refused


def read_populations(source, units=None):
    """The rows of a population file (bytes or an uploaded file), checked: a
    list of dicts with organisation, audience, school_year, headcount and
    counted_from_rosters.
    ``units``: the units the person may set (None: any). Raises
    ``PopulationFileError`` with every problem found."""
    reader = _reader(_text(_bytes(source)).lstrip("\ufeff"))
    raw_rows = []
    for line, raw in enumerate(reader, start=2):
        row = {k: clean_text(raw.get(k) or "") for k in COLUMNS}
        if any(row.values()):
            raw_rows.append((line, row))
        if len(raw_rows) > MAX_ROWS:
            raise PopulationFileError(
                [_("The file has more than %(n)s rows.") % {"n": f"{MAX_ROWS:,}"}]
            )
    if not raw_rows:
        raise PopulationFileError([_("The file has no rows below its header.")])
    codes = {row["unit_code"] for _line, row in raw_rows}
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    allowed = (
        None
        if units is None
        else set(units.filter(code__in=codes).values_list("pk", flat=True))
    )
    audiences = {}
    for audience in Audience.objects.all():
        audiences[audience.slug.lower()] = audiences[audience.name.lower()] = audience
    problems, rows, seen = [], [], set()
    for line, row in raw_rows:
        before = len(problems)

        def problem(message, line=line):
            problems.append(
                _("Line %(line)s: %(problem)s") % {"line": line, "problem": message}
            )

        unit = found.get(row["unit_code"])
        if unit is None:
            problem(_("no unit has the code “%(code)s”.") % {"code": row["unit_code"]})
        elif allowed is not None and unit.pk not in allowed:
            problem(
                _("the unit “%(code)s” is outside your area.") % {"code": unit.code}
            )
        audience = audiences.get(row["audience"].lower())
        if audience is None:
            problem(_("no audience is called “%(name)s”.") % {"name": row["audience"]})
        year = row["school_year"]
        if not is_school_year(year):
            problem(
                _("the school year “%(year)s” should look like 2026-2027.")
                % {"year": year}
            )
        figure = row["population"].replace(".", "").replace(",", "").replace(" ", "")
        from_rosters = row["population"].lower() in ROSTERS
        in_range = figure.isdigit() and int(figure) <= MAX_POPULATION
        if not from_rosters and not in_range:
            problem(
                _("the population “%(value)s” is not a whole number (or “rosters”).")
                % {"value": row["population"]}
            )
        key = (row["unit_code"], audience and audience.pk, year)
        if key in seen:
            problem(
                _("this unit, audience and school year are already on an earlier line.")
            )
        seen.add(key)
        if len(problems) == before:
            rows.append(
                {
                    "organisation": unit,
                    "audience": audience,
                    "school_year": year,
                    "headcount": None if from_rosters else int(figure),
                    "counted_from_rosters": from_rosters,
                }
            )
    if problems:
        raise PopulationFileError(problems)
    return rows


def save_populations(rows, user=None, overwrite=True):
    """Create or update the rows in one transaction; returns {"created": n,
    "updated": n}. With ``overwrite`` False, existing figures are kept (the demo)."""
    created = updated = 0
    now = timezone.now()
    with transaction.atomic():
        for row in rows:
            values = {
                "headcount": row["headcount"],
                "counted_from_rosters": row["counted_from_rosters"],
                "updated_by": user,
                "updated_at": now,
            }
            key = {k: row[k] for k in ("organisation", "audience", "school_year")}
            current = Population.objects.filter(**key).first()
            if current is None:
                Population.objects.create(**key, **values)
                created += 1
            elif overwrite and (
                current.headcount,
                current.counted_from_rosters,
            ) != (row["headcount"], row["counted_from_rosters"]):
                for name, value in values.items():
                    setattr(current, name, value)
                current.save()
                updated += 1
    return {"created": created, "updated": updated}


def import_populations(source, user=None, units=None, overwrite=True):
    """Read and save a population file: all or nothing (see module doc)."""
    return save_populations(read_populations(source, units), user, overwrite)
