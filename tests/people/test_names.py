"""What a name may contain (people/names.py), and that the PDF fonts draw all of it."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from fontpkg_be_vietnam_pro import ROOT as FONT_ROOT
from fontTools.ttLib import TTFont

from people.names import ALLOWED, clean_name, name_error, validate_person_name
from people.pdf_fonts import STYLES

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ"
    "pqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


@pytest.mark.parametrize("style", sorted(STYLES.values()))
def test_every_allowed_character_has_a_glyph_in_every_pdf_face(style):
    cmap = TTFont(FONT_ROOT / "files" / f"{style}.ttf").getBestCmap()
    assert sorted(c for c in ALLOWED if ord(c) not in cmap) == []


def test_no_allowed_character_is_invisible_or_from_another_script():
    for char in ALLOWED:
        category = unicodedata.category(char)
        assert category[0] != "C", hex(ord(char))
        if category[0] == "L":
            assert unicodedata.name(char).startswith("LATIN "), char


@pytest.mark.parametrize(
    "name",
    [
        VIETNAMESE,
        VIETNAMESE.upper(),
        "Nguyễn Thị Ánh Tuyết",
        unicodedata.normalize("NFD", "Đoàn Thị Ánh"),  # decomposed input composes
        "Hoàng Thị Phương-Anh",
        "Lò Văn Páo",  # Thái
        "Nông Văn Dền",  # Tày
        "Hoàng A Tráng",  # Nùng
        "H'Mông Giàng A Sùng",
        "Hʼ Mông",  # modifier letter apostrophe, stored as '
        "Triệu Tòn Phin",  # Dao
        "Mary-Jane O'Neil Jr.",
        "Müller Zoë Ñúñez",
    ],
)
def test_vietnamese_and_minority_language_names_are_allowed(name):
    assert name_error(name) is None
    validate_person_name(name)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Trần 王 Minh", "“王”"),
        ("Nguyễn Văn 😀", "“😀”"),
        ("Nguyễn\u202eVăn", "U+202E"),
        ("Nguyễn\u200bVăn", "U+200B"),
        ("Nguyễn\u00adVăn", "U+00AD"),
        ("Nguyễn\x07Văn", "U+0007"),
        ("Nguyễn Vаn", "“а”"),  # Cyrillic а: looks Latin, is not
        ("Ĉu Văn", "“Ĉ”"),  # Latin, but no glyph in the fonts
        ("<script>", "“<”"),
    ],
)
def test_other_scripts_emoji_and_control_characters_are_refused(name, shown):
    with pytest.raises(ValidationError) as error:
        validate_person_name(name)
    message = str(error.value.messages[0])
    assert shown in message
    assert "Latin" in message or "Latinh" in message


def test_a_name_needs_a_letter():
    with pytest.raises(ValidationError):
        validate_person_name("- . '")


def test_clean_name_stores_apostrophe_variants_plainly():
    assert clean_name("  Hʼ   Mông ") == "H' Mông"
    assert clean_name("Phương\u2011Anh") == "Phương-Anh"
