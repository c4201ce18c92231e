"""The roster reader's cell parsers, the problems it finds row by row, and the file
of problem rows a coordinator downloads to fix them.
"""

import codecs
import csv
import io
from datetime import date, datetime

import pytest
from django.utils import translation

from people.rosters import fields, messages
from people.rosters.fields import parse_citizen_id, parse_date_of_birth, parse_gender
from people.rosters.reader import RosterProblem, error_rows_csv
from tests.people.roster_reading import (
    TODAY,
    english,  # noqa: F401  (autouse: messages in English)
    expected_row,
    message_of,
    problems,
    read,
    read_bytes,
)


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
