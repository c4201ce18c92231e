"""Reading a class list as schools really have it (.xlsx or .csv); no database.

``read_roster`` turns an upload into valid ``RosterRow``s and ``RosterProblem``s
(or raises ``RosterFileError`` for the file as a whole); ``error_rows_csv`` hands
the rows in error back to the coordinator. See the package's docstring for what a
class list must hold.
"""

import codecs
import csv
import io
import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from core.uploads import is_zip

from ..spreadsheets import neutralise
from .cells import cell_text, clean
from .decoding import text_rows
from .fields import (
    Invalid,
    MonthFirst,
    parse_citizen_id,
    parse_class_name,
    parse_date_of_birth,
    parse_email,
    parse_female_mark,
    parse_gender,
    parse_name,
    parse_phone,
    parse_student_code,
    written_day_first,
)
from .files import read_limited, refuse_known_formats, xlsx_rows
from .headers import IDENTIFYING_FIELDS, find_header
from .limits import MAX_COLUMNS, MAX_ROWS
from .messages import (
    ERRORS_HEADER,
    M_DATES_MONTH_FIRST,
    M_DUPLICATE_CITIZEN,
    M_DUPLICATE_CODE,
    M_DUPLICATE_COLUMN,
    M_DUPLICATE_EMAIL,
    M_EMPTY,
    M_GIVEN_NAME_MISSING,
    M_HEADER_ONLY,
    M_NAME_MISSING,
    M_NO_IDENTIFIER,
    M_TOO_MANY_ROWS,
    M_UNREADABLE,
    RosterFileError,
    lazy_message,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RosterRow:
    """One valid student row, cleaned the way people.User and SchoolClass store it."""

    row_number: int  # as Excel or a text editor shows it (title rows counted)
    full_name: str  # NFC, single spaces; from "Họ và tên" or "Họ đệm" + "Tên"
    date_of_birth: date | None
    gender: str  # User.Gender: "F", "M", "O" or ""
    student_code: str  # "Mã học sinh" / "Mã định danh" (the Ministry's student ID)
    citizen_id: str  # 12 digits or ""
    class_name: str  # upper-cased like SchoolClass.save, or ""
    email: str  # lower-cased
    phone: str


@dataclass(frozen=True)
class RosterProblem:
    """What is wrong and how to fix it; the view adds "row N, column X"."""

    row_number: int | None  # None: about the file or its header
    column: str  # the header text as it appears in the file ("" if none)
    message: str  # a lazy translatable string


@dataclass
class ParsedRoster:
    """The rows of a file, every problem found, and what is needed to report them.

    ``columns`` maps a field (full_name, family_name, given_name, date_of_birth,
    gender, female_mark, student_code, citizen_id, class_name, email, phone) to the
    header text found for it. ``header_cells`` is the file's own header row, for the
    download of the rows in error.
    """

    rows: list[RosterRow]
    problems: list[RosterProblem]
    header_row: int
    columns: dict[str, str]
    raw_rows: dict[int, list[str]]
    header_cells: list[str] = field(default_factory=list)


class _RowReader:
    """Validates data rows one by one and remembers who was already seen."""

    def __init__(self, header):
        self.header = header
        self.today = timezone.localdate()
        self.first_code = {}
        self.first_citizen = {}
        self.first_email = {}
        self.month_first_rows = []
        self.day_first_seen = False

    def cell(self, cells, name):
        index = self.header.mapping.get(name)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def read(self, number, cells):
        """A RosterRow, the problems of the row (by column), or None if it is blank.

        A row whose known columns are all empty is blank: numbered templates leave
        "STT" filled in on the rows nobody used.
        """
        if not any(clean(self.cell(cells, key)) for key in self.header.mapping):
            return None
        problems, values = [], {}
        parsers = (
            ("date_of_birth", lambda v: parse_date_of_birth(v, self.today)),
            ("gender", parse_gender),
            ("female_mark", parse_female_mark),
            ("student_code", parse_student_code),
            ("citizen_id", parse_citizen_id),
            ("class_name", parse_class_name),
            ("email", parse_email),
            ("phone", parse_phone),
        )
        name = self.read_name(cells, problems)
        for key, parse in parsers:
            if key not in self.header.mapping:
                continue
            value = self.cell(cells, key)
            try:
                values[key] = parse(value)
            except Invalid as invalid:
                problems.append((key, invalid.message))
                if isinstance(invalid, MonthFirst):
                    self.month_first_rows.append(number)
            else:
                if key == "date_of_birth" and written_day_first(value):
                    self.day_first_seen = True
        self.check_identity(number, values, problems)
        if problems:
            return self.sorted_problems(number, problems)
        gender = values.get("gender") or values.get("female_mark") or ""
        return RosterRow(
            row_number=number,
            full_name=name,
            date_of_birth=values.get("date_of_birth"),
            gender=gender,
            student_code=values.get("student_code", ""),
            citizen_id=values.get("citizen_id", ""),
            class_name=values.get("class_name", ""),
            email=values.get("email", ""),
            phone=values.get("phone", ""),
        )

    def read_name(self, cells, problems):
        """From "Họ và tên", else from "Họ đệm" + "Tên" (which must be filled)."""
        mapping = self.header.mapping
        key = "full_name" if "full_name" in mapping else "given_name"
        raw = cell_text(self.cell(cells, "full_name"))
        name = clean(raw)
        if not name and "given_name" in mapping:
            given = cell_text(self.cell(cells, "given_name"))
            family = cell_text(self.cell(cells, "family_name"))
            raw = f"{family} {given}" if clean(given) else ""
            name = clean(raw)
            key = "given_name" if clean(family) or key == "given_name" else key
        if not name:
            missing = M_GIVEN_NAME_MISSING if key == "given_name" else M_NAME_MISSING
            problems.append((key, missing))
            return ""
        try:
            return parse_name(raw)
        except Invalid as invalid:
            problems.append((key, invalid.message))
            return ""

    def check_identity(self, number, values, problems):
        failed = {key for key, _message in problems}
        identifiers = [f for f in IDENTIFYING_FIELDS if values.get(f)]
        if not identifiers and not failed & set(IDENTIFYING_FIELDS):
            problems.append(("", M_NO_IDENTIFIER))
        checks = (
            ("student_code", self.first_code, M_DUPLICATE_CODE, str.casefold),
            ("citizen_id", self.first_citizen, M_DUPLICATE_CITIZEN, str),
            ("email", self.first_email, M_DUPLICATE_EMAIL, str.casefold),
        )
        for key, seen, message, normal in checks:
            value = values.get(key)
            if not value:
                continue
            first = seen.setdefault(normal(value), number)
            if first != number:
                problems.append((key, lazy_message(message, first=first)))

    def column_problems(self):
        """A column whose dates are all month first is wrong even where they fit."""
        if self.month_first_rows and not self.day_first_seen:
            message = lazy_message(M_DATES_MONTH_FIRST, row=self.month_first_rows[0])
            return [RosterProblem(None, self.header.texts["date_of_birth"], message)]
        return []

    def sorted_problems(self, number, problems):
        mapping, texts = self.header.mapping, self.header.texts
        problems.sort(key=lambda p: mapping.get(p[0], MAX_COLUMNS + 1))
        return [RosterProblem(number, texts.get(key, ""), msg) for key, msg in problems]


def _parse(rows):
    header = find_header(rows)
    header_number, header_cells = rows[header.index]
    problems = []
    reader = _RowReader(header)
    parsed_rows, raw_rows = [], {}
    for number, cells in rows[header.data_start :]:
        result = reader.read(number, cells)
        if result is None:
            continue
        if len(raw_rows) == MAX_ROWS:
            raise RosterFileError(lazy_message(M_TOO_MANY_ROWS, limit=MAX_ROWS))
        raw_rows[number] = [_raw(c) for c in cells]
        if isinstance(result, RosterRow):
            parsed_rows.append(result)
        else:
            problems.extend(result)
    if not raw_rows:
        raise RosterFileError(M_HEADER_ONLY)
    header_problems = [
        RosterProblem(None, text, M_DUPLICATE_COLUMN) for _i, text in header.duplicates
    ]
    return ParsedRoster(
        rows=parsed_rows,
        problems=header_problems + reader.column_problems() + problems,
        header_row=header_number,
        columns=dict(header.texts),
        raw_rows=raw_rows,
        header_cells=[_raw(c) for c in header_cells],
    )


def _raw(value):
    return unicodedata.normalize("NFC", cell_text(value)).strip()


def read_roster(uploaded, filename: str) -> ParsedRoster:
    """Read and check a roster upload; raise RosterFileError if it is unusable."""
    try:
        data = read_limited(uploaded)
        if not data.strip():
            raise RosterFileError(M_EMPTY)
        refuse_known_formats(data, filename or "")
        rows = xlsx_rows(data) if is_zip(data) else text_rows(data)
        return _parse(rows)
    except RosterFileError:
        raise
    except Exception as exc:  # a bad upload must never be a 500
        logger.exception("roster %r could not be read", filename)
        raise RosterFileError(M_UNREADABLE) from exc


def error_rows_csv(parsed: ParsedRoster, problems=None) -> bytes:
    """The rows in error as CSV (UTF-8 with BOM, the file's own header + a last column
    'Lỗi' with the problems of that row), cells starting with = + - @ neutralised.

    ``problems`` defaults to the reader's; pass a longer list (the reader's plus
    those found when matching students) to report those rows as well.
    """
    by_row = {}
    for problem in parsed.problems if problems is None else problems:
        if problem.row_number is not None:
            by_row.setdefault(problem.row_number, []).append(problem)
    width = max(
        [len(parsed.header_cells)] + [len(parsed.raw_rows.get(n, [])) for n in by_row]
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = parsed.header_cells + [""] * (width - len(parsed.header_cells))
    writer.writerow([neutralise(c) for c in header] + [str(ERRORS_HEADER)])
    for number in sorted(by_row):
        cells = parsed.raw_rows.get(number, [])
        cells = cells + [""] * (width - len(cells))
        notes = "; ".join(
            f"{p.column}: {p.message}" if p.column else str(p.message)
            for p in by_row[number]
        )
        writer.writerow([neutralise(c) for c in cells] + [neutralise(notes)])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
