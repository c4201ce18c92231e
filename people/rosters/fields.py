"""Checking one cell of each field: the value as stored, or ``Invalid`` saying why.

Names follow people/names.py's rule; dates are read day first, from Excel dates,
serial numbers or text; identifiers keep their leading zeros or are refused.
"""

import re
import unicodedata
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from openpyxl.utils.datetime import from_excel

from ..names import (
    LETTERS,
    M_NAME_NO_LETTER,
    clean_name,
    describe,
    disallowed_characters,
)
from .cells import cell_text, clean, folded_words, is_number
from .limits import (
    MAX_AGE_YEARS,
    MAX_CLASS_LENGTH,
    MAX_CODE_LENGTH,
    MAX_NAME_LENGTH,
    MAX_PHONE_LENGTH,
)
from .messages import (
    M_CITIZEN_LONG,
    M_CITIZEN_NOT_DIGITS,
    M_CITIZEN_NUMBER_CELL,
    M_CITIZEN_SHORT,
    M_CODE_CHARS,
    M_DATE_FUTURE,
    M_DATE_INCOMPLETE,
    M_DATE_INVALID,
    M_DATE_MONTH_FIRST,
    M_DATE_NO_SUCH_DAY,
    M_DATE_SHORT_YEAR,
    M_DATE_TOO_OLD,
    M_EMAIL,
    M_FEMALE_MARK,
    M_GENDER,
    M_NAME_CHARS,
    M_PHONE,
    M_SCIENTIFIC,
    M_TOO_LONG,
    lazy_message,
)


class Invalid(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class MonthFirst(Invalid):
    pass


def _shown(text, limit=40):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_length(text, limit):
    if len(text) > limit:
        raise Invalid(lazy_message(M_TOO_LONG, limit=limit))
    return text


def parse_name(value):
    """The name as stored, checked by people/names.py's rule on the cell as typed:
    invisible characters (U+200B, U+202E…) are refused, not silently dropped."""
    text = unicodedata.normalize("NFC", cell_text(value))
    odd = disallowed_characters(text)
    if odd:
        raise Invalid(lazy_message(M_NAME_CHARS, chars=describe(odd)))
    name = clean_name(text)
    if not any(char in LETTERS for char in name):
        raise Invalid(M_NAME_NO_LETTER)
    return _check_length(name, MAX_NAME_LENGTH)


_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_SERIAL = re.compile(r"\d{5}(\.\d+)?")
_MAX_SERIAL = 2958465  # 31/12/9999


def _from_serial(serial, shown):
    if serial < 10000:
        raise Invalid(lazy_message(M_DATE_INCOMPLETE, value=shown))
    if serial > _MAX_SERIAL:
        raise Invalid(lazy_message(M_DATE_INVALID, value=shown))
    # Whole days only: the time of day must not round a date up to the next one.
    return from_excel(int(serial)).date()


def _make_date(year, month, day, shown):
    try:
        return date(year, month, day)
    except ValueError:
        pass
    try:
        date(year, day, month)
    except ValueError:
        raise Invalid(lazy_message(M_DATE_NO_SUCH_DAY, value=shown)) from None
    suggestion = f"{month:02d}/{day:02d}/{year}"
    raise MonthFirst(
        lazy_message(M_DATE_MONTH_FIRST, value=shown, suggestion=suggestion)
    )


def _date_from_text(text):
    core = _TIME_PART.sub("", text).strip()
    if match := _YMD.fullmatch(core):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, text)
    if match := _DMY.fullmatch(core):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            raise Invalid(lazy_message(M_DATE_SHORT_YEAR, value=text))
        if len(match.group(3)) != 4:
            raise Invalid(lazy_message(M_DATE_INVALID, value=text))
        return _make_date(year, month, day, text)
    if _SERIAL.fullmatch(core):
        return _from_serial(float(core), text)
    if core.isdigit() and len(core) <= 4:
        raise Invalid(lazy_message(M_DATE_INCOMPLETE, value=text))
    raise Invalid(lazy_message(M_DATE_INVALID, value=_shown(text)))


def written_day_first(value):
    """Text like "25/06/2010", which only a day-first writer produces."""
    match = isinstance(value, str) and _DMY.fullmatch(_TIME_PART.sub("", value).strip())
    return bool(match) and int(match.group(1)) > 12


def parse_date_of_birth(value, today):
    """A birth date from Excel (date or serial number) or text, always day first."""
    text = clean(value)
    if not text:
        return None
    if isinstance(value, datetime):
        born = value.date()
    elif isinstance(value, date):
        born = value
    elif is_number(value):
        born = _from_serial(value, text)
    else:
        born = _date_from_text(text)
    shown = born.strftime("%d/%m/%Y")
    if born > today:
        raise Invalid(lazy_message(M_DATE_FUTURE, value=shown))
    try:
        oldest = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        oldest = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if born < oldest:
        raise Invalid(lazy_message(M_DATE_TOO_OLD, value=shown, years=MAX_AGE_YEARS))
    return born


_GENDERS = {
    "nam": "M", "m": "M", "male": "M",
    "nu": "F", "f": "F", "female": "F",
    "khac": "O", "other": "O",
}  # fmt: skip
_FEMALE_MARKS = {"x", "1", "nu", "co", "f"}
_MALE_MARKS = {"", "0", "khong"}


def parse_gender(value):
    text = clean(value)
    if not text:
        return ""
    gender = _GENDERS.get(folded_words(text))
    if gender is None:
        raise Invalid(lazy_message(M_GENDER, value=_shown(text)))
    return gender


def parse_female_mark(value):
    """A "Nữ" column ticked for girls; empty means a boy in that layout."""
    text = clean(value)
    if text in {"✓", "✔", "√"} or folded_words(text) in _FEMALE_MARKS:
        return "F"
    if folded_words(text) in _MALE_MARKS:
        return "M"
    raise Invalid(lazy_message(M_FEMALE_MARK, value=_shown(text)))


_SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]+)?[eE]\+?[0-9]+")
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/\-]*")
_DIGITS = re.compile(r"[0-9]+")


def _identifier_text(value):
    return clean(value).lstrip("'").strip()


def parse_student_code(value):
    text = _identifier_text(value)
    if not text:
        return ""
    if _SCIENTIFIC.fullmatch(text):
        raise Invalid(lazy_message(M_SCIENTIFIC, value=text))
    if not _CODE.fullmatch(text):
        raise Invalid(lazy_message(M_CODE_CHARS, value=_shown(text)))
    return _check_length(text, MAX_CODE_LENGTH)


def parse_citizen_id(value):
    """Exactly 12 digits; a number cell that lost its leading zeros is refused."""
    text = _identifier_text(value)
    if not text:
        return ""
    if is_number(value) and _DIGITS.fullmatch(text) and len(text) < 12:
        raise Invalid(lazy_message(M_CITIZEN_NUMBER_CELL, value=text))
    if _SCIENTIFIC.fullmatch(text):
        raise Invalid(lazy_message(M_SCIENTIFIC, value=text))
    digits = "".join(text.split())
    if not _DIGITS.fullmatch(digits):
        raise Invalid(lazy_message(M_CITIZEN_NOT_DIGITS, value=_shown(text)))
    if len(digits) < 12:
        raise Invalid(lazy_message(M_CITIZEN_SHORT, value=text, count=len(digits)))
    if len(digits) > 12:
        raise Invalid(
            lazy_message(M_CITIZEN_LONG, value=_shown(text), count=len(digits))
        )
    return digits


def parse_class_name(value):
    return _check_length(clean(value).upper(), MAX_CLASS_LENGTH)


def parse_email(value):
    text = clean(value).lower()
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise Invalid(lazy_message(M_EMAIL, value=_shown(text))) from None
    return text


_PHONE = re.compile(r"[0-9+\-(). ]+")


def parse_phone(value):
    text = clean(value)
    if not text:
        return ""
    digits = sum(c.isdigit() for c in text)
    if not _PHONE.fullmatch(text) or not 9 <= digits <= 12:
        raise Invalid(lazy_message(M_PHONE, value=_shown(text)))
    if len(text) > MAX_PHONE_LENGTH:
        raise Invalid(lazy_message(M_PHONE, value=_shown(text)))
    return text
