"""The made-up students of the roster files, and how schools' tools write them:
CSV text, Windows-1258 with combining tone marks, workbooks with fixed times
(so that a file is the same, byte for byte, every time it is written)."""

import csv
import io
import re
import unicodedata
import zipfile
from datetime import date

FIXED_TIME = (2026, 1, 1, 0, 0, 0)

STUDENTS = [
    # full name, date of birth, gender, student code, citizen ID
    ("Hoàng Thị Thu Hà", date(2010, 3, 5), "Nữ", "2612345601", "006310000101"),
    ("Nguyễn Văn Đức", date(2010, 11, 21), "Nam", "2612345602", "006210000102"),
    ("Lường Thị Ngọc Ánh", date(2010, 1, 9), "Nữ", "2612345603", "006310000103"),
    ("Triệu Quốc Việt", date(2010, 7, 30), "Nam", "2612345604", "006210000104"),
    ("Đinh Thị Mỹ Duyên", date(2009, 12, 31), "Nữ", "2612345605", "006310000105"),
    ("Ma Văn Thưởng", date(2010, 6, 15), "Nam", "2612345606", "006210000106"),
    ("Bàn Thị Xuân", date(2010, 2, 28), "Nữ", "2612345607", "006310000107"),
    ("Nông Đức Hưng", date(2010, 9, 4), "Nam", "2612345608", "006210000108"),
]


def dmy(day):
    return day.strftime("%d/%m/%Y")


def split_name(full_name):
    *family, given = full_name.split(" ")
    return " ".join(family), given


def csv_text(rows, delimiter=",", newline="\r\n"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buffer.getvalue()


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text):
    """Windows-1258 as Vietnamese Windows writes it: tone marks as combining bytes."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = [c for c in parts if c in _TONES]
        if tones:
            base = unicodedata.normalize(
                "NFC", "".join(c for c in parts if c not in _TONES)
            )
            out.append((base + "".join(tones)).encode("cp1258"))
        else:
            out.append(char.encode("cp1258"))
    return b"".join(out)


def fixed_zip(data):
    """Rewrite a zip (an .xlsx) with fixed times, so that it is reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2026-01-01T00:00:00Z",
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return buffer.getvalue()


def workbook_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_zip(buffer.getvalue())


def title_rows(sheet, class_name):
    sheet.append(["SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH THÁI NGUYÊN"])
    sheet.append(["TRƯỜNG THPT BẠCH THÔNG"])
    sheet.append([])
    sheet.append([f"DANH SÁCH HỌC SINH LỚP {class_name}"])
    sheet.append([])
