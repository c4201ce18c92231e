"""The roster reader against real files: each layout schools export, and its headers.

The files are in tests/data/ (written by tests/data/make_rosters.py, except the two
shared samples; a test here checks the committed ones are what it writes). Messages
are checked in English (the msgids), since the Vietnamese catalogue is merged later.
"""

import io
import unicodedata
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from people.rosters.reader import RosterRow, read_roster
from tests.data import make_rosters
from tests.data.roster_good_files import excel_dates
from tests.people.roster_reading import (
    DATA,
    STUDENTS,
    english,  # noqa: F401  (autouse: messages in English)
    expected_row,
    read,
    read_bytes,
    refusal,
)


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
    source = zipfile.ZipFile(io.BytesIO(excel_dates()))
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
