"""Bytes in, text or a workbook out, or one clear message about the file.

The same problems as a class list upload (people/rosters/), worded for question
files. Duplicated on purpose for now — roster.py keeps these helpers private and
worded for class lists; a shared ``people/uploads.py`` (limits, magic numbers,
encodings, zip-bomb checks) is the later restructuring (noted in issue 15).
"""

import codecs
import io
import unicodedata
import zipfile

from django.utils.translation import gettext_lazy as _

from people.rosters.decoding import bomless_utf16

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

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_upload(uploaded):
    """The upload's bytes, never reading more than one byte past the limit."""
    size = getattr(uploaded, "size", None)
    if isinstance(size, int) and size > MAX_UPLOAD_BYTES:
        raise QuestionFileError(too_big())
    try:
        uploaded.seek(0)
    except (AttributeError, OSError, ValueError):
        pass
    data = uploaded.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise QuestionFileError(too_big())
    if not data.strip():
        raise QuestionFileError(M_EMPTY)
    return data


def too_big():
    return lazy_format(M_TOO_BIG, limit=MAX_UPLOAD_BYTES // (1024 * 1024))


def refuse_known_formats(data):
    if data.startswith(b"%PDF-"):
        raise QuestionFileError(M_PDF)
    if data.startswith(_OLE_MAGIC) or data.startswith(b"{\\rtf"):
        raise QuestionFileError(M_OFFICE)
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise QuestionFileError(M_HTML)


def is_zip(data):
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def check_workbook_zip(data):
    """Refuse archives that are not workbooks, or that would unpack to too much,
    before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise QuestionFileError(M_CORRUPT) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise QuestionFileError(M_BOMB)
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise QuestionFileError(M_BOMB)
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise QuestionFileError(M_NOT_WORKBOOK)


def decode(data):
    """BOMs, then strict UTF-8, then Windows-1258 (old Vietnamese files); NFC."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _nfc(_strict(data[len(bom) :], codec))
    codec = bomless_utf16(data)
    if codec:
        return _nfc(_strict(data, codec))
    if b"\x00" in data:
        raise QuestionFileError(M_BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _strict(data, "cp1258")
    controls = sum(
        1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\r\n"
    )
    if controls > max(2, len(text) // 100):
        raise QuestionFileError(M_BINARY)
    return _nfc(text)


def _nfc(text):
    return unicodedata.normalize("NFC", text)


def _strict(data, codec):
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise QuestionFileError(M_ENCODING) from exc
