"""Text files (CSV, Excel's "Unicode text"): the encoding, the delimiter, the rows.

BOMs first, then UTF-16 without a BOM, strict UTF-8, then Windows-1258; the
delimiter is the one under which a header row is recognised best.
"""

import csv
import io

from core import uploads

from .cells import RowCollector, has_text
from .headers import match_header_rows
from .limits import HEADER_SEARCH_ROWS
from .messages import (
    M_BAD_CSV,
    M_BAD_ENCODING,
    M_BINARY,
    M_EMPTY,
    RosterFileError,
    lazy_message,
)

_TEXT_PROBLEMS = {
    uploads.BINARY: M_BINARY,
    uploads.UNDECODABLE: M_BINARY,
    uploads.BAD_ENCODING: M_BAD_ENCODING,
}


def _decode(data):
    """The file's text (NFC comes later, per cell), checked for binary garbage."""
    try:
        text = uploads.decode_text(data)
        uploads.check_text(text)
    except uploads.UploadRefused as refused:
        raise RosterFileError(_TEXT_PROBLEMS[refused.reason]) from refused
    return text


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
                if has_text(cells)
            ]
        except csv.Error:
            continue
        header = match_header_rows(rows)
        score = len(header.mapping) if header else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def text_rows(data):
    text = _decode(data)
    delimiter = _choose_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = RowCollector(), 0
    try:
        for cells in reader:
            rows.add(line + 1, cells)
            line = reader.line_num
    except csv.Error as exc:
        raise RosterFileError(lazy_message(M_BAD_CSV, line=line + 1)) from exc
    if not rows.rows:
        raise RosterFileError(M_EMPTY)
    return rows.rows
