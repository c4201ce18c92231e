"""Hypothesis strategies for bad input, shared by tests/fuzz and
benchmarks/bad_input.py.

``request_for(route, pools, fields)`` draws one request: a role, a method, values for
the URL's parts (real ids of any unit, ids nobody has, overflowing numbers, or bad
text), query parameters and form fields (the names the page's own forms use, plus
common ones) holding wrong types, huge and deeply nested values, control and bidi
characters, impossible dates and numbers, and malformed files for upload fields.
Nothing here talks to Django's test client: the caller sends the request.
"""

import re
import struct
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import strategies as st

from tests.fuzz.routes import fill
from tests.fuzz.world import ROLES

CONTROL = [chr(c) for c in (0, 1, 7, 8, 9, 10, 13, 27, 31, 127, 0x85)]
BIDI = ["\u202e", "\u202d", "\u200b", "\u200d", "\u2066", "\u2069", "\ufeff", "\u061c"]
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "-0",
    "99999999999999999999999999",
    str(2**63),
    str(2**31),
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "31/02/2026",
    "2026-13-45",
    "2026-02-30T25:61",
    "true",
    "null",
    "[]",
    "{}",
    "on",
    "<script>alert(1)</script>",
    "<p>HTML thô</p>",
    "' OR 1=1 --",
    "%(x)s {0} %s %d",
    "../../etc/passwd",
    '=HYPERLINK("http://x.example","Bấm")',
    "Trần 王 Minh 😀",
    "Nguyễn\u202eVăn",
    "x\x00y",
    "[" * 2000,
    '{"a":' * 500,
    "https://evil.example/",
    "//evil.example",
    "javascript:alert(1)",
    "2026-2027",
    "10A1",
]
COMMON_FIELDS = [
    "q",
    "p",
    "page",
    "next",
    "format",
    "ordering",
    "open",
    "reason",
    "id",
    "ids",
    "action",
    "title",
    "slug",
    "email",
    "username",
    "password",
    "file",
    "answers",
    "khoa-hoc",
    "doi-tuong",
    "don-vi",
    "lop",
    "nam-hoc",
    "tu-ngay",
    "den-ngay",
    "body-count",
    "body-0-type",
    "body-0-value",
    "questions-count",
    "questions-0-value",
]
METHODS = ["GET", "GET", "POST", "POST", "POST", "HEAD", "PUT", "DELETE", "PATCH"]


def _png(width, height, data=b"\x00\x00\x00\x00"):
    def chunk(kind, body):
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(data))
        + chunk(b"IEND", b"")
    )


MALFORMED_FILES = [
    ("rong.csv", b"", "text/csv"),
    ("roster.csv", b"\xff\xfe\x00\x00garbage\x80\x81", "text/csv"),
    ("roster.csv", "STT,Họ và tên\n1,\u202eabc\x00\n".encode(), "text/csv"),
    ("roster.csv", b"STT;H\xe1\xbb\x8d\n" + b'"' * 5000, "text/csv"),
    ("roster.xlsx", b"PK\x03\x04" + b"\x00" * 60, "application/vnd.ms-excel"),
    ("roster.xlsx", b"not a zip at all", "application/octet-stream"),
    ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
    ("anh.png", _png(60000, 60000), "image/png"),  # a decompression bomb header
    ("anh.png", _png(0, 0), "image/png"),
    ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 30, "image/jpeg"),
    ("anh.gif", b"GIF89a" + b"\xff" * 10, "image/gif"),
    ("anh.svg", b"<svg onload=alert(1)>", "image/svg+xml"),
    ("../../etc/passwd", b"root:x:0:0", "text/plain"),
    ("a" * 300 + ".csv", b"STT\n1\n", "text/csv"),
    ("\u202egpj.exe", b"MZ\x90\x00", "application/octet-stream"),
    ("tai-lieu.pdf", b"%PDF-1.4\n%\xe2\xe3 broken", "application/pdf"),
    ("x\x00.csv", b"a,b\n", "text/csv"),
]


@dataclass
class Request:
    """One generated request; ``path`` already filled in."""

    role: str
    method: str
    path: str
    query: list = field(default_factory=list)  # [(name, value)]
    data: list = field(default_factory=list)  # [(name, value)] form fields
    files: list = field(default_factory=list)  # [(field, filename, bytes, type)]
    json_body: bytes | None = None

    def __repr__(self):
        return self.describe()

    def describe(self):
        size = len(self.json_body or b"") + sum(len(str(v)) for _n, v in self.data)
        return (
            f"{self.role} {self.method} {self.path[:200]} "
            f"query={_short(self.query)} data={_short(self.data)} "
            f"files={[(f[0], f[1][:40]) for f in self.files]} "
            f"json={self.json_body[:60] if self.json_body else None!r} ({size} chars)"
        )


def _short(pairs):
    return [(n[:40], v[:40] + ("…" if len(v) > 40 else "")) for n, v in pairs[:6]]


def bad_text():
    alphabet = st.characters(codec="utf-8", exclude_categories=["Cs"])
    wild = st.text(
        alphabet=st.one_of(alphabet, st.sampled_from(CONTROL + BIDI)), max_size=40
    )
    return st.one_of(
        st.sampled_from(NASTY),
        wild,
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(["x" * 10_000, "ệ" * 3000, "9" * 5000]),
    )


def nested_json(depth):
    leaf = st.one_of(st.none(), st.booleans(), st.integers(), bad_text())
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(bad_text(), inner, max_size=3),
        ),
        max_leaves=depth,
    )


def json_body():
    return st.one_of(
        nested_json(12).map(lambda v: __import__("json").dumps(v).encode()),
        st.sampled_from(
            [
                b"[" * 100_000,
                b'{"answers": ' + b"[" * 3000,
                b'{"answers": {"x": ["y"]}}',
                b'{"answers": "' + b"a" * 70_000 + b'"}',
                b"\xff\xfe\x00",
                b"not json",
            ]
        ),
    )


def part_value(name, kind, pools):
    pool = pools.get(name) or ["1"]
    if kind in ("int", "digits") or name == "digits":
        return st.sampled_from(pool)
    return st.one_of(
        st.sampled_from(pool),
        st.sampled_from(pool),
        bad_text().map(lambda t: re.sub(r"[/?#%\x00-\x20]", "", t)[:60] or "x"),
    )


@st.composite
def request_for(draw, route, pools, fields=(), file_fields=(), roles=ROLES):
    """One request for ``route``. ``fields``: names seen in its forms;
    ``file_fields``: those of upload inputs."""
    values = [
        draw(part_value(name, kind, pools))
        for (name, kind), _regex in zip(route.parts, route.regexes, strict=True)
    ]
    method = draw(st.sampled_from(METHODS))
    names = list(dict.fromkeys([*fields, *COMMON_FIELDS]))
    pick = st.sampled_from(names)
    query = draw(st.lists(st.tuples(pick, bad_text()), max_size=3))
    request = Request(
        role=draw(st.sampled_from(roles)),
        method=method,
        path=fill(route, values),
        query=query,
    )
    if method in ("POST", "PUT", "PATCH"):
        if draw(st.integers(0, 9)) == 0:
            request.json_body = draw(json_body())
        else:
            own = [n for n in fields if n not in file_fields]
            keep = draw(st.sets(st.sampled_from(own), max_size=len(own))) if own else []
            request.data = [(n, draw(bad_text())) for n in sorted(keep)]
            request.data += draw(st.lists(st.tuples(pick, bad_text()), max_size=3))
            uploads = list(file_fields) or (["file"] if draw(st.booleans()) else [])
            for name in uploads:
                filename, content, kind = draw(st.sampled_from(MALFORMED_FILES))
                request.files.append((name, filename, content, kind))
    return request


class FormFields(HTMLParser):
    """The names of the inputs of the forms on a page, and which are uploads."""

    def __init__(self):
        super().__init__()
        self.names, self.files = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "select", "textarea", "button") and name:
            if name == "csrfmiddlewaretoken":
                return
            self.names.append(name)
            if tag == "input" and (attrs.get("type") or "").lower() == "file":
                self.files.append(name)


def form_fields(html):
    parser = FormFields()
    try:
        parser.feed(html)
    except Exception:  # noqa: S110 - a page we cannot parse just teaches no names
        pass
    return list(dict.fromkeys(parser.names)), list(dict.fromkeys(parser.files))
