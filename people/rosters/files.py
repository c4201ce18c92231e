"""The upload as bytes: read within the size limit, known non-spreadsheet formats
refused by name (PDF, old Excel, Word, ODS…), and the rows of an .xlsx workbook.

A zip is checked for bombs before openpyxl opens it. The reading and sniffing are
``core.uploads``; this module words what it finds for class lists.
"""

import io
import logging
import warnings

import openpyxl

from core import uploads

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


_FILE_PROBLEMS = {
    uploads.CORRUPT_ZIP: M_CORRUPT_XLSX,
    uploads.ZIP_BOMB: M_ZIP_BOMB,
}
_KNOWN_FORMATS = {
    uploads.PDF: M_PDF,
    uploads.RTF: M_WORD,
    uploads.XML_2003: M_XML_2003,
    uploads.HTML: M_HTML,
}
_OLE_KINDS = {
    "encrypted": M_ENCRYPTED,
    "word": M_WORD,
    "excel": M_OLD_EXCEL,
    "office": M_OTHER_OFFICE,
}


def read_limited(uploaded):
    """Read the upload, never more than one byte past the limit."""
    try:
        return uploads.read_limited(uploaded, MAX_UPLOAD_BYTES)
    except uploads.UploadRefused as refused:
        raise RosterFileError(_too_big()) from refused


def _too_big():
    return lazy_message(M_TOO_BIG, limit=MAX_UPLOAD_BYTES // (1024 * 1024))


def refuse_known_formats(data, filename):
    """Formats that are clearly not a class list get a message naming them."""
    kind = uploads.sniff(data)
    if kind == uploads.OLE:
        raise RosterFileError(_OLE_KINDS[uploads.ole_kind(data, filename)])
    if kind in _KNOWN_FORMATS:
        raise RosterFileError(_KNOWN_FORMATS[kind])


def _check_workbook_zip(data):
    try:
        names = uploads.zip_names(
            data,
            max_entries=MAX_XLSX_ENTRIES,
            max_uncompressed=MAX_XLSX_UNCOMPRESSED_BYTES,
            max_ratio=MAX_COMPRESSION_RATIO,
            ratio_from=RATIO_CHECK_MIN_BYTES,
        )
    except uploads.UploadRefused as refused:
        raise RosterFileError(_FILE_PROBLEMS[refused.reason]) from refused
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
