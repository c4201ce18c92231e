"""Read the State's list of administrative units (after 1 July 2025) into the rows
of people/organisation_import.py.

The list (Decision 19/2025/QĐ-TTg, as published: CSV, UTF-8) has one commune or
ward per line: province code, province name, commune code, commune name, level
("Xã", "Phường", "Đặc khu"). Headers are recognised in Vietnamese or English, with or
without diacritics ("Mã tỉnh", "ma_tinh", "province_code"…). A line with no commune
code names the province alone.

Units are matched by official code: an existing unit keeps its portal code, names
and parent are updated; a new one gets its official code as portal code. Provinces
are roots; communes sit under their province.
"""

import csv
import io
import re
import unicodedata

from .models import Organisation
from .models.organisations import official_code_problem
from .organisation_import import OrganisationImportError
from .text import clean_text

HEADERS = {
    "province_code": {"ma_tinh", "ma_tp", "ma_tinh_thanh_pho", "province_code"},
    "province_name": {
        "ten_tinh",
        "tinh",
        "tinh_thanh_pho",
        "ten_tinh_thanh_pho",
        "province_name",
    },
    "commune_code": {"ma_xa", "ma_px", "ma_phuong_xa", "commune_code"},
    "commune_name": {"ten_xa", "xa", "phuong_xa", "ten_phuong_xa", "commune_name"},
    "level": {"cap", "level"},
}
COMMUNE_LEVELS = {"xa", "phuong", "dac_khu", "commune", "ward"}


def _key(text):
    """ "Mã tỉnh" → "ma_tinh"."""
    text = unicodedata.normalize("NFD", clean_text(text).lower().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def columns_of(fieldnames):
    """{our column: the file's header} when every column is there, else None."""
    found = {}
    for header in fieldnames or []:
        for column, names in HEADERS.items():
            if _key(header) in names:
                found.setdefault(column, header)
    return found if len(found) == len(HEADERS) else None


def is_official(text):
    reader = csv.DictReader(io.StringIO(text))
    return columns_of(reader.fieldnames) is not None


def read_official(text):
    """The rows of organisation_import.import_units for the list in ``text``."""
    reader = csv.DictReader(io.StringIO(text))
    columns = columns_of(reader.fieldnames)
    existing = dict(
        Organisation.objects.exclude(official_code=None).values_list(
            "official_code", "code"
        )
    )
    provinces, first_lines, communes, problems = {}, {}, {}, []
    for line, raw in enumerate(reader, start=2):
        row = {c: clean_text(raw.get(h)) for c, h in columns.items()}
        if not any(row.values()):
            continue
        p_code, p_name = row["province_code"], row["province_name"]
        c_code, c_name = row["commune_code"], row["commune_name"]
        where = f"dòng {line}"
        for code, kind in ((p_code, "province"), (c_code, "commune")):
            message = official_code_problem(kind, code) if code else None
            if message:
                problems.append(f"{where}: mã {code}: {message}")
        if not p_code or not p_name:
            problems.append(f"{where}: thiếu mã hoặc tên tỉnh")
            continue
        first_lines.setdefault(p_code, line)
        if provinces.setdefault(p_code, p_name) != p_name:
            problems.append(
                f"{where}: tỉnh mã {p_code} có hai tên "
                f"(“{provinces[p_code]}” và “{p_name}”)"
            )
        if not c_code and not c_name:
            continue  # the province's own line
        if not c_code or not c_name:
            problems.append(f"{where}: thiếu mã hoặc tên xã, phường")
            continue
        if _key(row["level"]) not in COMMUNE_LEVELS:
            problems.append(
                f"{where}: cấp “{row['level']}” không hợp lệ (Xã, Phường, Đặc khu)"
            )
        if c_code in communes:
            problems.append(f"{where}: mã {c_code} bị lặp")
        communes[c_code] = (c_name, p_code, line)
    if problems:
        raise OrganisationImportError(problems)
    rows = []
    for code, name in provinces.items():
        rows.append(_row(existing, code, name, "province", "", first_lines[code]))
    for code, (name, province, line) in communes.items():
        parent = existing.get(province, province)
        rows.append(_row(existing, code, name, "commune", parent, line))
    return rows


def _row(existing, official_code, name, kind, parent_code, line):
    return {
        "code": existing.get(official_code, official_code),
        "official_code": official_code,
        "name": name,
        "kind": kind,
        "parent_code": parent_code,
        "line": line,
    }
