"""What a person's name may contain: one rule for every way a name gets in.

Names are printed on login slips and certificates, so a name may hold only what the
PDF fonts (people/pdf_fonts.py) can draw: Latin letters — Vietnamese with all its
marks, and the Latin-script minority languages of the province (Tày, Nùng, H'Mông,
Dao…), which use the same letters — combining marks the fonts have, spaces,
apostrophes, hyphens and dots. No other scripts, no emoji, no control or format
characters (U+200B, U+202E…). Text is checked after NFC, as it is stored.
tests/people/test_names.py checks every character allowed here against the fonts.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .text import clean_text

_ASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LATIN_1 = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
# Latin Extended-A/B and Additional, only the letters the fonts draw; Ơ ơ Ư ư and
# the block from Ạ to ỹ are Vietnamese.
_LATIN_EXTENDED = (
    "ĀāĂăĄąĆćĊċČčĎďĐđĒēĖėĘęĚěĞğĠġĦħĨĩĪīĮįİıĹĺĽľŁłŃńŇňŌōŐőŒœŔŕŘřŚśŞşŠšŢţŤťŦŧŨũŪūŮů"
    "ŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǦǧḠḡẀẁẂẃẄẅẞ"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừ"
    "ỬửỮữỰựỲỳỴỵỶỷỸỹ"
)
LETTERS = frozenset(_ASCII + _LATIN_1 + _LATIN_EXTENDED)
# Marks left over after NFC when no precomposed letter exists.
MARKS = frozenset(
    chr(c)
    for c in (0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x309)
    + (0x30A, 0x30B, 0x30C, 0x312, 0x31B, 0x323, 0x326, 0x327, 0x328)
)
PUNCTUATION = frozenset(" '-.")
ALLOWED = LETTERS | MARKS | PUNCTUATION
CHECKED_LENGTH = 1000

# Typed or pasted variants, stored as the plain character: ʼ (U+02BC, the modifier
# letter apostrophe some H'Mông spellings use) has no glyph in the fonts.
_VARIANTS = str.maketrans(
    {
        "\u02bc": "'",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bb": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2010": "-",
        "\u2011": "-",
    }
)

M_NAME_CHARACTERS = _(
    "A name may contain only Latin letters (Vietnamese letters with their marks "
    "included), spaces, apostrophes ('), hyphens (-) and dots. Not allowed: "
    "%(chars)s."
)
M_NAME_NO_LETTER = _("A name must contain at least one letter.")


def _percent(message, params):
    return str(message) % params


# Filled in when shown, in the reader's language; module-level so it pickles.
_interpolate = lazy(_percent, str)


def clean_name(value):
    """NFC, single spaces, apostrophe and hyphen variants as plain ' and -."""
    return clean_text(clean_text(value).translate(_VARIANTS))


def disallowed_characters(value):
    """The characters of ``value`` (after NFC, spaces collapsed) no name may hold,
    each once, in order. Invisible ones are kept: a pasted U+200B must be refused,
    not silently carried into an account."""
    # Names are at most 150 characters: longer text is refused for its length
    # anyway, so only its start is looked at (a pasted megabyte costs nothing).
    text = str(value or "")[:CHECKED_LENGTH]
    text = unicodedata.normalize("NFC", text).translate(_VARIANTS)
    odd = {}  # a dict keeps the order; huge pasted input stays linear
    for char in text:
        if char not in ALLOWED and not char.isspace():
            odd.setdefault(char)
    return list(odd)


def describe(chars, limit=5):
    """“王”, U+202E…: visible characters quoted, invisible ones by code."""
    shown = []
    for char in chars[:limit]:
        category = unicodedata.category(char)
        if category[0] in "CZM":
            shown.append(f"U+{ord(char):04X}")
        else:
            shown.append(f"“{char}”")
    return ", ".join(shown)


def name_error(value):
    """The message for a name that may not be stored, or None if it may."""
    odd = disallowed_characters(value)
    if odd:
        return _interpolate(M_NAME_CHARACTERS, {"chars": describe(odd)})
    name = clean_name(value)
    if name and not any(char in LETTERS for char in name):
        return M_NAME_NO_LETTER
    return None


def validate_person_name(value):
    """Model and form validator; empty names are the field's business."""
    if not value:
        return
    message = name_error(value)
    if message is not None:
        raise ValidationError(message, code="name_characters")
