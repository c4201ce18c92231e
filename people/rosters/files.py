"""The upload as bytes: read within the size limit, known non-spreadsheet formats
refused by name (PDF, old Excel, Word, ODS…), and the rows of an .xlsx workbook.

A zip is checked for bombs before openpyxl opens it.
"""

import io
import logging
import warnings
import zipfile

import openpyxl

from .cells import RowCollector
from .limits import (
    MAX_COMPRESSION_RATIO,
    MAX_UPLOAD_BYTES,
    MAX_XLSX_ENTRIES,
    MAX_XLSX_UNCOMPRESSED_BYTES,
    RATIO_CHECK_MIN_BYTES,
)
from .messages import (
    M_CORRUPT_XLSX,
    M_EMPTY_SHEET,
    M_ENCRYPTED,
    M_HTML,
    M_NO_SHEET,
    M_ODS,
    M_OLD_EXCEL,
    M_OTHER_OFFICE,
    M_PDF,
    M_TOO_BIG,
    M_WORD,
    M_XLSB,
    M_XML_2003,
    M_ZIP,
    M_ZIP_BOMB,
    RosterFileError,
    lazy_message,
)

logger = logging.getLogger(__name__)


def read_limited(uploaded):
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
    return lazy_message(M_TOO_BIG, limit=MAX_UPLOAD_BYTES // (1024 * 1024))


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


def refuse_known_formats(data, filename):
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


def is_zip(data):
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


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
        if info.file_size > RATIO_CHECK_MIN_BYTES and info.file_size > ratio_limit:
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


def xlsx_rows(data):
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
    rows = RowCollector()
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.add(number, values)
    if not rows.rows:
        raise RosterFileError(lazy_message(M_EMPTY_SHEET, sheet=sheet.title))
    return rows.rows
