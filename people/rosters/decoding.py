"""Text files (CSV, Excel's "Unicode text"): the encoding, the delimiter, the rows.

BOMs first, then UTF-16 without a BOM, strict UTF-8, then Windows-1258; the
delimiter is the one under which a header row is recognised best.
"""

import codecs
import csv
import io
import re

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
    codec = bomless_utf16(data)
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


def bomless_utf16(data):
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
    _check_text(text)
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
