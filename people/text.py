"""Vietnamese text helpers: normalisation and name ordering, one home for both."""

import unicodedata

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
