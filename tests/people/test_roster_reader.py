"""The roster reader against real files: each layout schools export, and broken ones.

The files are in tests/data/ (written by tests/data/make_rosters.py, except the two
shared samples); files too large to commit are built here in tmp_path. Messages are
checked in English (the msgids), since the Vietnamese catalogue is merged later.
"""

import codecs
import csv
import importlib.util
import io
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from people.rosters import fields, files, limits, messages, reader
from people.rosters.fields import parse_citizen_id, parse_date_of_birth, parse_gender
from people.rosters.limits import MAX_ROWS, MAX_UPLOAD_BYTES
from people.rosters.messages import RosterFileError
from people.rosters.reader import (
    RosterProblem,
    RosterRow,
    error_rows_csv,
    read_roster,
)

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2026, 9, 5)


def _load_maker():
    spec = importlib.util.spec_from_file_location(
        "make_rosters", DATA / "make_rosters.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_rosters = _load_maker()
STUDENTS = make_rosters.STUDENTS


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read(name):
    with open(DATA / name, "rb") as handle:
        return read_roster(handle, name)


def read_bytes(data, filename="lop.csv"):
    return read_roster(io.BytesIO(data), filename)


def refusal(name_or_bytes, filename="lop.csv"):
    with pytest.raises(RosterFileError) as caught:
        if isinstance(name_or_bytes, bytes):
            read_bytes(name_or_bytes, filename)
        else:
            read(name_or_bytes)
    return str(caught.value.message)


def problems(parsed):
    return [(p.row_number, p.column) for p in parsed.problems]


def message_of(parsed, row_number):
    return " ".join(
        str(p.message) for p in parsed.problems if p.row_number == row_number
    )


def expected_row(index, row_number, class_name="", **overrides):
    name, born, gender, code, cid = STUDENTS[index]
    values = {
        "row_number": row_number,
        "full_name": name,
        "date_of_birth": born,
        "gender": {"Nữ": "F", "Nam": "M"}[gender],
        "student_code": code,
        "citizen_id": cid,
        "class_name": class_name,
        "email": "",
        "phone": "",
    }
    values.update(overrides)
    return RosterRow(**values)


# ------------------------------------------------------------------ layouts


def test_utf8_bom_comma_sample():
    parsed = read("roster_10A1_utf8-bom.csv")
    assert parsed.problems == []
    assert parsed.header_row == 1
    assert len(parsed.rows) == 38
    assert parsed.rows[0] == RosterRow(
        row_number=2,
        full_name="Trần Thị Thu Ánh",
        date_of_birth=date(2010, 6, 16),
        gender="F",
        student_code="7985723412",
        citizen_id="006310670438",
        class_name="10A1",
        email="",
        phone="",
    )
    assert parsed.rows[-1].row_number == 39
    assert parsed.columns["citizen_id"] == "Số định danh cá nhân"
    assert parsed.header_cells[0] == "STT"  # the BOM is not part of the header
    assert sorted(parsed.raw_rows) == list(range(2, 40))


def test_xlsx_title_rows_and_split_names_sample():
    parsed = read("roster_10A2_title-rows.xlsx")
    assert parsed.problems == []
    assert parsed.header_row == 6
    assert parsed.columns["family_name"] == "Họ đệm"
    assert parsed.columns["given_name"] == "Tên"
    assert "full_name" not in parsed.columns
    assert len(parsed.rows) == 41
    first = parsed.rows[0]
    assert (first.row_number, first.full_name) == (7, "Lý Tiến Hiếu")
    assert first.date_of_birth == date(2010, 3, 11)
    assert (first.gender, first.student_code, first.class_name) == (
        "M",
        "1120926098",
        "10A2",
    )
    assert parsed.raw_rows[7][:4] == ["1", "Lý Tiến", "Hiếu", "11/03/2010"]


def test_utf8_without_bom_semicolons_and_title_row():
    parsed = read("roster_10A3_utf8-semicolon.csv")
    assert parsed.problems == []
    assert parsed.header_row == 2
    # dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy and d/m/yyyy all give the same dates.
    assert [r.date_of_birth for r in parsed.rows] == [s[1] for s in STUDENTS[:6]]
    assert parsed.rows[0] == expected_row(
        0,
        3,
        class_name="10A3",  # written "10a3"
        email="hs1@truong.edu.vn",
        phone="0912 345 671",
    )
    assert parsed.columns["phone"] == "SĐT"
    assert parsed.raw_rows[4][-1] == "Chuyển đến; học kỳ II"


def test_utf16_tab_separated_unicode_text():
    parsed = read("roster_10A4_utf16-tab.txt")
    assert parsed.problems == []
    assert parsed.columns["date_of_birth"] == "NS"
    assert parsed.columns["gender"] == "GT"
    assert parsed.columns["citizen_id"] == "CCCD"
    assert parsed.rows == [expected_row(i, i + 2, class_name="10A4") for i in range(5)]
    assert parsed.raw_rows[3][-1] == 'Lớp trưởng, "cán sự"\tđoàn'


def test_utf16_big_endian():
    parsed = read("roster_10A5_utf16-be.csv")
    assert parsed.problems == []
    assert [r.full_name for r in parsed.rows] == [s[0] for s in STUDENTS[:3]]


def test_utf16_without_bom():
    text = "Họ và tên\tNgày sinh\r\nNguyễn Văn An\t05/09/2010\r\n"
    parsed = read_bytes(text.encode("utf-16-le"), "lop.txt")
    assert parsed.rows[0].full_name == "Nguyễn Văn An"


def test_windows_1258_with_combining_tone_marks():
    data = (DATA / "roster_10A6_cp1258.csv").read_bytes()
    # "Hoàng": the tone is a separate combining byte (0xCC) after the "a".
    assert b"Hoa\xccng" in data
    parsed = read("roster_10A6_cp1258.csv")
    assert parsed.problems == []
    names = [r.full_name for r in parsed.rows]
    assert names == [s[0] for s in STUDENTS[:6]]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert parsed.columns["full_name"] == "Họ và tên"


def test_xlsx_with_real_excel_dates_serials_and_numeric_codes():
    parsed = read("roster_10A7_excel-dates.xlsx")
    assert parsed.problems == []
    assert parsed.header_row == 6
    assert parsed.columns["full_name"] == "Họ và tên *"
    assert parsed.columns["student_code"] == "Mã định danh Bộ GD&ĐT"
    # Real dates, a serial number (row 3) and a text date (row 4) alike.
    assert [r.date_of_birth for r in parsed.rows] == [s[1] for s in STUDENTS]
    # Codes stored as numbers come out without ".0"; text IDs keep their zeros.
    assert [r.student_code for r in parsed.rows] == [s[3] for s in STUDENTS]
    assert [r.citizen_id for r in parsed.rows] == [s[4] for s in STUDENTS]
    assert parsed.rows[0].email == "hs1@truong.edu.vn"
    assert parsed.rows[1].phone == "0912 345 602"
    # Excel's own row numbers, across the blank row after the fifth student; the
    # template's numbered rows below the class are not students.
    assert [r.row_number for r in parsed.rows] == [7, 8, 9, 10, 11, 13, 14, 15]
    assert sorted(parsed.raw_rows) == [7, 8, 9, 10, 11, 13, 14, 15]


def test_headers_without_diacritics_in_capitals():
    parsed = read("roster_10A8_no-diacritics.csv")
    assert parsed.problems == []
    assert parsed.columns["full_name"] == "HO VA TEN"
    assert parsed.rows == [expected_row(i, i + 2, class_name="10A8") for i in range(5)]


def test_two_header_rows_numbering_row_and_female_mark():
    parsed = read("roster_10A9_two-row-header.xlsx")
    assert parsed.problems == []
    assert parsed.header_row == 6
    assert parsed.columns["family_name"] == "Họ đệm"
    assert parsed.columns["female_mark"] == "Nữ"
    assert parsed.rows == [
        expected_row(i, i + 9, class_name="10A9", citizen_id="") for i in range(4)
    ]


def test_names_given_in_nfd_come_out_nfc():
    raw = (DATA / "roster_nfd-names.csv").read_bytes().decode("utf-8")
    assert not unicodedata.is_normalized("NFC", raw)
    parsed = read("roster_nfd-names.csv")
    assert [r.full_name for r in parsed.rows] == [s[0] for s in STUDENTS[:3]]
    assert all(unicodedata.is_normalized("NFC", r.full_name) for r in parsed.rows)
    assert unicodedata.is_normalized("NFC", parsed.columns["full_name"])


def test_xlsx_claiming_the_whole_sheet_as_its_dimension():
    """Some programs write <dimension ref="A1:XFD1048576"/>; the class is still read."""
    source = zipfile.ZipFile(io.BytesIO(make_rosters.excel_dates()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                start = content.index(b"<dimension")
                end = content.index(b"/>", start) + 2
                content = (
                    content[:start]
                    + b'<dimension ref="A1:XFD1048576"/>'
                    + content[end:]
                )
            target.writestr(info, content)
    parsed = read_bytes(buffer.getvalue(), "lop.xlsx")
    assert len(parsed.rows) == len(STUDENTS)
    assert max(len(cells) for cells in parsed.raw_rows.values()) <= 9


def test_format_is_told_by_content_not_by_name():
    xlsx = (DATA / "roster_10A2_title-rows.xlsx").read_bytes()
    text = (DATA / "roster_10A1_utf8-bom.csv").read_bytes()
    assert len(read_bytes(xlsx, "lop.csv").rows) == 41
    assert len(read_bytes(text, "lop.xlsx").rows) == 38
    assert len(read_bytes(text, "").rows) == 38


def test_reads_a_django_upload():
    upload = SimpleUploadedFile(
        "lop.csv", (DATA / "roster_10A1_utf8-bom.csv").read_bytes(), "text/csv"
    )
    upload.read(10)  # a view that peeked at it
    assert len(read_roster(upload, upload.name).rows) == 38


def test_semicolons_win_over_commas_in_titles_and_notes():
    text = (
        "Trường THPT Bạch Thông, xã Phủ Thông, tỉnh Thái Nguyên\n"
        "Họ và tên;Ngày sinh;Ghi chú\n"
        "Nguyễn Văn An;05/09/2010;Lớp trưởng, bí thư\n"
    )
    parsed = read_bytes(text.encode())
    assert (parsed.header_row, parsed.rows[0].full_name) == (2, "Nguyễn Văn An")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("HỌ VÀ TÊN", "full_name"),
        ("ho va ten", "full_name"),
        ("Họ tên", "full_name"),
        ("Họ và tên học sinh", "full_name"),
        ("  Họ  và   tên: ", "full_name"),
        ("Họ và tên (*)", "full_name"),
        ("Ngày tháng năm sinh", "date_of_birth"),
        ("NS", "date_of_birth"),
        ("Ngày sinh (dd/mm/yyyy)", "date_of_birth"),
        ("GT", "gender"),
        ("Phái", "gender"),
        ("Mã HS", "student_code"),
        ("Mã định danh", "student_code"),
        ("MÃ ĐỊNH DANH", "student_code"),
        ("Số định danh cá nhân", "citizen_id"),
        ("Mã định danh cá nhân", "citizen_id"),
        ("CCCD", "citizen_id"),
        ("Số CCCD", "citizen_id"),
        ("Căn cước", "citizen_id"),
        ("Số CMND/CCCD", "citizen_id"),
        ("Lớp", "class_name"),
        ("Thư điện tử", "email"),
        ("E-mail", "email"),
        ("SĐT", "phone"),
        ("Số điện thoại", "phone"),
    ],
)
def test_header_variants(header, field):
    first, other = ("Họ và tên", header) if field != "full_name" else (header, "Lớp")
    text = f"{first},{other},Mã học sinh\nNguyễn Văn An,,HS1\n"
    parsed = read_bytes(text.encode())
    assert parsed.columns[field] == " ".join(header.split())


@pytest.mark.parametrize("header", ["STT", "Ghi chú", "Họ tên cha", "Dân tộc"])
def test_unknown_columns_are_ignored(header):
    parsed = read_bytes(f"{header},Họ và tên,Mã HS\nx,Nguyễn Văn An,HS1\n".encode())
    assert parsed.problems == []
    assert set(parsed.columns) == {"full_name", "student_code"}


def test_header_may_be_under_title_rows_but_not_too_far_down():
    title = "DANH SÁCH HỌC SINH\n"
    body = "Họ và tên,Mã HS\nNguyễn Văn An,HS1\n"
    near = read_bytes((title * 19 + body).encode())
    assert near.header_row == 20
    message = refusal((title * 20 + body).encode())
    assert message.startswith("No header row was found.")


# ------------------------------------------------------------------ values


@pytest.mark.parametrize(
    "value",
    [
        "16/06/2010",
        "16/6/2010",
        " 16 / 06 / 2010 ",
        "16-06-2010",
        "16.06.2010",
        "2010-06-16",
        "2010-06-16 00:00:00",
        "16/06/2010 00:00",
        40345,
        40345.0,
        "40345",
        datetime(2010, 6, 16),
        date(2010, 6, 16),
    ],
)
def test_dates_of_birth(value):
    assert parse_date_of_birth(value, TODAY) == date(2010, 6, 16)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("13/25/2010", "is not a valid date"),
        ("06/25/2010", "write 25/06/2010"),
        ("31/04/2010", "is not a valid date"),
        ("16/06/10", "two-digit year"),
        ("2010", "not a full date"),
        (2010, "not a full date"),
        ("16062010", "is not a date"),
        ("đầu năm 2010", "is not a date"),
        ("06/09/2026", "in the future"),
        ("04/09/1926", "more than 100 years ago"),
    ],
)
def test_bad_dates_of_birth(value, fragment):
    with pytest.raises(fields.Invalid) as caught:
        parse_date_of_birth(value, TODAY)
    assert fragment in str(caught.value.message)


@pytest.mark.parametrize(
    ("value", "gender"),
    [("Nam", "M"), ("NỮ", "F"), ("nu", "F"), ("Khác", "O"), ("khac", "O")]
    + [("M", "M"), ("Female", "F"), ("", "")],
)
def test_genders(value, gender):
    assert parse_gender(value) == gender


@pytest.mark.parametrize("value", ["1", "0", "x", "Nam/Nữ"])
def test_unclear_genders_are_refused(value):
    with pytest.raises(fields.Invalid):
        parse_gender(value)


@pytest.mark.parametrize(
    ("value", "citizen_id"),
    [
        ("006310670438", "006310670438"),
        (" 006 310 670 438 ", "006310670438"),
        ("'006310670438", "006310670438"),
        (123456789012, "123456789012"),
        ("", ""),
        (None, ""),
    ],
)
def test_citizen_ids(value, citizen_id):
    assert parse_citizen_id(value) == citizen_id


# ------------------------------------------------------------------ broken files


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("broken_empty.csv", "The file is empty."),
        ("broken_header-only.csv", "The file has a header row but no student rows."),
        ("broken_no-header.csv", "No header row was found."),
        ("broken_missing-name-column.csv", "Row 1 looks like the header row but"),
        ("broken_missing-id-columns.csv", "The header row (row 1) has a name column"),
        ("broken_binary-garbage.csv", "The file is neither a spreadsheet nor a text"),
        ("broken_pdf-renamed.csv", "This is a PDF file"),
        ("broken_old-excel.xls", "This is an old Excel file (.xls)."),
        ("broken_word.doc", "This is a Word document"),
        ("broken_password.xlsx", "The workbook is protected with a password"),
        ("broken_corrupt.xlsx", "The Excel file is damaged"),
        ("broken_bad-xml.xlsx", "The Excel file is damaged"),
        ("broken_empty-first-sheet.xlsx", "The first sheet of the workbook (“Trang"),
        ("broken_web-page.xls", "This file is a web page"),
        ("broken_libreoffice.ods", "This is a LibreOffice/OpenOffice spreadsheet"),
    ],
)
def test_files_refused_as_a_whole(name, start):
    assert refusal(name).startswith(start)


def test_old_excel_message_says_how_to_fix():
    assert "save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”" in refusal(
        "broken_old-excel.xls"
    )


class CountingReader(io.RawIOBase):
    """An endless upload that counts what was read from it."""

    def __init__(self):
        self.served = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        size = len(buffer)
        buffer[:size] = b"a" * size
        self.served += size
        return size


def test_huge_file_is_refused_after_reading_one_byte_too_many(tmp_path):
    huge = tmp_path / "huge.csv"
    row = "Nguyễn Văn An,05/09/2010,HS000001\n".encode()
    huge.write_bytes(
        b"Ho va ten,Ngay sinh,Ma HS\n" + row * (MAX_UPLOAD_BYTES // len(row) + 1)
    )
    assert huge.stat().st_size > MAX_UPLOAD_BYTES
    with open(huge, "rb") as handle, pytest.raises(RosterFileError) as caught:
        read_roster(handle, "huge.csv")
    assert str(caught.value.message).startswith("The file is larger than 5 MB.")

    endless = CountingReader()
    with pytest.raises(RosterFileError):
        read_roster(endless, "endless.csv")
    assert endless.served <= MAX_UPLOAD_BYTES + 1


def test_upload_with_a_declared_size_over_the_limit_is_not_read():
    class DeclaredHuge:
        size = MAX_UPLOAD_BYTES + 1

        def read(self, size=-1):
            pytest.fail("the upload was read")

    with pytest.raises(RosterFileError):
        read_roster(DeclaredHuge(), "lop.csv")


def test_too_many_rows(tmp_path):
    path = tmp_path / "too-many.csv"
    path.write_bytes(make_rosters.many_rows_csv(MAX_ROWS + 1))
    with open(path, "rb") as handle, pytest.raises(RosterFileError) as caught:
        read_roster(handle, "too-many.csv")
    assert f"more than {MAX_ROWS} student rows" in str(caught.value.message)


def test_exactly_the_row_limit_is_accepted():
    parsed = read_bytes(make_rosters.many_rows_csv(MAX_ROWS))
    assert (len(parsed.rows), parsed.problems) == (MAX_ROWS, [])


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    path = make_rosters.zip_bomb(tmp_path / "bomb.xlsx", 60)
    assert path.stat().st_size < 1024 * 1024
    monkeypatch.setattr(files.openpyxl, "load_workbook", pytest.fail)
    assert refusal(path.read_bytes(), "bomb.xlsx").startswith(
        "The Excel file unpacks to far more data"
    )


def test_highly_compressed_entry_is_refused(tmp_path):
    path = make_rosters.zip_bomb(tmp_path / "ratio.xlsx", 5)  # 5 MB, ratio ~1000
    assert refusal(path.read_bytes(), "ratio.xlsx").startswith(
        "The Excel file unpacks to far more data"
    )


def test_zip_with_too_many_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for number in range(limits.MAX_XLSX_ENTRIES):
            archive.writestr(f"xl/media/{number}.txt", b"")
    assert refusal(buffer.getvalue(), "many.xlsx").startswith(
        "The Excel file unpacks to far more data"
    )


def test_zip_lying_about_its_sizes_is_refused_cheaply(tmp_path):
    path = make_rosters.lying_zip_bomb(tmp_path / "lies.xlsx", 100)
    assert refusal(path.read_bytes(), "lies.xlsx").startswith(
        "The Excel file is damaged"
    )


def test_plain_zip_archive_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("lop-10a1.csv", b"Ho va ten,Ma HS\n")
    assert refusal(buffer.getvalue(), "lop.zip").startswith(
        "This is a compressed archive"
    )


def test_bom_with_invalid_utf8_is_refused():
    data = codecs.BOM_UTF8 + "Họ và tên,Mã HS\n".encode() + b"Nguy\xff\xfen,HS1\n"
    assert refusal(data).startswith("The text of the file is not in a readable")


def test_unreadable_csv_line_is_named():
    data = f'Họ và tên,Mã HS\nNguyễn Văn An,HS1\n"{"x" * 200_000}",HS2\n'.encode()
    assert refusal(data).startswith("Line 3 cannot be read")


def test_unexpected_failure_is_a_clean_refusal(monkeypatch):
    def broken(rows):
        raise KeyError("bug")

    monkeypatch.setattr(reader, "_parse", broken)
    assert refusal("roster_10A1_utf8-bom.csv").startswith("The file could not be read.")


# ------------------------------------------------------------------ row problems


def test_bad_dates_name_row_and_column_and_keep_good_rows():
    parsed = read("broken_bad-dates.csv")
    assert problems(parsed) == [(n, "Ngày sinh") for n in range(2, 8)]
    assert "is not a valid date" in message_of(parsed, 2)  # 31/02/2010
    assert "is not a date" in message_of(parsed, 3)
    assert "two-digit year" in message_of(parsed, 4)
    assert "not a full date" in message_of(parsed, 5)
    assert "in the future" in message_of(parsed, 6)
    assert "more than 100 years ago" in message_of(parsed, 7)
    assert [r.row_number for r in parsed.rows] == [8]
    assert sorted(parsed.raw_rows) == list(range(2, 9))


def test_month_first_dates():
    parsed = read("broken_month-first-dates.csv")
    assert problems(parsed) == [
        (None, "Ngày sinh"),
        (3, "Ngày sinh"),
        (4, "Ngày sinh"),
        (5, "Ngày sinh"),
    ]
    # No date in the column is clearly day first: 05/09/2010 on row 2 is suspect too.
    assert "seem to be written month first (row 4, for example)" in message_of(
        parsed, None
    )
    assert "“13/25/2010” is not a valid date" in message_of(parsed, 3)
    assert "write 25/06/2010" in message_of(parsed, 4)
    assert "write 31/12/2009" in message_of(parsed, 5)
    assert [(r.row_number, r.date_of_birth) for r in parsed.rows] == [
        (2, date(2010, 9, 5)),
        (6, date(2010, 2, 1)),  # 1/2/2010 is 1 February, never 2 January
    ]


def test_one_month_first_date_among_day_first_ones():
    text = "Họ và tên,Ngày sinh\nNguyễn Văn An,25/06/2010\nLê Thị Bình,06/25/2010\n"
    parsed = read_bytes(text.encode())
    assert problems(parsed) == [(3, "Ngày sinh")]
    assert [r.date_of_birth for r in parsed.rows] == [date(2010, 6, 25)]


def test_duplicate_students_in_one_file():
    parsed = read("broken_duplicates.csv")
    assert problems(parsed) == [(5, "Mã học sinh"), (7, "Số định danh cá nhân")]
    assert "also appears on row 2" in message_of(parsed, 5)
    assert "also appears on row 3" in message_of(parsed, 7)
    assert [r.row_number for r in parsed.rows] == [2, 3, 4, 6]


def test_text_in_the_citizen_id_column():
    parsed = read("broken_text-in-id.csv")
    assert problems(parsed) == [(n, "Số định danh cá nhân") for n in (2, 3, 6)]
    assert "“chưa có” is not a personal identification number" in message_of(parsed, 2)
    assert [(r.row_number, r.citizen_id) for r in parsed.rows] == [
        (4, "006310000103"),  # written with spaces
        (5, "006210000104"),  # with a leading apostrophe
    ]


def test_citizen_ids_of_the_wrong_length():
    parsed = read("broken_short-id.csv")
    assert problems(parsed) == [
        (2, "Số định danh cá nhân"),
        (3, "Số định danh cá nhân"),
    ]
    assert "has 11 digits instead of 12" in message_of(parsed, 2)
    assert "Excel dropped the leading zeros" in message_of(parsed, 2)
    assert "has 13 digits" in message_of(parsed, 3)
    assert [r.row_number for r in parsed.rows] == [4]


def test_citizen_ids_stored_as_numbers_in_excel():
    parsed = read("broken_numeric-ids.xlsx")
    assert problems(parsed) == [(n, "Số định danh cá nhân") for n in (2, 3, 4)]
    message = message_of(parsed, 2)
    assert "The cell holds the number 6310000101" in message
    assert "Format the column as Text" in message
    assert [(r.row_number, r.citizen_id) for r in parsed.rows] == [(5, "006210000104")]


def test_numbers_in_scientific_notation():
    parsed = read("broken_scientific-ids.csv")
    assert problems(parsed) == [(2, "Số định danh cá nhân"), (3, "Mã học sinh")]
    assert "scientific notation" in message_of(parsed, 2)
    assert "scientific notation" in message_of(parsed, 3)
    assert [r.row_number for r in parsed.rows] == [4]


def test_gender_email_and_phone():
    parsed = read("broken_bad-cells.csv")
    assert problems(parsed) == [
        (2, "Giới tính"),
        (3, "Email"),
        (4, "Điện thoại"),
        (5, "Điện thoại"),
    ]
    assert "Write Nam, Nữ or Khác" in message_of(parsed, 2)
    assert "“hs2@truong” is not a valid email address" in message_of(parsed, 3)
    assert "9 to 12 digits" in message_of(parsed, 4)
    assert parsed.rows == [
        expected_row(
            4,
            6,
            class_name="10B1",
            email="hs5@truong.edu.vn",
            phone="+84 (912) 345-678",
        )
    ]


def test_blank_names_signature_lines_and_unused_template_rows():
    parsed = read("broken_blank-names.csv")
    assert problems(parsed) == [
        (3, "Họ và tên"),
        (4, "Họ và tên"),
        (5, "Họ và tên"),
        (9, "Họ và tên"),
        (9, ""),
        (10, ""),
    ]
    assert "The full name is missing" in message_of(parsed, 3)
    assert "characters a name may not hold (“=”" in message_of(parsed, 4)
    assert "(“3”)" in message_of(parsed, 5)
    assert "a signature line" in message_of(parsed, 10)
    assert [r.row_number for r in parsed.rows] == [2]
    # Rows 6-7 hold only the template's numbers and row 8 is empty: not students.
    assert sorted(parsed.raw_rows) == [2, 3, 4, 5, 9, 10]


def test_given_name_missing_in_split_columns():
    text = "Họ đệm,Tên,Mã HS\nNguyễn Văn,,HS1\n,An,HS2\n"
    parsed = read_bytes(text.encode())
    assert problems(parsed) == [(2, "Tên")]
    assert "The given name is missing" in message_of(parsed, 2)
    assert [r.full_name for r in parsed.rows] == ["An"]


def test_duplicate_column_is_a_header_problem():
    parsed = read("broken_duplicate-column.csv")
    assert problems(parsed) == [(None, "Lớp")]
    assert [r.class_name for r in parsed.rows] == ["10B1", "10B1"]


# ------------------------------------------------------------------ error file


def test_error_rows_csv():
    parsed = read("broken_blank-names.csv")
    data = error_rows_csv(parsed)
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [*parsed.header_cells, "Errors"]
    assert [r[0] for r in rows[1:]] == ["2", "3", "4", "", ""]  # the STT column
    assert rows[2][1].startswith("'=HYPERLINK(")  # neutralised formula
    assert rows[1][-1].startswith("Họ và tên: The full name is missing.")
    assert "; The row has no student code" in rows[4][-1]
    assert all(len(r) == len(rows[0]) for r in rows)


def test_error_rows_csv_takes_the_problems_found_later():
    parsed = read("roster_10A1_utf8-bom.csv")
    later = RosterProblem(5, "Mã học sinh", "This student is registered elsewhere.")
    rows = list(
        csv.reader(io.StringIO(error_rows_csv(parsed, [later]).decode("utf-8-sig")))
    )
    assert len(rows) == 2
    assert rows[1][:2] == ["4", "Phạm Tiến Sơn"]
    assert rows[1][-1] == "Mã học sinh: This student is registered elsewhere."


def test_error_rows_csv_follows_the_language():
    parsed = read("broken_duplicates.csv")
    with translation.override("vi"):
        header = next(
            csv.reader(io.StringIO(error_rows_csv(parsed).decode("utf-8-sig")))
        )
        assert header[-1] == str(messages.ERRORS_HEADER)


def _content(path):
    """A file's bytes; for a zip, its entries (deflate output varies with zlib)."""
    data = path.read_bytes()
    if not data.startswith(b"PK\x03\x04"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_committed_files_are_what_the_script_writes(tmp_path):
    names = make_rosters.write_all(tmp_path)
    assert len(names) >= 30
    for name in names:
        if name == "broken_corrupt.xlsx":  # half a zip: compare its size only
            size = (tmp_path / name).stat().st_size
            assert abs(size - (DATA / name).stat().st_size) < 200, name
            continue
        assert _content(tmp_path / name) == _content(DATA / name), name
