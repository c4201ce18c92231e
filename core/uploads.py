"""Reading an uploaded file safely, for every reader of uploads (class lists in
``people.rosters``, question files in ``courses.question_formats``).

This module knows bytes, not people: it reads within a size limit, tells known
formats apart by their first bytes, checks a zip before anything unpacks it and
decodes text the way Vietnamese files are written. What goes wrong is raised as
``UploadRefused`` with a ``reason`` (one of the constants below); each reader
words it for its own users and keeps its own limits.
"""

import codecs
import io
import re
import zipfile

TOO_BIG = "too_big"
CORRUPT_ZIP = "corrupt_zip"
ZIP_BOMB = "zip_bomb"
BINARY = "binary"  # not text at all (NUL bytes, control characters)
BAD_ENCODING = "bad_encoding"  # a BOM or UTF-16 whose bytes do not decode
UNDECODABLE = "undecodable"  # neither UTF-8 nor Windows-1258

# What ``sniff`` tells apart by a file's first bytes.
PDF = "pdf"
OLE = "ole"  # old Excel or Word, or a password-protected xlsx (see ole_kind)
RTF = "rtf"
XML_2003 = "xml_2003"  # Excel's "XML Spreadsheet 2003"
HTML = "html"  # a web page, or Excel's "save as web page"
XML = "xml"  # some other XML document

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than whitespace: text decoded from binary garbage is
# full of them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class UploadRefused(Exception):
    """The file cannot be read; ``reason`` says why, for the reader to word."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def read_limited(uploaded, max_bytes):
    """The upload's bytes, never reading more than one byte past ``max_bytes``."""
    size = getattr(uploaded, "size", None)
    if isinstance(size, int) and size > max_bytes:
        raise UploadRefused(TOO_BIG)
    try:
        uploaded.seek(0)
    except (AttributeError, OSError, ValueError):
        pass
    chunks, total = [], 0
    while total <= max_bytes:
        chunk = uploaded.read(max_bytes + 1 - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        raise UploadRefused(TOO_BIG)
    return b"".join(chunks)


def sniff(data):
    """The known format the bytes are in (PDF, OLE, …), or None for the rest."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(_OLE_MAGIC):
        return OLE
    if data.startswith(b"{\\rtf"):
        return RTF
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        return XML_2003
    start = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or (
        start.startswith(b"<") and b"<table" in start
    ):
        return HTML
    if start.startswith(b"<?xml"):
        return XML
    return None


def ole_kind(data, filename=""):
    """What an OLE compound file holds: "encrypted" (a password-protected xlsx),
    "word", "excel" (before 2007), else "office"; the file name's suffix decides
    when no stream name does."""

    def has_stream(name):
        return name.encode("utf-16-le") in data

    if has_stream("EncryptedPackage"):
        return "encrypted"
    if has_stream("WordDocument"):
        return "word"
    if has_stream("Workbook") or has_stream("Book"):
        return "excel"
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {"xls": "excel", "doc": "word"}.get(suffix, "office")


def is_zip(data):
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def zip_names(data, *, max_entries, max_uncompressed, max_ratio=None, ratio_from=0):
    """The names in a zip, refused as a bomb before anything is unpacked.

    Python's zipfile never returns more bytes than an entry declares (and checks
    the CRC), so checking the declared sizes is enough. ``max_ratio`` also refuses
    an entry larger than ``ratio_from`` bytes that is compressed more than that.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
    ) as exc:
        raise UploadRefused(CORRUPT_ZIP) from exc
    if len(infos) > max_entries:
        raise UploadRefused(ZIP_BOMB)
    if sum(info.file_size for info in infos) > max_uncompressed:
        raise UploadRefused(ZIP_BOMB)
    if max_ratio is not None:
        for info in infos:
            ratio_limit = max_ratio * max(info.compress_size, 1)
            if info.file_size > ratio_from and info.file_size > ratio_limit:
                raise UploadRefused(ZIP_BOMB)
    return {info.filename for info in infos}


def decode_text(data):
    """BOMs first, then UTF-16 without a BOM, strict UTF-8, then Windows-1258 (old
    Vietnamese files). Not normalised: each reader does that where it needs to."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec)
    codec = bomless_utf16(data)
    if codec:
        return _strict(data, codec)
    if b"\x00" in data:
        raise UploadRefused(BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise UploadRefused(UNDECODABLE) from exc


def _strict(data, codec):
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UploadRefused(BAD_ENCODING) from exc


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


def check_text(text):
    """Refuse text decoded from binary garbage (full of control characters)."""
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise UploadRefused(BINARY)
