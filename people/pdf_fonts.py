"""Fonts for every PDF the portal prints (login slips, certificates).

Helvetica and ReportLab's bundled Vera have no Vietnamese letters and would print
boxes. Be Vietnam Pro (OFL) comes from PyPI as a dependency, so no machine font is
assumed. Text is checked glyph by glyph before drawing: a missing glyph fails loudly
instead of printing a box on an official document.
"""

from functools import cache
from importlib.resources import files

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .text import clean_text

FONT_PACKAGE = "fontpkg_be_vietnam_pro"
STYLES = {
    "Regular": "BeVietnamPro-Regular",
    "Bold": "BeVietnamPro-Bold",
    "SemiBold": "BeVietnamPro-SemiBold",
    "Italic": "BeVietnamPro-Italic",
}


class MissingGlyphError(ValueError):
    """The text has a character the font cannot draw."""


@cache
def register_fonts():
    """Register the family once per process; returns {style: font name}."""
    names = {}
    for style, stem in STYLES.items():
        path = files(FONT_PACKAGE) / "files" / f"{stem}.ttf"
        pdfmetrics.registerFont(TTFont(stem, str(path)))
        names[style] = stem
    pdfmetrics.registerFontFamily(
        STYLES["Regular"],
        normal=STYLES["Regular"],
        bold=STYLES["Bold"],
        italic=STYLES["Italic"],
        boldItalic=STYLES["Bold"],
    )
    return names


@cache
def _covered(font_name):
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def printable(text, font_name):
    """NFC text checked against the font; raises MissingGlyphError naming the char."""
    register_fonts()
    text = clean_text(text)
    covered = _covered(font_name)
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in covered})
    if missing:
        shown = ", ".join(f"{c!r} U+{ord(c):04X}" for c in missing)
        raise MissingGlyphError(f"{font_name} cannot draw {shown} in {text!r}")
    return text
