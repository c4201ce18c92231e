"""Class lists the reader refuses, as a whole or row by row."""

import io
import random
import zipfile
from datetime import datetime

import openpyxl

from tests.data.roster_good_files import excel_dates
from tests.data.roster_writing import (
    FIXED_TIME,
    STUDENTS,
    csv_text,
    dmy,
    workbook_bytes,
)


def _csv(header, rows):
    return csv_text([header, *rows]).encode("utf-8")


HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã học sinh"]
HEADER_ID = [*HEADER, "Số định danh cá nhân", "Lớp"]


def _row(index, **changes):
    name, born, gender, code, cid = STUDENTS[index]
    values = {
        "name": name,
        "born": dmy(born),
        "gender": gender,
        "code": code,
        "cid": cid,
        "class": "10B1",
    }
    values.update(changes)
    return [index + 1, *values.values()]


def missing_name_column():
    rows = [_row(i)[0:1] + _row(i)[2:] for i in range(3)]
    header = [h for h in HEADER_ID if h != "Họ và tên"]
    return _csv(header, rows)


def missing_id_columns():
    header = ["STT", "Họ và tên", "Giới tính", "Lớp"]
    return _csv(header, [[i + 1, s[0], s[2], "10B1"] for i, s in enumerate(STUDENTS)])


def bad_dates():
    dates = ["31/02/2010", "ngày 5 tháng 9", "16/06/10", "2010", "01/01/2099"]
    dates += ["01/01/1900", "05/09/2010"]
    return _csv(HEADER_ID, [_row(i, born=d) for i, d in enumerate(dates)])


def month_first_dates():
    dates = ["05/09/2010", "13/25/2010", "06/25/2010", "12/31/2009", "1/2/2010"]
    return _csv(HEADER_ID, [_row(i, born=d) for i, d in enumerate(dates)])


def duplicates():
    rows = [_row(i) for i in range(6)]
    rows[3] = _row(3, code=STUDENTS[0][3])  # same student code as row 2
    rows[5] = _row(5, cid=STUDENTS[1][4])  # same citizen ID as row 3
    return _csv(HEADER_ID, rows)


def text_in_id():
    ids = ["chưa có", "00631000010A", "0063 1000 0103", "'006210000104", "CCCD"]
    return _csv(HEADER_ID, [_row(i, cid=v) for i, v in enumerate(ids)])


def short_id():
    ids = ["06310000101", "0062100001020", "006310000103"]
    return _csv(HEADER_ID, [_row(i, cid=v) for i, v in enumerate(ids)])


def scientific_ids():
    rows = [_row(0, cid="6.31E+09"), _row(1, code="6.12346E+09"), _row(2)]
    return _csv(HEADER_ID, rows)


def header_only():
    return _csv(HEADER_ID, []) + b",,,,,,\r\n\r\n"


def no_header():
    return csv_text([_row(i) for i in range(4)]).encode("utf-8")


def binary_garbage():
    return random.Random(4).randbytes(4096)  # noqa: S311 - test data


def pdf_renamed():
    return (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def ole_file(stream_name):
    """An OLE compound file (old .xls/.doc, or a password-protected .xlsx) holding
    one stream. Synthetic: the header and one directory sector, no stream data."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:34] = b"\x3e\x00\x03\x00\xfe\xff\x09\x00\x06\x00"
    directory = bytearray(512)
    for slot, (name, kind) in enumerate((("Root Entry", 5), (stream_name, 2))):
        encoded = (name + "\0").encode("utf-16-le")
        entry = slot * 128
        directory[entry : entry + len(encoded)] = encoded
        directory[entry + 64] = len(encoded)
        directory[entry + 66] = kind
    return bytes(header + directory)


def corrupt_xlsx():
    data = excel_dates()
    return data[: len(data) // 2]


def bad_xml_xlsx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook><sheets><sheet name="),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), content)
    return buffer.getvalue()


def empty_first_sheet():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Trang tính 1"
    other = workbook.create_sheet("10B1")
    other.append(HEADER_ID)
    other.append(_row(0))
    workbook.properties.created = datetime(2026, 1, 1)
    return workbook_bytes(workbook)


def numeric_ids_xlsx():
    """Citizen IDs typed into number cells: Excel drops their leading zeros."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER_ID)
    for index in range(3):
        row = _row(index)
        row[5] = int(row[5])  # 006310000101 becomes 6310000101
        sheet.append(row)
    sheet.append(_row(3))  # this one was typed as text
    workbook.properties.created = datetime(2026, 1, 1)
    return workbook_bytes(workbook)


def web_page_xls():
    return (
        "<html><head><meta charset='utf-8'></head><body><table>"
        "<tr><td>Họ và tên</td><td>Ngày sinh</td></tr>"
        "<tr><td>Hoàng Thị Thu Hà</td><td>05/03/2010</td></tr>"
        "</table></body></html>"
    ).encode()


def ods_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in (
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", b"<office:document-content/>"),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), content)
    return buffer.getvalue()


def bad_cells():
    """Gender, email and phone the reader cannot accept."""
    header = [*HEADER_ID, "Email", "Điện thoại"]
    rows = [
        [*_row(0, gender="1"), "hs1@truong.edu.vn", "0912345678"],
        [*_row(1), "hs2@truong", "0912345678"],
        [*_row(2), "", "0912-34"],
        [*_row(3), "", "gọi cô chủ nhiệm"],
        [*_row(4, gender="nữ"), "HS5@Truong.Edu.Vn", "+84 (912) 345-678"],
    ]
    return _csv(header, rows)


def blank_names_and_footer():
    """A blank name, a name with formulas and digits, unused template rows and
    the signature lines Vietnamese lists end with."""
    rows = [
        _row(0),
        _row(1, name=""),
        _row(2, name='=HYPERLINK("http://x","Bấm")'),
        _row(3, name="Nguyễn Văn 3"),
        [5, "", "", "", "", "", ""],
        [6, "", "", "", "", "", ""],
        ["", "", "", "", "", "", ""],
        ["", "Bạch Thông, ngày 05 tháng 9 năm 2026", "", "", "", "", ""],
        ["", "HIỆU TRƯỞNG", "", "", "", "", ""],
    ]
    return _csv(HEADER_ID, rows)


def duplicate_column():
    header = [*HEADER_ID, "Lớp"]
    return _csv(header, [[*_row(0), "10B2"], [*_row(1), "10B2"]])
