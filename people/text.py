"""Vietnamese text helpers: normalisation and name ordering, one home for both."""

import re
import unicodedata

from django.utils.text import slugify

# The Vietnamese alphabet, with f j w z (foreign words) where Latin puts them.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: f"{rank:02d}" for rank, letter in enumerate(_ALPHABET, 11)}
_DIGIT_RANK = {str(d): f"{d + 1:02d}" for d in range(10)}
# Dictionary order of the tones: none, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WORD_SEPARATOR = "00"


def clean_text(value):
    """NFC-normalise and collapse spaces: decomposed input breaks search and PDFs."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def fold(value):
    """Lower-case ASCII without marks: "Đoàn Thị Ánh" -> "doan thi anh".

    For matching what people type without Vietnamese diacritics; not for display.
    """
    text = clean_text(value).replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    return stripped.casefold()


def ascii_slug(value):
    """An ASCII slug: "Nhận diện lừa đảo" -> "nhan-dien-lua-dao", easy to read and type.

    Django's own slugify drops "đ" (it has no ASCII decomposition); ``fold`` maps it.
    """
    return slugify(fold(value))


_WORD = re.compile(r"\w+")
# Marks that shape a letter (â ê ô, ă, ơ ư; đ has its own code) and the five tones.
_SHAPE_CODE = {"\u0302": "6", "\u0306": "8", "\u031b": "7"}
_TONE_CODE = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def mark_keys(value):
    """An ASCII key per word with marks: "Đoàn đoán" -> "doan090002 doan090001".

    A search index that drops marks (or only some of them, as SQLite's FTS5 does)
    cannot tell "Đoàn" from "đoán"; indexed next to ``fold``'s copy, these keys let
    search rank exact words first. A word's tone counts wherever it sits, so the old
    and new spellings "hoà" and "hòa" share a key.
    """
    keys = []
    for word in _WORD.findall(clean_text(value).casefold()):
        shapes, tones = [], ""
        for char in word:
            shape = "9" if char == "đ" else "0"
            for mark in unicodedata.normalize("NFD", char)[1:]:
                if mark in _TONE_CODE:
                    tones += _TONE_CODE[mark]
                else:
                    shape = _SHAPE_CODE.get(mark, "1")
            shapes.append(shape)
        if tones or shapes.count("0") < len(shapes):
            keys.append(f"{fold(word)}0{''.join(shapes)}{tones or '0'}")
    return " ".join(keys)


def given_name(full_name):
    """The given name is the last word of a full name ("Nguyễn Văn An" → "An")."""
    parts = clean_text(full_name).split(" ")
    return parts[-1] if parts else ""


def _letter_and_tone(char):
    """Split "ấ" into its letter "â" and its tone rank; tones sort after letters."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = "0"
    kept = []
    for part in decomposed:
        if part in _TONE_RANK:
            tone = _TONE_RANK[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def vietnamese_sort_key(full_name):
    """A plain digit string that sorts names the Vietnamese way, in Python and in SQL.

    Given name first, then the rest in order; letters by the Vietnamese alphabet
    (a < ă < â < b …, d < đ), tones only when the letters tie. Digits only, so that
    every database collation compares it the same way.
    """
    words = clean_text(full_name).casefold().split(" ")
    words = [words[-1], *words[:-1]] if words and words[0] else []
    letters, tones = [], []
    for word in words:
        for char in word:
            letter, tone = _letter_and_tone(char)
            letters.append(_LETTER_RANK.get(letter) or _DIGIT_RANK.get(letter, "99"))
            tones.append(tone)
        letters.append(_WORD_SEPARATOR)
    return "".join(letters) + _WORD_SEPARATOR + "".join(tones)
