"""Finding the header row of a class list and which column holds which field.

Headers are matched by their folded words ("Họ và tên", "HO VA TEN", "Họ và tên (*)"
are one header) against the synonyms schools use; title rows above the header, a
"Họ đệm" | "Tên" sub-header below it and a row of column numbers are allowed for.
"""

import re
from dataclasses import dataclass

from .cells import clean, folded_words
from .limits import HEADER_SEARCH_ROWS
from .messages import (
    M_NO_HEADER,
    M_NO_ID_COLUMN,
    M_NO_NAME_COLUMN,
    RosterFileError,
    lazy_message,
)

_HEADER_SYNONYMS = {
    "full_name": (
        "ho va ten", "ho ten", "hovaten", "hoten", "ho va ten hoc sinh",
        "ho ten hoc sinh", "ho va ten hs", "ho ten hs", "ho va ten hoc vien",
        "ho ten hoc vien", "ho va ten nguoi hoc", "ten hoc sinh", "ten hs",
        "full name", "name",
    ),
    "family_name": (
        "ho dem", "ho va ten dem", "ho va dem", "ho va chu dem", "ho lot",
        "ho va chu lot", "ho", "ho va ten lot",
    ),
    "given_name": ("ten", "ten goi"),
    "date_of_birth": (
        "ngay sinh", "ngay thang nam sinh", "ns", "sinh ngay", "ngay sinh hoc sinh",
        "date of birth", "dob", "birthday", "birth date",
    ),
    "gender": ("gioi tinh", "gt", "phai", "gioi", "nam nu", "gender", "sex"),
    "female_mark": ("nu",),
    "student_code": (
        "ma hoc sinh", "ma hs", "mahs", "ma dinh danh", "ma dinh danh hoc sinh",
        "ma dinh danh hs", "ma dinh danh bo gd dt", "ma dinh danh bo gddt",
        "ma dinh danh bgd", "ma so hoc sinh", "ma so hs", "mshs", "ma hoc vien",
        "student code", "student id",
    ),
    "citizen_id": (
        "so dinh danh ca nhan", "so dinh danh", "ma dinh danh ca nhan",
        "dinh danh ca nhan", "so ddcn", "ddcn", "so cccd", "cccd", "can cuoc",
        "so can cuoc", "can cuoc cong dan", "so can cuoc cong dan", "so cmnd cccd",
        "cmnd cccd", "so cccd cmnd", "cccd cmnd", "so cmnd", "cmnd", "citizen id",
        "personal id",
    ),
    "class_name": ("lop", "ten lop", "lop hoc", "class"),
    "email": (
        "email", "e mail", "mail", "thu dien tu", "dia chi email",
        "dia chi thu dien tu",
    ),
    "phone": (
        "dien thoai", "so dien thoai", "sdt", "dt", "so dt", "dtdd", "di dong",
        "so di dong", "dien thoai di dong", "phone", "phone number", "mobile",
    ),
}  # fmt: skip
_FIELD_BY_HEADER = {
    synonym: name for name, synonyms in _HEADER_SYNONYMS.items() for synonym in synonyms
}
_NAME_FIELDS = {"full_name", "family_name", "given_name"}
IDENTIFYING_FIELDS = ("student_code", "citizen_id", "date_of_birth")
# "Tên học sinh" next to "Họ đệm" holds the given name, not the full name.
_GIVEN_NAME_LIKE = {"ten hoc sinh", "ten hs"}
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# A row of column numbers under the header ("1 2 3 …" or "(1) (2) …").
_NUMBERING_CELL = re.compile(r"\(?[0-9]{1,3}\)?|\(?[A-Za-z]\)?")


def _header_field(text):
    folded = folded_words(_BRACKETS.sub(" ", text)) or folded_words(text)
    return _FIELD_BY_HEADER.get(folded)


@dataclass
class Header:
    index: int  # position of the header row in the list of non-blank rows
    mapping: dict  # field -> column index
    texts: dict  # field -> header text
    duplicates: list  # (column index, header text) of repeated columns
    data_start: int = 0


def _match_header(cells):
    mapping, texts, duplicates = {}, {}, []
    for index, value in enumerate(cells):
        text = clean(value)
        name = _header_field(text) if text else None
        if name is None:
            continue
        if name in mapping:
            duplicates.append((index, text))
            continue
        mapping[name], texts[name] = index, text
    return mapping, texts, duplicates


def _has_name(mapping):
    return "full_name" in mapping or "given_name" in mapping


def match_header_rows(rows):
    """The first row among the first ones naming a name column and another field."""
    for position, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping, texts, duplicates = _match_header(cells)
        if _has_name(mapping) and set(mapping) - _NAME_FIELDS:
            return Header(position, mapping, texts, duplicates)
    return None


def find_header(rows):
    header = match_header_rows(rows)
    if header is None:
        for number, cells in rows[:HEADER_SEARCH_ROWS]:
            mapping = _match_header(cells)[0]
            if len(set(mapping) - _NAME_FIELDS) >= 2:
                raise RosterFileError(lazy_message(M_NO_NAME_COLUMN, row=number))
        raise RosterFileError(lazy_message(M_NO_HEADER, rows=HEADER_SEARCH_ROWS))
    header.data_start = header.index + 1
    _merge_sub_header(rows, header)
    _skip_numbering_row(rows, header)
    _settle_name_columns(header)
    if not any(f in header.mapping for f in IDENTIFYING_FIELDS):
        number = rows[header.index][0]
        raise RosterFileError(lazy_message(M_NO_ID_COLUMN, row=number))
    return header


def _merge_sub_header(rows, header):
    """Official forms put "Họ và tên" over two cells, "Họ đệm" | "Tên", below it."""
    if header.data_start >= len(rows):
        return
    number, cells = rows[header.data_start]
    if number != rows[header.index][0] + 1:
        return
    mapping, texts, _duplicates = _match_header(cells)
    filled = sum(1 for c in cells if clean(c))
    numbering = sum(1 for c in cells if _NUMBERING_CELL.fullmatch(clean(c)))
    if not mapping or len(mapping) + numbering < filled:
        return
    if "given_name" in mapping and "full_name" not in mapping:
        header.mapping.pop("full_name", None)
        header.texts.pop("full_name", None)
    header.mapping.update(mapping)
    header.texts.update(texts)
    header.data_start += 1


def _skip_numbering_row(rows, header):
    if header.data_start >= len(rows):
        return
    filled = [clean(c) for c in rows[header.data_start][1] if clean(c)]
    if len(filled) >= max(2, len(header.mapping)) and all(
        _NUMBERING_CELL.fullmatch(c) for c in filled
    ):
        header.data_start += 1


def _settle_name_columns(header):
    mapping, texts = header.mapping, header.texts
    if (
        "full_name" in mapping
        and "family_name" in mapping
        and "given_name" not in (mapping)
    ):
        if folded_words(texts["full_name"]) in _GIVEN_NAME_LIKE:
            mapping["given_name"] = mapping.pop("full_name")
            texts["given_name"] = texts.pop("full_name")
    if "full_name" not in mapping and "family_name" not in mapping:
        # "Tên" alone holds the whole name.
        mapping["full_name"] = mapping.pop("given_name")
        texts["full_name"] = texts.pop("given_name")
    if "gender" in mapping:
        mapping.pop("female_mark", None)
        texts.pop("female_mark", None)
