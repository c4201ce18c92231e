"""Reading question files (template XLSX/CSV, GIFT, Aiken) and writing them back."""

import io
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from courses.models import CompetenceTag
from courses.question_formats import (
    QuestionFileError,
    read_questions,
    write_questions,
)
from courses.question_formats.files import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data" / "questions"


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are asserted in English, whatever language an earlier test left."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def tags(db):
    CompetenceTag.objects.create(framework="tt02", code="1.1", name="Duyệt dữ liệu")
    CompetenceTag.objects.create(framework="qd757", code="2.1", name="Tương tác")


def read(name_or_bytes, filename=None, fmt=""):
    if isinstance(name_or_bytes, bytes):
        data, filename = name_or_bytes, filename or "cau-hoi.csv"
    else:
        data, filename = (DATA / name_or_bytes).read_bytes(), name_or_bytes
    return read_questions(SimpleUploadedFile(filename, data), filename, fmt)


def messages(parsed):
    return [(p.line, p.column, str(p.message)) for p in parsed.problems]


def refused(data, filename):
    with pytest.raises(QuestionFileError) as caught:
        read(data, filename)
    return str(caught.value.message)


def cp1258(text):
    """As old Vietnamese Windows programs wrote it: tone marks as combining bytes."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tones = [c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append((base + "".join(tones)).encode("cp1258"))
    return b"".join(out)


def workbook(rows, merge=None):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["Câu hỏi", "Loại", "Phương án A", "Phương án B", "Đáp án đúng"]


# ---------------------------------------------------------------- GIFT


def test_gift_reads_choice_several_answers_true_false_and_escapes():
    parsed = read("an-toan-so.gift")
    assert parsed.ok, messages(parsed)
    password, scam, portal, escaped = parsed.questions
    assert password.line == 5 and password.kind == "single_choice"
    assert password.text == "Mật khẩu nào sau đây mạnh nhất?"
    assert password.choices == [
        ["123456", False],
        ["Tr@ngXanh-2025!", True],
        ["matkhau", False],
    ]
    assert password.explanation.startswith("Mật khẩu mạnh dài")
    assert password.tags == ["tt02:1.1"]
    assert scam.kind == "multiple_choice"
    assert [c for _t, c in scam.choices] == [True, True, False]
    assert (portal.kind, portal.answer) == ("true_false", True)
    assert escaped.text == "Ký tự đặc biệt { } = ~ # : được giữ nguyên?"
    assert escaped.explanation == "Dấu \\ cũng vậy."


def test_gift_unsupported_kinds_are_line_numbered_errors():
    parsed = read("loai-khong-ho-tro.gift")
    found = {line: text for line, _c, text in messages(parsed)}
    assert set(found) == {3, 5, 7, 9, 11}
    assert "essay" in found[3]
    assert "numerical" in found[5]
    assert "matching" in found[7]
    assert "short-answer" in found[9]
    assert "never closed" in found[11]
    assert not parsed.ok  # one good question is not enough: all or nothing


def test_gift_missing_word_puts_a_blank_where_the_answers_were():
    parsed = read(b"Mat khau {~ngan =dai ~de doan} thi an toan hon.", "a.gift")
    assert parsed.questions[0].text == "Mat khau _____ thi an toan hon."


# ---------------------------------------------------------------- Aiken


def test_aiken_reads_both_choice_styles():
    parsed = read("dich-vu-cong.txt")
    assert parsed.ok, messages(parsed)
    assert [q.line for q in parsed.questions] == [1, 7]
    second = parsed.questions[1]
    assert second.choices[1] == ["VNeID", True]
    assert len(second.choices) == 4


def test_aiken_errors_name_their_lines():
    parsed = read("aiken-loi.txt")
    found = messages(parsed)
    assert [line for line, _c, _t in found] == [1, 8, 13]
    assert "ANSWER:" in found[0][2]
    assert "exactly one choice letter" in found[1][2]
    assert "does not have" in found[2][2]


# ---------------------------------------------------------------- template


def test_vietnamese_csv_template():
    parsed = read("mau-tieng-viet.csv")
    assert parsed.ok, messages(parsed)
    strong, scam, portal, untyped = parsed.questions
    assert strong.line == 2 and strong.choices[1] == ["Tr@ngXanh-2025!", True]
    assert scam.kind == "multiple_choice" and scam.tags == ["tt02:1.1", "qd757:2.1"]
    assert scam.text == "Dấu hiệu lừa đảo, chọn mọi đáp án đúng"
    assert (portal.kind, portal.answer, portal.choices) == ("true_false", True, [])
    assert untyped.kind == "single_choice"


def test_english_headers_without_a_type_column_and_a_title_row():
    data = workbook(
        [
            ["Question bank: safety"],
            [],
            ["Question", "Choice A", "Choice B", "Choice C", "Correct", "Tags"],
            ["Pick two", "x", "y", "z", "A, C", "TT02:1.1"],
            ["The sky is blue", None, None, None, "TRUE", None],
        ]
    )
    parsed = read(data, "questions.xlsx")
    assert parsed.ok, messages(parsed)
    assert parsed.questions[0].line == 4
    assert parsed.questions[0].kind == "multiple_choice"
    assert parsed.questions[0].tags == ["tt02:1.1"]
    assert parsed.questions[1].kind == "true_false"


def test_row_errors_name_row_and_column():
    data = workbook(
        [
            HEADER + ["Thẻ năng lực"],
            ["Một đáp án mà chọn hai", "Một đáp án", "a", "b", "A,B", ""],
            ["Đáp án ngoài phương án", "", "a", "b", "D", ""],
            ["Thiếu đáp án", "", "a", "b", "", ""],
            ["Loại lạ", "Tự luận", "a", "b", "A", ""],
            ["Thẻ lạ", "", "a", "b", "A", "tt02:9.9"],
            ["", "", "a", "b", "A", ""],
            ["Đúng sai có phương án", "Đúng/Sai", "a", "", "Đúng", ""],
            ["Một phương án", "", "a", "", "A", ""],
        ]
    )
    found = messages(read(data, "loi.xlsx"))
    by_row = {}
    for line, column, text in found:
        assert line not in by_row, f"one problem per row here: {found}"
        by_row[line] = (column, text)
    assert "exactly one correct choice" in by_row[2][1]
    assert by_row[3] == ("Đáp án đúng", by_row[3][1]) and "names no" in by_row[3][1]
    assert "missing" in by_row[4][1]
    assert by_row[5][0] == "Loại" and "Tự luận" in by_row[5][1]
    assert "tt02:9.9" in by_row[6][1]
    assert "no text" in by_row[7][1]
    assert by_row[8][0] == "Phương án A" and "true/false" in by_row[8][1]
    assert "at least two" in by_row[9][1]


def test_formula_and_merged_cells_are_refused_by_row():
    data = workbook(
        [
            HEADER,
            ["=1+1", "", "a", "b", "A"],
            ["Câu", "", "a", "b", "A"],
            ["", "", "", "", ""],
        ],
        merge="A3:A4",
    )
    found = messages(read(data, "loi.xlsx"))
    assert (2, "A2") in [(line, column) for line, column, _t in found]
    assert any(line == 3 and "merged" in text for line, _c, text in found)


def test_windows_1258_and_utf16_csv_are_read():
    text = (
        "Câu hỏi,Phương án A,Phương án B,Đáp án đúng\r\nAn toàn số là gì?,Một,Hai,A\r\n"
    )
    legacy = read(cp1258(text), "cu.csv")
    assert legacy.questions[0].text == "An toàn số là gì?"
    unicode_text = read(text.replace(",", "\t").encode("utf-16"), "unicode.txt", "csv")
    assert unicode_text.questions[0].choices[0] == ["Một", True]


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        (b"", "rong.csv", "empty"),
        (b"  \r\n", "rong.csv", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "cau-hoi.xlsx", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "cu.xls", "Word"),
        (
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4,
            "anh.csv",
            "neither",
        ),
        (b"\xff\xfe" + "Câu".encode("utf-16-le") + b"\x00\xd8", "u.csv", "encoding"),
        (b"<html><table><tr><td>x</td></tr></table></html>", "web.xlsx", "web page"),
        (b"cot1,cot2\nmot,hai\n", "khong-mau.csv", "header row"),
    ],
)
def test_broken_files_get_one_clear_message(data, filename, words):
    assert words in refused(data, filename)


def test_a_zip_that_is_not_a_workbook_and_a_damaged_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("cau-hoi.txt", "x")
    assert "not an Excel workbook" in refused(buffer.getvalue(), "a.xlsx")
    damaged = workbook([HEADER])[:400]
    assert "damaged" in refused(damaged, "hong.xlsx")


def test_a_huge_file_is_refused_before_it_is_read():
    upload = SimpleUploadedFile("lon.csv", b"x" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(QuestionFileError) as caught:
        read_questions(upload, "lon.csv")
    assert "larger than 2 MB" in str(caught.value.message)


def test_choosing_excel_for_a_text_file_is_refused():
    assert "not an Excel workbook" in str(
        pytest.raises(
            QuestionFileError, read, b"Q?\nA. x\nB. y\nANSWER: A\n", "a.txt", "xlsx"
        ).value.message
    )


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "gift"])
def test_write_then_read_gives_the_same_questions(fmt):
    original = read("an-toan-so.gift").questions + read("mau-tieng-viet.csv").questions
    original[0].text = "-1 là số âm? = dấu trừ; @ và + cũng được giữ"
    original[1].text = "Dòng một\nDòng hai"
    data = write_questions(original, fmt, title="Ngân hàng", notes=["Ghi chú"])
    again = read(data, f"xuat.{'txt' if fmt == 'gift' else fmt}", fmt)
    assert again.ok, messages(again)
    assert [q.content() for q in again.questions] == [q.content() for q in original]


def test_aiken_round_trip_keeps_single_answer_questions_only():
    original = read("dich-vu-cong.txt").questions + read("an-toan-so.gift").questions
    again = read(write_questions(original, "aiken"), "xuat.txt", "aiken")
    assert again.ok, messages(again)
    kept = [q for q in original if q.kind == "single_choice"]
    assert [(q.text, q.choices) for q in again.questions] == [
        (q.text, q.choices) for q in kept
    ]


def test_a_bank_name_excel_forbids_in_sheet_names_still_exports():
    questions = read("dich-vu-cong.txt").questions
    data = write_questions(questions, "xlsx", title="An toàn số: [cơ bản] 1/2?")
    assert len(read(data, "xuat.xlsx").questions) == 2
