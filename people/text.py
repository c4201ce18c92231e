"""Vietnamese text helpers: normalisation and name ordering, one home for both."""

import unicodedata


def clean_text(value):
    """NFC-normalise and collapse spaces: decomposed input breaks search and PDFs."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def given_name(full_name):
    """The given name is the last word of a full name ("Nguyễn Văn An" → "An")."""
    parts = clean_text(full_name).split(" ")
    return parts[-1] if parts else ""


def vietnamese_sort_key(full_name):
    """Sort the Vietnamese way: by given name, then by the rest of the name in order."""
    name = clean_text(full_name).casefold()
    parts = name.split(" ")
    return " ".join([parts[-1], *parts[:-1]]) if parts else ""
