"""Write the roster test files of this folder, byte for byte the same every time.

Run ``.venv/bin/python tests/data/make_rosters.py`` after changing it; the tests
check that the committed files are what this script writes. Large files (too many
rows, too big, zip bombs) are not committed: the tests build them with the helpers
below in a temporary folder.

roster_10A1_utf8-bom.csv and roster_10A2_title-rows.xlsx are copies of the shared
samples, not written here. Every name, code and ID is made up.
"""

import codecs
import csv
import io
import random
import re
import struct
import sys
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
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


def _dmy(day):
    return day.strftime("%d/%m/%Y")


def _split(full_name):
    *family, given = full_name.split(" ")
    return " ".join(family), given


def _csv_text(rows, delimiter=",", newline="\r\n"):
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


def _fixed_zip(data):
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
    return _fixed_zip(buffer.getvalue())


def _title_rows(sheet, class_name):
    sheet.append(["SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH THÁI NGUYÊN"])
    sheet.append(["TRƯỜNG THPT BẠCH THÔNG"])
    sheet.append([])
    sheet.append([f"DANH SÁCH HỌC SINH LỚP {class_name}"])
    sheet.append([])


# ------------------------------------------------------------ files that import


def utf8_semicolon():
    """UTF-8 without BOM, semicolons, a title row, LF endings, email and phone."""
    rows = [
        ["DANH SÁCH LỚP 10A3 - NĂM HỌC 2026-2027", "", "", "", "", "", "", "", ""],
        ["STT", "Họ tên", "Ngày sinh", "Giới tính", "Mã HS", "Số CCCD", "Lớp"]
        + ["Email", "SĐT", "Ghi chú"],
    ]
    formats = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "{d.day}/{d.month}/{d.year}"]
    for number, (name, born, gender, code, cid) in enumerate(STUDENTS[:6], 1):
        rows.append(
            [
                number,
                name,
                born.strftime(formats[number % len(formats)]).format(d=born),
                gender.lower(),
                code,
                cid,
                "10a3",
                f"hs{number}@truong.edu.vn",
                f"09{number}2 345 67{number}",
                "Chuyển đến; học kỳ II" if number == 2 else "",
            ]
        )
    return _csv_text(rows, delimiter=";", newline="\n").encode("utf-8")


def utf16_tab():
    """Excel's "Unicode text": UTF-16 LE with BOM, tab separated, CRLF, quotes."""
    rows = [
        ["Họ và tên học sinh", "NS", "GT", "Mã HS", "CCCD", "Lớp", "Ghi chú"],
    ]
    for name, born, gender, code, cid in STUDENTS[:5]:
        rows.append([name, _dmy(born), gender, code, cid, "10A4", ""])
    rows[2][6] = 'Lớp trưởng, "cán sự"\tđoàn'
    return codecs.BOM_UTF16_LE + _csv_text(rows, delimiter="\t").encode("utf-16-le")


def utf16_be():
    rows = [["Họ và tên", "Ngày sinh", "Mã học sinh", "Lớp"]]
    for name, born, _gender, code, _cid in STUDENTS[:3]:
        rows.append([name, _dmy(born), code, "10A5"])
    return codecs.BOM_UTF16_BE + _csv_text(rows).encode("utf-16-be")


def cp1258_decomposed():
    """Windows-1258, combining tone marks, CRLF: an old Vietnamese Windows export."""
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Mã học sinh", "Lớp"]]
    for name, born, gender, code, _cid in STUDENTS[:6]:
        rows.append([name, _dmy(born), gender, code, "10A6"])
    return to_cp1258(_csv_text(rows))


def no_diacritics_capitals():
    rows = [
        ["STT", "HO VA TEN", "NGAY SINH", "GIOI TINH", "MA HOC SINH"]
        + ["SO DINH DANH CA NHAN", "LOP"],
    ]
    genders = {"Nữ": "NU", "Nam": "NAM"}
    for number, (name, born, gender, code, cid) in enumerate(STUDENTS[:5], 1):
        rows.append([number, name, _dmy(born), genders[gender], code, cid, "10A8"])
    return _csv_text(rows).encode("utf-8")


def nfd_names():
    """Names typed on a Mac or pasted from a web page: decomposed (NFD) text."""
    rows = [["Họ và tên", "Ngày sinh", "Mã học sinh"]]
    for name, born, _gender, code, _cid in STUDENTS[:3]:
        rows.append([unicodedata.normalize("NFD", name), _dmy(born), code])
    return unicodedata.normalize("NFD", _csv_text(rows)).encode("utf-8")


def excel_dates():
    """Real Excel dates, a serial number, text dates, numeric codes, a template.

    The header has an asterisk and a hint in brackets, codes are numbers, the
    citizen IDs are text cells, and the numbered template goes on below the class.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "10A7"
    _title_rows(sheet, "10A7")
    sheet.append(
        [
            "STT",
            "Họ và tên *",
            "Ngày tháng năm sinh (dd/mm/yyyy)",
            "Phái",
            "Mã định danh Bộ GD&ĐT",
            "Số định danh cá nhân",
            "Lớp",
            "Thư điện tử",
            "Điện thoại",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for number, (name, born, gender, code, cid) in enumerate(STUDENTS, 1):
        if number == 3:
            born_cell = (born - date(1899, 12, 30)).days  # a serial number
        elif number == 4:
            born_cell = _dmy(born)  # text
        else:
            born_cell = datetime(born.year, born.month, born.day)
        sheet.append(
            [
                number,
                name,
                born_cell,
                gender,
                int(code),
                cid,
                "10A7",
                f"Hs{number}@Truong.Edu.Vn" if number % 2 else None,
                f"0912 345 6{number:02d}" if number % 2 == 0 else None,
            ]
        )
        row = sheet.max_row
        if isinstance(born_cell, datetime):
            sheet.cell(row, 3).number_format = "DD/MM/YYYY"
        sheet.cell(row, 6).number_format = "@"
        if number == 5:
            sheet.append([])  # a blank row in the middle
    for number in range(len(STUDENTS) + 1, 16):
        sheet.append([number])  # the template's numbers, nobody on these rows
    workbook.properties.created = datetime(2026, 1, 1)
    return workbook_bytes(workbook)


def two_row_header():
    """An official form: "Họ và tên" merged over "Họ đệm" | "Tên", a numbering row,
    and girls marked with x in a "Nữ" column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    _title_rows(sheet, "10A9")
    sheet.append(["STT", "Họ và tên", None, "Ngày sinh", "Nữ", "Mã học sinh", "Lớp"])
    sheet.append([None, "Họ đệm", "Tên", None, None, None, None])
    sheet.merge_cells(start_row=6, start_column=2, end_row=6, end_column=3)
    for column in (1, 4, 5, 6, 7):
        sheet.merge_cells(
            start_row=6, start_column=column, end_row=7, end_column=column
        )
    sheet.append([f"({n})" for n in range(1, 8)])
    for number, (name, born, gender, code, _cid) in enumerate(STUDENTS[:4], 1):
        family, given = _split(name)
        mark = "x" if gender == "Nữ" else None
        row = [number, family, given, datetime(born.year, born.month, born.day)]
        sheet.append([*row, mark, code, "10A9"])
        sheet.cell(sheet.max_row, 4).number_format = "DD/MM/YYYY"
    workbook.properties.created = datetime(2026, 1, 1)
    return workbook_bytes(workbook)


# ------------------------------------------------------------ broken files


def _csv(header, rows):
    return _csv_text([header, *rows]).encode("utf-8")


HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã học sinh"]
HEADER_ID = [*HEADER, "Số định danh cá nhân", "Lớp"]


def _row(index, **changes):
    name, born, gender, code, cid = STUDENTS[index]
    values = {
        "name": name,
        "born": _dmy(born),
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
    return _csv_text([_row(i) for i in range(4)]).encode("utf-8")


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


FILES = {
    "roster_10A3_utf8-semicolon.csv": utf8_semicolon,
    "roster_10A4_utf16-tab.txt": utf16_tab,
    "roster_10A5_utf16-be.csv": utf16_be,
    "roster_10A6_cp1258.csv": cp1258_decomposed,
    "roster_10A7_excel-dates.xlsx": excel_dates,
    "roster_10A8_no-diacritics.csv": no_diacritics_capitals,
    "roster_10A9_two-row-header.xlsx": two_row_header,
    "roster_nfd-names.csv": nfd_names,
    "broken_missing-name-column.csv": missing_name_column,
    "broken_missing-id-columns.csv": missing_id_columns,
    "broken_bad-dates.csv": bad_dates,
    "broken_month-first-dates.csv": month_first_dates,
    "broken_duplicates.csv": duplicates,
    "broken_text-in-id.csv": text_in_id,
    "broken_short-id.csv": short_id,
    "broken_scientific-ids.csv": scientific_ids,
    "broken_empty.csv": lambda: b"",
    "broken_header-only.csv": header_only,
    "broken_no-header.csv": no_header,
    "broken_binary-garbage.csv": binary_garbage,
    "broken_pdf-renamed.csv": pdf_renamed,
    "broken_old-excel.xls": lambda: ole_file("Workbook"),
    "broken_word.doc": lambda: ole_file("WordDocument"),
    "broken_password.xlsx": lambda: ole_file("EncryptedPackage"),
    "broken_corrupt.xlsx": corrupt_xlsx,
    "broken_bad-xml.xlsx": bad_xml_xlsx,
    "broken_empty-first-sheet.xlsx": empty_first_sheet,
    "broken_numeric-ids.xlsx": numeric_ids_xlsx,
    "broken_web-page.xls": web_page_xls,
    "broken_libreoffice.ods": ods_file,
    "broken_bad-cells.csv": bad_cells,
    "broken_blank-names.csv": blank_names_and_footer,
    "broken_duplicate-column.csv": duplicate_column,
}


# ------------------------------------------------------------ built by the tests


def many_rows_csv(count):
    """A valid class list of ``count`` students."""
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Ma", "Nông", "Triệu"]
    middles = ["Văn", "Thị", "Đức", "Ngọc", "Thu", "Quang", "Minh"]
    givens = ["An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Lan", "Nghĩa", "Yến"]
    rows = [["Họ và tên", "Ngày sinh", "Mã học sinh", "Lớp"]]
    for number in range(1, count + 1):
        name = " ".join((families[number % 8], middles[number % 7], givens[number % 9]))
        rows.append([name, "05/09/2010", f"HS{number:06d}", "10C"])
    return _csv_text(rows).encode("utf-8")


def zip_bomb(path, megabytes):
    """An .xlsx-looking zip whose sheet unpacks to ``megabytes`` MB of spaces."""
    block = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(megabytes):
                sheet.write(block)
    return path


def lying_zip_bomb(path, megabytes):
    """A real workbook whose sheet unpacks to ``megabytes`` MB but claims to be
    small: the sizes in its zip headers are patched to lie."""
    source = zipfile.ZipFile(io.BytesIO(excel_dates()))
    sheet_name = "xl/worksheets/sheet1.xml"
    sheet = source.read(sheet_name)
    root_end = sheet.index(b">", sheet.index(b"<worksheet")) + 1
    padded = sheet[:root_end] + b" " * (megabytes << 20) + sheet[root_end:]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = padded if info.filename == sheet_name else source.read(info)
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    data = bytearray(buffer.getvalue())
    claimed = struct.pack("<I", len(sheet))
    name = sheet_name.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        name_at = 30 if signature == b"PK\x03\x04" else 46
        start = data.find(signature)
        while start != -1:
            if data[start + name_at : start + name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = claimed
            start = data.find(signature, start + 4)
    Path(path).write_bytes(bytes(data))
    return path


def write_all(folder=HERE):
    folder = Path(folder)
    for name, make in FILES.items():
        (folder / name).write_bytes(make())
    return sorted(FILES)


if __name__ == "__main__":
    write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
