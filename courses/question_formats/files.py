"""Bytes in, text or a workbook out, or one clear message about the file.

The reading, sniffing, zip checks and decoding are ``core.uploads``, shared with
class list uploads (people/rosters/); this module keeps the limits and the wording
for question files.
"""

import unicodedata

from django.utils.translation import gettext_lazy as _

from core import uploads

from .base import QuestionFileError, lazy_format

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024
MAX_ZIP_ENTRIES = 500

M_EMPTY = _("The file is empty. Choose the question file again.")
M_TOO_BIG = _(
    "The file is larger than %(limit)s MB. Split the questions into several files "
    "and remove pictures."
)
M_PDF = _(
    "This is a PDF file, from which questions cannot be read. Copy the questions "
    "into the template (.xlsx) or save them as a GIFT or Aiken text file."
)
M_OFFICE = _(
    "This is a Word document or an old Excel file (.doc, .xls). Copy the questions "
    "into the template and save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”."
)
M_NOT_WORKBOOK = _(
    "This compressed file is not an Excel workbook (.xlsx). Save the questions from "
    "Excel as “Excel Workbook (.xlsx)” or “CSV UTF-8”."
)
M_CORRUPT = _(
    "The Excel file is damaged and cannot be opened. Open it in Excel, check it and "
    "save it again as .xlsx."
)
M_BOMB = _(
    "The Excel file unpacks to far more data than a question list holds, so it was "
    "refused. Copy the questions into a new workbook and save that."
)
M_BINARY = _(
    "The file is neither a spreadsheet nor a text file. Use the template (.xlsx or "
    "CSV UTF-8), or a GIFT or Aiken text file (.txt, .gift)."
)
M_ENCODING = _(
    "The text of the file is not in a readable encoding. Save it as UTF-8 (in "
    "Notepad: File > Save as > Encoding: UTF-8) and upload it again."
)
M_HTML = _(
    "This file is a web page, not a question file. Save the questions from Excel as "
    "“Excel Workbook (.xlsx)” or as a GIFT or Aiken text file."
)

_FILE_PROBLEMS = {
    uploads.TOO_BIG: None,  # worded with the limit, see too_big()
    uploads.CORRUPT_ZIP: M_CORRUPT,
    uploads.ZIP_BOMB: M_BOMB,
    uploads.BINARY: M_BINARY,
    uploads.BAD_ENCODING: M_ENCODING,
    uploads.UNDECODABLE: M_ENCODING,
}
_KNOWN_FORMATS = {
    uploads.PDF: M_PDF,
    uploads.OLE: M_OFFICE,
    uploads.RTF: M_OFFICE,
    uploads.XML_2003: M_HTML,
    uploads.HTML: M_HTML,
    uploads.XML: M_HTML,
}


def _refused(refused):
    """The editor's wording of what core.uploads found wrong with the file."""
    message = _FILE_PROBLEMS[refused.reason]
    return QuestionFileError(message if message is not None else too_big())


def read_upload(uploaded):
    """The upload's bytes, never reading more than one byte past the limit."""
    try:
        data = uploads.read_limited(uploaded, MAX_UPLOAD_BYTES)
    except uploads.UploadRefused as refused:
        raise _refused(refused) from refused
    if not data.strip():
        raise QuestionFileError(M_EMPTY)
    return data


def too_big():
    return lazy_format(M_TOO_BIG, limit=MAX_UPLOAD_BYTES // (1024 * 1024))


def refuse_known_formats(data):
    kind = uploads.sniff(data)
    if kind in _KNOWN_FORMATS:
        raise QuestionFileError(_KNOWN_FORMATS[kind])


def check_workbook_zip(data):
    """Refuse archives that are not workbooks, or that would unpack to too much,
    before openpyxl unpacks anything."""
    try:
        names = uploads.zip_names(
            data,
            max_entries=MAX_ZIP_ENTRIES,
            max_uncompressed=MAX_UNCOMPRESSED_BYTES,
        )
    except uploads.UploadRefused as refused:
        raise _refused(refused) from refused
    if "xl/workbook.xml" not in names:
        raise QuestionFileError(M_NOT_WORKBOOK)


def decode(data):
    """The file's text in NFC, or a message saying how to save it readably."""
    try:
        text = uploads.decode_text(data)
        uploads.check_text(text)
    except uploads.UploadRefused as refused:
        raise _refused(refused) from refused
    return unicodedata.normalize("NFC", text)
