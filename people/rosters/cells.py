"""What a cell says: its text as Excel shows it, cleaned, compared as people read it."""

import re
import unicodedata
from datetime import date, datetime, time

from ..text import fold
from .limits import HEADER_SEARCH_ROWS, MAX_COLUMNS, MAX_ROWS
from .messages import M_TOO_MANY_ROWS, RosterFileError, lazy_message

_NOT_WORD = re.compile(r"[\W_]+")


def cell_text(value):
    """A cell as the coordinator sees it in Excel (integers without ".0")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def clean(value):
    """NFC, single spaces, no invisible characters (zero-width spaces, soft hyphens)."""
    text = unicodedata.normalize("NFC", cell_text(value))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split())


def has_text(cells):
    return any(clean(c) for c in cells)


def is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


class RowCollector:
    """Keeps non-blank rows, stopping as soon as there are surely too many."""

    limit = MAX_ROWS + HEADER_SEARCH_ROWS + 2

    def __init__(self):
        self.rows = []

    def add(self, number, cells):
        cells = list(cells[:MAX_COLUMNS])
        if not has_text(cells):
            return
        if len(self.rows) >= self.limit:
            raise RosterFileError(lazy_message(M_TOO_MANY_ROWS, limit=MAX_ROWS))
        while cells and not clean(cells[-1]):
            cells.pop()
        self.rows.append((number, cells))


def folded_words(text):
    """``people.text.fold``, punctuation as spaces: "Họ và tên (*)" → "ho va ten"."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())
