"""Roster files the reader refuses as a whole: wrong formats, broken files, files
too large (built here in tmp_path: too large to commit), zip bombs.
"""

import codecs
import io
import zipfile

import pytest

from people.rosters import files, limits, reader
from people.rosters.limits import MAX_ROWS, MAX_UPLOAD_BYTES
from people.rosters.messages import RosterFileError
from people.rosters.reader import read_roster
from tests.data.roster_large_files import lying_zip_bomb, many_rows_csv, zip_bomb
from tests.people.roster_reading import (
    english,  # noqa: F401  (autouse: messages in English)
    read_bytes,
    refusal,
)


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
    path.write_bytes(many_rows_csv(MAX_ROWS + 1))
    with open(path, "rb") as handle, pytest.raises(RosterFileError) as caught:
        read_roster(handle, "too-many.csv")
    assert f"more than {MAX_ROWS} student rows" in str(caught.value.message)


def test_exactly_the_row_limit_is_accepted():
    parsed = read_bytes(many_rows_csv(MAX_ROWS))
    assert (len(parsed.rows), parsed.problems) == (MAX_ROWS, [])


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    path = zip_bomb(tmp_path / "bomb.xlsx", 60)
    assert path.stat().st_size < 1024 * 1024
    monkeypatch.setattr(files.openpyxl, "load_workbook", pytest.fail)
    assert refusal(path.read_bytes(), "bomb.xlsx").startswith(
        "The Excel file unpacks to far more data"
    )


def test_highly_compressed_entry_is_refused(tmp_path):
    path = zip_bomb(tmp_path / "ratio.xlsx", 5)  # 5 MB, ratio ~1000
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
    path = lying_zip_bomb(tmp_path / "lies.xlsx", 100)
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
