"""Reading a class list as schools really have it (.xlsx or .csv); no database.

Coordinators upload whatever their school's system or their own Excel produced:
UTF-8 with or without BOM, Excel's "Unicode text" (UTF-16, tab separated), old
Windows-1258 files with combining tone marks, commas or semicolons, title rows above
the header, headers with or without diacritics, names in one column or two. This
module turns all of them into the same validated rows, and refuses anything else
(wrong format, disguised or oversized files) with one clear message, so that the
preview, the confirm step, the Celery task and the benchmark all read a file the
same way.

What is required: a name column ("Họ và tên", or "Họ đệm" + "Tên") and at least one
of "Mã học sinh", "Số định danh cá nhân" or "Ngày sinh" — without one of these a
student could not be recognised when a corrected list is imported again. Each row
must likewise fill in at least one of them.

Dates are always day first (dd/mm/yyyy). A month-first date is caught only when the
month would be above 12; "03/05/2010" is read as 3 May and cannot be told apart.
"""

import codecs
import csv
import io
import logging
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .names import (
    LETTERS,
    M_NAME_NO_LETTER,
    clean_name,
    describe,
    disallowed_characters,
)
from .spreadsheets import neutralise

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 3000
# The header row must be among the first non-blank rows (title rows come above it).
HEADER_SEARCH_ROWS = 20
MAX_COLUMNS = 256
# An .xlsx is a zip: refuse one that unpacks to far more than any class list could.
# Python's zipfile never returns more bytes than an entry declares (and checks the
# CRC), so checking the declared sizes before openpyxl opens the file is enough.
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_XLSX_ENTRIES = 1000
MAX_COMPRESSION_RATIO = 100
_RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_AGE_YEARS = 100
# Limits of the fields they end up in (people.User, people.SchoolClass).
MAX_NAME_LENGTH = 150
MAX_CODE_LENGTH = 32
MAX_CLASS_LENGTH = 50
MAX_PHONE_LENGTH = 20


def _percent(message, params):
    return str(message) % params


_interpolate = lazy(_percent, str)  # a module-level function: the proxy pickles


def _lazy(message, **params):
    """Fill in a lazy message when it is shown, in the reader's language."""
    return _interpolate(message, params) if params else message


class RosterFileError(Exception):
    """The file as a whole cannot be read; .message is shown to the coordinator."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RosterRow:
    """One valid student row, cleaned the way people.User and SchoolClass store it."""

    row_number: int  # as Excel or a text editor shows it (title rows counted)
    full_name: str  # NFC, single spaces; from "Họ và tên" or "Họ đệm" + "Tên"
    date_of_birth: date | None
    gender: str  # User.Gender: "F", "M", "O" or ""
    student_code: str  # "Mã học sinh" / "Mã định danh" (the Ministry's student ID)
    citizen_id: str  # 12 digits or ""
    class_name: str  # upper-cased like SchoolClass.save, or ""
    email: str  # lower-cased
    phone: str


@dataclass(frozen=True)
class RosterProblem:
    """What is wrong and how to fix it; the view adds "row N, column X"."""

    row_number: int | None  # None: about the file or its header
    column: str  # the header text as it appears in the file ("" if none)
    message: str  # a lazy translatable string


@dataclass
class ParsedRoster:
    """The rows of a file, every problem found, and what is needed to report them.

    ``columns`` maps a field (full_name, family_name, given_name, date_of_birth,
    gender, female_mark, student_code, citizen_id, class_name, email, phone) to the
    header text found for it. ``header_cells`` is the file's own header row, for the
    download of the rows in error.
    """

    rows: list[RosterRow]
    problems: list[RosterProblem]
    header_row: int
    columns: dict[str, str]
    raw_rows: dict[int, list[str]]
    header_cells: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- messages

M_EMPTY = _("The file is empty. Choose the class list file again.")
M_TOO_BIG = _(
    "The file is larger than %(limit)s MB. Remove pictures and other sheets, or "
    "split the class list into several files."
)
M_TOO_MANY_ROWS = _(
    "The file has more than %(limit)s student rows. Split it into several files "
    "(for example one per class) and import them one after the other."
)
M_PDF = _(
    "This is a PDF file, from which a class list cannot be read. Open the class "
    "list in Excel and save it as .xlsx or .csv."
)
M_OLD_EXCEL = _(
    "This is an old Excel file (.xls). Open it in Excel and save it as “Excel "
    "Workbook (.xlsx)” or “CSV UTF-8”, then upload that file."
)
M_WORD = _(
    "This is a Word document, not a spreadsheet. Copy the class list into Excel "
    "and save it as .xlsx or .csv."
)
M_ENCRYPTED = _(
    "The workbook is protected with a password, so it cannot be read. Open it in "
    "Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
    "Password) and save it again."
)
M_OTHER_OFFICE = _(
    "This file is in a format from which a class list cannot be read. Open the "
    "class list in Excel and save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”."
)
M_ODS = _(
    "This is a LibreOffice/OpenOffice spreadsheet (.ods). Save it as “Excel 2007-365 "
    "(.xlsx)” or as CSV, then upload that file."
)
M_XLSB = _(
    "This is an Excel binary workbook (.xlsb). Open it in Excel and save it as "
    "“Excel Workbook (.xlsx)”."
)
M_ZIP = _(
    "This is a compressed archive, not an Excel workbook. Extract the class list "
    "and upload the .xlsx or .csv file itself."
)
M_CORRUPT_XLSX = _(
    "The Excel file is damaged and cannot be opened. Open it in Excel, check it, "
    "and save it again as .xlsx (or .csv)."
)
M_ZIP_BOMB = _(
    "The Excel file unpacks to far more data than a class list holds, so it was "
    "refused. Copy only the class list into a new workbook and save that."
)
M_EMPTY_SHEET = _(
    "The first sheet of the workbook (“%(sheet)s”) is empty. Put the class list on "
    "the first sheet."
)
M_NO_SHEET = _("The workbook has no sheet with data. Put the class list on a sheet.")
M_HTML = _(
    "This file is a web page saved under a spreadsheet name. Open it in Excel and "
    "save it as “Excel Workbook (.xlsx)”, then upload that file."
)
M_XML_2003 = _(
    "This is an Excel 2003 XML spreadsheet. Open it in Excel and save it as “Excel "
    "Workbook (.xlsx)”, then upload that file."
)
M_BINARY = _(
    "The file is neither a spreadsheet nor a text (CSV) file. Save the class list "
    "from Excel as .xlsx or “CSV UTF-8”."
)
M_BAD_ENCODING = _(
    "The text of the file is not in a readable encoding. Save it from Excel as "
    "“CSV UTF-8” or .xlsx."
)
M_BAD_CSV = _(
    "Line %(line)s cannot be read: check the quotation marks on that line, or save "
    "the file from Excel as .xlsx."
)
M_NO_HEADER = _(
    "No header row was found. One of the first %(rows)s rows must hold the column "
    "names, with a “Họ và tên” column and at least one of “Mã học sinh”, “Số định "
    "danh cá nhân” or “Ngày sinh”."
)
M_NO_NAME_COLUMN = _(
    "Row %(row)s looks like the header row but has no name column. Add a “Họ và "
    "tên” column (or the two columns “Họ đệm” and “Tên”)."
)
M_NO_ID_COLUMN = _(
    "The header row (row %(row)s) has a name column but none of “Mã học sinh”, "
    "“Số định danh cá nhân” or “Ngày sinh”. Add at least one of them, so that each "
    "student can be recognised when the list is imported again."
)
M_HEADER_ONLY = _("The file has a header row but no student rows.")
M_UNREADABLE = _(
    "The file could not be read. Open it in Excel and save it as “Excel Workbook "
    "(.xlsx)” or “CSV UTF-8”, then try again."
)

M_DUPLICATE_COLUMN = _(
    "This column appears more than once in the header row; only the first one is "
    "read. Delete or rename the other one."
)
M_NAME_MISSING = _(
    "The full name is missing. Fill it in, or delete the row if it is not a student."
)
M_GIVEN_NAME_MISSING = _(
    "The given name is missing. Fill it in, or delete the row if it is not a student."
)
M_NAME_CHARS = _(
    "The name contains characters a name may not hold (%(chars)s): only Latin "
    "letters (Vietnamese letters with their marks included), spaces, apostrophes, "
    "hyphens and dots. Correct them. If many names look garbled, the file uses "
    "an old Vietnamese encoding (TCVN3/VNI): open it in Excel and save it as "
    "“CSV UTF-8” or .xlsx."
)
M_TOO_LONG = _("The text is longer than %(limit)s characters. Shorten it.")
M_NO_IDENTIFIER = _(
    "The row has no student code, personal identification number or date of birth, "
    "so the student could not be recognised when the list is imported again. Fill "
    "in one of them, or delete the row if it is not a student (a signature line, "
    "for example)."
)
M_DATE_INVALID = _(
    "“%(value)s” is not a date. Write the date of birth as day/month/year, for "
    "example 05/09/2010."
)
M_DATE_NO_SUCH_DAY = _(
    "“%(value)s” is not a valid date. Dates are read as day/month/year: the month "
    "must be between 1 and 12 and the day must exist in that month."
)
M_DATE_MONTH_FIRST = _(
    "“%(value)s” seems to be written month first. Dates are read as "
    "day/month/year: write %(suggestion)s."
)
M_DATES_MONTH_FIRST = _(
    "The dates in this column seem to be written month first (row %(row)s, for "
    "example), as Excel writes them when it saves a CSV on a computer set to "
    "English (United States). Dates are read as day/month/year: check every date "
    "in the column, not only the rows marked."
)
M_DATE_SHORT_YEAR = _(
    "“%(value)s” has a two-digit year. Write the year in full, for example 05/09/2010."
)
M_DATE_INCOMPLETE = _(
    "“%(value)s” is not a full date. Write day/month/year, for example 05/09/2010."
)
M_DATE_FUTURE = _("The date of birth %(value)s is in the future. Check it.")
M_DATE_TOO_OLD = _(
    "The date of birth %(value)s is more than %(years)s years ago. Check the year."
)
M_GENDER = _(
    "“%(value)s” is not a gender that can be read. Write Nam, Nữ or Khác, or leave "
    "the cell empty."
)
M_FEMALE_MARK = _(
    "“%(value)s” cannot be read. Mark female students with “x” in this column and "
    "leave it empty for male students."
)
M_SCIENTIFIC = _(
    "“%(value)s” is a number shown in scientific notation, so digits were lost. In "
    "Excel, format this column as Text, type the numbers again and save."
)
M_CODE_CHARS = _(
    "“%(value)s” is not a valid student code: use only letters, digits and - _ . /"
)
M_CITIZEN_NOT_DIGITS = _(
    "“%(value)s” is not a personal identification number: it must be exactly 12 "
    "digits. Leave the cell empty if the student has none."
)
M_CITIZEN_SHORT = _(
    "“%(value)s” has %(count)s digits instead of 12. If it should start with 0, "
    "Excel dropped the leading zeros: format the column as Text and type the "
    "numbers again."
)
M_CITIZEN_LONG = _(
    "“%(value)s” has %(count)s digits; a personal identification number has exactly 12."
)
M_CITIZEN_NUMBER_CELL = _(
    "The cell holds the number %(value)s, so Excel dropped the leading zeros of "
    "the personal identification number. Format the column as Text, type the 12 "
    "digits again (for example 006310670438) and save."
)
M_EMAIL = _("“%(value)s” is not a valid email address. Correct it or leave it empty.")
M_PHONE = _(
    "“%(value)s” is not a valid phone number: it needs 9 to 12 digits (spaces, "
    "dots, dashes, brackets and + are allowed). Correct it or leave it empty."
)
M_DUPLICATE_CODE = _(
    "This student code also appears on row %(first)s. Each student must appear "
    "only once in the file."
)
M_DUPLICATE_EMAIL = _(
    "This email address also appears on row %(first)s. Each account needs its own "
    "email address (capital letters do not make it different)."
)
M_DUPLICATE_CITIZEN = _(
    "This personal identification number also appears on row %(first)s. Each "
    "student must appear only once in the file."
)
ERRORS_HEADER = _("Errors")


# ---------------------------------------------------------------- headers

_HEADER_SYNONYMS = {
    "full_name": (
        "ho va ten", "ho ten", "hovaten", "hoten", "ho va ten hoc sinh",
        "ho ten hoc sinh", "ho va ten hs", "ho ten hs", "ho va ten hoc vien",
        "ho ten hoc vien", "ho va ten nguoi hoc", "ten hoc sinh", "ten hs",
        "full name", "name",
    ),
    "family_name": (
        "ho dem", "ho va ten dem", "ho va dem", "ho va chu dem", "ho lot",
        "ho va chu lot", "ho", "ho va ten lot",
    ),
    "given_name": ("ten", "ten goi"),
    "date_of_birth": (
        "ngay sinh", "ngay thang nam sinh", "ns", "sinh ngay", "ngay sinh hoc sinh",
        "date of birth", "dob", "birthday", "birth date",
    ),
    "gender": ("gioi tinh", "gt", "phai", "gioi", "nam nu", "gender", "sex"),
    "female_mark": ("nu",),
    "student_code": (
        "ma hoc sinh", "ma hs", "mahs", "ma dinh danh", "ma dinh danh hoc sinh",
        "ma dinh danh hs", "ma dinh danh bo gd dt", "ma dinh danh bo gddt",
        "ma dinh danh bgd", "ma so hoc sinh", "ma so hs", "mshs", "ma hoc vien",
        "student code", "student id",
    ),
    "citizen_id": (
        "so dinh danh ca nhan", "so dinh danh", "ma dinh danh ca nhan",
        "dinh danh ca nhan", "so ddcn", "ddcn", "so cccd", "cccd", "can cuoc",
        "so can cuoc", "can cuoc cong dan", "so can cuoc cong dan", "so cmnd cccd",
        "cmnd cccd", "so cccd cmnd", "cccd cmnd", "so cmnd", "cmnd", "citizen id",
        "personal id",
    ),
    "class_name": ("lop", "ten lop", "lop hoc", "class"),
    "email": (
        "email", "e mail", "mail", "thu dien tu", "dia chi email",
        "dia chi thu dien tu",
    ),
    "phone": (
        "dien thoai", "so dien thoai", "sdt", "dt", "so dt", "dtdd", "di dong",
        "so di dong", "dien thoai di dong", "phone", "phone number", "mobile",
    ),
}  # fmt: skip
_FIELD_BY_HEADER = {
    synonym: name for name, synonyms in _HEADER_SYNONYMS.items() for synonym in synonyms
}
_NAME_FIELDS = {"full_name", "family_name", "given_name"}
_IDENTIFYING_FIELDS = ("student_code", "citizen_id", "date_of_birth")
# "Tên học sinh" next to "Họ đệm" holds the given name, not the full name.
_GIVEN_NAME_LIKE = {"ten hoc sinh", "ten hs"}
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[\W_]+")
# A row of column numbers under the header ("1 2 3 …" or "(1) (2) …").
_NUMBERING_CELL = re.compile(r"\(?[0-9]{1,3}\)?|\(?[A-Za-z]\)?")


def fold(text):
    """Compare text the way a person reads it: no diacritics, case, punctuation."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _header_field(text):
    folded = fold(_BRACKETS.sub(" ", text)) or fold(text)
    return _FIELD_BY_HEADER.get(folded)


# ---------------------------------------------------------------- reading bytes


def _read_limited(uploaded):
    """Read the upload, never more than one byte past the limit."""
    size = getattr(uploaded, "size", None)
    if isinstance(size, int) and size > MAX_UPLOAD_BYTES:
        raise RosterFileError(_too_big())
    try:
        uploaded.seek(0)
    except (AttributeError, OSError, ValueError):
        pass
    chunks, total = [], 0
    while total <= MAX_UPLOAD_BYTES:
        chunk = uploaded.read(MAX_UPLOAD_BYTES + 1 - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_UPLOAD_BYTES:
        raise RosterFileError(_too_big())
    return b"".join(chunks)


def _too_big():
    return _lazy(M_TOO_BIG, limit=MAX_UPLOAD_BYTES // (1024 * 1024))


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole_message(data, filename):
    """An OLE compound file: old Excel or Word, or an encrypted (password) xlsx."""

    def has_stream(name):
        return name.encode("utf-16-le") in data

    if has_stream("EncryptedPackage"):
        return M_ENCRYPTED
    if has_stream("WordDocument"):
        return M_WORD
    if has_stream("Workbook") or has_stream("Book"):
        return M_OLD_EXCEL
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {"xls": M_OLD_EXCEL, "doc": M_WORD}.get(suffix, M_OTHER_OFFICE)


def _refuse_known_formats(data, filename):
    """Formats that are clearly not a class list get a message naming them."""
    if data.startswith(b"%PDF-"):
        raise RosterFileError(M_PDF)
    if data.startswith(_OLE_MAGIC):
        raise RosterFileError(_ole_message(data, filename))
    if data.startswith(b"{\\rtf"):
        raise RosterFileError(M_WORD)
    start = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        raise RosterFileError(M_XML_2003)
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or (
        start.startswith(b"<") and b"<table" in start
    ):
        raise RosterFileError(M_HTML)


def _is_zip(data):
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


# ---------------------------------------------------------------- .xlsx


def _open_checked_zip(data):
    """Open the zip and refuse it before anything is unpacked if it is a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
    ) as exc:
        raise RosterFileError(M_CORRUPT_XLSX) from exc
    if len(infos) > MAX_XLSX_ENTRIES:
        raise RosterFileError(M_ZIP_BOMB)
    if sum(info.file_size for info in infos) > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise RosterFileError(M_ZIP_BOMB)
    for info in infos:
        ratio_limit = MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        if info.file_size > _RATIO_CHECK_MIN_BYTES and info.file_size > ratio_limit:
            raise RosterFileError(M_ZIP_BOMB)
    return archive


def _check_workbook_zip(data):
    archive = _open_checked_zip(data)
    names = set(archive.namelist())
    archive.close()
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise RosterFileError(M_XLSB)
    if "content.xml" in names and "mimetype" in names:
        raise RosterFileError(M_ODS)
    if "word/document.xml" in names:
        raise RosterFileError(M_WORD)
    if "[Content_Types].xml" in names:
        raise RosterFileError(M_OTHER_OFFICE)
    raise RosterFileError(M_ZIP)


def _xlsx_rows(data):
    """The non-blank rows of the first visible sheet, with their Excel row numbers."""
    _check_workbook_zip(data)
    try:
        with warnings.catch_warnings():
            # Unsupported extensions (data validation, …) are irrelevant here.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True
            )
            try:
                return _first_sheet_rows(workbook)
            finally:
                workbook.close()
    except RosterFileError:
        raise
    except Exception as exc:  # any parser failure means a bad file
        logger.info("unreadable xlsx roster: %r", exc)
        raise RosterFileError(M_CORRUPT_XLSX) from exc


def _first_sheet_rows(workbook):
    sheets = [s for s in workbook.worksheets if s.sheet_state == "visible"]
    if not sheets:
        raise RosterFileError(M_NO_SHEET)
    sheet = sheets[0]
    # Dimensions written by other programs can be wrong (or claim 16384 columns).
    sheet.reset_dimensions()
    rows = _RowCollector()
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.add(number, values)
    if not rows.rows:
        raise RosterFileError(_lazy(M_EMPTY_SHEET, sheet=sheet.title))
    return rows.rows


# ---------------------------------------------------------------- text files


def _decode(data):
    """BOMs first, then strict UTF-8, then Windows-1258; NFC comes later, per cell."""
    boms = (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            return _strict_decode(data[len(bom) :], codec)
    codec = _bomless_utf16(data)
    if codec:
        return _strict_decode(data, codec)
    if b"\x00" in data:
        raise RosterFileError(M_BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise RosterFileError(M_BINARY) from exc


def _strict_decode(data, codec):
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise RosterFileError(M_BAD_ENCODING) from exc


def _bomless_utf16(data):
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII text."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls > half * 0.3 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls == 0:
        return "utf-16-be"
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _check_text(text):
    """Text decoded from binary garbage is full of control characters."""
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise RosterFileError(M_BINARY)


def _choose_delimiter(text):
    """The delimiter under which a header row is recognised best.

    csv.Sniffer's guess is tried first, then the others by how often they occur;
    recognising the header is what decides, because title rows confuse counting.
    """
    lines = text[:65536].splitlines()[: HEADER_SEARCH_ROWS * 3]
    sample = "\n".join(lines)
    candidates = sorted(",;\t", key=lambda d: -sample.count(d))
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
        candidates.remove(sniffed)
        candidates.insert(0, sniffed)
    except (csv.Error, ValueError):
        pass
    best, best_score = candidates[0], 0
    for delimiter in candidates:
        try:
            rows = [
                (n, cells)
                for n, cells in enumerate(csv.reader(lines, delimiter=delimiter), 1)
                if _has_text(cells)
            ]
        except csv.Error:
            continue
        header = _match_header_rows(rows)
        score = len(header.mapping) if header else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _text_rows(data):
    text = _decode(data)
    _check_text(text)
    delimiter = _choose_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = _RowCollector(), 0
    try:
        for cells in reader:
            rows.add(line + 1, cells)
            line = reader.line_num
    except csv.Error as exc:
        raise RosterFileError(_lazy(M_BAD_CSV, line=line + 1)) from exc
    if not rows.rows:
        raise RosterFileError(M_EMPTY)
    return rows.rows


# ---------------------------------------------------------------- cells


def cell_text(value):
    """A cell as the coordinator sees it in Excel (integers without ".0")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _clean(value):
    """NFC, single spaces, no invisible characters (zero-width spaces, soft hyphens)."""
    text = unicodedata.normalize("NFC", cell_text(value))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split())


def _has_text(cells):
    return any(_clean(c) for c in cells)


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


class _RowCollector:
    """Keeps non-blank rows, stopping as soon as there are surely too many."""

    limit = MAX_ROWS + HEADER_SEARCH_ROWS + 2

    def __init__(self):
        self.rows = []

    def add(self, number, cells):
        cells = list(cells[:MAX_COLUMNS])
        if not _has_text(cells):
            return
        if len(self.rows) >= self.limit:
            raise RosterFileError(_lazy(M_TOO_MANY_ROWS, limit=MAX_ROWS))
        while cells and not _clean(cells[-1]):
            cells.pop()
        self.rows.append((number, cells))


# ---------------------------------------------------------------- header row


@dataclass
class _Header:
    index: int  # position of the header row in the list of non-blank rows
    mapping: dict  # field -> column index
    texts: dict  # field -> header text
    duplicates: list  # (column index, header text) of repeated columns
    data_start: int = 0


def _match_header(cells):
    mapping, texts, duplicates = {}, {}, []
    for index, value in enumerate(cells):
        text = _clean(value)
        name = _header_field(text) if text else None
        if name is None:
            continue
        if name in mapping:
            duplicates.append((index, text))
            continue
        mapping[name], texts[name] = index, text
    return mapping, texts, duplicates


def _has_name(mapping):
    return "full_name" in mapping or "given_name" in mapping


def _match_header_rows(rows):
    """The first row among the first ones naming a name column and another field."""
    for position, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping, texts, duplicates = _match_header(cells)
        if _has_name(mapping) and set(mapping) - _NAME_FIELDS:
            return _Header(position, mapping, texts, duplicates)
    return None


def _find_header(rows):
    header = _match_header_rows(rows)
    if header is None:
        for number, cells in rows[:HEADER_SEARCH_ROWS]:
            mapping = _match_header(cells)[0]
            if len(set(mapping) - _NAME_FIELDS) >= 2:
                raise RosterFileError(_lazy(M_NO_NAME_COLUMN, row=number))
        raise RosterFileError(_lazy(M_NO_HEADER, rows=HEADER_SEARCH_ROWS))
    header.data_start = header.index + 1
    _merge_sub_header(rows, header)
    _skip_numbering_row(rows, header)
    _settle_name_columns(header)
    if not any(f in header.mapping for f in _IDENTIFYING_FIELDS):
        number = rows[header.index][0]
        raise RosterFileError(_lazy(M_NO_ID_COLUMN, row=number))
    return header


def _merge_sub_header(rows, header):
    """Official forms put "Họ và tên" over two cells, "Họ đệm" | "Tên", below it."""
    if header.data_start >= len(rows):
        return
    number, cells = rows[header.data_start]
    if number != rows[header.index][0] + 1:
        return
    mapping, texts, _duplicates = _match_header(cells)
    filled = sum(1 for c in cells if _clean(c))
    numbering = sum(1 for c in cells if _NUMBERING_CELL.fullmatch(_clean(c)))
    if not mapping or len(mapping) + numbering < filled:
        return
    if "given_name" in mapping and "full_name" not in mapping:
        header.mapping.pop("full_name", None)
        header.texts.pop("full_name", None)
    header.mapping.update(mapping)
    header.texts.update(texts)
    header.data_start += 1


def _skip_numbering_row(rows, header):
    if header.data_start >= len(rows):
        return
    filled = [_clean(c) for c in rows[header.data_start][1] if _clean(c)]
    if len(filled) >= max(2, len(header.mapping)) and all(
        _NUMBERING_CELL.fullmatch(c) for c in filled
    ):
        header.data_start += 1


def _settle_name_columns(header):
    mapping, texts = header.mapping, header.texts
    if (
        "full_name" in mapping
        and "family_name" in mapping
        and "given_name" not in (mapping)
    ):
        if fold(texts["full_name"]) in _GIVEN_NAME_LIKE:
            mapping["given_name"] = mapping.pop("full_name")
            texts["given_name"] = texts.pop("full_name")
    if "full_name" not in mapping and "family_name" not in mapping:
        # "Tên" alone holds the whole name.
        mapping["full_name"] = mapping.pop("given_name")
        texts["full_name"] = texts.pop("given_name")
    if "gender" in mapping:
        mapping.pop("female_mark", None)
        texts.pop("female_mark", None)


# ---------------------------------------------------------------- fields


class _Invalid(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class _MonthFirst(_Invalid):
    pass


def _shown(text, limit=40):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_length(text, limit):
    if len(text) > limit:
        raise _Invalid(_lazy(M_TOO_LONG, limit=limit))
    return text


def parse_name(value):
    """The name as stored, checked by people/names.py's rule on the cell as typed:
    invisible characters (U+200B, U+202E…) are refused, not silently dropped."""
    text = unicodedata.normalize("NFC", cell_text(value))
    odd = disallowed_characters(text)
    if odd:
        raise _Invalid(_lazy(M_NAME_CHARS, chars=describe(odd)))
    name = clean_name(text)
    if not any(char in LETTERS for char in name):
        raise _Invalid(M_NAME_NO_LETTER)
    return _check_length(name, MAX_NAME_LENGTH)


_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_SERIAL = re.compile(r"\d{5}(\.\d+)?")
_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_SERIAL = 2958465  # 31/12/9999


def _from_serial(serial, shown):
    if serial < 10000:
        raise _Invalid(_lazy(M_DATE_INCOMPLETE, value=shown))
    if serial > _MAX_SERIAL:
        raise _Invalid(_lazy(M_DATE_INVALID, value=shown))
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def _make_date(year, month, day, shown):
    try:
        return date(year, month, day)
    except ValueError:
        pass
    try:
        date(year, day, month)
    except ValueError:
        raise _Invalid(_lazy(M_DATE_NO_SUCH_DAY, value=shown)) from None
    suggestion = f"{month:02d}/{day:02d}/{year}"
    raise _MonthFirst(_lazy(M_DATE_MONTH_FIRST, value=shown, suggestion=suggestion))


def _date_from_text(text):
    core = _TIME_PART.sub("", text).strip()
    if match := _YMD.fullmatch(core):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, text)
    if match := _DMY.fullmatch(core):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            raise _Invalid(_lazy(M_DATE_SHORT_YEAR, value=text))
        if len(match.group(3)) != 4:
            raise _Invalid(_lazy(M_DATE_INVALID, value=text))
        return _make_date(year, month, day, text)
    if _SERIAL.fullmatch(core):
        return _from_serial(float(core), text)
    if core.isdigit() and len(core) <= 4:
        raise _Invalid(_lazy(M_DATE_INCOMPLETE, value=text))
    raise _Invalid(_lazy(M_DATE_INVALID, value=_shown(text)))


def _written_day_first(value):
    """Text like "25/06/2010", which only a day-first writer produces."""
    match = isinstance(value, str) and _DMY.fullmatch(_TIME_PART.sub("", value).strip())
    return bool(match) and int(match.group(1)) > 12


def parse_date_of_birth(value, today):
    """A birth date from Excel (date or serial number) or text, always day first."""
    text = _clean(value)
    if not text:
        return None
    if isinstance(value, datetime):
        born = value.date()
    elif isinstance(value, date):
        born = value
    elif _is_number(value):
        born = _from_serial(value, text)
    else:
        born = _date_from_text(text)
    shown = born.strftime("%d/%m/%Y")
    if born > today:
        raise _Invalid(_lazy(M_DATE_FUTURE, value=shown))
    try:
        oldest = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        oldest = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if born < oldest:
        raise _Invalid(_lazy(M_DATE_TOO_OLD, value=shown, years=MAX_AGE_YEARS))
    return born


_GENDERS = {
    "nam": "M", "m": "M", "male": "M",
    "nu": "F", "f": "F", "female": "F",
    "khac": "O", "other": "O",
}  # fmt: skip
_FEMALE_MARKS = {"x", "1", "nu", "co", "f"}
_MALE_MARKS = {"", "0", "khong"}


def parse_gender(value):
    text = _clean(value)
    if not text:
        return ""
    gender = _GENDERS.get(fold(text))
    if gender is None:
        raise _Invalid(_lazy(M_GENDER, value=_shown(text)))
    return gender


def parse_female_mark(value):
    """A "Nữ" column ticked for girls; empty means a boy in that layout."""
    text = _clean(value)
    if text in {"✓", "✔", "√"} or fold(text) in _FEMALE_MARKS:
        return "F"
    if fold(text) in _MALE_MARKS:
        return "M"
    raise _Invalid(_lazy(M_FEMALE_MARK, value=_shown(text)))


_SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]+)?[eE]\+?[0-9]+")
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/\-]*")
_DIGITS = re.compile(r"[0-9]+")


def _identifier_text(value):
    return _clean(value).lstrip("'").strip()


def parse_student_code(value):
    text = _identifier_text(value)
    if not text:
        return ""
    if _SCIENTIFIC.fullmatch(text):
        raise _Invalid(_lazy(M_SCIENTIFIC, value=text))
    if not _CODE.fullmatch(text):
        raise _Invalid(_lazy(M_CODE_CHARS, value=_shown(text)))
    return _check_length(text, MAX_CODE_LENGTH)


def parse_citizen_id(value):
    """Exactly 12 digits; a number cell that lost its leading zeros is refused."""
    text = _identifier_text(value)
    if not text:
        return ""
    if _is_number(value) and _DIGITS.fullmatch(text) and len(text) < 12:
        raise _Invalid(_lazy(M_CITIZEN_NUMBER_CELL, value=text))
    if _SCIENTIFIC.fullmatch(text):
        raise _Invalid(_lazy(M_SCIENTIFIC, value=text))
    digits = "".join(text.split())
    if not _DIGITS.fullmatch(digits):
        raise _Invalid(_lazy(M_CITIZEN_NOT_DIGITS, value=_shown(text)))
    if len(digits) < 12:
        raise _Invalid(_lazy(M_CITIZEN_SHORT, value=text, count=len(digits)))
    if len(digits) > 12:
        raise _Invalid(_lazy(M_CITIZEN_LONG, value=_shown(text), count=len(digits)))
    return digits


def parse_class_name(value):
    return _check_length(_clean(value).upper(), MAX_CLASS_LENGTH)


def parse_email(value):
    text = _clean(value).lower()
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise _Invalid(_lazy(M_EMAIL, value=_shown(text))) from None
    return text


_PHONE = re.compile(r"[0-9+\-(). ]+")


def parse_phone(value):
    text = _clean(value)
    if not text:
        return ""
    digits = sum(c.isdigit() for c in text)
    if not _PHONE.fullmatch(text) or not 9 <= digits <= 12:
        raise _Invalid(_lazy(M_PHONE, value=_shown(text)))
    if len(text) > MAX_PHONE_LENGTH:
        raise _Invalid(_lazy(M_PHONE, value=_shown(text)))
    return text


# ---------------------------------------------------------------- rows


class _RowReader:
    """Validates data rows one by one and remembers who was already seen."""

    def __init__(self, header):
        self.header = header
        self.today = timezone.localdate()
        self.first_code = {}
        self.first_citizen = {}
        self.first_email = {}
        self.month_first_rows = []
        self.day_first_seen = False

    def cell(self, cells, name):
        index = self.header.mapping.get(name)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def read(self, number, cells):
        """A RosterRow, the problems of the row (by column), or None if it is blank.

        A row whose known columns are all empty is blank: numbered templates leave
        "STT" filled in on the rows nobody used.
        """
        if not any(_clean(self.cell(cells, key)) for key in self.header.mapping):
            return None
        problems, values = [], {}
        parsers = (
            ("date_of_birth", lambda v: parse_date_of_birth(v, self.today)),
            ("gender", parse_gender),
            ("female_mark", parse_female_mark),
            ("student_code", parse_student_code),
            ("citizen_id", parse_citizen_id),
            ("class_name", parse_class_name),
            ("email", parse_email),
            ("phone", parse_phone),
        )
        name = self.read_name(cells, problems)
        for key, parse in parsers:
            if key not in self.header.mapping:
                continue
            value = self.cell(cells, key)
            try:
                values[key] = parse(value)
            except _Invalid as invalid:
                problems.append((key, invalid.message))
                if isinstance(invalid, _MonthFirst):
                    self.month_first_rows.append(number)
            else:
                if key == "date_of_birth" and _written_day_first(value):
                    self.day_first_seen = True
        self.check_identity(number, values, problems)
        if problems:
            return self.sorted_problems(number, problems)
        gender = values.get("gender") or values.get("female_mark") or ""
        return RosterRow(
            row_number=number,
            full_name=name,
            date_of_birth=values.get("date_of_birth"),
            gender=gender,
            student_code=values.get("student_code", ""),
            citizen_id=values.get("citizen_id", ""),
            class_name=values.get("class_name", ""),
            email=values.get("email", ""),
            phone=values.get("phone", ""),
        )

    def read_name(self, cells, problems):
        """From "Họ và tên", else from "Họ đệm" + "Tên" (which must be filled)."""
        mapping = self.header.mapping
        key = "full_name" if "full_name" in mapping else "given_name"
        raw = cell_text(self.cell(cells, "full_name"))
        name = _clean(raw)
        if not name and "given_name" in mapping:
            given = cell_text(self.cell(cells, "given_name"))
            family = cell_text(self.cell(cells, "family_name"))
            raw = f"{family} {given}" if _clean(given) else ""
            name = _clean(raw)
            key = "given_name" if _clean(family) or key == "given_name" else key
        if not name:
            missing = M_GIVEN_NAME_MISSING if key == "given_name" else M_NAME_MISSING
            problems.append((key, missing))
            return ""
        try:
            return parse_name(raw)
        except _Invalid as invalid:
            problems.append((key, invalid.message))
            return ""

    def check_identity(self, number, values, problems):
        failed = {key for key, _message in problems}
        identifiers = [f for f in _IDENTIFYING_FIELDS if values.get(f)]
        if not identifiers and not failed & set(_IDENTIFYING_FIELDS):
            problems.append(("", M_NO_IDENTIFIER))
        checks = (
            ("student_code", self.first_code, M_DUPLICATE_CODE, str.casefold),
            ("citizen_id", self.first_citizen, M_DUPLICATE_CITIZEN, str),
            ("email", self.first_email, M_DUPLICATE_EMAIL, str.casefold),
        )
        for key, seen, message, normal in checks:
            value = values.get(key)
            if not value:
                continue
            first = seen.setdefault(normal(value), number)
            if first != number:
                problems.append((key, _lazy(message, first=first)))

    def column_problems(self):
        """A column whose dates are all month first is wrong even where they fit."""
        if self.month_first_rows and not self.day_first_seen:
            message = _lazy(M_DATES_MONTH_FIRST, row=self.month_first_rows[0])
            return [RosterProblem(None, self.header.texts["date_of_birth"], message)]
        return []

    def sorted_problems(self, number, problems):
        mapping, texts = self.header.mapping, self.header.texts
        problems.sort(key=lambda p: mapping.get(p[0], MAX_COLUMNS + 1))
        return [RosterProblem(number, texts.get(key, ""), msg) for key, msg in problems]


def _parse(rows):
    header = _find_header(rows)
    header_number, header_cells = rows[header.index]
    problems = []
    reader = _RowReader(header)
    parsed_rows, raw_rows = [], {}
    for number, cells in rows[header.data_start :]:
        result = reader.read(number, cells)
        if result is None:
            continue
        if len(raw_rows) == MAX_ROWS:
            raise RosterFileError(_lazy(M_TOO_MANY_ROWS, limit=MAX_ROWS))
        raw_rows[number] = [_raw(c) for c in cells]
        if isinstance(result, RosterRow):
            parsed_rows.append(result)
        else:
            problems.extend(result)
    if not raw_rows:
        raise RosterFileError(M_HEADER_ONLY)
    header_problems = [
        RosterProblem(None, text, M_DUPLICATE_COLUMN) for _i, text in header.duplicates
    ]
    return ParsedRoster(
        rows=parsed_rows,
        problems=header_problems + reader.column_problems() + problems,
        header_row=header_number,
        columns=dict(header.texts),
        raw_rows=raw_rows,
        header_cells=[_raw(c) for c in header_cells],
    )


def _raw(value):
    return unicodedata.normalize("NFC", cell_text(value)).strip()


# ---------------------------------------------------------------- public


def read_roster(uploaded, filename: str) -> ParsedRoster:
    """Read and check a roster upload; raise RosterFileError if it is unusable."""
    try:
        data = _read_limited(uploaded)
        if not data.strip():
            raise RosterFileError(M_EMPTY)
        _refuse_known_formats(data, filename or "")
        rows = _xlsx_rows(data) if _is_zip(data) else _text_rows(data)
        return _parse(rows)
    except RosterFileError:
        raise
    except Exception as exc:  # a bad upload must never be a 500
        logger.exception("roster %r could not be read", filename)
        raise RosterFileError(M_UNREADABLE) from exc


def error_rows_csv(parsed: ParsedRoster, problems=None) -> bytes:
    """The rows in error as CSV (UTF-8 with BOM, the file's own header + a last column
    'Lỗi' with the problems of that row), cells starting with = + - @ neutralised.

    ``problems`` defaults to the reader's; pass a longer list (the reader's plus
    those found when matching students) to report those rows as well.
    """
    by_row = {}
    for problem in parsed.problems if problems is None else problems:
        if problem.row_number is not None:
            by_row.setdefault(problem.row_number, []).append(problem)
    width = max(
        [len(parsed.header_cells)] + [len(parsed.raw_rows.get(n, [])) for n in by_row]
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = parsed.header_cells + [""] * (width - len(parsed.header_cells))
    writer.writerow([neutralise(c) for c in header] + [str(ERRORS_HEADER)])
    for number in sorted(by_row):
        cells = parsed.raw_rows.get(number, [])
        cells = cells + [""] * (width - len(cells))
        notes = "; ".join(
            f"{p.column}: {p.message}" if p.column else str(p.message)
            for p in by_row[number]
        )
        writer.writerow([neutralise(c) for c in cells] + [neutralise(notes)])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
