"""Everything a coordinator may be told about a class list, in one place.

Messages are lazy (shown in the reader's language); ``lazy_message`` fills in their
parameters only when shown. ``RosterFileError`` carries a message about the file as
a whole; problems of one row are ``reader.RosterProblem``.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


def _percent(message, params):
    return str(message) % params


_interpolate = lazy(_percent, str)  # a module-level function: the proxy pickles


def lazy_message(message, **params):
    """Fill in a lazy message when it is shown, in the reader's language."""
    return _interpolate(message, params) if params else message


class RosterFileError(Exception):
    """The file as a whole cannot be read; .message is shown to the coordinator."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


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
