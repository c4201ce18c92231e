"""Opaque cursors: a signed position in a keyset order, never an offset.

A cursor is the sort key of the last row sent, so rows inserted before it never
shift a page and nothing is sent twice. Signed, so a forged or edited cursor is
refused (400) instead of reaching the database.
"""

from django.core import signing
from ninja.errors import HttpError

SALT = "reports.api.cursor"


def encode(endpoint, key):
    return signing.dumps([endpoint, list(key)], salt=SALT, compress=True)


def decode(endpoint, cursor, parse=tuple):
    """``parse(key)`` of the key encoded for ``endpoint``, or None without a
    cursor; 400 if forged, made for another endpoint or unreadable."""
    if not cursor:
        return None
    try:
        name, key = signing.loads(cursor, salt=SALT)
        if name != endpoint:
            raise ValueError(name)
        return parse(key)
    except (signing.BadSignature, ValueError, TypeError, IndexError):
        raise HttpError(400, "Invalid cursor.") from None


def by_id(key):
    return (int(key[0]),)
