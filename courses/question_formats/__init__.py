"""Question files in and out: the template (XLSX/CSV), Moodle GIFT and Aiken.

``read_questions`` reads an upload into questions and row-/line-numbered problems,
without touching the database except to look up competence tags; ``write_questions``
turns questions back into a file of the same formats. ``store`` saves and loads them.
docs/question-import.md documents the columns and the GIFT/Aiken subset.
"""

import logging

from django.utils.translation import gettext_lazy as _

from core.uploads import is_zip

from .aiken import aiken_can_hold, read_aiken, write_aiken
from .base import (
    ImportedQuestion,
    ParsedQuestions,
    Problem,
    QuestionFileError,
    check_all,
)
from .files import decode, read_upload, refuse_known_formats
from .gift import read_gift, write_gift
from .spreadsheet import read_spreadsheet, write_spreadsheet

__all__ = [
    "CONTENT_TYPES",
    "EXTENSIONS",
    "FORMATS",
    "ImportedQuestion",
    "ParsedQuestions",
    "Problem",
    "QuestionFileError",
    "aiken_can_hold",
    "detect_format",
    "read_questions",
    "write_questions",
]

logger = logging.getLogger(__name__)

FORMATS = {
    "xlsx": _("Excel template (.xlsx)"),
    "csv": _("CSV template (.csv)"),
    "gift": _("Moodle GIFT (.gift, .txt)"),
    "aiken": _("Aiken (.txt)"),
}
EXTENSIONS = {"xlsx": "xlsx", "gift": "txt", "aiken": "txt", "csv": "csv"}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "gift": "text/plain; charset=utf-8",
    "aiken": "text/plain; charset=utf-8",
}

M_UNREADABLE = _(
    "The file could not be read. Check that it is the template (.xlsx or CSV UTF-8) "
    "or a GIFT or Aiken text file, and try again."
)
M_WRONG_KIND = _(
    "This file is not an Excel workbook although “Excel” was chosen. Choose the "
    "file's real format, or leave the choice on “Recognise from the file”."
)


def detect_format(data, filename):
    """The format of an upload: a workbook by its content (whatever its name),
    otherwise by extension, otherwise by what the text looks like."""
    if is_zip(data):
        return "xlsx"
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in ("csv", "gift", "aiken"):
        return suffix
    text = decode(data)
    if "{" in text and "}" in text:
        return "gift"
    if any(line.strip().upper().startswith("ANSWER") for line in text.splitlines()):
        return "aiken"
    return "csv"


def read_questions(uploaded, filename, fmt=""):
    """ParsedQuestions for an upload; QuestionFileError if the file is unusable."""
    try:
        data = read_upload(uploaded)
        refuse_known_formats(data)
        fmt = fmt or detect_format(data, filename or "")
        if fmt == "xlsx" and not is_zip(data):
            raise QuestionFileError(M_WRONG_KIND)
        if fmt in ("xlsx", "csv"):
            parsed = read_spreadsheet(data, fmt)
        elif fmt == "gift":
            parsed = read_gift(decode(data))
        else:
            parsed = read_aiken(decode(data))
        return check_all(parsed)
    except QuestionFileError:
        raise
    except Exception as exc:  # a bad upload must never be a 500
        logger.exception("question file %r could not be read", filename)
        raise QuestionFileError(M_UNREADABLE) from exc


def write_questions(questions, fmt, title="", notes=()):
    """The bytes of a file holding ``questions`` (Aiken: only single-answer ones)."""
    if fmt in ("xlsx", "csv"):
        return write_spreadsheet(questions, fmt, title or "Câu hỏi", notes)
    if fmt == "gift":
        return write_gift(questions, notes)
    return write_aiken([q for q in questions if aiken_can_hold(q)])
