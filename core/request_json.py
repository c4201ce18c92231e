"""Reading a JSON request body with limits, so a hostile body is a 400, never a 500.

``json.loads`` recurses once per nesting level: ``[`` × 100,000 raises
RecursionError deep inside the parser. The depth is checked first, on the brackets
outside strings (a C regex scan, so a normal autosave body costs microseconds).
"""

import json
import re

MAX_BYTES = 64 * 1024
MAX_DEPTH = 16
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


class BadJSON(ValueError):
    """The body is not JSON we accept (too big, too deep, or not JSON at all)."""


def _depth(body):
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b"", body)):
        depth += 1 if bracket in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


def read_json(body, *, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, default=None):
    """The decoded body (``default`` when empty); BadJSON if it breaks a limit."""
    if not body:
        return default
    if len(body) > max_bytes:
        raise BadJSON("too large")
    if body.count(b"[") + body.count(b"{") > max_depth and _depth(body) > max_depth:
        raise BadJSON("too deep")
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise BadJSON(str(error)) from None
