"""Verification codes and serial numbers.

A verification code is 13 characters of Crockford's base 32 (65 random bits): far
beyond guessing, short enough to type from paper, and without I, L, O or U, so that
nothing is mistaken for 1 or 0. Typed input is forgiving: case, spaces and dashes
are ignored, and O/I/L are read as 0/1/1.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 13  # 13 × 5 = 65 bits
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -._\u00a0")


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed):
    """The stored form of a typed code, or "" if it cannot be one."""
    code = str(typed or "").upper().translate(_IGNORED).translate(_READ_AS)
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return ""
    return code


def format_code(code):
    """Groups of 4-4-5 for reading aloud and typing: 7KQ4-M2XD-9PTRA."""
    if len(code) != CODE_LENGTH:
        return code
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def format_serial(number, year, suffix):
    suffix = f"/{suffix}" if suffix else ""
    return f"{number:05d}/{year}{suffix}"
