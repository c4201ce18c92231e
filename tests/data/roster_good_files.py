"""Class lists that import: each layout, encoding and date format schools export."""

import codecs
import unicodedata
from datetime import date, datetime

import openpyxl
from openpyxl.styles import Font

from tests.data.roster_writing import (
    STUDENTS,
    csv_text,
    dmy,
    split_name,
    title_rows,
    to_cp1258,
    workbook_bytes,
)


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
    return csv_text(rows, delimiter=";", newline="\n").encode("utf-8")


def utf16_tab():
    """Excel's "Unicode text": UTF-16 LE with BOM, tab separated, CRLF, quotes."""
    rows = [
        ["Họ và tên học sinh", "NS", "GT", "Mã HS", "CCCD", "Lớp", "Ghi chú"],
    ]
    for name, born, gender, code, cid in STUDENTS[:5]:
        rows.append([name, dmy(born), gender, code, cid, "10A4", ""])
    rows[2][6] = 'Lớp trưởng, "cán sự"\tđoàn'
    return codecs.BOM_UTF16_LE + csv_text(rows, delimiter="\t").encode("utf-16-le")


def utf16_be():
    rows = [["Họ và tên", "Ngày sinh", "Mã học sinh", "Lớp"]]
    for name, born, _gender, code, _cid in STUDENTS[:3]:
        rows.append([name, dmy(born), code, "10A5"])
    return codecs.BOM_UTF16_BE + csv_text(rows).encode("utf-16-be")


def cp1258_decomposed():
    """Windows-1258, combining tone marks, CRLF: an old Vietnamese Windows export."""
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Mã học sinh", "Lớp"]]
    for name, born, gender, code, _cid in STUDENTS[:6]:
        rows.append([name, dmy(born), gender, code, "10A6"])
    return to_cp1258(csv_text(rows))


def no_diacritics_capitals():
    rows = [
        ["STT", "HO VA TEN", "NGAY SINH", "GIOI TINH", "MA HOC SINH"]
        + ["SO DINH DANH CA NHAN", "LOP"],
    ]
    genders = {"Nữ": "NU", "Nam": "NAM"}
    for number, (name, born, gender, code, cid) in enumerate(STUDENTS[:5], 1):
        rows.append([number, name, dmy(born), genders[gender], code, cid, "10A8"])
    return csv_text(rows).encode("utf-8")


def nfd_names():
    """Names typed on a Mac or pasted from a web page: decomposed (NFD) text."""
    rows = [["Họ và tên", "Ngày sinh", "Mã học sinh"]]
    for name, born, _gender, code, _cid in STUDENTS[:3]:
        rows.append([unicodedata.normalize("NFD", name), dmy(born), code])
    return unicodedata.normalize("NFD", csv_text(rows)).encode("utf-8")


def excel_dates():
    """Real Excel dates, a serial number, text dates, numeric codes, a template.

    The header has an asterisk and a hint in brackets, codes are numbers, the
    citizen IDs are text cells, and the numbered template goes on below the class.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "10A7"
    title_rows(sheet, "10A7")
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
            born_cell = dmy(born)  # text
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
    title_rows(sheet, "10A9")
    sheet.append(["STT", "Họ và tên", None, "Ngày sinh", "Nữ", "Mã học sinh", "Lớp"])
    sheet.append([None, "Họ đệm", "Tên", None, None, None, None])
    sheet.merge_cells(start_row=6, start_column=2, end_row=6, end_column=3)
    for column in (1, 4, 5, 6, 7):
        sheet.merge_cells(
            start_row=6, start_column=column, end_row=7, end_column=column
        )
    sheet.append([f"({n})" for n in range(1, 8)])
    for number, (name, born, gender, code, _cid) in enumerate(STUDENTS[:4], 1):
        family, given = split_name(name)
        mark = "x" if gender == "Nữ" else None
        row = [number, family, given, datetime(born.year, born.month, born.day)]
        sheet.append([*row, mark, code, "10A9"])
        sheet.cell(sheet.max_row, 4).number_format = "DD/MM/YYYY"
    workbook.properties.created = datetime(2026, 1, 1)
    return workbook_bytes(workbook)
